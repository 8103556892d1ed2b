#!/usr/bin/env python3
"""Turn fetched UDHR, man pages, nlp-corpus and Austen into the labelled language-id set.

Called by build-langid-set.sh; see there for sources and licences. Deterministic: the same
packages give the same set (selection by a hash of the file name, never by chance).
"""
import argparse
import glob
import gzip
import hashlib
import html.parser
import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

LONG_MIN, LONG_MAX, SHORT_MIN, SHORT_MAX = 200, 20_000, 50, 200
MAN_PAGES_PER_LANGUAGE = 150
ENGLISH_MAN_PAGES = 400
SHORT_PER_SOURCE = 40
# The 75 languages Lingua 1.2.2 knows (ISO 639-1): a UDHR translation outside them has no label
# every compared detector could give, so it is left out of the set.
KNOWN = set("af ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fr ga gu he hi hr hu hy id is "
            "it ja ka kk ko la lg lt lv mi mk mn mr ms nb nl nn pa pl pt ro ru sk sl sn so sq sr st sv "
            "sw ta te th tl tn tr ts uk ur vi xh yo zh zu".split())
UDHR_ALIASES = {"zlm": "ms", "cat": "ca"}
# Translations whose label would mislead: dialects filed under the standard language (Somali Af
# Marka, Swahili Chimwiini and Kibajuni, French Welche) and scripts the detectors were not trained
# on for that language (Mongolian script, Jawi Malay, Baybayin Tagalog, Han-nom Vietnamese,
# Cyrillic Azerbaijani and Bosnian, Latin Serbian).
UDHR_EXCLUDED = set("058 062 063 068 khk_mong mly_arab tgl_tglg vie_han azj_cyrl bos_cyrl srp_latn".split())


def stable_order(names):
    return sorted(names, key=lambda n: hashlib.sha1(n.encode()).hexdigest())


