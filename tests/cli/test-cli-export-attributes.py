#!/usr/bin/env python3
"""gloss-cli export and import of spans' attributes and the article's fields.

Runs the real binary over a small corpus whose label set declares an
attribute of every type and three article fields. Each export is read back
with Python's json and csv modules; doccano's lines are also read the way
doccano's own import reads a line for an "Intent Detection and Slot
Filling" project (sequence labelling and text classification), its rule
re-implemented below from doccano's source:

  backend/data_import/pipeline/factories.py, create_builder(): for
    INTENT_DETECTION_AND_SLOT_FILLING the label columns are fixed, "cats"
    (CategoryLabel) and "entities" (SpanLabel); for SEQUENCE_LABELING
    without relations, the one column "label" (SpanLabel).
  backend/data_import/pipeline/builders.py, build_label() and
    ColumnBuilder.build(): a column's value that is a str or int becomes a
    one-element list; each element is parsed by the label class; columns
    read are popped, and what is left of the line is the example's meta.
  backend/data_import/pipeline/labels.py: CategoryLabel.parse() takes a
    str (or an int, made a str), anything else is a TypeError;
    SpanLabel.parse() takes a list/tuple zipped with (start_offset,
    end_offset, label) or a dict with those keys.

Then the jsonl export is imported back with gloss-cli import, and the
sidecar written must equal the one exported from. Prints TAP. Standard
library only.
"""
import csv
import hashlib
import io
import json
import math
import os
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])

results = []

TEXT = "Élise said the sky is green 😀. Bob agreed.\n"

LABELS = {
    "format": "gloss-labels", "version": 1,
    "labels": [
        {"id": "claim", "kind": "claim", "color": "#e5a50a", "key": "c"},
        {"id": "person", "kind": "entity", "color": "#c061cb", "key": "p"},
    ],
    "attributes": [
        {"id": "checkworthy", "type": "boolean", "applies_to": ["kind:claim"]},
        {"id": "verdict", "type": "choice", "applies_to": ["kind:claim"],
         "values": [{"id": "true"}, {"id": "false"}]},
        {"id": "score", "type": "number", "applies_to": ["claim"]},
        {"id": "tags", "type": "choice", "multiple": True, "applies_to": ["claim"],
         "values": [{"id": "health"}, {"id": "sky"}]},
        {"id": "wikidata", "type": "text", "applies_to": ["kind:entity"]},
    ],
    "document_labels": [
        {"id": "stance", "type": "choice", "values": [{"id": "for"}, {"id": "against"}]},
        {"id": "topic", "type": "choice", "multiple": True,
         "values": [{"id": "science"}, {"id": "politics"}]},
        {"id": "breaking", "type": "boolean"},
    ],
}

# What the sidecar holds, and each export must carry.
PERSON_ATTRIBUTES = {"wikidata": "Q42, \"quoted\""}
CLAIM_ATTRIBUTES = {"checkworthy": False, "score": -0.25, "tags": ["sky", "health"],
                    "verdict": "false"}
FIELDS = {"breaking": True, "stance": "against", "topic": ["science", "politics"]}


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


