#!/usr/bin/env python3
"""Exports leave suggestions out (issue 15, "In the CLI").

A copy of the sample corpus is exported in every format and variant, then
suggestions files are put beside its sidecars (`gloss-cli suggest` for the
annotators who have sidecars and for one who has none, and
`gloss-cli import --as-suggestions` of a span no one annotated) and the same
folder, at the same path (W3C output holds the article's URL), is exported
again: the outputs, the summary line, stderr and the exit status must be the
same, and no suggested span may be in an export. As a control, a sidecar
added the same way must change every output, so that "the same" means the
comparison would have seen a change. `gloss-cli stats` counts the
suggestions; `gloss-cli validate` checks the same sidecars as before, and a
broken suggestions file is not taken for a broken sidecar.

Only label-studio can be asked for them (`--predictions`): with it, the
pending suggestions of each annotator come out as the task's predictions
(model_version the source, each result's score the suggestion's); without
it, label-studio is compared like every other format, byte for byte.

Runs the real binary. Prints TAP. Standard library only.
"""
import csv
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
SAMPLES = os.environ.get("GLOSS_SAMPLES_DIR")

# Every format and the variants that change what is written.
EXPORTS = {
    "jsonl": ["-f", "jsonl"],
    "jsonl-alice-quotes": ["-f", "jsonl", "-a", "alice", "-l", "quote,person"],
    "doccano": ["-f", "doccano"],
    "doccano-relations": ["-f", "doccano", "--doccano-relations"],
    "conll": ["-f", "conll"],
    "conll-attributes": ["-f", "conll", "--conll-attributes"],
    "conll-nltk": ["-f", "conll", "--conll-variant", "nltk"],
    "conll-spacy": ["-f", "conll", "--conll-variant", "spacy-ner"],
    "brat": ["-f", "brat"],
    "brat-utf16": ["-f", "brat", "--offsets", "utf16"],
    "w3c": ["-f", "w3c"],
    "csv": ["-f", "csv"],
    "label-studio": ["-f", "label-studio"],
    "label-studio-alice-utf16": ["-f", "label-studio", "-a", "alice", "--offsets", "utf16"],
}

# What "the output" is for each: a file, a folder, or a file and the
# labelling config written beside it.
def outputs_of(variant, path):
    if variant.startswith("label-studio"):
        return [path, path + ".label_config.xml"]
    return [path]

SUFFIX = ".suggestions.json"

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


def read_text(path):
    # newline="" keeps a CRLF two code points, as Gloss counts it.
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def copy_samples(dest):
    for name in os.listdir(SAMPLES):
        if name.endswith((".txt", ".json")):
            shutil.copy(os.path.join(SAMPLES, name), dest)


def suggestion_files(corpus):
    return sorted(n for n in os.listdir(corpus) if n.endswith(SUFFIX))


def same_tree(a, b):
    """Byte for byte the same files under both folders."""
    if not os.path.exists(a) or not os.path.exists(b):
        return False
    if os.path.isfile(a) or os.path.isfile(b):
        return os.path.isfile(a) and os.path.isfile(b) and filecmp.cmp(a, b, shallow=False)
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def export_all(corpus, out_root, tag):
    """Every export of @corpus, into OUT_ROOT/TAG-VARIANT; returns
    {variant: (status, stdout, stderr, path)}."""
    done = {}
    for variant, options in EXPORTS.items():
        path = os.path.join(out_root, f"{tag}-{variant}")
        status, out, err = run("export", *options, "-o", path, corpus)
        # The output's own path is in nothing compared but stderr (and the
        # line saying where label-studio's config went): take it out.
        done[variant] = (status, out.replace(path, "OUT"), err.replace(path, "OUT"), path)
    return done


