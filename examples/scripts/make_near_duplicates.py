#!/usr/bin/env python3
"""Build a labelled near-duplicate set from real text (stdlib only, seeded).

  make_near_duplicates.py AUSTEN.jsonl.gz OUT_DIR [--seed N] [--pairs N] [--unrelated N]

Source: examples/corpus/austen.jsonl.gz (public-domain novels, see examples/corpus/NOTICE).
Chapters are cut into passages of about 350 words at paragraph breaks. Some passages become
originals; each gets one edited copy with one controlled edit of a random strength:
  substitute  replace a share of words with words drawn from the whole corpus
  drop        drop a share of sentences
  reorder     move a share of sentences to other places
  boilerplate add navigation/footer lines (web boilerplate) at the top and bottom
  truncate    keep only the first part of the text
  mixed       substitute + drop + boilerplate, milder each
Other passages are unrelated documents (no copy). Writes
  OUT_DIR/corpus/near_duplicates.jsonl   {"id", "source", "text"} for every document
  OUT_DIR/pairs.jsonl                    {"original", "copy", "edit", "strength", "jaccard"}
  OUT_DIR/unrelated.txt                  ids of the unrelated documents
where jaccard is the true Jaccard similarity of the two texts' sets of 5-word shingles (lower-cased
runs of letters and digits, as the fuzzy_dedup stage shingles them).
"""
import argparse
import gzip
import json
import os
import random
import re

WORD = re.compile(r"[^\W_]+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
PASSAGE_WORDS = 350
BOILERPLATE = [
    "Home | About | Contact | Subscribe", "Share this: Twitter Facebook Email Print",
    "Cookies help us deliver our services. By using our services, you agree to our use of cookies.",
    "Posted in Classics | Leave a comment", "Related posts", "Skip to main content",
    "Copyright the Editors. All rights reserved.", "Sign up for our newsletter",
    "Previous chapter | Next chapter", "Read more from this author",
]
EDITS = ["substitute", "drop", "reorder", "boilerplate", "truncate", "mixed"]


def passages(docs):
    for doc in docs:
        paragraphs = [p.strip() for p in doc["text"].split("\n\n") if p.strip()]
        current, words = [], 0
        for p in paragraphs:
            current.append(p)
            words += len(p.split())
            if words >= PASSAGE_WORDS:
                yield doc["id"], "\n\n".join(current)
                current, words = [], 0


def shingles(text, n=5):
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def jaccard(a, b):
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def substitute(text, share, rnd, vocab):
    tokens = re.split(r"(\s+)", text)
    for i in range(0, len(tokens), 2):
        if tokens[i] and rnd.random() < share:
            tokens[i] = rnd.choice(vocab)
    return "".join(tokens)


def drop(text, share, rnd):
    sentences = SENTENCE.split(text)
    kept = [s for s in sentences if rnd.random() >= share]
    return " ".join(kept or sentences[:1])


def reorder(text, share, rnd):
    sentences = SENTENCE.split(text)
    for _ in range(max(1, int(share * len(sentences)))):
        s = sentences.pop(rnd.randrange(len(sentences)))
        sentences.insert(rnd.randrange(len(sentences) + 1), s)
    return " ".join(sentences)


def boilerplate(text, share, rnd):
    lines = max(1, int(share * 12))
    top = [rnd.choice(BOILERPLATE) for _ in range(lines // 2)]
    bottom = [rnd.choice(BOILERPLATE) for _ in range(lines - lines // 2)]
    return "\n".join(top + [text] + bottom)


def truncate(text, share, rnd):
    words = text.split(" ")
    return " ".join(words[:max(1, int(len(words) * (1 - share)))])


def edit(kind, text, strength, rnd, vocab):
    if kind == "substitute":
        return substitute(text, 0.25 * strength, rnd, vocab)
    if kind == "drop":
        return drop(text, 0.6 * strength, rnd)
    if kind == "reorder":
        return reorder(text, strength, rnd)
    if kind == "boilerplate":
        return boilerplate(text, strength, rnd)
    if kind == "truncate":
        return truncate(text, 0.7 * strength, rnd)
    mixed = substitute(text, 0.08 * strength, rnd, vocab)
    mixed = drop(mixed, 0.2 * strength, rnd)
    return boilerplate(mixed, 0.5 * strength, rnd)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("austen")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--pairs", type=int, default=600)
    ap.add_argument("--unrelated", type=int, default=600)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    with gzip.open(args.austen, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    pool = list(passages(docs))
    vocab = sorted({w for _, t in pool for w in t.split()})
    rnd.shuffle(pool)
    if len(pool) < args.pairs + args.unrelated:
        raise SystemExit("only %d passages; ask for fewer pairs or unrelated documents" % len(pool))
    os.makedirs(os.path.join(args.out, "corpus"), exist_ok=True)
    with open(os.path.join(args.out, "corpus", "near_duplicates.jsonl"), "w", encoding="utf-8") as corpus, \
            open(os.path.join(args.out, "pairs.jsonl"), "w", encoding="utf-8") as pairs:
        for i, (chapter, text) in enumerate(pool[:args.pairs]):
            kind = EDITS[i % len(EDITS)]
            strength = rnd.random()
            copy = edit(kind, text, strength, rnd, vocab)
            original_id, copy_id = "orig-%04d" % i, "copy-%04d" % i
            for doc_id, body in ((original_id, text), (copy_id, copy)):
                corpus.write(json.dumps({"id": doc_id, "source": chapter, "text": body}) + "\n")
            pairs.write(json.dumps({"original": original_id, "copy": copy_id, "edit": kind,
                                    "strength": round(strength, 4),
                                    "jaccard": round(jaccard(text, copy), 6)}) + "\n")
        unrelated = []
        for i, (chapter, text) in enumerate(pool[args.pairs:args.pairs + args.unrelated]):
            unrelated.append("other-%04d" % i)
            corpus.write(json.dumps({"id": unrelated[-1], "source": chapter, "text": text}) + "\n")
    with open(os.path.join(args.out, "unrelated.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(unrelated) + "\n")
    print("%d pairs, %d unrelated documents in %s" % (args.pairs, len(unrelated), args.out))


if __name__ == "__main__":
    main()
