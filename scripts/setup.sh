#!/usr/bin/env bash
# Idempotent machine set-up for the tests (scripts/test.sh, hence CI's .ci/run on a fresh machine): everything the
# product needs (scripts/setup-runtime.sh: .NET SDK, dataset, OCR models) plus what only tests use: PostgreSQL with
# pgvector and Debian's chromium. `./basket` runs only setup-runtime.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup-runtime.sh"
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
