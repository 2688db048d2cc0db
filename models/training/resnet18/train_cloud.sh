#!/usr/bin/env bash
# The cloud recognizer (models/recognizer-cloud): a second whole-network fine-tune like v3's, with another seed and
# more cart-camera crops per epoch (resumable: run this script again after an interruption), exported together with
# v3 as one graph (export_cloud.py), then its own product index. Test photos and test scenes are never read.
# Needs train_v3.sh's outputs (work/recognizer_v3.pt and the crops); runs it first when they are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$here/../work"
repo="$here/../../.."
py=/usr/bin/python3
[ -f "$work/recognizer_v3.pt" ] || bash "$here/train_v3.sh"
nice -n 10 $py "$here/train_full.py" --epochs 16 --seed 20261208 --crop-share 0.4 --out-name recognizer_v3b.pt
$py "$here/export_cloud.py" --ckpt "$work/recognizer_v3.pt" --ckpt "$work/recognizer_v3b.pt" --out "$repo/models/recognizer-cloud"
(cd "$repo" && ./basket index build --model models/recognizer-cloud)
