#!/usr/bin/env python3
"""gloss-cli export/import --format label-studio, against Label Studio's rules.

Label Studio is not packaged by Debian; its rules are re-implemented here
from its source (HumanSignal/label-studio), each where it is used:

* task import (label_studio/tasks/validation.py, TaskValidator.validate and
  check_data, commit 6ec1e79e0ff5b6b3fc033d00dad5ccb6b9f014b4): a list of
  dicts; "data" a dict holding every key the config's object tags name
  (value="$text"), a Text's value a str; "annotations" and "predictions"
  lists whose items each have a "result" list; "meta" a dict or list;
* annotators (label_studio/tasks/serializers.py, TaskSerializerBulk.
  get_completed_by_id and create, commit
  80e421cf10815d0b0564a31383ecabf5508d30a4): an int completed_by is a user
  id that must belong to the organization, or the whole import fails; a
  dict gives its "id" (none: no check, no user). Gloss writes a dict with
  no "id", so an export never names a user of someone else's instance;
  a prediction's "score" must be float()-able, "model_version" a string;
* the labelling config (label_studio/core/label_config.py, parse_config,
  validate_label_config and get_annotation_tuple, commit
  8723d2e1b07ddfe16c78b2c7cfe69d29b708166e): names unique (by the regex
  name="…"), every toName one of them; control tags are those with name
  and toName, object tags those with name and value ($ stripped); a
  control's labels are the value (or alias) of its Label/Choice children;
  a result's from_name|to_name|type (lowercased) must be a control's;
* offsets (web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts, commit
  822775e077f1ade4e7c0c341981899f2b7d22a16, "Should calculate offsets by
  code points in text"; the Text tag's documentation in
  web/libs/editor/src/tags/object/Text.js, commit
  f172731abf1dc4d58e8fae2f8969ef5d3bc74280: "\\r\\n" counts two, read with
  Python's text[start:end]): value.start/end slice data.text as a Python
  str — code points —, and value.text is that slice.

Checks: every exported result against the written config and those rules;
offsets by slicing with Python str, and as UTF-16 with --offsets utf16;
a round trip Gloss → label-studio → Gloss giving back the spans,
relations and notes on texts with emoji, ZWJ sequences, combining marks,
CRLF, a BOM and Arabic and Hebrew; --predictions (opt-in) against the
suggestions files, and back with --as-suggestions; the config file never
replaced unasked; Label Studio's own export shapes (completed_by a number
or a user object, a second annotation of one person, a cancelled one, a
data key other than "text", one task object); bad input (broken JSON,
invalid UTF-8, offsets out of range or inside a surrogate pair or a
grapheme cluster, missing text, unknown result types) reported with task
and result, nothing written over.

Runs the real binary. Prints TAP. Standard library only.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CLI = os.path.abspath(sys.argv[1])
SAMPLES = os.environ.get("GLOSS_SAMPLES_DIR")

results = []


def check(name, condition, detail=""):
    results.append((name, "ok" if condition else "not ok", detail))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


# ------------------------------------------------------------------ #
# The corpus                                                          #
# ------------------------------------------------------------------ #

BOM = "\ufeff"

WORLD = (BOM
         + "NATO’s summit in Vilnius 🇱🇹 ended late.\r\n"
         + "The workers’ union 👩‍🔧 and a family 👨‍👩‍👧 marched; Zoe\u0308 O’Brien’s plan "
         + "and Nguye\u0302\u0303n's notes went round.\r\n"
         + "قال محمد: «السلام ممكن». Then Biden's aide left 🇺🇦.\r\n")

# (label, needle, note or None); relations as (type, from index, to index).
WORLD_SPANS = {
    "alice": ([("organization", "NATO", "the alliance"), ("location", "Vilnius", None),
               ("misc", "👨‍👩‍👧", "a ZWJ family\nsecond line"), ("person", "Zoe\u0308 O’Brien", None),
               ("person", "Nguye\u0302\u0303n", "two combining marks"), ("person", "محمد", None),
               ("quote", "«السلام ممكن»", "RTL “quote”"), ("location", "🇺🇦", None)],
              [("speaker", 6, 5)]),
    "bilal": ([("organization", "workers’ union 👩‍🔧", None), ("person", "Biden", "<b>&amp;</b>")],
              []),
}

DESK_LABELS = {
    "format": "gloss-labels",
    "version": 1,
    "labels": [
        {"id": "quote-direct", "kind": "quote", "color": "#3584e4"},
        {"id": "politician", "kind": "entity", "color": "#c061cb"},
        {"id": "news-org", "kind": "entity", "color": "#2ec27e"},
    ],
    "relations": [{"type": "says", "from": ["quote-direct"], "to": ["politician"]}],
}
DESK = "Rivlin visited ירושלים and told Reuters: “Peace is near.”\n"
DESK_SPANS = {
    "alice": ([("politician", "Rivlin", None), ("news-org", "Reuters", "an odd \"note\""), ("say \"hi\" & <b>", "ירושלים", None),
               ("quote-direct", "“Peace is near.”", None), ("tab\tlabel", "Peace", None)],
              [("says", 2, 0)]),
}


def write_article(folder, name, text, spans_by_annotator):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    raw = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(raw)
    body = text[1:] if text.startswith(BOM) else text
    for annotator, (spans, relations) in spans_by_annotator.items():
        annotations = []
        for n, (label, needle, note) in enumerate(spans):
            start = body.index(needle)
            annotation = {"id": f"a-{n:03d}", "label": label, "start": start,
                          "end": start + len(needle), "exact": needle}
            if note is not None:
                annotation["note"] = note
            annotations.append(annotation)
        data = {
            "format": "gloss", "version": 1,
            "document": {"file": name, "sha256": hashlib.sha256(raw).hexdigest(), "length": len(body)},
            "annotator": {"id": annotator, "name": annotator.title()},
            "annotations": annotations,
        }
        if relations:
            data["relations"] = [{"id": f"r-{n:03d}", "type": t, "from": f"a-{a:03d}", "to": f"a-{b:03d}"}
                                 for n, (t, a, b) in enumerate(relations)]
        with open(f"{path}.{annotator}.gloss.json", "w", encoding="utf-8") as f:
            f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def make_corpus(root):
    write_article(os.path.join(root, "plain"), "world.txt", WORLD, WORLD_SPANS)
    desk = os.path.join(root, "desk")
    write_article(desk, "desk.txt", DESK, DESK_SPANS)
    with open(os.path.join(desk, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(DESK_LABELS, f, indent=2)


def copy_samples(dest):
    os.makedirs(dest)
    for name in os.listdir(SAMPLES):
        if name.endswith((".txt", ".json")):
            shutil.copy(os.path.join(SAMPLES, name), dest)


# ------------------------------------------------------------------ #
# Label Studio's rules (see the docstring)                            #
# ------------------------------------------------------------------ #

LABEL_TAGS = {"Label", "Choice"}


def parse_config(xml_text):
    """label_config.py: validate_label_config, then parse_config."""
    problems = []
    root = ET.fromstring(xml_text)
    names = re.findall(r'name="([^"]*)"', xml_text)
    if len(set(names)) != len(names):
        problems.append("non-unique names")
    for to_names in re.findall(r'toName="([^"]*)"', xml_text):
        for to_name in to_names.split(","):
            if to_name not in names:
                problems.append(f"toName {to_name} not among names")
    inputs, outputs = {}, {}
    parents = {child: parent for parent in root.iter() for child in parent}
    for tag in root.iter():
        if tag.get("name") and tag.get("toName") and tag.tag != "Filter":
            outputs[tag.get("name")] = {"type": tag.tag, "to_name": tag.get("toName").split(","),
                                        "labels": []}
        elif tag.get("name") and tag.get("value"):
            inputs[tag.get("name")] = {"type": tag.tag, "value": tag.get("value").lstrip("$")}
    for tag in root.iter():
        if tag.tag not in LABEL_TAGS:
            continue
        parent = parents.get(tag)
        while parent is not None and parent.get("name") not in outputs:
            parent = parents.get(parent)
        if parent is not None:
            outputs[parent.get("name")]["labels"].append(tag.get("alias") or tag.get("value"))
    for name, info in outputs.items():
        for to_name in info["to_name"]:
            if to_name not in inputs:
                problems.append(f"{name}: to_name {to_name} is no object tag")
    relations = [r.get("value") for r in root.iter("Relation")]
    return inputs, outputs, relations, problems


def check_task_shape(tasks, inputs):
    """tasks/validation.py: TaskValidator.validate and check_data."""
    problems = []
    if not isinstance(tasks, list):
        return ["not a list"]
    data_keys = {info["value"]: info["type"] for info in inputs.values()}
    for i, task in enumerate(tasks):
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            problems.append(f"task {i}: no data dict")
            continue
        for key, kind in data_keys.items():
            if key not in task["data"]:
                problems.append(f"task {i}: data has no {key}")
            elif kind == "Text" and not isinstance(task["data"][key], (str, int, float)):
                problems.append(f"task {i}: data[{key}] is not a str")
        for member in ("annotations", "predictions"):
            items = task.get(member, [])
            if not isinstance(items, list):
                problems.append(f"task {i}: {member} not a list")
                continue
            for item in items:
                if not isinstance(item, dict) or not isinstance(item.get("result"), list):
                    problems.append(f"task {i}: a {member} item without a result list")
        if "meta" in task and not isinstance(task["meta"], (dict, list)):
            problems.append(f"task {i}: meta not a dict")
        for annotation in task.get("annotations", []):
            completed_by = annotation.get("completed_by")
            # An int must be a member of the importing organization.
            if isinstance(completed_by, int) or (isinstance(completed_by, dict) and "id" in completed_by):
                problems.append(f"task {i}: completed_by names a user id")
        for prediction in task.get("predictions", []):
            if not isinstance(prediction.get("model_version"), str):
                problems.append(f"task {i}: model_version not a string")
            if "score" in prediction:
                try:
                    float(prediction["score"])
                except (TypeError, ValueError):
                    problems.append(f"task {i}: score not a float")
    return problems


def slice_text(text, start, end, unit):
    if unit == "utf16":
        raw = text.encode("utf-16-le")
        return raw[2 * start:2 * end].decode("utf-16-le")
    return text[start:end]


def check_results(tasks, outputs, relations, unit):
    """Each result against the config (get_annotation_tuple) and the text."""
    problems = []
    tuples = {f"{name}|{','.join(info['to_name'])}|{info['type'].lower()}": name
              for name, info in outputs.items()}
    for i, task in enumerate(tasks):
        text = task["data"]["text"]
        groups = [a["result"] for a in task.get("annotations", [])]
        groups += [p["result"] for p in task.get("predictions", [])]
        for result in groups:
            regions = {r["id"] for r in result if r.get("type") == "labels"}
            for r in result:
                if r["type"] == "relation":
                    if r.get("from_id") not in regions or r.get("to_id") not in regions:
                        problems.append(f"task {i}: relation to a missing region")
                    if any(label not in relations for label in r.get("labels", [])):
                        problems.append(f"task {i}: relation label {r.get('labels')} not in <Relations>")
                    if r.get("direction") not in ("right", "left", "bi"):
                        problems.append(f"task {i}: direction {r.get('direction')}")
                    continue
                key = f"{r.get('from_name')}|{r.get('to_name')}|{r.get('type')}"
                if key not in tuples:
                    problems.append(f"task {i}: {key} is no control of the config")
                    continue
                value = r["value"]
                if r["type"] == "labels":
                    if any(label not in outputs[tuples[key]]["labels"] for label in value["labels"]):
                        problems.append(f"task {i}: label {value['labels']} not in the config")
                    if slice_text(text, value["start"], value["end"], unit) != value["text"]:
                        problems.append(f"task {i}: {r['id']} text {value['text']!r} is not "
                                        f"{slice_text(text, value['start'], value['end'], unit)!r}")
                elif r["type"] == "textarea":
                    if r["id"] not in regions:
                        problems.append(f"task {i}: a note of no region")
    return problems


def export(corpus, out, *extra):
    return run("export", "-f", "label-studio", "-o", out, *extra, corpus)


def load_export(path):
    """The tasks and the config; none (a failed check) when not written."""
    config_path = path[:-len(".json")] + ".label_config.xml"
    try:
        with open(path, encoding="utf-8") as f:
            tasks = json.load(f)
        with open(config_path, encoding="utf-8") as f:
            config = f.read()
    except (OSError, ValueError) as e:
        check(f"{os.path.basename(path)} and its config written", False, e)
        return [], "<View/>"
    return tasks, config


def gloss_records(corpus, tmp, name):
    """The corpus as Gloss's own jsonl export sees it: (article, annotator) →
    (text, spans, relations) with spans by id and relations by their ends."""
    out = os.path.join(tmp, name + ".jsonl")
    code, _, err = run("export", "-f", "jsonl", "--force", "-o", out, corpus)
    records = {}
    if code != 0:
        check(f"{name}: jsonl export of the corpus", False, err)
        return records
    with open(out, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            spans = sorted((s["id"], s["start"], s["end"], s["label"], s.get("note") or None)
                           for s in record["spans"])
            rels = sorted((r["type"], r["from"], r["to"]) for r in record.get("relations", []))
            records[(record["id"], record["annotator"])] = (record["text"], spans, rels)
    return records


# ------------------------------------------------------------------ #
# Tests                                                               #
# ------------------------------------------------------------------ #

def test_export_rules(tmp, corpus, name, *extra, unit="codepoints"):
    out = os.path.join(tmp, f"{name}.json")
    code, stdout, err = export(corpus, out, *extra)
    check(f"{name}: exit 0", code == 0, err)
    check(f"{name}: says where the config went",
          f"Labelling config: {out[:-5]}.label_config.xml" in stdout, stdout)
    tasks, config = load_export(out)
    check(f"{name}: tasks written", len(tasks) > 0)
    inputs, outputs, relations, problems = parse_config(config)
    check(f"{name}: config valid by label_config.py's rules", not problems, problems)
    check(f"{name}: tasks valid by TaskValidator's rules", not check_task_shape(tasks, inputs),
          check_task_shape(tasks, inputs))
    problems = check_results(tasks, outputs, relations, unit)
    check(f"{name}: every result in the config, offsets slice the text ({unit})",
          not problems, problems[:5])
    return tasks, config


def test_own_corpus(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    tasks, config = test_export_rules(tmp, corpus, "own")
    by_article = {t["meta"]["gloss_article"]: t for t in tasks}
    check("own: one task per article, named by meta.gloss_article",
          sorted(by_article) == ["desk/desk.txt", "plain/world.txt"], sorted(by_article))
    world = by_article.get("plain/world.txt", {"data": {"text": ""}, "annotations": []})
    check("own: data.text is the article without its BOM, CRLF kept",
          world["data"]["text"] == WORLD[1:], repr(world["data"]["text"][:20]))
    check("own: one annotation per annotator, completed_by their id",
          [a["completed_by"] for a in world["annotations"]] == [{"username": "alice"}, {"username": "bilal"}],
          [a.get("completed_by") for a in world["annotations"]])
    alice = world["annotations"][0]["result"] if world["annotations"] else []
    notes = {r["id"]: r["value"]["text"] for r in alice if r["type"] == "textarea"}
    check("own: notes as per-region textarea results", notes.get("a-002") == ["a ZWJ family\nsecond line"],
          notes)
    rels = [(r["from_id"], r["to_id"], r["labels"]) for r in alice if r["type"] == "relation"]
    check("own: relations as relation results", rels == [("a-006", "a-005", ["speaker"])], rels)
    check("own: no predictions unless asked", all("predictions" not in t for t in tasks))
    check("own: labels XML-escaped in the config, with their label set's colour",
          '<Label value="say &quot;hi&quot; &amp; &lt;b&gt;"/>' in config
          and '<Label value="news-org" background="#2ec27e"/>' in config, config)
    check("own: relation types of the label sets in <Relations>",
          '<Relation value="says"/>' in config and '<Relation value="speaker"/>' in config, config)
    check("own: a per-region TextArea for the notes",
          re.search(r'<TextArea name="note" toName="text" perRegion="true"', config) is not None)

    # utf16 offsets: sliced as UTF-16 they give the same texts.
    test_export_rules(tmp, corpus, "own-utf16", "--offsets", "utf16", unit="utf16")

    # Round trips, in code points and in UTF-16.
    before = gloss_records(corpus, tmp, "before")
    for unit in ("codepoints", "utf16"):
        out = os.path.join(tmp, f"own-{unit}.json") if unit == "utf16" else os.path.join(tmp, "own.json")
        back = os.path.join(tmp, f"back-{unit}")
        code, stdout, err = run("import", "-f", "label-studio", "--offsets", unit, "-o", back, out)
        check(f"round trip {unit}: import exit 0, no problem", code == 0 and err == "", err)
        after = gloss_records(back, tmp, f"after-{unit}")
        check(f"round trip {unit}: the same records", sorted(after) == sorted(before),
              (sorted(after), sorted(before)))
        for key in before:
            b_text, b_spans, b_rels = before[key]
            a_text, a_spans, a_rels = after.get(key, ("", [], []))
            check(f"round trip {unit} {key}: text", a_text == b_text)
            check(f"round trip {unit} {key}: spans, labels, notes", a_spans == b_spans,
                  (a_spans, b_spans))
            check(f"round trip {unit} {key}: relations", a_rels == b_rels, (a_rels, b_rels))

    # Attributes and fields: counted as not representable.
    samples = os.path.join(tmp, "samples")
    copy_samples(samples)
    code, stdout, err = export(samples, os.path.join(tmp, "samples.json"))
    check("samples: attribute values and fields counted as not representable",
          "not representable: 152 attribute values, 12 article fields" in stdout, stdout)
    test_export_rules(tmp, samples, "samples-again", "--force")


def test_annotator_filter(tmp):
    corpus = os.path.join(tmp, "corpus")
    out = os.path.join(tmp, "bilal.json")
    code, stdout, err = export(corpus, out, "-a", "bilal")
    tasks, _ = load_export(out)
    check("--annotator: only bilal's annotations, only articles he annotated",
          code == 0 and [[a["completed_by"]["username"] for a in t["annotations"]] for t in tasks] == [["bilal"]],
          tasks)


def test_config_not_replaced(tmp):
    corpus = os.path.join(tmp, "corpus")
    out = os.path.join(tmp, "guarded.json")
    config = os.path.join(tmp, "guarded.label_config.xml")
    with open(config, "w") as f:
        f.write("<View>mine</View>\n")
    code, stdout, err = export(corpus, out)
    check("an existing config alone refuses the export", code == 1 and not os.path.exists(out), err)
    check("the refusal names the config", "guarded.label_config.xml" in err and "--force" in err, err)
    with open(config) as f:
        check("the config is left as it was", f.read() == "<View>mine</View>\n")
    code, stdout, err = export(corpus, out, "--force")
    with open(config) as f:
        check("--force replaces the config", code == 0 and "<Labels" in f.read(), err)


def test_predictions(tmp):
    samples = os.path.join(tmp, "predicted")
    copy_samples(samples)
    code, _, err = run("suggest", "--annotator", "alice", samples)
    suggestions = {}
    for name in sorted(os.listdir(samples)):
        if name.endswith(".alice.suggestions.json"):
            with open(os.path.join(samples, name), encoding="utf-8") as f:
                suggestions[name[:-len(".alice.suggestions.json")]] = json.load(f)["suggestions"]
    check("predictions: the samples have suggestions", code == 0 and suggestions, err)

    plain = os.path.join(tmp, "no-predictions.json")
    export(samples, plain)
    tasks, _ = load_export(plain)
    check("predictions: left out without --predictions", all("predictions" not in t for t in tasks))

    tasks, config = test_export_rules(tmp, samples, "predictions", "--predictions")
    for task in tasks:
        article = task["meta"]["gloss_article"]
        expected = sorted((s["source"], s["start"], s["end"], s["label"], s.get("score"))
                          for s in suggestions.get(article, []) if s["label"] is not None)
        got = sorted((p["model_version"], r["value"]["start"], r["value"]["end"], r["value"]["labels"][0],
                      r.get("score"))
                     for p in task.get("predictions", []) for r in p["result"]
                     if r["type"] == "labels" and not r["id"].endswith("-speaker"))
        check(f"predictions {article}: each labelled suggestion, model_version its source, its score",
              got == expected, (got, expected))

    # Back as suggestions, into a copy of the sidecars without them.
    back = os.path.join(tmp, "predicted-back")
    copy_samples(back)
    out = os.path.join(tmp, "predictions.json")
    code, stdout, err = run("import", "-f", "label-studio", "--as-suggestions", "-a", "alice", "-o", back, out)
    # What a suggestion cannot hold (a speaker's relation) and the
    # annotations beside the predictions are said, nothing else.
    unexpected = [line for line in err.splitlines()
                  if "annotations not imported: importing predictions as suggestions" not in line
                  and "a suggestion is a span; this “relation” result is not imported" not in line]
    check("predictions: import --as-suggestions, only the expected reports", not unexpected, err)
    for article, listed in suggestions.items():
        path = os.path.join(back, article + ".alice.suggestions.json")
        if not os.path.exists(path):
            check(f"predictions back {article}: a suggestions file", False)
            continue
        with open(path, encoding="utf-8") as f:
            again = json.load(f)["suggestions"]
        # A quote suggested for its speaker only is annotated already: with
        # its speaker relation reported lost, the merge leaves it out.
        want = sorted((s["start"], s["end"], s["label"], s.get("score")) for s in listed
                      if s["label"] and "speaker" not in s)
        got = sorted((s["start"], s["end"], s["label"], s.get("score")) for s in again)
        check(f"predictions back {article}: the same spans, labels and scores",
              all(w in got for w in want), (got, want))

    # A plain import says what it left.
    plain_back = os.path.join(tmp, "plain-back")
    code, stdout, err = run("import", "-f", "label-studio", "-o", plain_back, out)
    check("predictions: a plain import reports them, not imported",
          re.search(r"\d+ predictions not imported; use --as-suggestions", err) is not None, err)


def write_json(path, value, raw=None):
    with open(path, "wb") as f:
        f.write(raw if raw is not None else json.dumps(value, ensure_ascii=False).encode("utf-8"))


def region(rid, start, end, label, text=None, to_name="text", kind="labels"):
    value = {"start": start, "end": end, "labels": [label]}
    if text is not None:
        value["text"] = text
    return {"id": rid, "from_name": "label", "to_name": to_name, "type": kind, "value": value}


def test_label_studio_shapes(tmp):
    text = "Ana 👩‍🔧 met Zoe\u0308 in 🇱🇹.\r\nשלום"
    ana = region("x1", 0, 3, "person", "Ana")
    zoe = region("x2", 11, 15, "person", "Zoe\u0308")
    tasks = [
        {"id": 7, "data": {"review": text}, "meta": {},
         "annotations": [
             {"id": 1, "completed_by": 12, "result": [ana]},
             {"id": 2, "completed_by": {"id": 3, "email": "Zoe.Smith@example.org"}, "result": [zoe]},
             {"id": 3, "completed_by": {"id": 3, "email": "Zoe.Smith@example.org"}, "result": [ana]},
             {"id": 4, "completed_by": 12, "was_cancelled": True, "result": [zoe]},
             {"id": 5, "completed_by": 13, "result": [
                 ana, {"id": "c1", "from_name": "mood", "to_name": "text", "type": "choices",
                       "value": {"choices": ["happy"]}},
                 region("o1", 0, 3, "person", "Ana", to_name="other")]},
         ],
         "predictions": []},
    ]
    path = os.path.join(tmp, "ls-own.json")
    write_json(path, tasks)
    out = os.path.join(tmp, "ls-own")
    code, stdout, err = run("import", "-f", "label-studio", "-o", out, path)
    names = sorted(os.listdir(out)) if os.path.isdir(out) else []
    check("LS shapes: completed_by number → user-N, object → email's local part, a second one → -2",
          names == ["task-7.txt", "task-7.txt.user-12.gloss.json", "task-7.txt.user-13.gloss.json",
                    "task-7.txt.zoe-smith-2.gloss.json", "task-7.txt.zoe-smith.gloss.json"], names)
    check("LS shapes: the second annotation is said", "imported as annotator “zoe-smith-2”" in err, err)
    check("LS shapes: the cancelled one is reported, with task and annotation",
          "task[0]: annotations[3] was cancelled" in err, err)
    check("LS shapes: a choices result is reported with its id",
          "task[0]: annotations[4].result[1] “c1”: Gloss has no place for a “choices” result" in err, err)
    check("LS shapes: a region on another object is reported",
          "annotations[4].result[2] “o1” is on “other”" in err, err)
    check("LS shapes: exit 1 (something not imported)", code == 1)
    if os.path.exists(os.path.join(out, "task-7.txt")):
        with open(os.path.join(out, "task-7.txt"), encoding="utf-8", newline="") as f:
            check("LS shapes: the text of a data key other than text", f.read() == text)

    single = os.path.join(tmp, "one-task.json")
    write_json(single, {"data": {"text": "Ana left."}, "annotations": [{"completed_by": 1, "result": [ana]}]})
    code, stdout, err = run("import", "-f", "label-studio", "-a", "desk", "-o", os.path.join(tmp, "one"), single)
    check("a single task object, --annotator overrides completed_by",
          code == 0 and os.path.exists(os.path.join(tmp, "one", "task-1.txt.desk.gloss.json")), err)

    # Names an id cannot hold as written: said, so that two people who
    # become one annotator are seen; a 140-character name twice in a task:
    # the second id cut to stay an id (it crashed the import); Label Studio
    # before 1.0's "completions"; a JSON-MIN task, reported, not imported
    # without its spans.
    long_name = "a" * 140
    tasks = [
        {"id": 1, "data": {"text": "Ana left."}, "annotations": [
            {"completed_by": {"username": "José"}, "result": [ana]},
            {"completed_by": {"username": "ab-"}, "result": [ana]}]},
        {"id": 2, "data": {"text": "Ana left."}, "annotations": [
            {"completed_by": {"username": long_name}, "result": [ana]},
            {"completed_by": {"username": long_name}, "result": [ana]}]},
        {"id": 9, "data": {"text": "Ana left."}, "meta": {"gloss_article": "/".join(["d" * 90] * 60) + "/x.txt"},
         "annotations": [{"completed_by": {"username": "far"}, "result": [ana]}]},
        {"id": 3, "data": {"text": "Ana left."}, "completions": [
            {"completed_by": {"username": "old"}, "result": [ana]}]},
        {"id": 4, "text": "Ana left.", "label": [{"start": 0, "end": 3, "labels": ["person"]}]},
    ]
    path = os.path.join(tmp, "ls-names.json")
    write_json(path, tasks)
    out = os.path.join(tmp, "ls-names")
    env = {**os.environ, "G_DEBUG": "fatal-criticals", "LC_ALL": "C.UTF-8"}
    proc = subprocess.run([CLI, "import", "-f", "label-studio", "-o", out, path],
                          capture_output=True, text=True, encoding="utf-8", env=env)
    names = sorted(os.listdir(out)) if os.path.isdir(out) else []
    err = proc.stderr
    check("LS names: a name changed to make an id is said",
          "“José” of completed_by is no annotator id; imported as annotator “jos”" in err
          and "“ab-” of completed_by is no annotator id; imported as annotator “ab”" in err, err)
    check("LS names: a second annotation of a 128-character id stays an id",
          proc.returncode in (0, 1)
          and "task-2.txt." + "a" * 128 + ".gloss.json" in names
          and "task-2.txt." + "a" * 126 + "-2.gloss.json" in names, f"{proc.returncode} {names} {err[-400:]}")
    check("LS names: completions are read as annotations",
          "task-3.txt.old.gloss.json" in names, names)
    check("LS names: an article path too long for the system skips its task only",
          "task[2]: its article cannot be written there: " in err and "task-3.txt.old.gloss.json" in names, err)
    check("LS names: a JSON-MIN task is reported and not imported",
          "task[4]: a task of Label Studio’s JSON-MIN export" in err
          and not any(n.startswith("task-4") for n in names), err)


def test_bad_input(tmp):
    text = "Hi 😀 Zoe\u0308 👨‍👩‍👧."
    cases = [
        ("broken.json", b'[{"data": {"text": "a"},\n "annotations": [}]', None,
         r"broken\.json:2:18: .*nothing imported"),
        ("invalid-utf8.json", b'[{"data": {"text": "caf\xe9"}}]', None, r"invalid-utf8\.json:1:\d+: .*nothing imported"),
        ("scalar.json", b'42', None, r"not a list of Label Studio tasks"),
    ]
    for name, raw, _, pattern in cases:
        path = os.path.join(tmp, name)
        write_json(path, None, raw)
        out = os.path.join(tmp, "bad-" + name)
        code, stdout, err = run("import", "-f", "label-studio", "-o", out, path)
        check(f"bad {name}: refused, located", code == 1 and re.search(pattern, err) is not None, err)
        check(f"bad {name}: nothing written", not os.path.exists(out) or os.listdir(out) == [],
              os.listdir(out) if os.path.exists(out) else None)

    spans = [
        region("past", 3, 99, "misc"),
        region("zoe-mark", 5, 8, "person"),       # ends before the combining mark
        region("zwj", 11, 13, "misc"),            # inside the ZWJ family
        region("wrong-text", 5, 9, "person", "Ana"),
        region("good", 5, 9, "person", "Zoe\u0308"),
        {"id": "t1", "from_name": "note", "to_name": "text", "type": "textarea",
         "value": {"text": ["no such region"]}},
        {"id": "w", "type": "rating", "from_name": "r", "to_name": "text", "value": {"rating": 3}},
    ]
    tasks = [{"data": {"text": text}, "annotations": [{"completed_by": {"username": "ana"}, "result": spans}]},
             {"data": {"title": 1, "body": 2}, "annotations": []},
             "not a task",
             {"data": {"text": 5, "title": "not the text"}, "annotations": []}]
    path = os.path.join(tmp, "offsets.json")
    write_json(path, tasks)
    out = os.path.join(tmp, "bad-offsets")
    code, stdout, err = run("import", "-f", "label-studio", "-o", out, path)
    for pattern in [r"task\[0\]: annotations\[0\]\.result\[0\] “past” at 3–99 in codepoints: .*not imported",
                    r"result\[1\] “zoe-mark” at 5–8 in codepoints: .*not imported",
                    r"result\[2\] “zwj” at 11–13 in codepoints: .*not imported",
                    r"result\[3\] “wrong-text” at 5–9 in codepoints: its text “Ana” is not the article’s text",
                    r"result\[5\] “t1” is a text area of no imported region",
                    r"result\[6\] “w”: Gloss has no place for a “rating” result",
                    r"task\[1\]: no text",
                    r"task\[2\]: not an object",
                    r"task\[3\]: no text"]:
        check(f"bad offsets: {pattern}", re.search(pattern, err) is not None, err)
    sidecar = os.path.join(out, "task-1.txt.ana.gloss.json")
    if os.path.exists(sidecar):
        with open(sidecar, encoding="utf-8") as f:
            kept = [a["id"] for a in json.load(f)["annotations"]]
        check("bad offsets: only the good span imported", kept == ["good"], kept)
    else:
        check("bad offsets: the sidecar", False, out)

    # UTF-16: 4 splits the surrogate pair of 😀.
    path16 = os.path.join(tmp, "surrogate.json")
    write_json(path16, [{"data": {"text": text}, "annotations": [
        {"completed_by": {"username": "ana"}, "result": [region("half", 4, 5, "misc")]}]}])
    code, stdout, err = run("import", "-f", "label-studio", "--offsets", "utf16", "-o",
                            os.path.join(tmp, "bad-16"), path16)
    check("bad utf16: inside a surrogate pair, reported", "“half” at 4–5 in utf16" in err
          and "surrogate" in err, err)

    # An existing sidecar is never written over.
    code, stdout, err = run("import", "-f", "label-studio", "-o", out, path)
    check("bad: an existing sidecar is not overwritten", "already exists; not overwritten" in err, err)


def test_usage(tmp):
    code, _, err = run("export", "-f", "jsonl", "--predictions", "-o", os.path.join(tmp, "x.jsonl"),
                       os.path.join(tmp, "corpus"))
    check("--predictions with another format: usage error", code == 2 and "label-studio only" in err, err)


def test_config_control_character(tmp):
    """A label XML 1.0 cannot hold (a control character): said, since
    Label Studio refuses the whole config (the parser below too)."""
    corpus = os.path.join(tmp, "ctl")
    write_article(corpus, "c.txt", "Ana met Bo.\n",
                  {"eve": ([("odd\u0001label", "Ana", None), ("person", "Bo", None)], [])})
    out = os.path.join(tmp, "ctl.json")
    code, _, err = run("export", "--format", "label-studio", "-o", out, corpus)
    check("a label with a control character: said",
          code == 0 and "“odd\\u0001label” holds a control character" in err, err)
    with open(os.path.join(tmp, "ctl.label_config.xml"), encoding="utf-8") as f:
        try:
            ET.fromstring(f.read())
            refused = False
        except ET.ParseError:
            refused = True
    check("… and XML 1.0 parsers do refuse that config", refused)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_config_control_character(tmp)
        test_own_corpus(tmp)
        test_annotator_filter(tmp)
        test_config_not_replaced(tmp)
        test_predictions(tmp)
        test_label_studio_shapes(tmp)
        test_bad_input(tmp)
        test_usage(tmp)

    print(f"1..{len(results)}")
    failed = 0
    for n, (name, status, detail) in enumerate(results, 1):
        print(f"{status} {n} - {name}")
        if status == "not ok":
            failed += 1
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
