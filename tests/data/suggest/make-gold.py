#!/usr/bin/env python3
"""Build the quote/speaker evaluation set: articles and gold sidecars.

Usage:
    python3 tests/data/suggest/make-gold.py            # (re)write every .txt and gold sidecar
    python3 tests/data/suggest/make-gold.py --check    # write nothing; exit 1 if a file is stale
    python3 tests/data/suggest/make-gold.py --table    # also print the README's table rows

Each article is written once, in sources/NAME.src, with inline markup (see
README.md); this script strips the markup, writes NAME.txt and computes every
offset of NAME.txt.gold.gloss.json from it.  Offsets are Unicode code points
of the text exactly as written to disk (CRLF counts two), end exclusive.

Standard library only (python3 3.8+).
"""

import hashlib
import json
import re
import sys
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
ANNOTATOR = {"id": "gold", "name": "Gold standard (hand-made)"}
LABELS = {"q": "quote", "p": "person", "o": "organization"}
ENTITIES = {"person", "organization"}
MIN_WORDS, MAX_WORDS = 250, 600
# First session: 2026-12-06 09:00 UTC; each article an hour after the one before.
BASE_TIME = datetime(2026, 12, 6, 9, 0, 0, tzinfo=timezone.utc)

OPENING = "“\"‘«„‚「『‹"
CLOSING = "”\"’»“‘」』›"

TAG = re.compile(r"\{([qpo])(?:#([A-Za-z0-9_-]+))?(?:@([A-Za-z0-9_-]+))?:")


class Invalid(Exception):
    pass


# ---------------------------------------------------------------------------
# Reading a source file
# ---------------------------------------------------------------------------
def read_source(path):
    """Header options (%% key: value lines) and the marked-up body."""
    src = path.read_text(encoding="utf-8")
    if "\r" in src:
        raise Invalid(f"{path.name}: write sources with LF; use '%% eol: crlf'")
    opts, lines = {}, src.split("\n")
    while lines and lines[0].startswith("%%"):
        key, _, value = lines.pop(0)[2:].partition(":")
        opts[key.strip()] = value.strip()
    body = "\n".join(lines).strip("\n") + "\n"
    unknown = set(opts) - {"eol"}
    if unknown:
        raise Invalid(f"{path.name}: unknown header options {sorted(unknown)}")
    return opts, body


def parse(body, where):
    """Strip the markup: (text, spans), offsets in code points of text."""
    out, spans, stack = [], [], []
    pos, n = 0, 0  # pos in body, n = code points written
    while pos < len(body):
        c = body[pos]
        if c == "{":
            m = TAG.match(body, pos)
            if not m:
                raise Invalid(f"{where}: stray '{{' at {body[pos:pos + 30]!r}")
            kind, ident, speaker = m.groups()
            if speaker and kind != "q":
                raise Invalid(f"{where}: only a quote has a speaker ({m.group(0)})")
            stack.append(dict(label=LABELS[kind], id=ident, speaker=speaker, start=n))
            pos = m.end()
        elif c == "}":
            if not stack:
                raise Invalid(f"{where}: stray '}}' after {body[max(0, pos - 30):pos]!r}")
            span = stack.pop()
            span["end"] = n
            spans.append(span)
            pos += 1
        else:
            out.append(c)
            n += 1
            pos += 1
    if stack:
        raise Invalid(f"{where}: {len(stack)} tag(s) not closed")
    return "".join(out), spans


# ---------------------------------------------------------------------------
# Checks on the text and the spans
# ---------------------------------------------------------------------------
def wordish(c):
    return c.isalnum() or unicodedata.category(c) in ("Mn", "Mc", "Me")


def spaceless(c):
    """Scripts written without spaces between words (Japanese here)."""
    name = unicodedata.name(c, "")
    return name.startswith(("CJK ", "HIRAGANA ", "KATAKANA "))


def continues_cluster(c):
    cp = ord(c)
    return (unicodedata.category(c) in ("Mn", "Mc", "Me") or cp == 0x200D
            or 0xFE00 <= cp <= 0xFE0F or 0x1F3FB <= cp <= 0x1F3FF
            or 0xE0020 <= cp <= 0xE007F)


