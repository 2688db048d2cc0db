#!/usr/bin/env bash
# Retrieval at scale on ONE core: embedded exact vs embedded HNSW (float32) vs embedded HNSW int8 + float re-scoring,
# and optionally pgvector HNSW, same seeded clustered vectors, held-out queries and ground truth, one process run.
# Results go to bench/RETRIEVAL.md by hand.
# Usage: bash bench/run-retrieval.sh [--count 1000000] [--queries 1000] [--ef-sweep 32,128] [--ef-construction 100]
#          [--backends exact,hnsw,hnsw-int8,pgvector] [--pg "Host=...;Port=...;..."] ...
# pgvector: connection from --pg, else BASKET_PG, else the cluster scripts/setup-postgres.sh starts (started here when
# pgvector is asked for; idempotent). The server is not pinned: its latency is wall clock per query over loopback, and
# its CPU is read from the server backend's /proc entry and reported in its own column.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case " $* " in
  *pgvector*) [ -n "${BASKET_PG:-}" ] || [[ " $* " == *" --pg "* ]] || bash "$root/scripts/setup-postgres.sh" ;;
esac
dotnet build "$root/bench/BasketReasoner.Bench.Retrieval" -c Release --nologo -v quiet -clp:ErrorsOnly
# nice: the machine is shared; taskset: every latency and build number is single-core.
DOTNET_TieredPGO=1 nice -n 10 taskset -c 0 dotnet "$root/bench/BasketReasoner.Bench.Retrieval/bin/Release/net10.0/BasketReasoner.Bench.Retrieval.dll" "$@"
