#!/usr/bin/env bash
# The behaviour baseline: every decision the shipped pipeline makes on the 400 val sessions (label text off, so the
# file does not depend on the fetched OCR models).
#   bash scripts/val-decisions.sh --check   replay all 400 sessions and compare with eval/decisions/val-400.jsonl
#   bash scripts/val-decisions.sh --write   regenerate it (after an intended change, e.g. a new recognizer; commit it alone)
# The test suite checks the first 60 sessions on every run (DecisionBaselineTests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
baseline="$root/eval/decisions/val-400.jsonl"
mode="${1:---check}"
case "$mode" in
  --write) "$root/basket" eval sessions --file "$root/eval/sessions/val-400.jsonl" --fusion-only --no-text --decisions "$baseline" ;;
  --check)
    out=$(mktemp)
    trap 'rm -f "$out"' EXIT
    "$root/basket" eval sessions --file "$root/eval/sessions/val-400.jsonl" --fusion-only --no-text --decisions "$out"
    if diff -q "$baseline" "$out" >/dev/null; then
      echo "val decisions: identical to the baseline ($(wc -l <"$baseline") events)"
    else
      echo "val decisions: $(diff "$baseline" "$out" | grep -c '^>') of $(wc -l <"$baseline") lines differ from the baseline:"
      diff "$baseline" "$out" | head -20
      exit 1
    fi ;;
  *) echo "usage: $0 [--check|--write]" >&2; exit 2 ;;
esac
