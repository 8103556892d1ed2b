#!/usr/bin/env python3
"""SpamAssassin mails (one raw RFC-822 file each, in the corpus's group folders) -> JSONL
{"id", "text", "label"}, the label ("spam" or "ham") being the mail's group folder.

text = "Subject: <subject>\n\n<body>": the text/plain parts (HTML parts with their tags dropped when
a mail has no plain part), whitespace runs collapsed, cut at --max-chars. A sample takes
--per-class mails of each label, every k-th mail of the label's groups in file order (0 = all).
"""
import argparse
import email
import email.policy
import html
import json
import os
import re

GROUPS = {"easy-ham-1": "ham", "easy-ham-2": "ham", "hard-ham-1": "ham", "spam-1": "spam", "spam-2": "spam"}


def body_text(msg):
    plain, rich = [], []
    for part in msg.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "latin-1"
        try:
            text = payload.decode(charset, errors="replace")
        except LookupError:
            text = payload.decode("latin-1", errors="replace")
        if kind == "text/plain":
            plain.append(text)
        else:
            text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
            rich.append(html.unescape(re.sub(r"(?s)<[^>]*>", " ", text)))
    return "\n".join(plain or rich)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--per-class", type=int, default=300)
    ap.add_argument("--max-chars", type=int, default=1000)
    a = ap.parse_args()
    mails = {"ham": [], "spam": []}
    for group, label in GROUPS.items():
        names = sorted(f for f in os.listdir(os.path.join(a.data, group)) if f.endswith(".txt"))
        mails[label] += [(group, n) for n in names]
    picked = []
    for label in ("ham", "spam"):
        pool = mails[label]
        step = 1 if a.per_class <= 0 else max(1, len(pool) // a.per_class)
        chosen = pool[::step] if a.per_class <= 0 else pool[::step][: a.per_class]
        picked += [(g, n, label) for g, n in chosen]
    written = {"ham": 0, "spam": 0}
    with open(a.out, "w", encoding="utf-8") as out:
        for group, name, label in sorted(picked):
            with open(os.path.join(a.data, group, name), "rb") as f:
                msg = email.message_from_bytes(f.read(), policy=email.policy.compat32)
            subject = str(email.header.make_header(email.header.decode_header(msg.get("Subject", ""))))
            body = re.sub(r"\s+", " ", body_text(msg)).strip()
            text = re.sub(r"\s+", " ", f"Subject: {subject}").strip() + "\n\n" + body
            rec = {"id": f"{group}/{name[:-4]}", "text": text[: a.max_chars], "label": label}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written[label] += 1
    print(f"{a.out}: {written['ham']} ham, {written['spam']} spam")


if __name__ == "__main__":
    main()
