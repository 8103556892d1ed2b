#!/usr/bin/env python3
"""Convert the Jane Austen novels in an R lazy-load database (janeaustenr's
data/Rdata.rdx + data/Rdata.rdb) into chapter-level JSONL.

Python 3 standard library only.

  rdata_to_jsonl.py DATA_DIR OUT.jsonl[.gz]   # writes one JSON object per chapter
  rdata_to_jsonl.py --dump DATA_DIR           # lists objects and line counts

Format notes:
  * Rdata.rdx is a gzip'd R serialization (XDR, "X\\n") of
    list(variables = list(<name> = c(offset, length)), references, compressed).
  * Rdata.rdb holds, at each offset, a 4-byte big-endian uncompressed length
    followed by a zlib stream (compressed = TRUE/1); for compressed = 2 / 3 a
    type byte ('2' bzip2, 'X' xz, '0' none) precedes the stream.
  * Each novel is a character vector (STRSXP), one element per text line,
    "" for blank lines.

Output records: {"id": "<book>-chNNN", "source": "austen/<book>", "text": ...}
where NNN is a running chapter index within the book (chapter numbers in
the text restart per volume in some novels), and "<book>-front" holds the
lines before the first chapter heading.  The text of a record is the lines
joined with "\\n"; the "CHAPTER n" heading line stays in its chapter; leading
and trailing blank lines of a record are trimmed.
"""
import bz2
import gzip
import json
import lzma
import re
import struct
import sys
import zlib

BOOKS = ["sensesensibility", "prideprejudice", "mansfieldpark",
         "emma", "northangerabbey", "persuasion"]

# --- minimal R XDR unserializer ------------------------------------------

NILVALUE, GLOBALENV, UNBOUNDVALUE, MISSINGARG = 254, 253, 252, 251
BASENAMESPACE, NAMESPACESXP, PACKAGESXP, PERSISTSXP = 250, 249, 248, 247
EMPTYENV, BASEENV, ATTRLANGSXP, ATTRLISTSXP, ALTREP = 242, 241, 240, 239, 238
REFSXP = 255


class RObj:
    """A generic R object: type code, value, attributes (dict)."""
    def __init__(self, rtype, value=None, attrs=None):
        self.rtype, self.value, self.attrs = rtype, value, attrs or {}

    def __repr__(self):
        return "RObj(%d, %r)" % (self.rtype, self.value)


class Reader:
    def __init__(self, data):
        self.d, self.p, self.refs = data, 0, []

    def raw(self, n):
        b = self.d[self.p:self.p + n]
        if len(b) != n:
            raise ValueError("truncated R serialization")
        self.p += n
        return b

    def int(self):
        return struct.unpack(">i", self.raw(4))[0]

    def length(self):
        n = self.int()
        if n == -1:
            hi, lo = self.int(), self.int()
            n = (hi << 32) + lo
        return n

    def header(self):
        if self.raw(2) != b"X\n":
            raise ValueError("not an XDR R serialization")
        version = self.int()
        self.int()  # writer R version
        self.int()  # minimal reader version
        self.encoding = "utf-8"
        if version == 3:
            self.encoding = self.raw(self.int()).decode("ascii") or "utf-8"

    def charsxp(self, flags):
        n = self.int()
        if n == -1:
            return None  # NA_character_
        b = self.raw(n)
        levels = flags >> 12
        if levels & (1 << 3):      # UTF8_MASK
            enc = "utf-8"
        elif levels & (1 << 2):    # LATIN1_MASK
            enc = "latin-1"
        elif levels & (1 << 6):    # ASCII_MASK
            enc = "ascii"
        else:
            enc = self.encoding
        return b.decode(enc)

    def attrs_to_dict(self, pl):
        out = {}
        while isinstance(pl, RObj) and pl.rtype == 2:
            tag, car, pl = pl.value
            out[tag.value if isinstance(tag, RObj) else tag] = car
        return out

    def item(self):
        flags = self.int()
        t = flags & 0xFF
        has_attr = bool(flags & (1 << 9))
        has_tag = bool(flags & (1 << 10))
        if t == NILVALUE:
            return None
        if t in (GLOBALENV, UNBOUNDVALUE, MISSINGARG, BASENAMESPACE,
                 EMPTYENV, BASEENV):
            return RObj(t)
        if t == REFSXP:
            idx = flags >> 8
            if idx == 0:
                idx = self.int()
            return self.refs[idx - 1]
        if t == PERSISTSXP:
            names = self.item()
            o = RObj(t, names)
            self.refs.append(o)
            return o
        if t == 1:  # SYMSXP
            o = RObj(1)
            self.refs.append(o)
            o.value = self.item()
            return o
        if t in (NAMESPACESXP, PACKAGESXP):
            o = RObj(t)
            self.refs.append(o)
            o.value = self.item()
            return o
        if t == 4:  # ENVSXP
            o = RObj(4)
            self.refs.append(o)
            self.int()  # locked
            o.value = (self.item(), self.item(), self.item())
            o.attrs = self.attrs_to_dict(self.item())
            return o
        if t in (2, 3, 5, 6, 17, ATTRLANGSXP, ATTRLISTSXP):  # pairlist-like
            attr = self.item() if has_attr else None
            tag = self.item() if has_tag else None
            car = self.item()
            cdr = self.item()
            return RObj(2 if t in (2, ATTRLISTSXP) else t, (tag, car, cdr),
                        self.attrs_to_dict(attr))
        if t == ALTREP:
            info = self.item()
            state = self.item()
            attr = self.item()
            return RObj(t, (info, state), self.attrs_to_dict(attr))
        if t == 9:  # CHARSXP
            return self.charsxp(flags)
        if t in (10, 13):  # LGLSXP, INTSXP
            n = self.length()
            v = list(struct.unpack(">%di" % n, self.raw(4 * n)))
        elif t == 14:  # REALSXP
            n = self.length()
            v = list(struct.unpack(">%dd" % n, self.raw(8 * n)))
        elif t == 15:  # CPLXSXP
            n = self.length()
            v = list(struct.unpack(">%dd" % (2 * n), self.raw(16 * n)))
        elif t == 24:  # RAWSXP
            v = self.raw(self.length())
        elif t == 16:  # STRSXP
            n = self.length()
            v = []
            for _ in range(n):
                f = self.int()
                if f & 0xFF != 9:
                    raise ValueError("STRSXP element is not a CHARSXP")
                v.append(self.charsxp(f))
        elif t in (19, 20):  # VECSXP, EXPRSXP
            v = [self.item() for _ in range(self.length())]
        else:
            raise ValueError("unsupported SEXP type %d at byte %d" % (t, self.p))
        attrs = self.attrs_to_dict(self.item()) if has_attr else {}
        return RObj(t, v, attrs)


