#!/usr/bin/env bash
# Per-event latency on ONE core: ours (C#: SkiaSharp decode + preprocess, ONNX Runtime, retrieval, fusion) vs the
# same model in PyTorch eager (PIL + torch), on the same frames, in one run. Needs the training checkpoint for the
# reference (models/training/work/*.pt); without it only our numbers are printed.
# Usage: bash bench/run-latency.sh [EVENTS] [CKPT] [BENCH OPTIONS: --precision int8|float32, --mirror, --model DIR]
set -euo pipefail
# A fair PyTorch reference needs an optimised BLAS: Debian's torch calls libblas.so.3, the reference BLAS unless
# OpenBLAS is installed (models/training/setup-python.sh), about 20x slower matmuls.
if ! readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null | grep -qi openblas; then
  echo "warning: libblas.so.3 is not OpenBLAS; the PyTorch reference will be slow (bash models/training/setup-python.sh)" >&2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-1000}"
ckpt="${2:-$root/models/training/work/recognizer_v3.pt}"
shift $(( $# < 2 ? $# : 2 ))
images="${BASKET_DATA_ROOT:-$root/../shared/datasets/GroceryStoreDataset}/dataset"
dotnet build "$root/bench/BasketReasoner.Bench" -c Release --nologo -v quiet -clp:ErrorsOnly
frames=$(mktemp)
ref=$(mktemp)
cd "$root"
# Write the frame list first (a short run), so the reference measures exactly the same frames.
taskset -c 0 dotnet "$root/bench/BasketReasoner.Bench/bin/Release/net10.0/BasketReasoner.Bench.dll" --events "$events" --frame-list "$frames" >/dev/null
if [ -f "$ckpt" ] && /usr/bin/python3 -c "import torch" 2>/dev/null; then
  taskset -c 0 /usr/bin/python3 "$root/bench/torch_reference.py" --frames "$frames" --images "$images" --ckpt "$ckpt" > "$ref"
else
  echo "reference skipped: no checkpoint at $ckpt or no python3-torch" >&2
fi
taskset -c 0 dotnet "$root/bench/BasketReasoner.Bench/bin/Release/net10.0/BasketReasoner.Bench.dll" --events "$events" --frame-list "$frames" --reference "$ref" "$@"