def make_corpus(corpus):
    os.makedirs(corpus)
    with open(os.path.join(corpus, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(LABELS, f)
    with open(os.path.join(corpus, "sky.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(TEXT)
    claim_start = TEXT.index("the sky")
    claim_end = TEXT.index(".")
    sidecar = {
        "format": "gloss", "version": 1,
        "document": {"file": "sky.txt",
                     "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
                     "length": len(TEXT)},
        "annotator": {"id": "alice", "name": ""},
        "document_labels": FIELDS,
        "annotations": [
            {"id": "a-1", "label": "person", "start": 0, "end": 5, "exact": TEXT[0:5],
             "prefix": "", "suffix": TEXT[5:37], "note": "", "attributes": PERSON_ATTRIBUTES},
            {"id": "a-2", "label": "claim", "start": claim_start, "end": claim_end,
             "exact": TEXT[claim_start:claim_end], "prefix": TEXT[max(0, claim_start - 32):claim_start],
             "suffix": TEXT[claim_end:claim_end + 32], "note": "", "attributes": CLAIM_ATTRIBUTES},
        ],
        "relations": [{"id": "r-1", "type": "speaker", "from": "a-2", "to": "a-1"}],
    }
    with open(os.path.join(corpus, "sky.txt.alice.gloss.json"), "w", encoding="utf-8") as f:
        json.dump(sidecar, f, ensure_ascii=False, indent=2)
    return claim_start, claim_end


def utf16(text, offset):
    return len(text[:offset].encode("utf-16-le")) // 2


# doccano's reading of one line, for an intent detection and slot filling
# project (see the top of the file).
def doccano_intent_line(row):
    row = dict(row)
    if "text" not in row:
        raise ValueError("text field does not exist.")
    text = row.pop("text")
    labels = []
    for name, kind in (("cats", "category"), ("entities", "span")):
        if name not in row:
            continue  # KeyError: logged by doccano, nothing read
        value = row[name]
        value = [value] if isinstance(value, (str, int)) else value
        for item in value:
            if kind == "category":
                if isinstance(item, bool) or not isinstance(item, (str, int)):
                    raise TypeError(f"{item} is not str.")
                labels.append(("category", str(item)))
            elif isinstance(item, (list, tuple)):
                start, end, label = item
                labels.append(("span", start, end, label))
            elif isinstance(item, dict):
                labels.append(("span", item["start_offset"], item["end_offset"], item["label"]))
            else:
                raise TypeError(f"{item} is invalid type.")
        row.pop(name)
    return text, labels, row


def test_jsonl_and_round_trip(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    out = os.path.join(tmp, "all.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "-o", out, corpus)
    check("jsonl: exit 0, nothing said lost", code == 0 and "lost" not in stdout + err
          and "attribute" not in stdout + err, f"{code} {stdout!r} {err!r}")
    with open(out, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    record = records[0]
    spans = record["spans"]
    check("jsonl: the spans' attributes and the article's fields, as values",
          len(records) == 1 and spans[0]["attributes"] == PERSON_ATTRIBUTES
          and spans[1]["attributes"] == CLAIM_ATTRIBUTES
          and record["document_labels"] == FIELDS, json.dumps(record, ensure_ascii=False))

    imported = os.path.join(tmp, "imported")
    os.makedirs(imported)
    with open(os.path.join(imported, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(LABELS, f)
    code, stdout, err = run("import", "--format", "jsonl", "-o", imported, out)
    check("import jsonl: exit 0, no problem", code == 0 and err == "", f"{code} {stdout!r} {err!r}")
    with open(os.path.join(corpus, "sky.txt.alice.gloss.json"), encoding="utf-8") as f:
        before = json.load(f)
    with open(os.path.join(imported, "sky.txt.alice.gloss.json"), encoding="utf-8") as f:
        after = json.load(f)
    check("import jsonl: the same attributes and article fields in the sidecar",
          [a.get("attributes") for a in after["annotations"]]
          == [a.get("attributes") for a in before["annotations"]]
          and after.get("document_labels") == before["document_labels"], json.dumps(after))

    # A line whose values the label set does not know: kept, and said.
    record["spans"][1]["attributes"]["mood"] = "calm"
    record["document_labels"]["season"] = "winter"
    record["annotator"] = "bob"
    odd = os.path.join(tmp, "odd.jsonl")
    with open(odd, "w", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    code, stdout, err = run("import", "--format", "jsonl", "-o", imported, odd)
    with open(os.path.join(imported, "sky.txt.bob.gloss.json"), encoding="utf-8") as f:
        bob = json.load(f)
    check("import jsonl: undeclared values kept, each a located warning, exit 0",
          code == 0 and f"{odd}:1: spans[1].attributes.mood:" in err
          and f"{odd}:1: document_labels.season:" in err
          and bob["annotations"][1]["attributes"]["mood"] == "calm"
          and bob["document_labels"]["season"] == "winter", f"{code} {err!r}")


def test_doccano(tmp):
    corpus = os.path.join(tmp, "corpus")
    claim_start, claim_end = make_corpus(corpus)
    out = os.path.join(tmp, "doccano.jsonl")
    code, stdout, err = run("export", "--format", "doccano", "-o", out, corpus)
    # 5 span attribute values and the boolean field have no place.
    check("doccano: exit 0, the attributes and the boolean field said lost",
          code == 0 and "5 attribute values" in stdout + err and "1 article field" in stdout + err,
          f"{code} {stdout!r} {err!r}")
    with open(out, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    text, labels, meta = doccano_intent_line(rows[0])
    expected_spans = [("span", 0, 5, "person"),
                      ("span", utf16(TEXT, claim_start), utf16(TEXT, claim_end), "claim")]
    check("doccano, intent detection project: the choice fields as categories, the spans",
          text == TEXT
          and [x for x in labels if x[0] == "category"]
          == [("category", "stance:against"), ("category", "topic:science"),
              ("category", "topic:politics")]
          and [x for x in labels if x[0] == "span"] == expected_spans
          and meta.get("annotator") == "alice", repr((labels, meta)))
    # A sequence labelling project reads "label" (the column asked for).
    check("doccano, sequence labelling project: the spans in \"label\"",
          [("span", *x) for x in rows[0]["label"]] == expected_spans, repr(rows[0]))

    code, stdout, err = run("export", "--format", "doccano", "--doccano-relations", "-o",
                            os.path.join(tmp, "relations.jsonl"), corpus)
    with open(os.path.join(tmp, "relations.jsonl"), encoding="utf-8") as f:
        row = json.loads(f.readline())
    text, labels, meta = doccano_intent_line(row)
    check("doccano relations shape: categories read, entities read as dicts",
          code == 0 and [x for x in labels if x[0] == "span"] == expected_spans
          and ("category", "stance:against") in labels, repr(labels))

    # Both shapes imported back by Gloss: the same spans (and relation),
    # and the choice fields from "cats", without a word.
    with open(os.path.join(corpus, "sky.txt.alice.gloss.json"), encoding="utf-8") as f:
        before = json.load(f)
    for name, relations in (("doccano.jsonl", []), ("relations.jsonl", before["relations"])):
        imported = os.path.join(tmp, "imported-" + name)
        os.makedirs(imported)
        with open(os.path.join(imported, "gloss-labels.json"), "w", encoding="utf-8") as f:
            json.dump(LABELS, f)
        code, stdout, err = run("import", "--format", "doccano", "-a", "bob", "-o", imported,
                                os.path.join(tmp, name))
        with open(os.path.join(imported, "line-1.txt.bob.gloss.json"), encoding="utf-8") as f:
            after = json.load(f)
        check(f"import {name} back: exit 0, no problem, the spans, the choice fields",
              code == 0 and err == "" and "2 spans" in stdout
              and [(a["label"], a["start"], a["end"], a["exact"]) for a in after["annotations"]]
              == [(a["label"], a["start"], a["end"], a["exact"]) for a in before["annotations"]]
              and after.get("document_labels") == {"stance": "against",
                                                   "topic": ["science", "politics"]}
              and after["relations"] == relations,
              f"{code} {stdout!r} {err!r} {json.dumps(after, ensure_ascii=False)}")


def test_csv(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    out = os.path.join(tmp, "all.csv")
    code, stdout, err = run("export", "--format", "csv", "-o", out, corpus)
    check("csv: exit 0, nothing said lost", code == 0 and "lost" not in stdout + err
          and "attribute" not in stdout + err, f"{code} {stdout!r} {err!r}")
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    check("csv: the old columns in place, then attributes and article fields",
          header == ["article", "annotator", "id", "label", "start", "end", "text", "note",
                     "speaker", "checkworthy", "verdict", "score", "tags", "wikidata",
                     "document_labels.stance", "document_labels.topic",
                     "document_labels.breaking"], repr(header))
    with open(out, encoding="utf-8", newline="") as f:
        by_name = list(csv.DictReader(f))
    person, claim = by_name
    check("csv: values as text (true/false, choice id, C-locale number, '|' joins)",
          person["wikidata"] == PERSON_ATTRIBUTES["wikidata"] and person["verdict"] == ""
          and claim["checkworthy"] == "false" and claim["verdict"] == "false"
          and float(claim["score"]) == -0.25 and claim["score"] == "-0.25"
          and claim["tags"] == "sky|health" and claim["wikidata"] == ""
          and person["document_labels.topic"] == claim["document_labels.topic"] == "science|politics"
          and claim["document_labels.stance"] == "against"
          and claim["document_labels.breaking"] == "true", repr(by_name))


def strict_json(line):
    """json.loads without Python's NaN and Infinity, which are not JSON."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")
    return json.loads(line, parse_constant=refuse)


def same_number(a, b):
    """Equal, and the same sign for a zero."""
    return (isinstance(a, (int, float)) and isinstance(b, (int, float)) and a == b
            and math.copysign(1, a) == math.copysign(1, b))


def test_numbers(tmp):
    """Numbers json-glib 1.6's generator wrote as invalid JSON ("1e+21.0")
    or without their sign (-0.0 as 0), in a span's score and an article's
    number field: every exported line must be JSON to Python, and the
    import must give the same numbers back."""
    numbers = [1e17, 5e20, 1e21, -1e22, 1e100, -0.0, 0.1, 1.5e-300]
    labels = json.loads(json.dumps(LABELS))
    labels["document_labels"].append({"id": "words", "type": "number"})
    for i, number in enumerate(numbers):
        corpus = os.path.join(tmp, f"corpus{i}")
        make_corpus(corpus)
        with open(os.path.join(corpus, "gloss-labels.json"), "w", encoding="utf-8") as f:
            json.dump(labels, f)
        path = os.path.join(corpus, "sky.txt.alice.gloss.json")
        with open(path, encoding="utf-8") as f:
            sidecar = json.load(f)
        sidecar["annotations"][1]["attributes"]["score"] = number
        sidecar["document_labels"]["words"] = number
        with open(path, "w", encoding="utf-8") as f:
            json.dump(sidecar, f, ensure_ascii=False, indent=2)

        for fmt in ("jsonl", "doccano"):
            out = os.path.join(tmp, f"n{i}.{fmt}.jsonl")
            code, stdout, err = run("export", "--format", fmt, "-o", out, corpus)
            try:
                with open(out, encoding="utf-8") as f:
                    records = [strict_json(line) for line in f]
                error = None
            except (ValueError, OSError) as e:
                records, error = [], e
            check(f"{fmt} {number!r}: every line is JSON to Python",
                  code == 0 and len(records) == 1, f"{code} {error!r} {err!r}")

        out = os.path.join(tmp, f"n{i}.jsonl.jsonl")
        with open(out, encoding="utf-8") as f:
            record = strict_json(f.readline())
        check(f"jsonl {number!r}: the value as the sidecar holds it",
              same_number(record["spans"][1]["attributes"]["score"], number)
              and same_number(record["document_labels"]["words"], number), json.dumps(record))

        imported = os.path.join(tmp, f"imported{i}")
        os.makedirs(imported)
        with open(os.path.join(imported, "gloss-labels.json"), "w", encoding="utf-8") as f:
            json.dump(labels, f)
        code, stdout, err = run("import", "--format", "jsonl", "-o", imported, out)
        with open(os.path.join(imported, "sky.txt.alice.gloss.json"), encoding="utf-8") as f:
            after = strict_json(f.read())
        check(f"import jsonl {number!r}: the same number back, no problem",
              code == 0 and err == ""
              and same_number(after["annotations"][1]["attributes"]["score"], number)
              and same_number(after["document_labels"]["words"], number),
              f"{code} {err!r} {json.dumps(after)}")


def test_big_integers(tmp):
    """Whole numbers a double holds only approximately, as Python writes
    them: past 2^53 (9007199254740993 is read as ...992) and past 64 bits
    (which once made the whole sidecar fail to load). The sidecar loads,
    each value read as the nearest double with a located warning saying
    what was kept; the jsonl import says the same."""
    labels = json.loads(json.dumps(LABELS))
    labels["document_labels"].append({"id": "words", "type": "number"})
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    with open(os.path.join(corpus, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(labels, f)
    path = os.path.join(corpus, "sky.txt.alice.gloss.json")
    with open(path, encoding="utf-8") as f:
        sidecar = json.load(f)
    sidecar["annotations"][1]["attributes"]["score"] = 9007199254740993
    sidecar["document_labels"]["words"] = 123456789012345678901234567890
    with open(path, "w", encoding="utf-8") as f:
        json.dump(sidecar, f, ensure_ascii=False, indent=2)

    said = "warning: a whole number past 2^53 cannot be kept exactly; kept as "
    code, stdout, err = run("validate", corpus)
    check("validate: the sidecar loads, each rounded number a located warning",
          code == 0
          and f"{path}: annotations[1].attributes.score: {said}9007199254740992," in stdout
          and f"{path}: document_labels.words: {said}123456789012345677877719597056," in stdout
          and "error" not in stdout.replace("0 errors", ""), f"{code} {stdout!r} {err!r}")

    out = os.path.join(tmp, "big.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "-o", out, corpus)
    with open(out, encoding="utf-8") as f:
        record = strict_json(f.readline())
    check("export jsonl: the numbers kept, as numbers",
          code == 0 and record["spans"][1]["attributes"]["score"] == 9007199254740992
          and record["document_labels"]["words"] == 123456789012345678901234567890.0,
          json.dumps(record))

    # A line another tool wrote, with the exact integers.
    record["spans"][1]["attributes"]["score"] = 9007199254740993
    record["document_labels"]["words"] = 123456789012345678901234567890
    line = os.path.join(tmp, "exact.jsonl")
    with open(line, "w", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    imported = os.path.join(tmp, "imported")
    os.makedirs(imported)
    with open(os.path.join(imported, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(labels, f)
    code, stdout, err = run("import", "--format", "jsonl", "-o", imported, line)
    with open(os.path.join(imported, "sky.txt.alice.gloss.json"), encoding="utf-8") as f:
        after = strict_json(f.read())
    check("import jsonl: imported, each rounded number a located warning",
          code == 0
          and f"{line}:1: spans[1].attributes.score: a whole number past 2^53" in err
          and f"{line}:1: document_labels.words: a whole number past 2^53" in err
          and after["annotations"][1]["attributes"]["score"] == 9007199254740992
          and after["document_labels"]["words"] == 123456789012345678901234567890.0,
          f"{code} {err!r}")


def main():
    for test in (test_jsonl_and_round_trip, test_doccano, test_csv, test_numbers,
                 test_big_integers):
        with tempfile.TemporaryDirectory() as tmp:
            try:
                test(tmp)
            except Exception as e:  # a crash is one failed check, not a lost plan
                check(f"{test.__name__} ran to the end", False, repr(e))

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
