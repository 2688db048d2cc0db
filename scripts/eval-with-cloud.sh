#!/usr/bin/env bash
# The shipped chain with its cloud stage through a real second `basket serve` on loopback, in a cloud
# configuration: BASKET_CLOUD_CONFIG, default deploy/cloud/k8s/cloud.json (ChatBackend recognizer);
# deploy/cloud/k8s/cloud-ensemble.json is the larger recognizer with the whole fusion (models/recognizer-cloud).
# Usage: bash scripts/eval-with-cloud.sh SESSIONS.jsonl OUT.json [more `basket eval sessions` options]
# BASKET_CLOUD_PORT (default 5081) picks the cloud's port; two runs side by side need two ports.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 SESSIONS.jsonl OUT.json [eval sessions options]" >&2; exit 2; }
port="${BASKET_CLOUD_PORT:-5081}"
scratch="$(mktemp -d)"
./basket --help > /dev/null  # build once before the server starts
BASKET_Server__EventLogPath="$scratch/cloud-events.db" ./basket serve --config "${BASKET_CLOUD_CONFIG:-deploy/cloud/k8s/cloud.json}" \
  --urls "http://127.0.0.1:$port" > "$scratch/cloud.log" 2>&1 &
cloud=$!
trap 'kill "$cloud" 2>/dev/null; wait "$cloud" 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 180); do
  grep -q "listening on" "$scratch/cloud.log" && break
  kill -0 "$cloud" 2>/dev/null || { cat "$scratch/cloud.log" >&2; exit 1; }
  sleep 1
done
grep -q "listening on" "$scratch/cloud.log" || { echo "the cloud server did not start" >&2; cat "$scratch/cloud.log" >&2; exit 1; }
./basket eval sessions --file "$1" --json "$2" --cloud "http://127.0.0.1:$port/v1" "${@:3}"
