#!/usr/bin/env python3
"""gloss-cli export end to end: outputs, summary line, exit statuses.

Runs the real binary over copies of the sample corpus, reads every export
back with Python's own json and csv modules and checks each span against
the article text sliced in the offset unit asked for. Prints TAP.
Standard library only.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
SAMPLES = os.environ.get("GLOSS_SAMPLES_DIR")

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


def copy_samples(dest):
    os.makedirs(dest, exist_ok=True)
    for name in os.listdir(SAMPLES):
        if name.endswith((".txt", ".json")):
            shutil.copy(os.path.join(SAMPLES, name), dest)


def read_article(corpus, name):
    with open(os.path.join(corpus, name), encoding="utf-8", newline="") as f:
        text = f.read()
    return text[1:] if text.startswith("\ufeff") else text


def sidecars(corpus, annotators=None, labels=None):
    """{(article, annotator): (placed annotations, relations among them)}"""
    found = {}
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".gloss.json"):
            continue
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            data = json.load(f)
        annotator = data["annotator"]["id"]
        if annotators and annotator not in annotators:
            continue
        spans = [a for a in data["annotations"]
                 if not a.get("orphaned") and (labels is None or a["label"] in labels)]
        ids = {a["id"] for a in spans}
        relations = [r for r in data.get("relations", []) if r["from"] in ids and r["to"] in ids]
        found[(data["document"]["file"], annotator)] = (spans, relations)
    return found


def document_labels(corpus):
    """{(article, annotator): the sidecar's document_labels (or {})}"""
    fields = {}
    for name in sorted(os.listdir(corpus)):
        if name.endswith(".gloss.json"):
            with open(os.path.join(corpus, name), encoding="utf-8") as f:
                data = json.load(f)
            fields[(data["document"]["file"], data["annotator"]["id"])] = data.get("document_labels", {})
    return fields


def declared(corpus):
    """The ids of the attributes and the article fields of the corpus's
    gloss-labels.json (the samples have one), in file order."""
    path = os.path.join(corpus, "gloss-labels.json")
    if not os.path.exists(path):
        return [], []
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return ([a["id"] for a in data.get("attributes", [])],
            [a["id"] for a in data.get("document_labels", [])])


def csv_cell(value):
    """A value in a csv cell, as docs/export.md writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(value)
    return str(value)


def totals(found):
    spans = sum(len(s) for s, _ in found.values())
    relations = sum(len(r) for _, r in found.values())
    notes = sum(1 for s, _ in found.values() for a in s if a.get("note"))
    return spans, relations, notes


def slice_units(text, start, end, unit):
    if unit == "bytes":
        return text.encode("utf-8")[start:end].decode("utf-8")
    if unit == "utf16":
        return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")
    return text[start:end]


def spans_match(text, expected, got, unit):
    """got: [(start, end, label, span text or None)] in export order."""
    if len(expected) != len(got):
        return f"{len(got)} spans, expected {len(expected)}"
    for a, (start, end, label, span_text) in zip(expected, got):
        try:
            piece = slice_units(text, start, end, unit)
        except UnicodeDecodeError as e:
            return f"{a['id']}: offsets {start}-{end} cut a character ({e})"
        if piece != a["exact"] or label != a["label"]:
            return f"{a['id']}: {piece!r}/{label} != {a['exact']!r}/{a['label']}"
        if span_text is not None and span_text != piece:
            return f"{a['id']}: text {span_text!r} != {piece!r}"
        if text[a["start"]:a["end"]] != piece:
            return f"{a['id']}: not at its code-point offsets"
    return None


def summary_line(spans, relations, notes):
    parts = ["3 articles", "6 records", f"{spans} spans", f"{relations} relations"]
    if notes:
        parts.append(f"{notes} notes")
    return ", ".join(parts)


def test_help_and_version():
    code, out, _ = run("--help")
    check("gloss-cli --help lists export", code == 0 and "export" in out, out)
    code, out, _ = run("export", "--help")
    check("export --help exits 0 and shows the options",
          code == 0 and "--format" in out and "--offsets" in out and "--annotator" in out
          and "--labels" in out and "-o" in out and "--force" in out, out)
    code, out, _ = run("export", "--version")
    check("export --version", code == 0 and out.startswith("gloss-cli export "), out)


def test_usage_errors(tmp):
    copy_samples(tmp)
    out = os.path.join(tmp, "out.jsonl")
    cases = [
        ("bad --format exits 2", ["export", "--format", "xml", "-o", out, tmp]),
        ("missing --format exits 2", ["export", "-o", out, tmp]),
        ("missing -o exits 2", ["export", "--format", "jsonl", tmp]),
        ("no PATH exits 2", ["export", "--format", "jsonl", "-o", out]),
        ("bad --offsets exits 2", ["export", "--format", "jsonl", "--offsets", "utf8", "-o", out, tmp]),
        ("--offsets utf16 with conll exits 2",
         ["export", "--format", "conll", "--offsets", "utf16", "-o", out, tmp]),
        ("--offsets bytes with brat exits 2",
         ["export", "--format", "brat", "--offsets", "bytes", "-o", out, tmp]),
        ("invalid annotator id exits 2",
         ["export", "--format", "jsonl", "--annotator", "Not An Id", "-o", out, tmp]),
        ("empty --labels exits 2", ["export", "--format", "jsonl", "--labels", ",", "-o", out, tmp]),
        ("unknown option exits 2", ["export", "--frobnicate", "-o", out, tmp]),
    ]
    for name, args in cases:
        code, stdout, err = run(*args)
        check(name + ", one stderr line, nothing on stdout",
              code == 2 and stdout == "" and len(err.strip().splitlines()) == 1, f"{code} {stdout} {err}")
    check("usage errors write nothing", not os.path.exists(out))
    code, _, err = run("export", "--format", "conll", "--offsets", "utf16", "-o", out, tmp)
    check("the offsets refusal names the formats it applies to",
          "--offsets applies to jsonl, doccano, w3c and csv" in err, err)


def read_jsonl_records(path):
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    assert data.endswith("\n")
    return [json.loads(line) for line in data[:-1].split("\n")]


def test_formats(tmp):
    corpus = os.path.join(tmp, "corpus")
    copy_samples(corpus)
    found = sidecars(corpus)
    spans, relations, notes = totals(found)
    line = summary_line(spans, relations, notes)
    # The samples set attributes and fields of the article, which their
    # gloss-labels.json declares.
    fields = document_labels(corpus)
    attribute_ids, field_ids = declared(corpus)
    n_values = sum(len(a.get("attributes", {})) for s, _ in found.values() for a in s)
    check("the samples have attribute values and fields of the article",
          n_values > 0 and any(fields.values()) and attribute_ids and field_ids,
          f"{n_values} {fields} {attribute_ids} {field_ids}")

    for unit in ("codepoints", "utf16", "bytes"):
        # jsonl
        out = os.path.join(tmp, f"{unit}.jsonl")
        code, stdout, err = run("export", "--format", "jsonl", "--offsets", unit, "-o", out, corpus)
        check(f"jsonl --offsets {unit}: exit 0, the summary line, quiet stderr",
              code == 0 and stdout == line + "\n" and err == "", f"{code} {stdout!r} {err}")
        records = read_jsonl_records(out)
        problems = []
        for r in records:
            text = read_article(corpus, r["id"])
            expected, rels = found[(r["id"], r["annotator"])]
            if r["text"] != text or r["source"] != r["id"]:
                problems.append(f"{r['id']}: text or source differs")
            if list(r) != ["id", "text", "annotator", "spans", "relations", "source"] + \
                    (["document_labels"] if fields[(r["id"], r["annotator"])] else []):
                problems.append(f"keys {list(r)}")
            if r.get("document_labels", {}) != fields[(r["id"], r["annotator"])]:
                problems.append(f"{r['id']}: document_labels differ")
            if [s.get("attributes") for s in r["spans"]] != [a.get("attributes") for a in expected]:
                problems.append(f"{r['id']}: attributes differ")
            bad = spans_match(text, expected, [(s["start"], s["end"], s["label"], s["text"])
                                               for s in r["spans"]], unit)
            if bad:
                problems.append(bad)
            if [s["id"] for s in r["spans"]] != [a["id"] for a in expected]:
                problems.append(f"{r['id']}: span ids differ")
            if [s.get("note", "") for s in r["spans"]] != [a.get("note", "") for a in expected]:
                problems.append(f"{r['id']}: notes differ")
            if sorted(json.dumps(x, sort_keys=True) for x in r["relations"]) != \
                    sorted(json.dumps({k: x[k] for k in ("id", "type", "from", "to")}, sort_keys=True)
                           for x in rels):
                problems.append(f"{r['id']}: relations differ")
        check(f"jsonl --offsets {unit}: 6 records, every span at its offsets, relations and notes kept",
              len(records) == 6 and not problems, "\n".join(problems))

        # doccano
        out = os.path.join(tmp, f"{unit}.doccano.jsonl")
        code, stdout, err = run("export", "--format", "doccano", "--offsets", unit, "-o", out, corpus)
        # doccano holds the article's choice fields ("cats"), not the spans'
        # attributes.
        lost = f"; not representable: {relations} relations, {notes} notes, {n_values} attribute values"
        check(f"doccano --offsets {unit}: exit 0, summary says what was lost",
              code == 0 and stdout == line + lost + "\n", f"{code} {stdout!r} {err}")
        records = read_jsonl_records(out)
        problems = []
        texts = {name: read_article(corpus, name) for name, _ in found}
        for r in records:
            names = [n for n, t in texts.items() if t == r["text"]]
            if len(names) != 1 or list(r) != ["text", "label", "entities", "cats", "annotator"]:
                problems.append(f"record {list(r)} does not match one article")
                continue
            expected, _ = found[(names[0], r["annotator"])]
            cats = sorted(f"{k}:{v}" for k, vs in fields[(names[0], r["annotator"])].items()
                          for v in (vs if isinstance(vs, list) else [vs]))
            if sorted(r["cats"]) != cats:
                problems.append(f"{names[0]}: cats {r['cats']} != {cats}")
            bad = spans_match(r["text"], expected, [(s, e, l, None) for s, e, l in r["label"]], unit)
            if bad:
                problems.append(bad)
        check(f"doccano --offsets {unit}: 6 records of [start, end, label] at the right text",
              len(records) == 6 and not problems, "\n".join(problems))

        # csv
        out = os.path.join(tmp, f"{unit}.csv")
        code, stdout, err = run("export", "--format", "csv", "--offsets", unit, "-o", out, corpus)
        other = sum(1 for _, rels in found.values() for r in rels if r["type"] != "speaker")
        expected_line = line + (f"; not representable: {other} relation{'s' if other != 1 else ''}"
                                if other else "")
        check(f"csv --offsets {unit}: exit 0, the summary line",
              code == 0 and stdout == expected_line + "\n", f"{code} {stdout!r} {err}")
        with open(out, "rb") as f:
            raw = f.read()
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        check(f"csv --offsets {unit}: CRLF rows, no BOM, the header",
              raw.endswith(b"\r\n") and not raw.startswith(b"\xef\xbb\xbf")
              and raw.count(b"\r\n") >= len(rows)
              and rows[0] == ["article", "annotator", "id", "label", "start", "end", "text", "note", "speaker"]
              + attribute_ids + [f"document_labels.{f}" for f in field_ids],
              rows[0])
        problems = []
        by_record = {}
        for row in rows[1:]:
            by_record.setdefault((row[0], row[1]), []).append(row)
        for key, (expected, rels) in found.items():
            got = by_record.get(key, [])
            text = read_article(corpus, key[0])
            bad = spans_match(text, expected, [(int(r[4]), int(r[5]), r[3], r[6]) for r in got], unit)
            if bad:
                problems.append(bad)
            speakers = {r["from"]: r["to"] for r in rels if r["type"] == "speaker"}
            if [r[8] for r in got] != [speakers.get(a["id"], "") for a in expected]:
                problems.append(f"{key}: speaker column differs")
            if [r[7] for r in got] != [a.get("note", "") for a in expected]:
                problems.append(f"{key}: note column differs")
            if [r[9:9 + len(attribute_ids)] for r in got] != \
                    [[csv_cell(a.get("attributes", {}).get(i)) for i in attribute_ids] for a in expected]:
                problems.append(f"{key}: attribute columns differ")
            if any(r[9 + len(attribute_ids):] != [csv_cell(fields[key].get(f)) for f in field_ids]
                   for r in got):
                problems.append(f"{key}: article field columns differ")
        check(f"csv --offsets {unit}: one row per span, text, note and speaker right",
              len(rows) - 1 == spans and not problems, "\n".join(problems))

    leftovers = [n for n in os.listdir(tmp) if ".tmp-" in n or "gloss-tmp" in n]
    check("no temporary files left", not leftovers, leftovers)


def test_filters(tmp):
    corpus = os.path.join(tmp, "corpus")
    copy_samples(corpus)
    out = os.path.join(tmp, "bilal.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "--annotator", "bilal", "-o", out, corpus)
    records = read_jsonl_records(out) if code == 0 else []
    check("--annotator bilal: 3 records, all bilal's",
          code == 0 and len(records) == 3 and all(r["annotator"] == "bilal" for r in records)
          and "3 articles, 3 records" in stdout, f"{code} {stdout} {err}")

    out = os.path.join(tmp, "two.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "-a", "alice", "-a", "bilal", "-o", out, corpus)
    check("--annotator repeated: both", code == 0 and "6 records" in stdout, stdout + err)

    out = os.path.join(tmp, "labels.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "--labels", "quote,person", "-o", out, corpus)
    found = sidecars(corpus, labels={"quote", "person"})
    spans, relations, _ = totals(found)
    records = read_jsonl_records(out) if code == 0 else []
    labels = {s["label"] for r in records for s in r["spans"]}
    check("--labels quote,person: only those, with the speaker relations between them",
          code == 0 and labels == {"quote", "person"}
          and sum(len(r["spans"]) for r in records) == spans
          and sum(len(r["relations"]) for r in records) == relations and relations > 0,
          f"{code} {stdout} {err} {labels}")

    out = os.path.join(tmp, "nobody.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "--annotator", "carol", "-o", out, corpus)
    check("--annotator with no sidecar anywhere: exit 1, said on stderr",
          code == 1 and "carol" in err and "0 articles" in stdout, f"{code} {stdout} {err}")


def test_failures(tmp):
    corpus = os.path.join(tmp, "corpus")
    copy_samples(corpus)
    broken = os.path.join(corpus, "kyiv-grain-talks.txt.alice.gloss.json")
    with open(broken, encoding="utf-8") as f:
        data = json.load(f)
    data["annotations"][2]["end"] = data["document"]["length"] + 5
    with open(broken, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)

    out = os.path.join(tmp, "partial.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "-o", out, corpus)
    lines = err.strip().splitlines()
    check("an unreadable sidecar: exit 1, one located stderr line, the rest exported",
          code == 1 and len(lines) == 1 and "kyiv-grain-talks.txt.alice.gloss.json: annotations[2].end:" in lines[0]
          and "5 records" in stdout and "1 file could not be read" in stdout
          and len(read_jsonl_records(out)) == 5, f"{code} {stdout} {err}")

    # A path that does not exist: nothing written, the old output kept.
    out = os.path.join(tmp, "kept.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        f.write("old\n")
    code, stdout, err = run("export", "--format", "jsonl", "-o", out, corpus, os.path.join(tmp, "nope"))
    with open(out, encoding="utf-8") as f:
        kept = f.read()
    check("a missing PATH: exit 1, the old output untouched",
          code == 1 and "nope" in err and kept == "old\n", f"{code} {stdout} {err}")

    # A folder that does not exist for the output.
    out = os.path.join(tmp, "no", "such", "out.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "-o", out, corpus)
    check("an output folder that does not exist: exit 1, one stderr line",
          code == 1 and stdout == "" and len(err.strip().splitlines()) == 1, f"{code} {stdout} {err}")

    # An existing file is refused unless --force; then replaced whole.
    out = os.path.join(tmp, "replaced.csv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("old\n")
    os.remove(broken)
    code, stdout, err = run("export", "--format", "csv", "-o", out, corpus)
    with open(out, encoding="utf-8") as f:
        kept = f.read()
    check("an existing output file without --force: exit 1, one stderr line naming it and --force, kept",
          code == 1 and stdout == "" and len(err.strip().splitlines()) == 1
          and "replaced.csv already exists" in err and "--force" in err and kept == "old\n",
          f"{code} {stdout} {err}")
    code, stdout, err = run("export", "--format", "csv", "--force", "-o", out, corpus)
    with open(out, encoding="utf-8") as f:
        head = f.readline()
    check("with --force the export replaces the old file and says so",
          code == 0 and head.startswith("article,annotator,")
          and stdout.endswith("; 1 existing file replaced\n") and "replaced.csv: replaced" in err,
          f"{code} {stdout} {err}")

    leftovers = [n for n in os.listdir(tmp) if ".tmp-" in n or "gloss-tmp" in n]
    check("no temporary files left after failures", not leftovers, leftovers)


def test_single_article(tmp):
    corpus = os.path.join(tmp, "corpus")
    copy_samples(corpus)
    out = os.path.join(tmp, "one.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "-o", out,
                            os.path.join(corpus, "river-flood-report.txt"))
    records = read_jsonl_records(out) if code == 0 else []
    check("one article: its two records, id relative to its folder",
          code == 0 and [r["id"] for r in records] == ["river-flood-report.txt"] * 2,
          f"{code} {stdout} {err}")


def test_lossy_is_not_failure(tmp):
    """What a format cannot hold is reported, with exit 0: CoNLL on the
    samples drops relations and notes. "Transport" marked in "Transport’s"
    is token-aligned (the clitic is a token of its own); a span that ends
    inside a word ("coun" of "council") cuts a token and is reported."""
    corpus = os.path.join(tmp, "corpus")
    os.mkdir(corpus)
    copy_samples(corpus)
    out = os.path.join(tmp, "out.conll")
    code, stdout, stderr = run("export", "--format", "conll", "-o", out, corpus)
    check("conll on the samples exits 0 although lossy", code == 0, stdout + stderr)
    check("the loss is counted in the summary",
          "not representable" in stdout and "cut a token" not in stdout, stdout)
    check("no span of the samples cuts a token (possessives are tokens of their own)",
          "cuts a token" not in stderr, stderr)

    path = os.path.join(corpus, "harbour-bridge-vote.txt.alice.gloss.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    text = read_article(corpus, "harbour-bridge-vote.txt")
    start = text.index("council")
    data["annotations"].append({"id": "a-cut", "label": "misc", "start": start, "end": start + 4,
                                "exact": "coun"})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
    os.remove(out)
    code, stdout, stderr = run("export", "--format", "conll", "-o", out, corpus)
    check("a span inside a word: exit 0, counted and reported on stderr",
          code == 0 and "1 span cuts a token" in stdout and stderr.count("cuts a token") == 1,
          stdout + stderr)


def snapshot(folder):
    """{relative path: bytes} of every file below folder ("-> target" for links)."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, folder)
            if os.path.islink(path):
                found[rel] = b"-> " + os.readlink(path).encode()
            else:
                with open(path, "rb") as f:
                    found[rel] = f.read()
    return found


def test_existing_folder(tmp):
    """brat into a folder of the user's own .txt/.ann/.conf files: refused
    with what would be replaced; with --force only the export's names."""
    corpus = os.path.join(tmp, "corpus")
    copy_samples(corpus)
    mine = os.path.join(tmp, "mine")
    os.makedirs(os.path.join(mine, "drafts"))
    files = {
        "kyiv-grain-talks.alice.txt": "My own article, not annotated.\n",
        "annotation.conf": "# mine\n",
        "my-article.txt": "Another article of mine.\n",
        "my-article.ann": "T1\tThing 0 7\tAnother\n",
        "visual.conf": "[labels]\n",
        "drafts/draft.txt": "a draft\n",
    }
    for name, text in files.items():
        with open(os.path.join(mine, name), "w", encoding="utf-8") as f:
            f.write(text)
    before = snapshot(mine)

    code, stdout, err = run("export", "-f", "brat", "-o", mine, corpus)
    check("brat into a folder of the user's files: exit 1, nothing on stdout, one stderr line",
          code == 1 and stdout == "" and len(err.strip().splitlines()) == 1, f"{code} {stdout} {err}")
    check("the refusal names what would be replaced, what is kept, and --force",
          "is not empty" in err and "would replace 2 files there (annotation.conf, kyiv-grain-talks.alice.txt)" in err
          and "leave 4 other items" in err and "drafts/" in err and "--force" in err, err)
    check("every file of the user's is untouched, byte for byte, nothing added",
          snapshot(mine) == before, sorted(set(snapshot(mine)) ^ set(before)))

    code, stdout, err = run("export", "-f", "brat", "--force", "-o", mine, corpus)
    after = snapshot(mine)
    new = sorted(set(after) - set(before))
    check("--force: exit 0, the summary counts the 2 replaced, stderr names them",
          code == 0 and stdout.endswith("; 2 existing files replaced\n")
          and "replaced 2 existing files (annotation.conf, kyiv-grain-talks.alice.txt)" in err,
          f"{code} {stdout} {err}")
    check("--force: the user's other files untouched, byte for byte",
          all(after.get(k) == v for k, v in before.items()
              if k not in ("annotation.conf", "kyiv-grain-talks.alice.txt")), "")
    check("--force: only the export's own files added",
          len(new) == 11 and all(n.endswith((".txt", ".ann")) and "/" not in n for n in new), new)
    check("--force: no temporary folder left", not [n for n in os.listdir(mine) if "gloss-tmp" in n],
          os.listdir(mine))


def main():
    test_help_and_version()
    if SAMPLES and os.path.isdir(SAMPLES):
        for test in (test_usage_errors, test_formats, test_filters, test_failures,
                     test_single_article, test_lossy_is_not_failure, test_existing_folder):
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
