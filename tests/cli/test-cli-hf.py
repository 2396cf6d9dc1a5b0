#!/usr/bin/env python3
"""gloss-cli export --format hf, read by the rules of Hugging Face's loader.

Exports the corpus of test-cli-conll.py (emoji, ZWJ sequences, flags,
combining marks, CRLF, a BOM, right-to-left text; a label set of its own
with hyphens) plus an article with an overlap, labels and a file name that
need escaping, and the sample corpus, with every --tag-column hf takes,
then checks each file:

* by the rules of `datasets`'s JSON loader, re-implemented here (neither
  `datasets` nor pyarrow is packaged by Debian). Its source,
  huggingface/datasets src/datasets/packaged_modules/json/json.py
  (commit 002f5f6c1b5e69f247f9cc0df6f1653a2c9fadbb), Json._generate_tables:
  with no `field`, the file is read in chunks of `chunksize` (10 MB) bytes,
  each finished at the end of its line (`batch += f.readline()`), must be
  UTF-8 (PyArrow only accepts utf-8 encoded bytes), and is parsed by
  pyarrow.json.read_json as newline-delimited JSON: one object per line,
  one schema inferred for all lines (a type that changes between lines is
  pyarrow's "Column(...) changed from ... to ..." error, which the newest
  loader answers by re-encoding the field as a JSON string — either way,
  not the dataset meant); on the first batch the lines are split with
  bytes.splitlines() and each read with ujson_loads. So: UTF-8 without a
  BOM, every line (split at "\\n", and bytes.splitlines() and
  str.splitlines() agreeing with that) one JSON object with the same keys
  of the same JSON types — id a string, tokens and ner_tags lists of
  strings;
* len(tokens) == len(ner_tags) and no empty sentence; IOB2 valid (seqeval's
  strict rule: no I-X that follows neither B-X nor I-X); ids unique, each
  "<article>#<annotator>#<index>" with the indices 0, 1, … per record;
* the same tokens, sentences and tags as the CoNLL export of the same
  corpus with --conll-variant spacy-ner and the same --tag-column, and the
  same tokens as the full CoNLL export, record by record; the same
  problems reported on stderr and the same figures in the summary;
* --hf-tag-ids: integer tags, each within the names of the ClassLabel of
  the dataset_info-style file written beside (datasets's
  Features.to_dict() shape), naming the tag the string export has;
* usage: --tag-column all, --offsets other than codepoints and
  --conll-variant are refused (exit 2); --annotator and --labels filter.

Prints TAP. Standard library only.
"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("conll_test", os.path.join(HERE, "test-cli-conll.py"))
conll = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(conll)

CLI = os.path.abspath(sys.argv[1])
SAMPLES = os.environ.get("GLOSS_SAMPLES_DIR")

results = []


def check(name, condition, detail=""):
    results.append((name, "ok" if condition else "not ok", detail))


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


# An article whose spans overlap in the entity column (one is lost, as in
# CoNLL), whose unknown labels hold a quote, a backslash and a space, and
# whose file name holds a quote and a U+2028.
ODD_NAME = "odd \"name\"\u2028.txt"
ODD = "Ana Ruiz met the Port Ellery council in Łódź 🇵🇱 today.\nShe left.\n"
ODD_SPANS = {
    "carla": [
        ("person", "Ana Ruiz"), ("organization", "Port Ellery council"),
        ("location", "Port Ellery"), ("say \"hi\\", "Łódź"), ("tab\tlabel", "🇵🇱"),
    ],
}


def make_corpus(root):
    conll.make_corpus(root)
    conll.write_article(os.path.join(root, "odd"), ODD_NAME, ODD, ODD_SPANS)


def copy_samples(dest):
    os.makedirs(dest)
    for name in os.listdir(SAMPLES):
        if name.endswith((".txt", ".json")):
            shutil.copy(os.path.join(SAMPLES, name), dest)


# ------------------------------------------------------------------ #
# datasets's JSON loader, its rules (see the docstring)               #
# ------------------------------------------------------------------ #

def json_type(value):
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, list):
        inner = {json_type(v) for v in value}
        return "list<" + "|".join(sorted(inner)) + ">" if inner else "list<>"
    if isinstance(value, dict):
        return "struct{" + ",".join(f"{k}:{json_type(v)}" for k, v in value.items()) + "}"
    return "?"


def loader_read(path):
    """The rows as the JSON loader reads them, or raises ValueError with
    the rule broken."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ValueError("a BOM: not JSON for pyarrow")
    text = raw.decode("utf-8")  # strict, as encoding_errors defaults to
    if raw and not raw.endswith(b"\n"):
        raise ValueError("the last line has no newline")
    lines = raw.split(b"\n")[:-1] if raw else []
    if raw.splitlines() != lines:
        raise ValueError("bytes.splitlines() sees other lines than \\n does")
    if text.splitlines() != [line.decode("utf-8") for line in lines]:
        raise ValueError("str.splitlines() sees other lines than \\n does")
    rows, schema = [], None
    for n, line in enumerate(lines, 1):
        row = json.loads(line)
        if not isinstance(row, dict):
            raise ValueError(f"line {n}: not an object")
        fields = {k: json_type(v) for k, v in row.items()}
        # pyarrow takes an empty list as list<null>, which unifies with any.
        fields = {k: ("list<string>" if t == "list<>" else t) for k, t in fields.items()}
        if schema is None:
            schema = fields
        elif fields != schema:
            raise ValueError(f"line {n}: Column changed: {schema} → {fields}")
        rows.append(row)
    return rows, schema


