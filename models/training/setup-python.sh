#!/usr/bin/env bash
# Installs what the training, export and reference-benchmark scripts need (a fresh machine has none of it).
# OpenBLAS matters: Debian's python3-torch calls the generic libblas.so.3, which without an optimised provider is the
# reference BLAS (measured here: a 1280x192x512 matmul at 5.9 GFLOP/s on one core; with libopenblas0-pthread
# installed, update-alternatives points libblas.so.3 at OpenBLAS: 110 GFLOP/s, and a transformer training step 22x faster).
set -euo pipefail
packages=(python3-torch python3-torchvision python3-onnx python3-numpy python3-pil python3-opencv libopenblas0-pthread)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get update
  apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}"
fi
/usr/bin/python3 - <<'PY'
import time, torch
torch.set_num_threads(1)
a, b = torch.randn(1280, 192), torch.randn(192, 512)
a @ b
t = time.time()
for _ in range(10):
    a @ b
print(f"torch {torch.__version__}: matmul {2 * 1280 * 192 * 512 * 10 / (time.time() - t) / 1e9:.0f} GFLOP/s on one thread")
PY
