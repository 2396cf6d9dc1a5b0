#!/usr/bin/env python3
"""gloss-cli validate and stats with attributes and article fields
(issue 14): every value checked against the label set, required values
that are missing said as warnings, and everything counted.

The corpus is made here: one article, a label set with required
attributes and a required article field, and sidecars written by hand.
The expected counts of `stats` are computed here from the sidecars and the
label set (docs/labels.md, docs/sidecar.md), not read from our output.
Prints TAP. Standard library only.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


LABELS = {
    "format": "gloss-labels",
    "version": 1,
    "labels": [
        {"id": "claim", "kind": "claim", "name": "Claim", "key": "c"},
        {"id": "quote", "kind": "quote", "name": "Quote", "key": "q"},
        {"id": "person", "kind": "entity", "name": "Person", "key": "p"},
    ],
    "attributes": [
        {"id": "checkworthy", "name": "Check-worthy", "type": "boolean",
         "applies_to": ["kind:claim"]},
        {"id": "verdict", "name": "Verdict", "type": "choice", "applies_to": ["kind:claim"],
         "required": True,
         "values": [{"id": "true"}, {"id": "mostly-true"}, {"id": "mixed"},
                    {"id": "false"}, {"id": "unverifiable"}]},
        {"id": "form", "name": "Form", "type": "choice", "applies_to": ["quote"],
         "required": True,
         "values": [{"id": "direct"}, {"id": "indirect"}, {"id": "partial"}]},
        {"id": "wikidata", "name": "Wikidata item", "type": "text",
         "applies_to": ["kind:entity"], "pattern": "Q[0-9]+"},
        {"id": "confidence", "name": "Confidence", "type": "number",
         "applies_to": ["claim"], "min": 0, "max": 1},
    ],
    "document_labels": [
        {"id": "topic", "name": "Topic", "type": "choice", "multiple": True, "required": True,
         "values": [{"id": "politics"}, {"id": "economy"}, {"id": "health"}]},
        {"id": "stance", "name": "Stance", "type": "choice",
         "values": [{"id": "for"}, {"id": "against"}, {"id": "neutral"}]},
    ],
}

TEXT = ("Alice said the sky is green. Bob agreed with her.\n"
        "Carol wrote that rain is dry. Dan said “fine”.\n")
ARTICLE = "desk.txt"


def span(ident, label, exact, attributes=None, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(exact, start + 1)
    item = {"id": ident, "label": label, "start": start, "end": start + len(exact),
            "exact": exact}
    if attributes is not None:
        item["attributes"] = attributes
    return item


def write_sidecar(folder, annotator, annotations, document_labels=None):
    data = {
        "format": "gloss",
        "version": 1,
        "document": {
            "file": ARTICLE,
            "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
            "length": len(TEXT),
        },
        "annotator": {"id": annotator},
    }
    if document_labels is not None:
        data["document_labels"] = document_labels
    data["annotations"] = annotations
    data["relations"] = []
    path = os.path.join(folder, f"{ARTICLE}.{annotator}.gloss.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
    return data


# alice: one of each problem of a value, and required values missing.
ALICE = [
    span("c-1", "claim", "the sky is green", {"checkworthy": True, "verdict": "false"}),  # complete
    span("c-2", "claim", "Bob agreed", {"verdict": "maybe"}),         # not a value of verdict
    span("c-3", "claim", "rain is dry"),                               # verdict missing
    span("q-1", "quote", "fine", {"form": 3}),                         # wrong type: set, not missing
    span("p-1", "person", "Alice", {"wikidata": "42"}),                # pattern
    span("p-2", "person", "Bob", {"verdict": "true"}),                 # does not apply
    span("c-4", "claim", "Carol wrote", {"verdict": "true", "confidence": 1.5}),  # out of bounds
    span("c-5", "claim", "Dan said", {"verdict": "true", "zeal": True}),          # undeclared
    span("q-2", "quote", "her", {}),                                   # form missing
]
ALICE_FIELDS = {"stance": "for", "mood": "grim"}   # topic missing, mood undeclared

# bilal: complete and clean.
BILAL = [
    span("c-1", "claim", "the sky is green", {"checkworthy": False, "verdict": "true"}),
    span("c-2", "claim", "rain is dry", {"checkworthy": True, "verdict": "true"}),
    span("q-1", "quote", "fine", {"form": "direct"}),
    span("p-1", "person", "Alice", {"wikidata": "Q42"}),
]
BILAL_FIELDS = {"topic": ["politics", "economy"], "stance": "against"}

# carol: no problem the reader sees (so a quick check finds the file
# clean), but a required attribute and the required field are missing.
CAROL = [
    span("c-9", "claim", "the sky is green", {"checkworthy": True}),
]


def make_corpus(folder):
    with open(os.path.join(folder, ARTICLE), "w", encoding="utf-8") as f:
        f.write(TEXT)
    with open(os.path.join(folder, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(LABELS, f, indent=2)
    write_sidecar(folder, "alice", ALICE, ALICE_FIELDS)
    write_sidecar(folder, "bilal", BILAL, BILAL_FIELDS)
    write_sidecar(folder, "carol", CAROL)


def lines_of(out, annotator):
    return [l for l in out.splitlines() if f".{annotator}.gloss.json: " in l]


def test_validate_values(tmp):
    code, out, err = run("validate", tmp)
    alice = lines_of(out, "alice")
    check("validate: warnings only, exit 0", code == 0, out + err)

    expected = {
        "annotations[1].attributes.verdict": "“maybe” is not a value of “Verdict”",
        "annotations[3].attributes.form": "“Form” takes one of its values, not 3",
        "annotations[4].attributes.wikidata": "does not match the pattern of “Wikidata item”",
        "annotations[5].attributes.verdict": "does not apply to the label",
        "annotations[6].attributes.confidence": "1.5 is more than the maximum of “Confidence” (1)",
        "annotations[7].attributes.zeal": "“zeal” is not an attribute of the label set",
        "document_labels.mood": "“mood” is not an article field of the label set",
    }
    for location, words in expected.items():
        hits = [l for l in alice if f": {location}: warning: " in l and words in l]
        check(f"validate: {location} located, a warning", len(hits) == 1, "\n".join(alice))


def test_validate_required(tmp):
    code, out, err = run("validate", tmp)
    alice = lines_of(out, "alice")
    required = [l for l in alice if "required" in l]
    want = [
        "desk.txt.alice.gloss.json: document_labels.topic: warning: "
        "the required article field “Topic” is not set",
        "desk.txt.alice.gloss.json: annotations[id=c-3].attributes.verdict: warning: "
        "the required attribute “Verdict” is not set",
        "desk.txt.alice.gloss.json: annotations[id=q-2].attributes.form: warning: "
        "the required attribute “Form” is not set",
    ]
    got = [l[l.index("desk.txt."):] for l in required]
    # The article's fields first (they come first in the file), then the
    # spans in document order: "her" (q-2) is before "rain is dry" (c-3).
    check("validate: each missing required value, located by id, fields first, then spans in document order",
          got == [want[0], want[2], want[1]], "\n".join(required))
    check("validate: a value that is set but not allowed is not also missing",
          not any("id=q-1" in l or "id=c-2" in l or "id=p-2" in l for l in out.splitlines()), out)
    check("validate: bilal, complete and clean, has no line", lines_of(out, "bilal") == [], out)

    carol = lines_of(out, "carol")
    check("validate: a sidecar the reader finds clean is still checked for required values",
          any(": annotations[id=c-9].attributes.verdict: warning: " in l for l in carol)
          and any(": document_labels.topic: warning: " in l for l in carol)
          and len(carol) == 2, "\n".join(carol))

    n_warnings = len([l for l in out.splitlines() if ": warning: " in l])
    check("validate: the summary counts them as warnings",
          out.rstrip().splitlines()[-1] == f"3 sidecars checked: 0 errors, {n_warnings} warnings",
          out)

    code, out, err = run("validate", "--strict", tmp)
    check("validate --strict: missing required values fail (exit 1)", code == 1, out + err)
    code, out, err = run("validate", "--quiet", tmp)
    check("validate --quiet still says them",
          code == 0 and "annotations[id=c-9].attributes.verdict" in out, out)


def test_validate_json(tmp):
    code, out, err = run("validate", "--json", tmp)
    report = json.loads(out)
    by_annotator = {s["annotator"]: s for s in report["sidecars"]}
    carol = by_annotator["carol"]["problems"]
    check("validate --json: carol's missing values are warnings, located",
          sorted(p["location"] for p in carol) ==
          ["annotations[id=c-9].attributes.verdict", "document_labels.topic"]
          and all(p["severity"] == "warning" for p in carol), json.dumps(carol))
    alice = by_annotator["alice"]["problems"]
    check("validate --json: alice's value problems and missing values both listed",
          any(p["location"] == "annotations[1].attributes.verdict" for p in alice)
          and any(p["location"] == "annotations[id=q-2].attributes.form" for p in alice),
          json.dumps(alice))
    total = sum(len(s["problems"]) for s in report["sidecars"])
    check("validate --json: warnings count every one",
          report["warnings"] == total and report["errors"] == 0, json.dumps(report)[:2000])


# ------------------------------------------------------------------ #
# stats: the expected figures, from the files and docs/labels.md       #
# ------------------------------------------------------------------ #

def kind_of(label):
    return next(l["kind"] for l in LABELS["labels"] if l["id"] == label)


def applies(attribute, label):
    entries = attribute.get("applies_to", [])
    return label in entries or f"kind:{kind_of(label)}" in entries


def is_set(value):
    return value is not None and value != []


def expected_counts(sidecars):
    """{scope: {id: {"n": …, "values": {…}, "missing": …}}, incomplete: …}"""
    declared = {"attributes": {a["id"]: a for a in LABELS["attributes"]},
                "document_labels": {a["id"]: a for a in LABELS["document_labels"]}}
    out = {"attributes": {}, "document_labels": {}, "incomplete_spans": 0,
           "incomplete_sidecars": 0}

    def entry(scope, ident):
        if ident not in out[scope]:
            out[scope][ident] = {"n": 0, "values": {}, "missing": 0}
            a = declared[scope].get(ident)
            if a is not None and a["type"] == "choice":
                for v in a["values"]:
                    out[scope][ident]["values"][v["id"]] = 0
            if a is not None and a["type"] == "boolean":
                out[scope][ident]["values"].update({"true": 0, "false": 0})
        return out[scope][ident]

    for scope in declared:
        for ident in declared[scope]:
            entry(scope, ident)

    def count(scope, values):
        for ident, value in values.items():
            e = entry(scope, ident)
            if not is_set(value):
                continue
            e["n"] += 1
            a = declared[scope].get(ident)
            if isinstance(value, bool):
                key = "true" if value else "false"
                e["values"][key] = e["values"].get(key, 0) + 1
            elif isinstance(value, list):
                for item in value:
                    e["values"][item] = e["values"].get(item, 0) + 1
            elif isinstance(value, str) and a is not None and a["type"] == "choice":
                e["values"][value] = e["values"].get(value, 0) + 1

    for data in sidecars:
        fields = data.get("document_labels", {})
        count("document_labels", fields)
        missing = [f for f in LABELS["document_labels"]
                   if f.get("required") and not is_set(fields.get(f["id"]))]
        for f in missing:
            entry("document_labels", f["id"])["missing"] += 1
        out["incomplete_sidecars"] += 1 if missing else 0
        for a in data["annotations"]:
            values = a.get("attributes", {})
            count("attributes", values)
            missing = [x for x in LABELS["attributes"]
                       if x.get("required") and applies(x, a["label"])
                       and not is_set(values.get(x["id"]))]
            for x in missing:
                entry("attributes", x["id"])["missing"] += 1
            out["incomplete_spans"] += 1 if missing else 0
    return out


def load_sidecars(tmp, annotators):
    found = []
    for annotator in annotators:
        with open(os.path.join(tmp, f"{ARTICLE}.{annotator}.gloss.json"), encoding="utf-8") as f:
            found.append(json.load(f))
    return found


def test_stats_json(tmp):
    code, out, err = run("stats", "--json", tmp)
    check("stats --json exits 0", code == 0, out + err)
    report = json.loads(out)
    for who, annotators in (("total", ["alice", "bilal", "carol"]),
                            ("alice", ["alice"]), ("carol", ["carol"])):
        tally = report["total"] if who == "total" else report["annotators"][who]
        want = expected_counts(load_sidecars(tmp, annotators))
        # Each annotator's object lists every id and value of the corpus
        # (like "labels"), with 0 for those they never used.
        corpus = expected_counts(load_sidecars(tmp, ["alice", "bilal", "carol"]))
        for scope in ("attributes", "document_labels"):
            for ident, e in corpus[scope].items():
                mine = want[scope].setdefault(ident, {"n": 0, "values": {}, "missing": 0})
                for value in e["values"]:
                    mine["values"].setdefault(value, 0)
        got_attributes = {k: {"n": v["spans"], "values": v["values"], "missing": v["not_set"]}
                          for k, v in tally["attributes"].items()}
        got_fields = {k: {"n": v["sidecars"], "values": v["values"], "missing": v["not_set"]}
                      for k, v in tally["document_labels"].items()}
        # Text and number attributes have no values to count.
        for scope, got in (("attributes", got_attributes), ("document_labels", got_fields)):
            check(f"stats --json: {who}: {scope} counted as the files say",
                  got == want[scope], f"got {got}\nwant {want[scope]}")
        check(f"stats --json: {who}: incomplete spans and sidecars",
              tally["incomplete_spans"] == want["incomplete_spans"]
              and tally["incomplete_sidecars"] == want["incomplete_sidecars"],
              json.dumps(tally))
    check("stats --json: a choice's values in the label set's order",
          list(report["total"]["attributes"]["verdict"]["values"])[:5] ==
          ["true", "mostly-true", "mixed", "false", "unverifiable"],
          json.dumps(report["total"]["attributes"]["verdict"]))
    check("stats --json: an undeclared value comes after the declared ones",
          list(report["total"]["attributes"]["verdict"]["values"]) ==
          ["true", "mostly-true", "mixed", "false", "unverifiable", "maybe"],
          json.dumps(report["total"]["attributes"]["verdict"]))
    check("stats --json: the existing members are still there",
          all(k in report["total"] for k in ("sidecars", "done", "annotations", "labels",
                                             "relations", "orphaned")), json.dumps(report["total"]))


def test_stats_text(tmp):
    code, out, err = run("stats", tmp)
    check("stats exits 0", code == 0, out + err)
    lines = out.splitlines()
    names = [l[:16].strip() for l in lines]
    check("stats: the old rows come first, unchanged, up to orphaned",
          "orphaned" in names and "attributes" in names
          and names.index("orphaned") < names.index("attributes"), out)
    header = lines[2].split()
    check("stats: columns are alice, bilal, carol, total",
          header == ["alice", "bilal", "carol", "total"], lines[2])

    def row(name):
        found = [l for l in lines if l[:16].rstrip() == name]
        return [int(x) for x in found[0][16:].split()] if found else None

    section = lines[names.index("attributes"):]
    fields_at = [l[:16].rstrip() for l in section].index("article fields")
    attributes, fields = section[:fields_at], section[fields_at:]

    def row_in(block, name, after=None):
        start = 0
        if after is not None:
            start = [l[:16].rstrip() for l in block].index(after)
        for l in block[start:]:
            if l[:16].rstrip() == name:
                return [int(x) for x in l[16:].split()]
        return None

    # alice: c-1, c-2, p-2 (kept though it does not apply), c-4, c-5;
    # bilal: c-1, c-2; carol: none.
    check("stats: verdict carried by 5 + 2 + 0 spans",
          row_in(attributes, "  verdict") == [5, 2, 0, 7], "\n".join(attributes))
    check("stats: verdict “true” 3 + 2 + 0, “maybe” (undeclared) counted too",
          row_in(attributes, "    true", after="  verdict") == [3, 2, 0, 5]
          and row_in(attributes, "    maybe", after="  verdict") == [1, 0, 0, 1],
          "\n".join(attributes))
    check("stats: verdict not set where required: 1 + 0 + 1",
          row_in(attributes, "    (not set)", after="  verdict") == [1, 0, 1, 2],
          "\n".join(attributes))
    check("stats: checkworthy true and false",
          row_in(attributes, "    true", after="  checkworthy") == [1, 1, 1, 3]
          and row_in(attributes, "    false", after="  checkworthy") == [0, 1, 0, 1],
          "\n".join(attributes))
    check("stats: incomplete spans 2 + 0 + 1",
          row_in(attributes, "  (incomplete)") == [2, 0, 1, 3], "\n".join(attributes))
    check("stats: article field topic set by bilal only, its values counted",
          row_in(fields, "  topic") == [0, 1, 0, 1]
          and row_in(fields, "    politics", after="  topic") == [0, 1, 0, 1]
          and row_in(fields, "    (not set)", after="  topic") == [1, 0, 1, 2],
          "\n".join(fields))
    check("stats: incomplete sidecars 1 + 0 + 1",
          row_in(fields, "  (incomplete)") == [1, 0, 1, 2], "\n".join(fields))


def test_stats_without_attributes(tmp):
    """A corpus whose label set declares nothing and whose sidecars carry
    nothing prints the table as before, and nothing more."""
    with open(os.path.join(tmp, ARTICLE), "w", encoding="utf-8") as f:
        f.write(TEXT)
    write_sidecar(tmp, "alice", [span("a-1", "claim", "the sky is green")])
    code, out, err = run("stats", tmp)
    names = [l[:16].strip() for l in out.splitlines()]
    check("stats without attributes: ends with orphaned, as before",
          code == 0 and names[-1] == "orphaned" and "attributes" not in names, out)
    code, out, err = run("validate", tmp)
    check("validate without required attributes: clean",
          code == 0 and out.strip() == "1 sidecar checked: 0 errors, 0 warnings", out)


def test_optional_only(tmp):
    """Attributes, none required: counted, and nothing said missing."""
    labels = json.loads(json.dumps(LABELS))
    for attribute in labels["attributes"] + labels["document_labels"]:
        attribute.pop("required", None)
    with open(os.path.join(tmp, ARTICLE), "w", encoding="utf-8") as f:
        f.write(TEXT)
    with open(os.path.join(tmp, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(labels, f)
    write_sidecar(tmp, "alice", [span("c-1", "claim", "the sky is green", {"verdict": "mixed"}),
                                 span("c-2", "claim", "rain is dry")])
    code, out, err = run("validate", tmp)
    check("validate, nothing required: clean",
          code == 0 and out.strip() == "1 sidecar checked: 0 errors, 0 warnings", out + err)
    code, out, err = run("stats", tmp)
    names = [l[:16].rstrip() for l in out.splitlines()]
    check("stats, nothing required: values counted, no (not set) or (incomplete) row",
          code == 0 and "    mixed" in names and "    (not set)" not in names
          and "  (incomplete)" not in names, out)


def test_stats_long_names(tmp):
    """A value name longer than the name column (and one with a non-ASCII
    letter) widens the column for every row instead of pushing its own
    row's counts out of line."""
    make_corpus(tmp)
    path = os.path.join(tmp, f"{ARTICLE}.alice.gloss.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    data.setdefault("document_labels", {})["topic"] = ["infrastructure-and-transport", "économie"]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")
    code, out, err = run("stats", tmp)
    check("stats with long names exits 0", code == 0, out + err)
    rows = [l for l in out.splitlines()[2:] if l.strip() and l.rstrip()[-1:].isdigit()]
    ends = {len(l.rstrip()) for l in rows}
    check("stats: every row's total ends in the same column, long and accented names too",
          len(ends) == 1 and any("infrastructure-and-transport" in l for l in rows)
          and any("économie" in l for l in rows), out)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(tmp)
        test_validate_values(tmp)
        test_validate_required(tmp)
        test_validate_json(tmp)
        test_stats_json(tmp)
        test_stats_text(tmp)
    with tempfile.TemporaryDirectory() as tmp:
        test_stats_without_attributes(tmp)
    with tempfile.TemporaryDirectory() as tmp:
        test_optional_only(tmp)
    with tempfile.TemporaryDirectory() as tmp:
        test_stats_long_names(tmp)

    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            failed += 1
            for line in str(detail).splitlines()[:40]:
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