# ------------------------------------------------------------------ #
# Checks                                                              #
# ------------------------------------------------------------------ #

def split_id(row_id):
    article, annotator, index = row_id.rsplit("#", 2)
    return article, annotator, int(index)


def check_file(name, path, conll_path, full_path, hf_run, conll_run):
    try:
        rows, schema = loader_read(path)
    except Exception as e:  # noqa: BLE001 — the rule broken is the detail
        check(f"{name}: the JSON loader's rules", False, repr(e))
        return
    check(f"{name}: the JSON loader's rules", True)
    check(f"{name}: keys and types", schema is None or schema == {
        "id": "string", "tokens": "list<string>", "ner_tags": "list<string>"}, repr(schema))
    check(f"{name}: some sentences", len(rows) > 0)

    bad = [r["id"] for r in rows if len(r["tokens"]) != len(r["ner_tags"]) or not r["tokens"]]
    check(f"{name}: as many tags as tokens, no empty sentence", not bad, repr(bad[:3]))
    bad = [r["id"] for r in rows if conll.iob2_violations(r["ner_tags"])]
    check(f"{name}: IOB2 valid on its own", not bad, repr(bad[:3]))
    bad = [r["id"] for r in rows for t in r["ner_tags"]
           if not (t == "O" or (t[:2] in ("B-", "I-") and len(t) > 2))]
    check(f"{name}: tags O, B-X or I-X", not bad, repr(bad[:3]))
    ids = [r["id"] for r in rows]
    check(f"{name}: ids unique", len(set(ids)) == len(ids))

    records, order = {}, []
    for r in rows:
        article, annotator, index = split_id(r["id"])
        key = (article, annotator)
        if key not in records:
            records[key] = []
            order.append(key)
        records[key].append((index, r))
    bad = [k for k, v in records.items() if [i for i, _ in v] != list(range(len(v)))]
    check(f"{name}: sentence indices 0, 1, … per record", not bad, repr(bad[:3]))

    # CoNLL, spacy-ner layout: the same sentences and tags.
    docs = conll.read_spacy_ner(conll_path)
    docs = [d for d in docs if d]
    hf_docs = [[list(zip(r["tokens"], r["ner_tags"])) for _, r in records[k]] for k in order]
    check(f"{name}: CoNLL's sentences, tokens and tags (spacy-ner)",
          [[list(s) for s in d] for d in docs] == hf_docs,
          f"{len(docs)} CoNLL documents, {len(hf_docs)} hf records")

    # CoNLL, full: the same tokens, record by record.
    full = conll.read_full(full_path)
    full_tokens = {(doc, ann): [t[0] for s in sents for t in s] for doc, ann, sents in full}
    hf_tokens = {k: [t for _, r in records[k] for t in r["tokens"]] for k in order}
    full_tokens = {k: v for k, v in full_tokens.items() if v}
    check(f"{name}: the full CoNLL export's tokens", full_tokens == hf_tokens,
          repr(set(full_tokens) ^ set(hf_tokens)))

    check(f"{name}: exit status as CoNLL's", hf_run[0] == conll_run[0] == 0,
          f"{hf_run[0]} {conll_run[0]} {hf_run[2]}")
    check(f"{name}: the same problems reported as CoNLL's", hf_run[2] == conll_run[2],
          hf_run[2] + "\n---\n" + conll_run[2])
    check(f"{name}: the same summary as CoNLL's", hf_run[1] == conll_run[1],
          hf_run[1] + conll_run[1])


