#!/usr/bin/env bash
# Regenerate examples/corpus/nlp-corpus.jsonl.gz from the npm package nlp-corpus@4.4.0 (MIT):
# 100,000 shuffled sentences of varied modern English in 100 JSON files of 1,000 (film reviews, TV
# transcripts, song lyrics, SMS, speeches, ...). The demo takes every EVERY-th file from doc-1
# (default 4: doc-1, doc-5, ..., doc-97, 25,000 sentences, about 1.9 MB of text: a spread over
# the whole set, since only the later files hold sentences of the fine-tuning sets), cut into
# documents of 8 consecutive sentences.
# Needs npm, tar, python3.
# Usage: examples/scripts/fetch-nlp-corpus.sh [OUT_FILE] [EVERY] [CACHE]
#   defaults: examples/corpus/nlp-corpus.jsonl.gz, 4, ~/.cache/smelt/nlp-corpus
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../corpus/nlp-corpus.jsonl.gz}"
every="${2:-4}"
cache="${3:-$HOME/.cache/smelt/nlp-corpus}"
mkdir -p "$cache"
(cd "$cache" && { [ -f nlp-corpus-4.4.0.tgz ] || npm pack --silent nlp-corpus@4.4.0 >/dev/null; })
rm -rf "$cache/x" && mkdir -p "$cache/x"
tar xzf "$cache/nlp-corpus-4.4.0.tgz" -C "$cache/x"
python3 "$here/nlp_corpus_to_jsonl.py" "$cache/x/package/builds" "$out" --every "$every" --offset 1 --sentences 8
