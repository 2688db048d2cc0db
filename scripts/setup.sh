#!/usr/bin/env bash
# Idempotent machine set-up for the product and its tests: checks the .NET SDK and the dataset. Nothing here
# downloads a model: the recognizer, catalog and index are committed. Training needs more (see
# models/training/README.md), the product does not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
data="${BASKET_DATA_ROOT:-$root/../shared/datasets/GroceryStoreDataset}"
if [ ! -d "$data/dataset" ]; then
  echo "setup: dataset not found at $data (set BASKET_DATA_ROOT or pass --data-root)" >&2
fi
bash "$root/scripts/fetch-ocr-models.sh" || echo "setup: OCR models not fetched; label-text evidence and its tests are skipped" >&2
