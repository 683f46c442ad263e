#!/bin/sh
# Regenerates service/src/test/resources/packaging/pytorch-wheel-names.txt.gz: the unique link texts
# (file names only) of every index.html in a recorded PyTorch index mirror, sorted, gzip'd.
# Usage: scripts/extract-wheel-names.sh /work/shared/pytorch-index/mirror/whl
set -eu
mirror="${1:?usage: $0 <mirror whl directory>}"
out="$(dirname "$0")/../service/src/test/resources/packaging/pytorch-wheel-names.txt.gz"
find "$mirror" -name index.html -exec grep -ho '<a [^>]*>[^<]*</a>' {} + \
  | sed -e 's/^<a [^>]*>//' -e 's/<\/a>$//' \
  | grep '\.whl$' \
  | LC_ALL=C sort -u \
  | gzip -9n > "$out"
echo "$(gzip -dc "$out" | wc -l) names written to $out"