def unserialize(data):
    r = Reader(data)
    r.header()
    return r.item()


def named_list(o):
    names = o.attrs.get("names")
    return dict(zip(names.value, o.value))


def load_rdata(data_dir):
    """Return {object name: RObj} for every object in DATA_DIR/Rdata.rdb."""
    with open(data_dir + "/Rdata.rdx", "rb") as f:
        raw = f.read()
    idx = named_list(unserialize(zlib.decompress(raw, 47)))  # gzip or zlib
    comp = idx.get("compressed")
    comp = int(comp.value[0]) if comp is not None else 1
    with open(data_dir + "/Rdata.rdb", "rb") as f:
        rdb = f.read()
    out = {}
    for name, pos in named_list(idx["variables"]).items():
        off, ln = (int(x) for x in pos.value)
        blob = rdb[off:off + ln]
        size = struct.unpack(">I", blob[:4])[0]
        if comp == 1:
            data = zlib.decompress(blob[4:])
        else:
            kind, body = blob[4:5], blob[5:]
            data = {b"Z": zlib.decompress, b"2": bz2.decompress,
                    b"X": lzma.decompress, b"0": bytes}[kind](body)
        if len(data) != size:
            raise ValueError("%s: length mismatch %d != %d" % (name, len(data), size))
        out[name] = unserialize(data)
    return out

# --- chapter splitting -----------------------------------------------------

CHAPTER_RE = re.compile(r"^\s*chapter\s+([0-9]+|[ivxlc]+)\b", re.IGNORECASE)
VOLUME_RE = re.compile(r"^\s*volume\s+([0-9]+|[ivxlc]+)\s*$", re.IGNORECASE)


def trim(lines):
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def split_chapters(book, lines):
    """Split a novel into front matter + chapters.

    A chapter runs from its "CHAPTER n" heading to the next heading.  A
    "VOLUME n" heading that directly precedes a chapter heading (only blank
    lines between) is moved into that chapter, except before the first
    chapter, where it belongs to the front matter.
    """
    lines = ["" if x is None else x for x in lines]
    docs, cur, pending, n = [], [], None, 0
    cur_id = book + "-front"
    for line in lines:
        if CHAPTER_RE.match(line):
            carried = pending or []
            pending = None
            if trim(cur):
                docs.append((cur_id, cur))
            n += 1
            cur_id, cur = "%s-ch%03d" % (book, n), carried
            cur.append(line)
        elif n > 0 and VOLUME_RE.match(line):
            if pending:
                cur.extend(pending)
            pending = [line]
        elif pending is not None:
            if line.strip():
                cur.extend(pending)
                pending = None
                cur.append(line)
            else:
                pending.append(line)
        else:
            cur.append(line)
    if pending:
        cur.extend(pending)
    if trim(cur):
        docs.append((cur_id, cur))
    return [{"id": i, "source": "austen/" + book, "text": "\n".join(trim(c))}
            for i, c in docs]


def main(argv):
    if len(argv) == 3 and argv[1] == "--dump":
        for name, o in sorted(load_rdata(argv[2]).items()):
            print(name, o.rtype, len(o.value))
        return 0
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    objs = load_rdata(argv[1])
    missing = [b for b in BOOKS if b not in objs]
    if missing:
        raise SystemExit("missing objects in Rdata: %s" % missing)
    out = argv[2]
    # mtime=0 keeps the .gz byte-for-byte reproducible
    raw = open(out, "wb")
    f = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) \
        if out.endswith(".gz") else raw
    total = 0
    for book in BOOKS:
        docs = split_chapters(book, objs[book].value)
        for d in docs:
            f.write((json.dumps(d, ensure_ascii=False) + "\n").encode("utf-8"))
            total += len(d["text"])
        print("%-18s %4d docs (%d chapters)" % (book, len(docs),
              sum(1 for d in docs if "-ch" in d["id"])), file=sys.stderr)
    print("total text chars: %d" % total, file=sys.stderr)
    if f is not raw:
        f.close()
    raw.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
