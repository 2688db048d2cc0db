#!/usr/bin/env bash
# Recognizer v3, end to end: cart-camera scenes from train (and a few from val, to watch the crop accuracy), their
# crops, the whole-network fine-tune (resumable: run this script again after an interruption), the float32 export
# with its parity fixtures, and the int8 graph (quantization-aware, resumable too). Test scenes and the test split are never read.
# Needs: bash models/training/setup-python.sh; prepare_data.py --size 256; fetch_resnet18.sh (models/training/resnet18/README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$here/../work"
py=/usr/bin/python3
scenes() {  # split count seed folder
  [ -f "$work/scenes/$4/sessions.jsonl" ] || nice -n 5 $py "$here/../detector/make_scenes.py" --split "$1" --count "$2" --seed "$3" --out "$work/scenes/$4"
}
scenes train 150 11 recog-train-a
scenes train 300 13 recog-train-b
scenes val 60 12 recog-val
[ -f "$work/crops_train_256.npz" ] || $py "$here/make_crops.py" --scenes "$work/scenes/recog-train-a" "$work/scenes/recog-train-b" --out "$work/crops_train_256.npz"
[ -f "$work/crops_val_256.npz" ] || $py "$here/make_crops.py" --scenes "$work/scenes/recog-val" --out "$work/crops_val_256.npz"
nice -n 10 $py "$here/train_full.py" --epochs 16 --out-name recognizer_v3.pt
$py "$here/export_resnet18.py" --ckpt "$work/recognizer_v3.pt" --default-precision int8
# The int8 graph: quantization-aware weights taught by the float32 model (12 minutes), exported to a scratch float graph
# and quantized with the ranges they were trained with. (The first int8 graph was post-training, quantize_recognizer.py
# --ckpt recognizer_v3.pt --percentile 99.99: 1.0 val point under float32, so it could not be the default.)
nice -n 10 $py "$here/qat_recognizer.py" --ckpt "$work/recognizer_v3.pt" --out-name recognizer_v3_qat.pt
scratch="$(mktemp -d)"
$py "$here/export_resnet18.py" --ckpt "$work/recognizer_v3_qat.pt" --out "$scratch"
$py "$here/quantize_recognizer.py" --ckpt "$work/recognizer_v3_qat.pt" --onnx "$scratch/recognizer.onnx" --ranges-from-checkpoint \
  --out "$here/../../recognizer/recognizer.int8.onnx"
rm -rf "$scratch"
$py "$here/int8_parity.py" --ckpt "$work/recognizer_v3_qat.pt"   # the simulation's outputs, which the C# int8 graph must match
