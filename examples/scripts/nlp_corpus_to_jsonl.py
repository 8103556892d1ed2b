#!/usr/bin/env python3
"""nlp-corpus builds/doc-N.json (JSON lists of sentences) -> gzip'd JSONL documents.

Each output line is {"id": "nlp-corpus-<N>-<k>", "source": "nlp-corpus/doc-<N>", "text": ...}, the
text being `--sentences` consecutive sentences of one file joined by a space. Files are taken in
numeric order, every `--every`-th from doc-`--offset` (doc-1, doc-5, ... for 4 and 1). The gzip header carries mtime 0, so the output is byte for byte
reproducible.
"""
import argparse
import gzip
import json
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("builds")
    ap.add_argument("out")
    ap.add_argument("--every", type=int, default=4)
    ap.add_argument("--offset", type=int, default=1)
    ap.add_argument("--sentences", type=int, default=8)
    a = ap.parse_args()
    names = sorted((f for f in os.listdir(a.builds) if f.startswith("doc-") and f.endswith(".json")),
                   key=lambda f: int(f[4:-5]))
    names = [f for f in names if int(f[4:-5]) >= a.offset and (int(f[4:-5]) - a.offset) % a.every == 0]
    docs = sentences = chars = 0
    with open(a.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        for name in names:
            n = int(name[4:-5])
            with open(os.path.join(a.builds, name), encoding="utf-8") as f:
                lines = [s.strip() for s in json.load(f) if isinstance(s, str) and s.strip()]
            for k in range(0, len(lines), a.sentences):
                text = " ".join(lines[k : k + a.sentences])
                rec = {"id": f"nlp-corpus-{n:02d}-{k // a.sentences:03d}", "source": f"nlp-corpus/doc-{n}",
                       "text": text}
                gz.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
                docs += 1
                sentences += len(lines[k : k + a.sentences])
                chars += len(text)
    print(f"{a.out}: {docs} documents, {sentences} sentences, {chars} characters from {len(names)} files")


if __name__ == "__main__":
    main()