def check_boundary(text, pos, where):
    """A span end must cut neither a word nor a grapheme cluster."""
    if pos <= 0 or pos >= len(text):
        return
    a, b = text[pos - 1], text[pos]
    if wordish(a) and wordish(b) and not (spaceless(a) or spaceless(b)):
        raise Invalid(f"{where}: offset {pos} cuts a word ({a!r}|{b!r})")
    if a == "\r" and b == "\n":
        raise Invalid(f"{where}: offset {pos} splits CR LF")
    if continues_cluster(b) or a == "\u200d":
        raise Invalid(f"{where}: offset {pos} is inside a grapheme cluster")
    if b in "’'" and wordish(a) and pos + 1 < len(text) and wordish(text[pos + 1]):
        possessive = text[pos + 1] == "s" and (pos + 2 >= len(text) or not wordish(text[pos + 2]))
        if not possessive:
            raise Invalid(f"{where}: offset {pos} cuts a word before an apostrophe")


def check_text(text, crlf, where):
    eol = "\r\n" if crlf else "\n"
    lf = text.replace("\r\n", "\n")
    if crlf and ("\r" in lf or text.count("\n") != text.count("\r\n")):
        raise Invalid(f"{where}: mixed line endings")
    if not crlf and "\r" in text:
        raise Invalid(f"{where}: CR in an LF article")
    if not text.endswith(eol):
        raise Invalid(f"{where}: no final newline")
    paras = lf[:-1].split("\n\n")
    if not paras[0].strip() or "\n" in paras[0]:
        raise Invalid(f"{where}: the headline must be one line, then a blank line")
    for p in paras:
        if not p.strip() or "\n" in p or p != p.strip(" \t"):
            raise Invalid(f"{where}: paragraph {p[:40]!r}: one line, no blank around it")
    words = len(lf.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise Invalid(f"{where}: {words} words, want {MIN_WORDS}-{MAX_WORDS}")
    return words


def check_spans(text, spans, where):
    ids = {}
    for s in spans:
        w = f"{where} {s['label']} {text[s['start']:s['end']][:40]!r}"
        if s["start"] >= s["end"]:
            raise Invalid(f"{w}: empty span")
        exact = text[s["start"]:s["end"]]
        if exact != exact.strip() or "\n" in exact or "\r" in exact:
            raise Invalid(f"{w}: whitespace or line break at an end or inside")
        check_boundary(text, s["start"], w)
        check_boundary(text, s["end"], w)
        if s["label"] == "quote":
            if exact[0] not in OPENING:
                raise Invalid(f"{w}: a quote starts with its opening mark")
            after = text[s["end"]:s["end"] + 1]
            if exact[-1] not in CLOSING and after not in ("\n", "\r"):
                raise Invalid(f"{w}: a quote ends with its closing mark, or at the "
                              "end of its paragraph (continued)")
        if s["id"]:
            if s["id"] in ids:
                raise Invalid(f"{w}: id {s['id']!r} used twice")
            ids[s["id"]] = s
    for s in spans:
        if s["speaker"]:
            w = f"{where} quote {text[s['start']:s['end']][:40]!r}"
            t = ids.get(s["speaker"])
            if t is None:
                raise Invalid(f"{w}: speaker {s['speaker']!r} is not a marked span")
            if t["label"] not in ENTITIES:
                raise Invalid(f"{w}: speaker {s['speaker']!r} is a {t['label']}")
            if t["start"] >= s["start"] and not (t["start"] >= s["end"]):
                raise Invalid(f"{w}: the speaker is inside the quote")
    seen = set()
    for s in spans:
        key = (s["label"], s["start"], s["end"])
        if key in seen:
            raise Invalid(f"{where}: the same {s['label']} span twice at {s['start']}")
        seen.add(key)
    return ids


# ---------------------------------------------------------------------------
# The sidecar
# ---------------------------------------------------------------------------
def h(*parts):
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def build(name, index, raw, text, spans, ids):
    fname = name + ".txt"
    for s in spans:
        s["aid"] = "a-" + h(ANNOTATOR["id"], s["label"], s["start"], s["end"])[:8]
    # Annotated in reading order, one span every 20 to 80 seconds.
    t = BASE_TIME + timedelta(hours=index)
    for s in sorted(spans, key=lambda s: (s["start"], s["end"])):
        t += timedelta(seconds=20 + int(h(fname, s["aid"]), 16) % 61)
        s["created"] = stamp(t)
    annotations = []
    for s in sorted(spans, key=lambda s: (s["start"], s["end"], s["label"], s["aid"])):
        a, b = s["start"], s["end"]
        annotations.append({
            "id": s["aid"],
            "label": s["label"],
            "start": a,
            "end": b,
            "exact": text[a:b],
            "prefix": text[max(0, a - 32):a],
            "suffix": text[b:b + 32],
            "note": "",
            "created": s["created"],
            "modified": s["created"],
        })
    relations = []
    for s in spans:
        if s["speaker"]:
            frm, to = s["aid"], ids[s["speaker"]]["aid"]
            relations.append({"id": "r-" + h(ANNOTATOR["id"], "speaker", frm, to)[:8],
                              "type": "speaker", "from": frm, "to": to})
    relations.sort(key=lambda r: (r["type"], r["from"], r["to"], r["id"]))
    all_ids = [a["id"] for a in annotations]
    if len(set(all_ids)) != len(all_ids) or len({r["id"] for r in relations}) != len(relations):
        raise Invalid(f"{fname}: an id collision; change the hash length")
    return {
        "format": "gloss",
        "version": 1,
        "document": {
            "file": fname,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "length": len(text),
        },
        "annotator": dict(ANNOTATOR),
        "annotations": annotations,
        "relations": relations,
    }


def canonical(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def write_if_changed(path, data, check, stale):
    if path.exists() and path.read_bytes() == data:
        return
    stale.append(path.name)
    if not check:
        tmp = path.with_name("." + path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)


def main(argv):
    check, table = "--check" in argv, "--table" in argv
    if set(argv) - {"--check", "--table"}:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    sources = sorted(SOURCES.glob("*.src"))
    if not sources:
        raise Invalid("no sources/*.src")
    stale, rows = [], []
    for index, path in enumerate(sources):
        name = path.stem
        opts, body = read_source(path)
        crlf = opts.get("eol", "lf") == "crlf"
        if opts.get("eol", "lf") not in ("lf", "crlf"):
            raise Invalid(f"{path.name}: eol is lf or crlf")
        if crlf:
            body = body.replace("\n", "\r\n")
        text, spans = parse(body, path.name)
        words = check_text(text, crlf, name + ".txt")
        ids = check_spans(text, spans, name + ".txt")
        raw = text.encode("utf-8")
        obj = build(name, index, raw, text, spans, ids)
        out = canonical(obj)
        if json.loads(out) != obj:
            raise Invalid(f"{name}: output is not stable")
        write_if_changed(HERE / (name + ".txt"), raw, check, stale)
        write_if_changed(HERE / (name + ".txt.gold.gloss.json"), out.encode("utf-8"), check, stale)
        count = {lab: sum(1 for s in spans if s["label"] == lab)
                 for lab in ("quote", "person", "organization")}
        speakers = {s["speaker"] for s in spans if s["speaker"]}
        no_speaker = sum(1 for s in spans if s["label"] == "quote" and not s["speaker"])
        print(f"{name}.txt: {words} words, {count['quote']} quotes "
              f"({no_speaker} without speaker), {len(obj['relations'])} speaker relations, "
              f"{count['person']} persons, {count['organization']} organizations"
              f"{', CRLF' if crlf else ''}")
        rows.append((name, words, count, len(obj["relations"]), len(speakers), no_speaker))
    if table:
        print()
        print("| article | words | quotes | speaker relations | speaker mentions | "
              "quotes without speaker | persons | organizations |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        tot = [0] * 7
        for name, words, c, rel, spk, ns in rows:
            vals = [words, c["quote"], rel, spk, ns, c["person"], c["organization"]]
            tot = [x + y for x, y in zip(tot, vals)]
            print(f"| `{name}.txt` | " + " | ".join(map(str, vals)) + " |")
        print("| **total** | " + " | ".join(map(str, tot)) + " |")
    if check:
        if stale:
            print("stale or missing: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("all files up to date")
    else:
        print(f"wrote {len(stale)} file(s)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Invalid as e:
        print(f"make-gold: {e}", file=sys.stderr)
        sys.exit(1)