def compare_exports(before, after, what):
    for variant in EXPORTS:
        b, a = before[variant], after[variant]
        check(f"{variant}: {what}: exit status, summary and stderr as without",
              b[0] == a[0] == 0 and b[1] == a[1] and b[2] == a[2], (b[:3], a[:3]))
        check(f"{variant}: {what}: the output is byte for byte the same",
              all(same_tree(x, y) for x, y in zip(outputs_of(variant, b[3]), outputs_of(variant, a[3]))),
              (b[3], a[3]))


def make_suggestions(corpus, tmp):
    """Suggestions files for alice and bilal (who have sidecars) and carol
    (who has none), and an imported span nobody annotated; returns the
    suggestions per (article, annotator)."""
    for annotator in ("alice", "bilal", "carol"):
        status, out, err = run("suggest", "--annotator", annotator, corpus)
        check(f"gloss-cli suggest --annotator {annotator} succeeds", status == 0, out + err)

    article = "harbour-bridge-vote.txt"
    text = read_text(os.path.join(corpus, article))
    start = text.index("bridge")
    predictions = os.path.join(tmp, "predictions.jsonl")
    with open(predictions, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": article[:-len(".txt")], "text": text,
                            "spans": [{"start": start, "end": start + len("bridge"),
                                       "label": "misc", "score": 0.7}]},
                           ensure_ascii=False) + "\n")
    status, out, err = run("import", "--format", "jsonl", "--as-suggestions", "--annotator", "alice",
                           "-o", corpus, predictions)
    check("gloss-cli import --as-suggestions adds a span for alice", status == 0, out + err)

    found = {}
    for name in suggestion_files(corpus):
        data = load(os.path.join(corpus, name))
        found[(data["document"]["file"], data["annotator"])] = data["suggestions"]
    check("suggestions files for alice, bilal and carol on every article",
          {a for _, a in found} == {"alice", "bilal", "carol"} and len(found) == 9, sorted(found))
    sources = {s["source"] for ss in found.values() for s in ss}
    check("the suggestions come from same-text, quotes and import",
          sources == {"same-text", "quotes", "import"}, sources)
    imported = [s for s in found.get((article, "alice"), []) if s["source"] == "import"]
    check("the imported span is suggested to alice", len(imported) == 1 and imported[0]["exact"] == "bridge",
          imported)
    return found


def jsonl_spans(path):
    """{(article, annotator): {(start, end, label)}} of a jsonl export."""
    spans = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            spans[(record["source"], record["annotator"])] = {
                (s["start"], s["end"], s["label"]) for s in record["spans"]}
    return spans


def check_no_suggested_span(before, after, suggestions):
    """No suggested span (its offsets and label) in the code-point exports,
    and no record of carol, who has only suggestions. A quote annotated
    already may still be suggested for its speaker: only the spans that
    were not annotated count."""
    status, _, _, path = after["jsonl"]
    annotated = jsonl_spans(before["jsonl"][3])
    spans = jsonl_spans(path)
    new = [(key, s) for key, ss in suggestions.items() for s in ss
           if (s["start"], s["end"], s["label"]) not in annotated.get(key, set())]
    leaked = [(key, s) for key, s in new if (s["start"], s["end"], s["label"]) in spans.get(key, set())]
    check("jsonl: no suggested span is exported as an annotation",
          status == 0 and len(new) > 10 and not leaked, (len(new), leaked[:3]))
    check("jsonl: carol, who has suggestions and no sidecar, has no record",
          {a for _, a in spans} == {"alice", "bilal"}, sorted(spans))

    status, _, _, path = after["csv"]
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    check("csv: no row for carol nor for the imported suggestion (misc “bridge” at its offsets)",
          status == 0 and rows and not any(r["annotator"] == "carol" for r in rows)
          and not any(r["label"] == "misc" and r["text"] == "bridge" for r in rows), rows[:1])