def cut(text, limit=LONG_MAX):
    """At most limit characters, cut at a line end so no word is split."""
    if len(text) <= limit:
        return text
    end = text.rfind("\n", 0, limit)
    return text[: end if end > limit // 2 else limit]


def render_man(path):
    with gzip.open(path, "rb") as f:
        roff = f.read()
    if roff.lstrip().startswith(b".so "):
        return ""  # a redirect to another page
    out = subprocess.run(["groff", "-k", "-Tutf8", "-man", "-P-cbou", "-rLL=100n"], input=roff,
                         capture_output=True, timeout=60).stdout.decode("utf-8", "replace")
    lines = [re.sub(r"  +", " ", line).rstrip() for line in out.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def paragraphs(text):
    return [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]


def short_pieces(texts, limit):
    """Paragraphs of SHORT_MIN..SHORT_MAX characters that are mostly letters (not option lists)."""
    out = []
    for text in texts:
        for p in paragraphs(text):
            letters = sum(c.isalpha() for c in p)
            if SHORT_MIN <= len(p) <= SHORT_MAX and letters >= 0.6 * len(p):
                out.append(p)
                break
        if len(out) >= limit:
            break
    return out


def man_language(folder):
    if re.fullmatch(r"man\d", folder):
        return "en"
    return folder.split("_")[0]


def man_docs(man_root):
    by_lang = {}
    for folder in sorted(os.listdir(man_root)):
        lang = man_language(folder)
        files = [p for p in glob.glob(os.path.join(man_root, folder, "**", "*.gz"), recursive=True)
                 if not os.path.islink(p)]
        by_lang.setdefault(lang, []).extend(files)
    long_docs, short_docs = [], []
    for lang, files in sorted(by_lang.items()):
        limit = ENGLISH_MAN_PAGES if lang == "en" else MAN_PAGES_PER_LANGUAGE
        chosen = stable_order(files)[: limit * 2]
        with ThreadPoolExecutor(max_workers=2) as pool:
            texts = list(pool.map(render_man, chosen))
        kept = [(p, t) for p, t in zip(chosen, texts) if len(t) >= LONG_MIN][:limit]
        for path, text in kept:
            name = os.path.basename(path)[: -len(".gz")]
            long_docs.append(doc(f"man-{lang}-{name}", lang, "manpages", cut(text)))
        for i, p in enumerate(short_pieces([t for _, t in kept], SHORT_PER_SOURCE)):
            short_docs.append(doc(f"man-{lang}-short-{i}", lang, "manpages", p))
    return long_docs, short_docs


class UdhrParser(html.parser.HTMLParser):
    """Collects articles: each <h2>/<h3> heading starts one; <p>/<li> text belongs to it."""

    def __init__(self):
        super().__init__()
        self.lang, self.articles, self.depth, self.buf = None, [[]], 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("h2", "h3", "p", "li"):
            if tag in ("h2", "h3") and self.articles[-1]:
                self.articles.append([])
            self.depth, self.buf = 1, []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3", "p", "li") and self.depth:
            text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
            if text:
                self.articles[-1].append(text)
            self.depth = 0

    def handle_data(self, data):
        if self.depth:
            self.buf.append(data)


def udhr_label(bcp47):
    primary = (bcp47 or "").split("-")[0]
    primary = UDHR_ALIASES.get(primary, primary)
    return primary if primary in KNOWN else None


def udhr_docs(folder):
    long_docs, short_docs = [], []
    for path in sorted(glob.glob(os.path.join(folder, "*.html"))):
        parser = UdhrParser()
        with open(path, encoding="utf-8") as f:
            parser.feed(f.read())
        lang = udhr_label(parser.lang)
        code = os.path.basename(path)[: -len(".html")]
        if lang is None or code in UDHR_EXCLUDED:
            continue
        chunk, n = [], 0
        for article in parser.articles:
            chunk.append("\n".join(article))
            if sum(map(len, chunk)) >= 1500:
                long_docs.append(doc(f"udhr-{code}-{n}", lang, "udhr", cut("\n\n".join(chunk))))
                chunk, n = [], n + 1
        if sum(map(len, chunk)) >= LONG_MIN:
            long_docs.append(doc(f"udhr-{code}-{n}", lang, "udhr", cut("\n\n".join(chunk))))
        pieces = [p for a in parser.articles for p in a if SHORT_MIN <= len(p) <= SHORT_MAX]
        for i, p in enumerate(pieces[:8]):
            short_docs.append(doc(f"udhr-{code}-short-{i}", lang, "udhr", p))
    return long_docs, short_docs


def english_docs(nlp_folder, austen):
    long_docs, short_docs = [], []
    with gzip.open(austen, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if len(row["text"]) >= LONG_MIN:
                long_docs.append(doc("austen-" + row["id"], "en", "austen", cut(row["text"])))
    sentences = []
    for path in sorted(glob.glob(os.path.join(nlp_folder, "doc-*.json")),
                       key=lambda p: int(re.search(r"(\d+)", os.path.basename(p)).group(1))):
        with open(path, encoding="utf-8") as f:
            sentences.extend(json.load(f))
    # Documents of 3..60 consecutive sentences: lengths from a few hundred to several thousand chars.
    i, n = 0, 0
    while i < len(sentences) and n < 400:
        size = 3 + (n * 7) % 58
        text = " ".join(sentences[i:i + size])
        if len(text) >= LONG_MIN:
            long_docs.append(doc(f"nlp-{n}", "en", "nlp-corpus", cut(text)))
            n += 1
        i += size
    short = [s for s in sentences[i:] if SHORT_MIN <= len(s) <= SHORT_MAX][:300]
    short_docs.extend(doc(f"nlp-short-{k}", "en", "nlp-corpus", s) for k, s in enumerate(short))
    return long_docs, short_docs


def doc(doc_id, lang, source, text):
    return {"id": doc_id, "lang": lang, "source": source, "text": text}


def write(rows, path):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# The committed test fixture: per language, its first UDHR part and its first man page (if any),
# cut to FIXTURE_CHARS; man pages are the mixed case (prose around English commands).
FIXTURE_LANGUAGES = "ja zh ko ru uk bg ar fa ur hi mr el he th de nl da sv fr es it pt pl en".split()
FIXTURE_CHARS = 1500


def write_fixture(long_docs, path):
    rows = []
    for lang in FIXTURE_LANGUAGES:
        for source in ("udhr", "manpages", "austen"):
            first = next((d for d in long_docs if d["lang"] == lang and d["source"] == source), None)
            if first:
                rows.append(dict(first, text=cut(first["text"], FIXTURE_CHARS)))
    write(rows, path)
    print(f"fixture: {len(rows)} documents -> {path}")


def main():
    ap = argparse.ArgumentParser()
    for name in ("--man", "--udhr", "--nlp-corpus", "--austen", "--out"):
        ap.add_argument(name, required=True)
    ap.add_argument("--fixture")
    a = ap.parse_args()
    long_docs, short_docs = [], []
    for lo, sh in (udhr_docs(a.udhr), man_docs(a.man), english_docs(a.nlp_corpus, a.austen)):
        long_docs += lo
        short_docs += sh
    write(long_docs, os.path.join(a.out, "long.jsonl"))
    write(short_docs, os.path.join(a.out, "short.jsonl"))
    if a.fixture:
        write_fixture(long_docs, a.fixture)
    counts = {}
    for row in long_docs:
        counts[row["lang"]] = counts.get(row["lang"], 0) + 1
    print(f"long: {len(long_docs)} documents in {len(counts)} languages; short: {len(short_docs)}")
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
