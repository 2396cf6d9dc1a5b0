#!/usr/bin/env python3
# plain-brat-import.py — the yardstick of the import benchmark (bench-import.c)
#
#   plain-brat-import.py INPUT-FOLDER OUTPUT-FOLDER [ANNOTATOR]
#
# What a person would write in a few minutes to turn a folder of brat
# standoff files into Gloss's layout: for each NAME.ann (in name order)
# it reads NAME.txt and the .ann's T (span) and R (relation) lines, then
# writes OUTPUT/NAME.txt (a copy of the text) and
# OUTPUT/NAME.txt.ANNOTATOR.gloss.json, a sidecar shaped as Gloss writes
# it (the same keys, the same two-space indentation, 32 characters of
# context on each side of a span), so both programs write as many files of
# about the same size. Files are written with Python's ordinary open() and
# write(), without fsync: a crash can leave a half-written file under its
# name. No checks beyond what the parsing needs: brat's own offsets count
# code points, which Python's str indexing does too.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import sys

CONTEXT = 32


def parse_ann(lines):
    spans, relations = [], []
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if not fields or len(fields) < 2:
            continue
        ident = fields[0]
        if ident.startswith("T") and len(fields) >= 3:
            label, _, ranges = fields[1].partition(" ")
            bounds = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
            spans.append((ident, label, bounds[0][0], bounds[-1][1]))
        elif ident.startswith("R"):
            parts = fields[1].split()
            args = dict(p.split(":", 1) for p in parts[1:])
            relations.append((ident, parts[0], args.get("Arg1"), args.get("Arg2")))
    return spans, relations


def sidecar(name, data, text, annotator, spans, relations):
    annotations = []
    for ident, label, start, end in spans:
        annotations.append({
            "id": ident,
            "label": label,
            "start": start,
            "end": end,
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT):start],
            "suffix": text[end:end + CONTEXT],
            "note": "",
        })
    return {
        "format": "gloss",
        "version": 1,
        "document": {
            "file": name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "length": len(text),
        },
        "annotator": {"id": annotator, "name": ""},
        "annotations": annotations,
        "relations": [{"id": i, "type": t, "from": a, "to": b} for i, t, a, b in relations],
    }


def main():
    if len(sys.argv) not in (3, 4):
        print("usage: plain-brat-import.py INPUT-FOLDER OUTPUT-FOLDER [ANNOTATOR]", file=sys.stderr)
        return 2
    source, output = sys.argv[1], sys.argv[2]
    annotator = sys.argv[3] if len(sys.argv) == 4 else "bench"
    os.makedirs(output, exist_ok=True)

    articles = sidecars = n_spans = n_relations = 0
    for ann_name in sorted(n for n in os.listdir(source) if n.endswith(".ann")):
        name = ann_name[:-len(".ann")] + ".txt"
        with open(os.path.join(source, name), "rb") as f:
            data = f.read()
        text = data.decode("utf-8")
        with open(os.path.join(source, ann_name), encoding="utf-8") as f:
            spans, relations = parse_ann(f)

        with open(os.path.join(output, name), "wb") as f:
            f.write(data)
        articles += 1
        with open(os.path.join(output, f"{name}.{annotator}.gloss.json"), "w", encoding="utf-8") as f:
            json.dump(sidecar(name, data, text, annotator, spans, relations), f,
                      ensure_ascii=False, indent=2)
            f.write("\n")
        sidecars += 1
        n_spans += len(spans)
        n_relations += len(relations)

    print(f"{articles} articles, {sidecars} sidecars, {n_spans} spans, {n_relations} relations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
