#!/usr/bin/env bash
# What the product itself needs (`./basket demo`, eval, sim, tune, ask, serve, ...): the .NET SDK, the dataset and the
# OCR models. Idempotent and cheap once done: with the models present it only checks that three files exist, so
# `./basket` can run it on every call. No apt, no database, no browser: those are for the tests (scripts/setup.sh).
# The recognizer, catalog and index are committed; training needs more (models/training/README.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 1
fi
data="${BASKET_DATA_ROOT:-$root/../shared/datasets/GroceryStoreDataset}"
if [ ! -d "$data/dataset" ]; then
  echo "setup: dataset not found at $data (set BASKET_DATA_ROOT or pass --data-root)" >&2
fi
# fetch-ocr-models.sh checks for the three files before it touches npm or the network.
bash "$root/scripts/fetch-ocr-models.sh" || echo "setup: OCR models not fetched; label-text evidence and its tests are skipped" >&2
