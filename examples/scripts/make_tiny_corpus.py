#!/usr/bin/env python3
"""Build examples/corpus/tiny.jsonl from austen.jsonl.gz (stdlib only).

  make_tiny_corpus.py AUSTEN.jsonl.gz TINY.jsonl

Contents, in order: the first 4 chapters (<book>-ch001..ch004, no front
matter) of each of the six novels, then deliberately defective records that
exercise the ingest rejects (see examples/corpus/NOTICE):
  dup-1     exact duplicate of the text of prideprejudice-ch001 under a new id
  short-1   a very short document, text "Chapter."
  broken-1  a line that is not valid JSON (unterminated string)
  notext-1  a record with no "text" field
"""
import gzip
import json
import sys

BOOKS = ["sensesensibility", "prideprejudice", "mansfieldpark",
         "emma", "northangerabbey", "persuasion"]
CHAPTERS = 4
DUP_OF = "prideprejudice-ch001"


def main(src, dst):
    with gzip.open(src, "rt", encoding="utf-8") as f:
        docs = {d["id"]: d for d in map(json.loads, f)}
    lines = []
    for book in BOOKS:
        for n in range(1, CHAPTERS + 1):
            lines.append(json.dumps(docs["%s-ch%03d" % (book, n)], ensure_ascii=False))
    bad = [
        json.dumps({"id": "dup-1", "source": "austen/prideprejudice",
                    "text": docs[DUP_OF]["text"]}, ensure_ascii=False),
        json.dumps({"id": "short-1", "source": "test/defects", "text": "Chapter."}),
        '{"id": "broken-1", "source": "test/defects", "text": "unterminated',
        json.dumps({"id": "notext-1", "source": "test/defects"}),
    ]
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        for line in lines + bad:
            f.write(line + "\n")
    print("tiny: %d good + %d defective records" % (len(lines), len(bad)),
          file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
