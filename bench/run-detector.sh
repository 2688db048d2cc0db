#!/usr/bin/env bash
# Item-detector benchmark on ONE core: the PyTorch eager reference (bench/torch_detector_reference.py, same
# weights, one thread) and ours (ONNX Runtime, one intra-op thread, SkiaSharp decode), both pinned to core 0, in
# one run, printed with ratios. Usage: bash bench/run-detector.sh [FRAMES] [SCENES_DIR]
# (SCENES_DIR: a rendered scene folder for real frames; default procedural frames). The reference imports the
# model definition from models/training/detector (the detector branch); DETECTOR_TRAINING=DIR points elsewhere.
set -euo pipefail
# A fair PyTorch reference needs an optimised BLAS: Debian's torch calls libblas.so.3, the reference BLAS unless
# OpenBLAS is installed (models/training/setup-python.sh), about 20x slower matmuls.
if ! readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null | grep -qi openblas; then
  echo "warning: libblas.so.3 is not OpenBLAS; the PyTorch reference will be slow (bash models/training/setup-python.sh)" >&2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
frames="${1:-200}"
scenes="${2:-}"
dotnet build "$root/bench/BasketReasoner.Bench.Detector" -c Release --nologo -v quiet -clp:ErrorsOnly
ref=$(mktemp)
trap 'rm -f "$ref"' EXIT
cd "$root"
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  PYTHONPATH="$root/models/training/detector" OMP_NUM_THREADS=1 taskset -c 0 /usr/bin/python3 \
    "$root/bench/torch_detector_reference.py" --frames "$frames" --threads 1 \
    ${DETECTOR_CKPT:+--ckpt "$DETECTOR_CKPT"} --config "$root/models/detector/detector.json" > "$ref"
else
  echo "reference skipped: no python3-torch" >&2
fi
taskset -c 0 dotnet "$root/bench/BasketReasoner.Bench.Detector/bin/Release/net10.0/BasketReasoner.Bench.Detector.dll" \
  --frames "$frames" --torch "$ref" ${scenes:+--scenes "$scenes"}
