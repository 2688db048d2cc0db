#!/usr/bin/env bash
# Bring the ImageNet ResNet18 (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0, MIT) into the NuGet cache through
# a restore-only project, verify both ONNX files' checksums, and convert the backbone to PyTorch with a parity check
# against the ONNX graph itself. Nothing comes from a model hub.
# Usage: bash models/training/resnet18/fetch_resnet18.sh [WORK_DIR]   (default: models/training/work)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-$here/../work}"
mkdir -p "$work"
# RESNET18_TOOLS points at an already extracted package's DnnImageModels folder (the checksum test uses it).
if [ -n "${RESNET18_TOOLS:-}" ]; then
  tools="$RESNET18_TOOLS"
else
  packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  dotnet restore "$here/fetch.csproj" --nologo -v quiet --packages "$packages" >/dev/null
  tools="$packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.24.0/tools/DnnImageModels"
fi
verify() {
  local file="$1" expected="$2" actual
  actual=$(sha256sum "$file" | cut -d' ' -f1)
  if [ "$actual" != "$expected" ]; then
    echo "checksum mismatch for $file: expected $expected, got $actual" >&2
    return 1
  fi
}
verify "$tools/ResNet18Onnx/ResNet18.onnx" e2552f19db2dfdb01b3669537b6a0f1b44da38d18279535492ed5dfc2ef1ff8f
verify "$tools/ResNetPrepOnnx/ResNetPreprocess.onnx" 84bf8def78d0befaa3f6e73745d57d7016c6a192ead76f79686bd438c1047004
/usr/bin/python3 "$here/convert_resnet18.py" --onnx "$tools/ResNet18Onnx/ResNet18.onnx" \
  --prep "$tools/ResNetPrepOnnx/ResNetPreprocess.onnx" --out "$work/resnet18_imagenet.pt"