def check_paths_given(corpus, out_root):
    """A suggestions file given as the path stands for its article: the
    export is the article's, not the suggestions'."""
    name = "harbour-bridge-vote.txt"
    for annotator in ("alice", "carol"):
        given = os.path.join(corpus, f"{name}.{annotator}{SUFFIX}")
        a = os.path.join(out_root, f"path-article-{annotator}.jsonl")
        b = os.path.join(out_root, f"path-suggestions-{annotator}.jsonl")
        sa = run("export", "-f", "jsonl", "-o", a, os.path.join(corpus, name))
        sb = run("export", "-f", "jsonl", "-o", b, given)
        check(f"export of {annotator}'s suggestions file as a path: the article's export",
              sa[0] == sb[0] == 0 and sa[1] == sb[1] and same_tree(a, b), (sa, sb))


def check_annotator_with_suggestions_only(corpus, out_root, expected):
    status, out, err = run("export", "-f", "jsonl", "-a", "carol", "-o",
                           os.path.join(out_root, "carol.jsonl"), corpus)
    check("export -a carol (suggestions only): as with no suggestions file",
          (status, out, err) == expected, ((status, out, err), expected))


def check_predictions(corpus, out_root, suggestions):
    """Asked for (--predictions), label-studio writes the pending
    suggestions of the annotators it exports as predictions: one per
    annotator and source, model_version the source; a tie (no label) is
    left out and said. carol, who has no sidecar, is not exported, nor
    are her suggestions."""
    path = os.path.join(out_root, "predictions.json")
    status, out, err = run("export", "-f", "label-studio", "--predictions", "-o", path, corpus)
    check("label-studio --predictions: exit 0", status == 0, err)
    if status != 0:
        return
    with open(path, encoding="utf-8") as f:
        tasks = json.load(f)
    for task in tasks:
        article = task["meta"]["gloss_article"]
        want = sorted((s["source"], s["start"], s["end"], s["label"], s.get("score"))
                      for (name, annotator), ss in suggestions.items()
                      if name == article and annotator in ("alice", "bilal")
                      for s in ss if s["label"] is not None)
        got = sorted((p["model_version"], r["value"]["start"], r["value"]["end"], r["value"]["labels"][0],
                      r.get("score"))
                     for p in task["predictions"] for r in p["result"]
                     if r["type"] == "labels" and not r["id"].endswith("-speaker"))
        check(f"label-studio --predictions {article}: the labelled suggestions of alice and bilal",
              got == want and got, (got, want))
    ties = sum(1 for (_, a), ss in suggestions.items() if a in ("alice", "bilal") for s in ss if s["label"] is None)
    check("label-studio --predictions: the suggestions exported are counted",
          f"{len([1 for (_, a), ss in suggestions.items() if a in ('alice', 'bilal') for s in ss if s['label']])} suggestions as predictions" in out,
          out)
    check("label-studio --predictions: ties are said, not exported",
          ties == 0 or "ties between labels" in err or "a tie between labels" in err, (ties, err))
    imported = [r for t in tasks for p in t["predictions"] if p["model_version"] == "import" for r in p["result"]]
    check("label-studio --predictions: the imported suggestion with its score",
          [(r["value"]["text"], r.get("score")) for r in imported] == [("bridge", 0.7)], imported)


