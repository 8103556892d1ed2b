#!/usr/bin/env bash
# Regenerate examples/corpus/austen.jsonl.gz and examples/corpus/tiny.jsonl
# from the Debian package r-cran-janeaustenr (needs apt-get, dpkg-deb, python3).
# Usage: examples/scripts/fetch-austen.sh [OUT_DIR]   (default: examples/corpus)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out_dir="${1:-$here/../corpus}"
mkdir -p "$out_dir"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && apt-get download r-cran-janeaustenr)
deb="$(ls "$tmp"/r-cran-janeaustenr_*.deb)"
echo "package: $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" >&2
dpkg-deb -x "$deb" "$tmp/x"
data="$tmp/x/usr/lib/R/site-library/janeaustenr/data"

python3 "$here/rdata_to_jsonl.py" "$data" "$out_dir/austen.jsonl.gz"
python3 "$here/make_tiny_corpus.py" "$out_dir/austen.jsonl.gz" "$out_dir/tiny.jsonl"
