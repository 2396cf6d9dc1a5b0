#!/usr/bin/env python3
"""gloss-cli export and import --format brat with attributes and relation
types, checked by brat's own code.

A corpus with a label set of attributes of every type (boolean, choice,
multiple choice, text, number) and three relation types, two annotators,
is exported with the real gloss-cli. Every .ann and its annotation.conf are
then read by brat's own parser, configuration reader and verifier
(a checkout of github.com/nlplab/brat — its server/src — named by
GLOSS_BRAT_SRC, or ../shared/thirdparty/brat beside the clone; no copy of
brat's code is kept in this repository, and without one the test skips), run by
brat-read.py in a child interpreter:

* brat parses every line (no failed lines, no configuration message);
* brat's verifier reports nothing: every attribute is one that
  annotation.conf lets that span type take, every relation links the types
  its Arg1/Arg2 allow, overlaps are allowed;
* what brat reads as each span's attributes is what the sidecar holds,
  as brat can hold it (true as a binary attribute, false as none; one
  value per attribute), and each value is one annotation.conf declares
  for that attribute;
* brat's verifier is live: the same folder with the [attributes] section
  taken out of annotation.conf is reported span by span;
* brat's own example corpora (when ../shared has them), imported and
  exported back, pass brat's verifier too.

Then `gloss-cli import --format brat` into a folder with the same label
set gives every attribute value brat held back, typed (a number a number,
a multiple choice a list), and the relations with their types. Prints
TAP. Standard library only (brat's code in a child process).
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
BRAT_READ = os.path.join(HERE, "brat-read.py")

results = []


def check(name, condition, detail=""):
    results.append((name, "ok" if condition else "not ok", detail))


def skip(name, reason):
    results.append((name, "skip", reason))


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


def brat_src():
    """brat's server/src: in a checkout named by GLOSS_BRAT_SRC (the checkout
    or its server/src), else in ../shared/thirdparty/brat; None when
    neither is there."""
    shared = os.environ.get("GLOSS_SHARED_DIR", os.path.join(HERE, "..", "..", "..", "shared"))
    roots = [os.environ.get("GLOSS_BRAT_SRC"), os.path.join(shared, "thirdparty", "brat")]
    candidates = [c for r in roots if r for c in (r, os.path.join(r, "server", "src"))]
    for folder in candidates:
        if folder and os.path.isfile(os.path.join(folder, "verify_annotations.py")):
            return os.path.abspath(folder)
    return None


def brat_read(src, paths):
    proc = subprocess.run([sys.executable, BRAT_READ, src, *paths], capture_output=True,
                          text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError("brat-read.py failed: " + proc.stderr)
    return json.loads(proc.stdout)


# The corpus
# ----------------------------------------------------------------------

LABELS = {
    "format": "gloss-labels", "version": 1,
    "labels": [
        {"id": "claim", "kind": "claim"}, {"id": "quote", "kind": "quote"},
        {"id": "person", "kind": "entity"}, {"id": "organization", "kind": "entity"},
    ],
    "relations": [
        {"type": "speaker", "to": ["person", "organization"]},
        {"type": "contradicts", "from": ["kind:claim"], "to": ["kind:claim", "kind:quote"]},
        {"type": "member-of", "from": ["person"], "to": ["organization"]},
    ],
    "attributes": [
        {"id": "checkworthy", "type": "boolean", "applies_to": ["kind:claim"]},
        {"id": "verdict", "type": "choice", "applies_to": ["kind:claim"],
         "values": [{"id": v} for v in ("true", "mostly-true", "mixed", "false", "unverifiable")]},
        {"id": "topics", "type": "choice", "multiple": True, "applies_to": ["claim"],
         "values": [{"id": "economy"}, {"id": "health"}]},
        {"id": "score", "type": "number", "applies_to": ["kind:claim"]},
        {"id": "form", "type": "choice", "applies_to": ["kind:quote"],
         "values": [{"id": "direct"}, {"id": "indirect"}, {"id": "partial"}]},
        {"id": "wikidata", "type": "text", "applies_to": ["kind:entity"], "pattern": "Q[0-9]+"},
        {"id": "alias", "type": "text", "applies_to": ["kind:entity"]},
    ],
}

TEXT = ("Ana Ruiz said “the bridge opens in May.” The council says costs fell. "
        "Costs rose, says Ortega of the Civic Party.\n")

# (label, text, attributes) in document order
SPANS = {
    "alice": [
        ("person", "Ana Ruiz", {"wikidata": "Q42"}),
        ("quote", "“the bridge opens in May.”", {"form": "indirect"}),
        ("claim", "The council says costs fell.",
         {"checkworthy": True, "verdict": "mostly-true", "score": 0.75, "topics": ["health"]}),
        ("claim", "Costs rose",
         {"checkworthy": False, "verdict": "false", "score": -3, "topics": ["economy", "health"]}),
        ("person", "Ortega", {"wikidata": "Q42", "alias": "Ana María"}),
        ("organization", "Civic Party", {"wikidata": "Q7", "alias": "CP"}),
    ],
    "bob": [
        ("person", "Ana Ruiz", {"wikidata": "Q43"}),
        ("quote", "“the bridge opens in May.”", {"form": "direct"}),
        ("claim", "The council says costs fell.", {"checkworthy": True, "verdict": "mixed", "score": 1e-7}),
        ("organization", "Civic Party", {}),
    ],
}

# (type, from span index, to span index)
RELATIONS = {
    "alice": [("speaker", 1, 0), ("contradicts", 3, 2), ("member-of", 4, 5)],
    "bob": [("speaker", 1, 0), ("contradicts", 2, 1)],
}

# What brat cannot hold: alice's two topics, and an alias with a space.
LOST = 2


def write_corpus(corpus):
    os.makedirs(corpus)
    with open(os.path.join(corpus, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(LABELS, f)
    data = TEXT.encode("utf-8")
    with open(os.path.join(corpus, "news.txt"), "wb") as f:
        f.write(data)
    for annotator, spans in SPANS.items():
        annotations = []
        for i, (label, exact, attributes) in enumerate(spans):
            start = TEXT.index(exact)
            annotation = {"id": f"a-{annotator}-{i}", "label": label, "start": start,
                          "end": start + len(exact), "exact": exact}
            if attributes:
                annotation["attributes"] = attributes
            annotations.append(annotation)
        relations = [{"id": f"r-{annotator}-{i}", "type": t, "from": f"a-{annotator}-{a}",
                      "to": f"a-{annotator}-{b}"}
                     for i, (t, a, b) in enumerate(RELATIONS[annotator])]
        sidecar = {
            "format": "gloss", "version": 1,
            "document": {"file": "news.txt", "sha256": hashlib.sha256(data).hexdigest(),
                         "length": len(TEXT)},
            "annotator": {"id": annotator},
            "annotations": annotations,
            "relations": relations,
        }
        with open(os.path.join(corpus, f"news.txt.{annotator}.gloss.json"), "w", encoding="utf-8") as f:
            json.dump(sidecar, f, ensure_ascii=False, indent=2)


def brat_can_hold(value):
    """The value brat keeps (True for a binary attribute, else its text), or
    None when brat has nothing for it."""
    if value is True:
        return True
    if value is False:
        return None
    if isinstance(value, list):
        return value[0] if len(value) == 1 else None
    if isinstance(value, (int, float)):
        return repr(value) if value != int(value) else str(int(value))
    if re.fullmatch(r"[^\s,|<>]+", value):
        return value
    return None


def expected_brat_attributes(annotator):
    """{(label, text): {attribute: brat's value}}"""
    expected = {}
    for label, exact, attributes in SPANS[annotator]:
        held = {k: brat_can_hold(v) for k, v in attributes.items()}
        expected[(label, exact)] = {k: v for k, v in held.items() if v is not None}
    return expected


def parse_ann(path):
    """{T id: (type, text)} from the .ann itself."""
    spans = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0].startswith("T"):
                spans[fields[0]] = (fields[1].split(" ")[0], fields[2])
    return spans


# The checks
# ----------------------------------------------------------------------

def test_export(tmp, src):
    corpus = os.path.join(tmp, "corpus")
    out = os.path.join(tmp, "brat")
    write_corpus(corpus)

    code, stdout, stderr = run("validate", corpus)
    check("the corpus is valid", code == 0, stdout + stderr)

    code, stdout, stderr = run("export", "-f", "brat", "-o", out, corpus)
    check("brat export with attributes: exit 0 (lossy is not a failure)", code == 0, stdout + stderr)
    lost_lines = [line for line in stderr.splitlines() if "brat holds one value per attribute" in line
                  or "annotation.conf can list" in line]
    check(f"the {LOST} values brat cannot hold are each reported", len(lost_lines) == LOST, stderr)
    check("the summary counts them as not representable",
          f"not representable: {LOST} attribute values" in stdout, stdout)

    anns = sorted(os.path.join(out, name) for name in os.listdir(out) if name.endswith(".ann"))
    check("one .ann per annotator", [os.path.basename(p) for p in anns]
          == ["news.alice.ann", "news.bob.ann"], anns)

    seen = brat_read(src, anns)
    check("brat's configuration reader raises no message on annotation.conf",
          seen["messages"] == [], seen["messages"])
    conf = seen["confs"][os.path.abspath(out)]

    for path in anns:
        name = os.path.basename(path)
        annotator = name.split(".")[1]
        got = seen["files"][path]
        check(f"{name}: brat parses every line", got["failed_lines"] == [] and got["errors"] == [],
              got)
        check(f"{name}: brat's verifier reports nothing", got["issues"] == [], got["issues"])

        spans = parse_ann(path)
        brat_attributes = {}
        for attribute, target, value in got["attributes"]:
            key = spans[target]
            brat_attributes.setdefault(key, {})
            check(f"{name}: {attribute} of {target} is given once", attribute not in brat_attributes[key])
            brat_attributes[key][attribute] = value
            declared = conf["attributes"].get(attribute)
            check(f"{name}: {attribute} is declared for {key[0]}",
                  declared is not None and key[0] in declared["Arg"], declared)
            if value is True:
                check(f"{name}: binary {attribute} is declared without values",
                      declared is not None and declared["Value"] == [], declared)
            else:
                check(f"{name}: {attribute}’s value {value} is one annotation.conf declares",
                      declared is not None and value in declared["Value"], declared)
        expected = expected_brat_attributes(annotator)
        got_attributes = {key: brat_attributes.get(key, {}) for key in expected}
        check(f"{name}: brat reads each span's attributes as the sidecar has them",
              got_attributes == expected, f"{got_attributes} != {expected}")

        relations = sorted((t, spans[a][1], spans[b][1]) for t, a, b in got["relations"])
        want = sorted((t, SPANS[annotator][a][1], SPANS[annotator][b][1])
                      for t, a, b in RELATIONS[annotator])
        check(f"{name}: brat reads every relation with its type", relations == want,
              f"{relations} != {want}")

    check("annotation.conf: each relation type with the ends its rule allows",
          conf["relations"].get("contradicts") == {"Arg1": ["claim"], "Arg2": ["claim", "quote"]}
          and conf["relations"].get("member-of") == {"Arg1": ["person"], "Arg2": ["organization"]}
          and conf["relations"].get("speaker") == {"Arg1": ["quote"], "Arg2": ["organization", "person"]},
          conf["relations"])
    check("annotation.conf: a choice's values are the label set's",
          conf["attributes"].get("verdict", {}).get("Value")
          == ["true", "mostly-true", "mixed", "false", "unverifiable"], conf["attributes"])

    # brat's verifier is live: without [attributes] every A line is an error
    bare = os.path.join(tmp, "brat-bare")
    shutil.copytree(out, bare)
    conf_path = os.path.join(bare, "annotation.conf")
    with open(conf_path, encoding="utf-8") as f:
        text = f.read()
    with open(conf_path, "w", encoding="utf-8") as f:
        f.write(text[:text.index("[attributes]") + len("[attributes]\n")])
    bare_anns = [os.path.join(bare, os.path.basename(p)) for p in anns]
    bare_seen = brat_read(src, bare_anns)
    issues = [i for p in bare_anns for i in bare_seen["files"][p]["issues"]]
    n_a_lines = sum(len(seen["files"][p]["attributes"]) for p in anns)
    check(f"brat's verifier without the [attributes] section reports the spans with attributes "
          f"({len(issues)} issues for {n_a_lines} A lines)",
          n_a_lines > 0 and len(issues) > 0
          and all("cannot take a" in i for i in issues), issues)
    return corpus, out


def test_import(tmp, corpus, out):
    back = os.path.join(tmp, "back")
    os.makedirs(back)
    shutil.copy(os.path.join(corpus, "gloss-labels.json"), back)
    only_alice = os.path.join(tmp, "brat-alice")
    os.makedirs(only_alice)
    for ext in (".txt", ".ann"):
        shutil.copy(os.path.join(out, "news.alice" + ext), os.path.join(only_alice, "news" + ext))
    shutil.copy(os.path.join(out, "annotation.conf"), only_alice)

    code, stdout, stderr = run("import", "-f", "brat", "-a", "alice", "-o", back, only_alice)
    check("brat import into a folder with the label set: exit 0, no problem", code == 0, stdout + stderr)

    code, stdout, stderr = run("validate", back)
    check("the imported sidecar is valid against the label set", code == 0, stdout + stderr)

    with open(os.path.join(back, "news.txt.alice.gloss.json"), encoding="utf-8") as f:
        data = json.load(f)
    got = {(a["label"], a["exact"]): a.get("attributes", {}) for a in data["annotations"]}
    want = {}
    for label, exact, attributes in SPANS["alice"]:
        held = {}
        for k, v in attributes.items():
            if brat_can_hold(v) is None:
                continue
            held[k] = v
        want[(label, exact)] = held
    check("every value brat held comes back, typed by the label set", got == want, f"{got} != {want}")

    ids = {a["id"]: (a["label"], a["exact"]) for a in data["annotations"]}
    relations = sorted((r["type"], ids[r["from"]][1], ids[r["to"]][1]) for r in data["relations"])
    want_relations = sorted((t, SPANS["alice"][a][1], SPANS["alice"][b][1])
                            for t, a, b in RELATIONS["alice"])
    check("every relation comes back with its type", relations == want_relations,
          f"{relations} != {want_relations}")


def test_examples(tmp, src):
    """brat's example corpora, imported and exported back: brat's verifier
    accepts every document, A lines (binary and valued) and relations of
    the corpora's own types included."""
    shared = os.environ.get("GLOSS_SHARED_DIR")
    examples = os.path.join(shared, "thirdparty", "brat-example-data") if shared else None
    name = "brat's example corpora, imported and exported back, pass brat's verifier"
    if examples is None or not os.path.isdir(examples):
        skip(name, "not in GLOSS_SHARED_DIR/thirdparty/brat-example-data")
        return
    imported = os.path.join(tmp, "examples")
    out = os.path.join(tmp, "examples-brat")
    code, stdout, stderr = run("import", "-f", "brat", "-a", "brat", "-o", imported, examples)
    check("brat's example corpora import (events and the like reported)", code in (0, 1), stderr)
    code, stdout, stderr = run("export", "-f", "brat", "-a", "brat", "-o", out, imported)
    check("and export back, nothing lost", code == 0 and "not representable" not in stdout,
          stdout + stderr)
    anns = sorted(os.path.join(out, n) for n in os.listdir(out) if n.endswith(".ann"))
    seen = brat_read(src, anns)
    bad = {os.path.basename(p): f for p, f in seen["files"].items()
           if f["issues"] or f["failed_lines"] or f["errors"]}
    n_attributes = sum(len(f["attributes"]) for f in seen["files"].values())
    check(f"{name} ({len(anns)} documents, {n_attributes} A lines)",
          len(anns) > 0 and n_attributes > 0 and not bad and seen["messages"] == [],
          json.dumps(dict(list(bad.items())[:3])) + str(seen["messages"]))


def main():
    src = brat_src()
    with tempfile.TemporaryDirectory(prefix="gloss-cli-brat-") as tmp:
        if src is None:
            skip("brat's own reader", "no brat checkout: set GLOSS_BRAT_SRC (or put one in ../shared/thirdparty/brat)")
        else:
            corpus, out = test_export(tmp, src)
            test_import(tmp, corpus, out)
            test_examples(tmp, src)

    print(f"1..{len(results)}")
    failed = 0
    for i, (name, status, detail) in enumerate(results, 1):
        if status == "skip":
            print(f"ok {i} {name} # SKIP {detail}")
            continue
        print(f"{status} {i} {name}")
        if status != "ok":
            failed += 1
            for line in str(detail).splitlines() or [""]:
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