def check_corpus(tmp, corpus, name):
    for column in ("entity", "quote", "claim", None):
        tag_args = ["--tag-column", column] if column else []
        label = f"{name}, {column or 'default'}"
        out = os.path.join(tmp, f"{column}.jsonl")
        spacy = os.path.join(tmp, f"{column}.conll")
        full = os.path.join(tmp, f"{column}.full.conll")
        hf_run = run("export", "--format", "hf", *tag_args, "-o", out, corpus)
        conll_run = run("export", "--format", "conll", "--conll-variant", "spacy-ner",
                        "--tag-column", column or "entity", "-o", spacy, corpus)
        run("export", "--format", "conll", "-o", full, corpus)
        if not os.path.exists(out):
            check(f"{label}: written", False, hf_run[2])
            continue
        check_file(label, out, spacy, full, hf_run, conll_run)


def test_own_details(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    out = os.path.join(tmp, "out.jsonl")
    status, stdout, stderr = run("export", "--format", "hf", "-o", out, corpus)
    rows, _ = loader_read(out)
    odd = [r for r in rows if r["id"].startswith("odd/")]
    check("an odd file name kept in the id, escaped",
          odd and split_id(odd[0]["id"])[:2] == ("odd/" + ODD_NAME, "carla"), repr(odd[:1]))
    tags = [t for r in odd for t in r["ner_tags"]]
    check("labels with a quote and a backslash kept, a tab cleaned as CoNLL does",
          "B-say_\"hi\\" in tags and "B-tab_label" in tags, repr(tags))
    check("the longer of two overlapping entities kept",
          "B-organization" in tags and "B-location" not in tags, repr(tags))
    check("the overlap reported", "overlaps span" in stderr, stderr)
    check("the overlap counted", "1 overlapping span" in stdout, stdout)
    with open(out, "rb") as f:
        raw = f.read()
    check("U+2028 escaped", "\u2028".encode() not in raw and b"\\u2028" in raw)

    status, _, _ = run("export", "--format", "hf", "-a", "bilal", "-o", os.path.join(tmp, "b.jsonl"), corpus)
    rows, _ = loader_read(os.path.join(tmp, "b.jsonl"))
    check("--annotator: only hers", status == 0 and rows
          and all(split_id(r["id"])[1] == "bilal" for r in rows))
    status, _, _ = run("export", "--format", "hf", "-l", "person", "-o", os.path.join(tmp, "p.jsonl"), corpus)
    rows, _ = loader_read(os.path.join(tmp, "p.jsonl"))
    tags = {t for r in rows for t in r["ner_tags"]}
    check("--labels: only persons", status == 0 and tags == {"O", "B-person", "I-person"}, repr(tags))


def test_tag_ids(tmp):
    """--hf-tag-ids: integer tags and the ClassLabel names beside, in the
    shape `datasets` writes its dataset_info.json features
    (Features.to_dict(): Sequence of ClassLabel with `names`)."""
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    strings, ids = os.path.join(tmp, "s.jsonl"), os.path.join(tmp, "train.jsonl")
    info_path = os.path.join(tmp, "train.dataset_info.json")
    run("export", "--format", "hf", "-o", strings, corpus)
    status, _, stderr = run("export", "--format", "hf", "--hf-tag-ids", "-o", ids, corpus)
    check("tag ids: exported", status == 0 and os.path.exists(info_path), stderr)
    rows, schema = loader_read(ids)
    check("tag ids: the JSON loader's rules, ner_tags a list of ints",
          schema == {"id": "string", "tokens": "list<string>", "ner_tags": "list<int>"}, repr(schema))
    with open(info_path, encoding="utf-8") as f:
        info = json.load(f)
    features = info["features"]
    check("tag ids: the features' shape",
          features["id"] == {"dtype": "string", "_type": "Value"}
          and features["tokens"] == {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"}
          and features["ner_tags"]["_type"] == "Sequence"
          and features["ner_tags"]["feature"]["_type"] == "ClassLabel", repr(features))
    names = features["ner_tags"]["feature"]["names"]
    check("tag ids: O first, then B-/I- pairs", names[0] == "O" and all(
        names[i].startswith("B-") and names[i + 1] == "I-" + names[i][2:]
        for i in range(1, len(names), 2)) and len(names) % 2 == 1, repr(names))
    check("tag ids: names unique", len(set(names)) == len(names))
    # desk/ comes first in the walk: its label set's entities in its order,
    # then the built-in set's, then the unknown labels as met.
    check("tag ids: the label sets' order, then unknown labels",
          names[1:5] == ["B-politician", "I-politician", "B-news-org", "I-news-org"]
          and names[-4:] == ["B-say_\"hi\\", "I-say_\"hi\\", "B-tab_label", "I-tab_label"], repr(names))
    srows, _ = loader_read(strings)
    bad = [r["id"] for r in rows for t in r["ner_tags"] if not 0 <= t < len(names)]
    check("tag ids: within the ClassLabel's names", not bad, repr(bad[:3]))
    same = len(rows) == len(srows) and all(
        r["id"] == q["id"] and r["tokens"] == q["tokens"]
        and [names[t] for t in r["ner_tags"]] == q["ner_tags"] for r, q in zip(rows, srows))
    check("tag ids: the names of the ids are the string export's tags", same)

    status, _, stderr = run("export", "--format", "hf", "--hf-tag-ids", "-o",
                            os.path.join(tmp, "other.jsonl"), "-l", "person", corpus)
    with open(os.path.join(tmp, "other.dataset_info.json"), encoding="utf-8") as f:
        names = json.load(f)["features"]["ner_tags"]["feature"]["names"]
    check("tag ids: --labels keeps the list to its labels", names == ["O", "B-person", "I-person"], repr(names))

    os.remove(ids)
    status, _, stderr = run("export", "--format", "hf", "--hf-tag-ids", "-o", ids, corpus)
    check("tag ids: an existing label list is not replaced", status == 1 and not os.path.exists(ids), stderr)
    check("tag ids: the refusal names the label list",
          "train.dataset_info.json" in stderr and "--force" in stderr, stderr)
    status, _, stderr = run("export", "--format", "hf", "--hf-tag-ids", "--force", "-o", ids, corpus)
    check("tag ids: --force replaces it", status == 0, stderr)
    status, _, stderr = run("export", "--format", "conll", "--hf-tag-ids", "-o", os.path.join(tmp, "c.conll"), corpus)
    check("tag ids: refused for another format", status == 2, stderr)


def test_usage(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    out = os.path.join(tmp, "x.jsonl")
    for args, what in ((["--tag-column", "all"], "--tag-column all"),
                       (["--offsets", "utf16"], "--offsets utf16"),
                       (["--offsets", "bytes"], "--offsets bytes"),
                       (["--conll-variant", "nltk"], "--conll-variant"),
                       (["--conll-attributes"], "--conll-attributes")):
        status, _, stderr = run("export", "--format", "hf", *args, "-o", out, corpus)
        check(f"usage: {what} refused", status == 2 and not os.path.exists(out), f"{status} {stderr}")
    status, _, stderr = run("export", "--format", "hf", "--offsets", "codepoints", "-o", out, corpus)
    check("usage: --offsets codepoints taken", status == 0, stderr)
    status, _, stderr = run("export", "--format", "nope", "-o", out, corpus)
    check("usage: the formats listed name hf", status == 2 and "hf" in stderr, stderr)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for test in (test_usage, test_own_details, test_tag_ids):
            sub = os.path.join(tmp, test.__name__)
            os.mkdir(sub)
            try:
                test(sub)
            except Exception as e:  # a crash is one failed check, not a lost plan
                check(f"{test.__name__} ran to the end", False, repr(e))
        corpora = [("own", make_corpus)]
        if SAMPLES and os.path.isdir(SAMPLES):
            corpora.append(("samples", copy_samples))
        for name, make in corpora:
            sub = os.path.join(tmp, name)
            os.mkdir(sub)
            corpus = os.path.join(sub, "corpus")
            make(corpus)
            try:
                check_corpus(sub, corpus, name)
            except Exception as e:  # noqa: BLE001
                check(f"{name}: the checks ran to the end", False, repr(e))

    print(f"1..{len(results)}")
    for i, (name, status, detail) in enumerate(results, 1):
        print(f"{status} {i} - {name}")
        if status != "ok" and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
