#!/usr/bin/env bash
# Regenerate examples/sentiment/{imdb,amazon,yelp}.jsonl from the npm package
# sentiment@5.0.2 (needs npm, tar, python3).
# Usage: examples/scripts/fetch-sentiment.sh [OUT_DIR]   (default: examples/sentiment)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out_dir="${1:-$here/../sentiment}"
mkdir -p "$out_dir"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent sentiment@5.0.2 >/dev/null)
tar -xzf "$tmp"/sentiment-5.0.2.tgz -C "$tmp" \
    package/package.json package/LICENSE.md \
    package/test/fixtures/imdb.json package/test/fixtures/amazon.json \
    package/test/fixtures/yelp.json
for name in imdb amazon yelp; do
    python3 "$here/sentiment_to_jsonl.py" "$tmp/package/test/fixtures/$name.json" \
        "$out_dir/$name.jsonl"
done
