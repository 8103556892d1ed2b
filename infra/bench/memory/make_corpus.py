#!/usr/bin/env python3
"""Writes COPIES distinct copies of a JSONL corpus (the Austen demo by default) as one JSONL file
per copy. Each document of copy k gets a first line naming the copy and a new id, so exact dedup
keeps every copy (fuzzy_dedup, off by default, would not).
  make_corpus.py SOURCE.jsonl[.gz] OUT_DIR MEGABYTES"""
import gzip, json, os, sys

source, out, megabytes = sys.argv[1], sys.argv[2], float(sys.argv[3])
opener = gzip.open if source.endswith(".gz") else open
with opener(source, "rt", encoding="utf-8") as f:
    docs = [json.loads(line) for line in f if line.strip()]
size = sum(len(d["text"].encode("utf-8")) for d in docs)
copies = max(1, int(-(-megabytes * 1e6 // size)))  # ceiling: at least MEGABYTES of text
os.makedirs(out, exist_ok=True)
total = 0
for k in range(copies):
    with open(os.path.join(out, "copy-%05d.jsonl" % k), "w", encoding="utf-8") as f:
        for d in docs:
            text = "Copy %d of the corpus, %s.\n\n%s" % (k, d["id"], d["text"])
            total += len(text.encode("utf-8"))
            f.write(json.dumps({"id": "c%05d-%s" % (k, d["id"]), "source": d["source"],
                                "text": text}) + "\n")
print("corpus: %d copies of %d documents, %.1f MB of text in %s" % (copies, len(docs), total / 1e6, out))