def add_control_sidecar(corpus):
    """carol's sidecar: alice's, under carol's name."""
    article = "harbour-bridge-vote.txt"
    data = load(os.path.join(corpus, f"{article}.alice.gloss.json"))
    data["annotator"] = {"id": "carol", "name": "Carol"}
    path = os.path.join(corpus, f"{article}.carol.gloss.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def test_exports(tmp):
    corpus = os.path.join(tmp, "corpus")
    out_root = os.path.join(tmp, "out")
    os.mkdir(corpus)
    os.mkdir(out_root)
    copy_samples(corpus)
    check("the corpus starts with no suggestions file", suggestion_files(corpus) == [])

    before = export_all(corpus, out_root, "before")
    carol_before = run("export", "-f", "jsonl", "-a", "carol", "-o", os.path.join(out_root, "carol0.jsonl"), corpus)
    stats_before = run("stats", "--json", corpus)
    validate_before = run("validate", "--strict", corpus)

    suggestions = make_suggestions(corpus, tmp)
    after = export_all(corpus, out_root, "after")
    compare_exports(before, after, "with suggestions files beside the sidecars")
    check_no_suggested_span(before, after, suggestions)
    check_paths_given(corpus, out_root)
    check_annotator_with_suggestions_only(corpus, out_root, carol_before)
    check_predictions(corpus, out_root, suggestions)

    # stats counts what the files hold, per annotator with a sidecar.
    status, out, err = run("stats", "--json", corpus)
    stats = json.loads(out) if status == 0 else {}
    for annotator in ("alice", "bilal"):
        pending = sum(len(ss) for (_, a), ss in suggestions.items() if a == annotator)
        got = stats.get("annotators", {}).get(annotator, {}).get("suggestions", {})
        check(f"stats counts {annotator}'s {pending} pending suggestions",
              got == {"pending": pending, "rejected": 0}, got)
    before_counts = json.loads(stats_before[1]) if stats_before[0] == 0 else {}
    for annotator in ("alice", "bilal"):
        got = before_counts.get("annotators", {}).get(annotator, {}).get("suggestions",
                                                                           {"pending": 0, "rejected": 0})
        check(f"stats before any suggestions file: none for {annotator}",
              got.get("pending") == 0 and got.get("rejected") == 0, got)
    strip = lambda d: {a: {k: v for k, v in c.items() if k != "suggestions"}
                       for a, c in d.get("annotators", {}).items()}
    check("stats: the annotators are those with sidecars, their annotations counted as before",
          strip(stats) == strip(before_counts) and set(stats.get("annotators", {})) == {"alice", "bilal"},
          sorted(stats.get("annotators", {})))

    # validate checks the sidecars it checked before, and says the same.
    validate_after = run("validate", "--strict", corpus)
    check("validate --strict: the same exit status and output with suggestions files",
          validate_after == validate_before and validate_before[0] == 0, (validate_before, validate_after))
    broken = os.path.join(corpus, f"harbour-bridge-vote.txt.bilal{SUFFIX}")
    with open(broken, "w", encoding="utf-8") as f:
        f.write('{"format": "gloss-suggestions", "version": 1, broken\n')
    validate_broken = run("validate", corpus)
    # The broken file is named as an error of its own (the app shows none
    # of it and never writes over it); the sidecars' lines are as before.
    broken_lines = [line for line in validate_broken[1].splitlines() if SUFFIX in line]
    other_lines = [line for line in validate_broken[1].splitlines()
                   if SUFFIX not in line and "checked" not in line]
    before_lines = [line for line in validate_before[1].splitlines() if "checked" not in line]
    check("validate: a broken suggestions file is an error of its own, the sidecars as before",
          validate_broken[0] == 1 and len(broken_lines) == 1 and f"bilal{SUFFIX}: line 1" in broken_lines[0]
          and other_lines == before_lines and "1 error" in validate_broken[1], validate_broken)
    after_broken = export_all(corpus, out_root, "broken")
    compare_exports(before, after_broken, "with a broken suggestions file")

    # The control: a sidecar more is seen by every export.
    control = add_control_sidecar(corpus)
    status, out, err = run("validate", "--strict", control)
    check("control: carol's sidecar is valid", status == 0, out + err)
    changed = export_all(corpus, out_root, "control")
    for variant in EXPORTS:
        b, c = before[variant], changed[variant]
        expect_change = variant not in ("jsonl-alice-quotes", "label-studio-alice-utf16")
        check(f"{variant}: control: a sidecar more {'changes' if expect_change else 'leaves'} the output",
              c[0] == 0 and same_tree(b[3], c[3]) != expect_change, c[:3])


def main():
    if not SAMPLES or not os.path.isdir(SAMPLES):
        print("1..0 # SKIP GLOSS_SAMPLES_DIR not set")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        test_exports(tmp)
    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            failed += 1
            for line in repr(detail).splitlines():
                print(f"# {line[:2000]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
