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
# PostgreSQL + pgvector on 127.0.0.1:55432 for the pgvector conformance tests and benchmark. A failure does not stop
# the other tests: the pgvector tests then fail on their own, visibly.
bash "$root/scripts/setup-postgres.sh" || echo "setup: PostgreSQL with pgvector is not available; the pgvector tests will fail" >&2
# The screen's end-to-end test drives Debian's chromium through Playwright (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing and apt-get cannot run here; the screen test will fail" >&2
  fi
fi
bash "$root/scripts/fetch-ocr-models.sh" || echo "setup: OCR models not fetched; label-text evidence and its tests are skipped" >&2
