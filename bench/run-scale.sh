#!/usr/bin/env bash
# Samples per second of the weight-event detector on ONE core, and the ratio to a naive reference (window
# statistics recomputed from scratch per sample), both in the same run on the same simulated stream.
# Usage: bash bench/run-scale.sh [PASSES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$root/bench/BasketReasoner.Bench.Scale" -c Release --nologo -v quiet -clp:ErrorsOnly
taskset -c 0 dotnet "$root/bench/BasketReasoner.Bench.Scale/bin/Release/net10.0/BasketReasoner.Bench.Scale.dll" --passes "${1:-20}"
