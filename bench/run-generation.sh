#!/usr/bin/env bash
# Generation benchmark, one run, one table (bench/GENERATION.md): PyTorch eager (the trained weights read back from the
# model folder's ONNX files), our engine (fp32, int8, plain export), ONNX Runtime GenAI (image through its
# image_features input) and llama.cpp via LLamaSharp (the folder's basket-vlm-{f16,q8_0,q4_0}.gguf, when present) on
# the same model and prompt (one image + 64 text tokens), one thread each, with ratios; then the on-device stage per
# ambiguous event (OnDeviceCandidateChooser.ChooseAsync on EVENTS val photos, 4 candidates, p50/p95 per runtime).
# Usage: bench/run-generation.sh [MODEL_DIR] (default models/vlm, falling back to the tiny random test model when the
# trained model is not exported). Environment: EVENTS (default 50, 0 = skip the on-device stage), RUNS (default 10),
# BASKET_DATA_ROOT (the GroceryStoreDataset folder; default ../shared/datasets beside the checkout).
set -euo pipefail
# A fair PyTorch reference needs an optimised BLAS: Debian's torch calls libblas.so.3, the reference BLAS unless
# OpenBLAS is installed (models/training/setup-python.sh), about 20x slower matmuls.
if ! readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null | grep -qi openblas; then
  echo "warning: libblas.so.3 is not OpenBLAS; the PyTorch reference will be slow (bash models/training/setup-python.sh)" >&2
fi
cd "$(dirname "$0")/.."
MODEL="${1:-models/vlm}"
[ -f "$MODEL/config.json" ] || MODEL=models/vlm/tiny-random
RUNS="${RUNS:-10}"
TORCH_JSON="$(mktemp)"
trap 'rm -f "$TORCH_JSON"' EXIT
OMP_NUM_THREADS=1 nice -n 5 /usr/bin/python3 models/training/vlm/torch_generate_bench.py --model "$MODEL" --new 64 --runs "$RUNS" --threads 1 > "$TORCH_JSON"
nice -n 5 dotnet run -c Release --project bench/BasketReasoner.Bench.Generation -- --model "$MODEL" --new 64 --runs "$RUNS" --torch "$TORCH_JSON" --events "${EVENTS:-50}"
