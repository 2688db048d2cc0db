#!/usr/bin/env bash
# Retrieval at scale on ONE core: embedded exact vs embedded HNSW (float32) vs embedded HNSW int8 + float re-scoring,
# same seeded clustered vectors and held-out queries, one process run. Results go to bench/RETRIEVAL.md by hand.
# Usage: bash bench/run-retrieval.sh [--count 1000000] [--queries 1000] [--ef-sweep 32,128] [--ef-construction 100] ...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$root/bench/BasketReasoner.Bench.Retrieval" -c Release --nologo -v quiet -clp:ErrorsOnly
# nice: the machine is shared; taskset: every latency and build number is single-core.
DOTNET_TieredPGO=1 nice -n 10 taskset -c 0 dotnet "$root/bench/BasketReasoner.Bench.Retrieval/bin/Release/net10.0/BasketReasoner.Bench.Retrieval.dll" "$@"
