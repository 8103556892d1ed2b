#!/usr/bin/env python3
"""Convert the sentiment@5.0.2 test fixtures (UCI "Sentiment Labelled
Sentences") to JSONL (stdlib only).

  sentiment_to_jsonl.py FIXTURE.json OUT.jsonl

Input: one JSON array of {"text": str, "class": 0|1} (1 = positive); each
fixture ends with a spurious {"text": "", "class": null} element (an artefact
of how the package built the files from the UCI text files), which is dropped.
Anything else unexpected is an error.

Output: one {"text": ..., "label": 0|1} per line, in input order, text
verbatim (including trailing spaces and the C1 control characters U+0085,
U+0096, U+0097 that some IMDB sentences carry from a cp1252/latin-1 mix-up).
Non-ASCII text is written as UTF-8, except that C1 controls and U+2028/U+2029
are written as \\uXXXX escapes so that no line-oriented reader (e.g. Python's
str.splitlines, which splits on U+0085) can mistake them for line breaks.
"""
import json
import re
import sys

_ESCAPE = re.compile("[\u0080-\u009f\u2028\u2029]")


def dumps(obj):
    s = json.dumps(obj, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: "\\u%04x" % ord(m.group()), s)


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, list):
        raise SystemExit("%s: expected a JSON array" % src)
    out, dropped = [], 0
    for i, rec in enumerate(data):
        if set(rec) != {"text", "class"}:
            raise SystemExit("%s[%d]: unexpected keys %s" % (src, i, sorted(rec)))
        if rec["class"] is None and rec["text"] == "" and i == len(data) - 1:
            dropped += 1
            continue
        if rec["class"] not in (0, 1) or isinstance(rec["class"], bool) \
                or not isinstance(rec["text"], str) or not rec["text"].strip():
            raise SystemExit("%s[%d]: bad record %r" % (src, i, rec))
        out.append({"text": rec["text"], "label": rec["class"]})
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        for rec in out:
            f.write(dumps(rec) + "\n")
    pos = sum(r["label"] for r in out)
    print("%s: %d examples (%d positive, %d negative), %d empty trailer dropped"
          % (dst, len(out), pos, len(out) - pos, dropped), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
