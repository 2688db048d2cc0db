#!/usr/bin/env bash
# The evaluation harness's own overhead per case: 1,000 shopper questions against a loopback OpenAI-compatible
# Kestrel server in the same process that answers instantly (a stand-in for a model), concurrency 8.
# Usage: bash bench/run-eval-overhead.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$root/bench/BasketReasoner.Bench.Eval" -c Release --nologo -v quiet -clp:ErrorsOnly
cd "$root" && dotnet "$root/bench/BasketReasoner.Bench.Eval/bin/Release/net10.0/BasketReasoner.Bench.Eval.dll"
