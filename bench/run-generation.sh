#!/usr/bin/env bash
# Generation benchmark: PyTorch eager reference, then our engine (fp32, int8) and llama.cpp via LLamaSharp (the
# folder's basket-vlm-{f16,q8_0,q4_0}.gguf, when present) on the same model and prompt shape,
# one thread each, printed together with ratios. Usage: bench/run-generation.sh [MODEL_DIR] (default models/vlm,
# falling back to the tiny random test model when the trained model is not exported).
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-models/vlm}"
[ -f "$MODEL/config.json" ] || MODEL=models/vlm/tiny-random
TORCH_JSON="$(mktemp)"
trap 'rm -f "$TORCH_JSON"' EXIT
OMP_NUM_THREADS=1 nice -n 5 /usr/bin/python3 models/training/vlm/torch_generate_bench.py --model "$MODEL" --new 64 --runs 10 --threads 1 > "$TORCH_JSON"
nice -n 5 dotnet run -c Release --project bench/BasketReasoner.Bench.Generation -- --model "$MODEL" --new 64 --runs 10 --torch "$TORCH_JSON"
