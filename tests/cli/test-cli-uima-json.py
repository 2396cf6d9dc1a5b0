#!/usr/bin/env python3
"""gloss-cli export and import --format uima-json (INCEpTION's UIMA CAS
JSON 0.4.0), checked by the JSON CAS reader's rules.

The rules are those of the reader INCEpTION's format is defined by, re-
implemented here (standard library only):

* dkpro/dkpro-cassis, src/cassis/json.py, CasJsonDeserializer.deserialize,
  _parse_features, _parse_feature_structure, _parse_view (read at commit
  c7e9b906945b6b88286842206968e26937ec3769): the top level holds %TYPES,
  %FEATURE_STRUCTURES and %VIEWS; every type is declared with %NAME and
  %SUPER_TYPE (a type before its super type is allowed), every feature
  with %RANGE ("X[]" is an array of X); every feature structure has an
  integer %ID and a %TYPE the type system knows, and only features its
  type declares (the type's constructor refuses others); "@f" features
  are references to a %ID; each view's %SOFA is a uima.cas.Sofa and its
  %MEMBERS are %IDs; the begin and end of an annotation are UTF-16 code
  units of its sofa's string (OffsetConverter.external_to_python);
* apache/uima-uimaj-io-jsoncas, src/main/asciidoc/uima-json-cas.adoc
  (commit 0f9265600f385d7c51a3c984815b0779a5dc2572): the keyword (%),
  reference (@) markers and the order of the sections;
* inception-project/inception: custom.Span and custom.Relation with a
  "label" string feature, and Governor and Dependent as a relation's
  ends (PubAnnotationCasMapper.java's BASIC_SPAN_LAYER,
  BASIC_RELATION_LAYER, LABEL_FEATURE, FEAT_REL_SOURCE/TARGET); the
  project export's annotation/DOCUMENT/USER.json
  (AnnotationDocumentExporter.exportAdditionalFormat).

On texts with emoji, ZWJ sequences, combining marks, CRLF, a BOM, Arabic
and Hebrew: every file the export writes passes those rules, slicing its
sofa's UTF-16 code units at begin and end gives the span's text, labels,
ids, notes, attributes and relations are those of the sidecars; importing
the folder back gives the same article files byte for byte and the same
spans, relations, notes and attributes. Bad input (broken JSON, invalid
UTF-8, a dangling reference, a bound inside a surrogate pair, no sofa) is
reported with its file and %ID and writes nothing over an existing
sidecar.

With GLOSS_CASSIS_SRC naming a checkout of dkpro-cassis (or its src/),
every exported file is also loaded by cassis.load_cas_from_json in a
child interpreter (one that has cassis's dependencies: Debian's
python3-attr, -lxml, -sortedcontainers, -toposort, -more-itertools,
-deprecation, -importlib-resources) and its covered texts compared;
without it that part skips. Prints TAP.
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
    results.append((name, "ok" if condition else "not ok", detail))


def skip(name, reason):
    results.append((name, "skip", reason))


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


# The corpus
# ----------------------------------------------------------------------

BOM = "\ufeff"
TEXTS = {
    # article: its file's text (a BOM, if any, is part of the file)
    "news/vote.txt": BOM + "Ana Ruiz 😀 said\r\n“the 👩‍👩‍👧 bridge opens.” José e\u0301 spoke.\r\n",
    "rtl.txt": "قال أحمد: «الجسر مفتوح». אמר דוד 🇮🇱 שלום\n",
    "empty.txt": "",
}

# article → annotator → [(label, exact, note, attributes)], relations [(type, from, to)]
SPANS = {
    "news/vote.txt": {
        "alice": [
            ("person", "Ana Ruiz", "first\nsecond line", {"wikidata": "Q42", "verified": True,
                                                          "score": 0.25, "topics": ["a b", "ü"]}),
            ("quote", "said\r\n“the 👩‍👩‍👧 bridge opens.”", "", {"form": "direct"}),
            ("person", "José e\u0301", "", {"sentiment-score": -3.5}),
            ("emoji", "😀", "", {"verified": False}),
        ],
        "bob": [
            ("person", "Ana", "", {}),
            ("quote", "“the 👩‍👩‍👧 bridge opens.”", "a \"quoted\" note\t\\", {}),
        ],
    },
    "rtl.txt": {
        "alice": [
            ("person", "أحمد", "", {"topics": []}),
            ("quote", "«الجسر مفتوح»", "", {}),
            ("person", "דוד", "", {}),
            ("flag", "🇮🇱", "", {}),
        ],
    },
    "empty.txt": {"carol": []},
}

RELATIONS = {
    ("news/vote.txt", "alice"): [("speaker", 1, 0), ("mentions", 1, 2)],
    ("news/vote.txt", "bob"): [("speaker", 1, 0)],
    ("rtl.txt", "alice"): [("speaker", 1, 0)],
}


def body(article):
    text = TEXTS[article]
    return text[1:] if text.startswith(BOM) else text


def expected_spans(article, annotator):
    """[{id, label, start, end, exact, note, attributes}] in code points of
    the text without its BOM, as the sidecar has them."""
    text = body(article)
    out = []
    for i, (label, exact, note, attributes) in enumerate(SPANS[article][annotator]):
        start = text.index(exact)
        out.append({"id": f"{annotator}-{i}", "label": label, "start": start,
                    "end": start + len(exact), "exact": exact, "note": note,
                    "attributes": {k: v for k, v in attributes.items() if v != []}})
    # the sidecar's order: start, end, label, id
    return sorted(out, key=lambda s: (s["start"], s["end"], s["label"], s["id"]))


def expected_relations(article, annotator):
    return [{"id": f"r-{annotator}-{i}", "type": t, "from": f"{annotator}-{a}", "to": f"{annotator}-{b}"}
            for i, (t, a, b) in enumerate(RELATIONS.get((article, annotator), []))]


def write_corpus(corpus):
    for article, text in TEXTS.items():
        path = os.path.join(corpus, article)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        for annotator in SPANS[article]:
            annotations = []
            for span in expected_spans(article, annotator):
                annotation = {k: span[k] for k in ("id", "label", "start", "end", "exact")}
                if span["note"]:
                    annotation["note"] = span["note"]
                if span["attributes"]:
                    annotation["attributes"] = span["attributes"]
                annotations.append(annotation)
            sidecar = {
                "format": "gloss", "version": 1,
                "document": {"file": os.path.basename(article),
                             "sha256": hashlib.sha256(data).hexdigest(), "length": len(body(article))},
                "annotator": {"id": annotator},
                "annotations": annotations,
                "relations": expected_relations(article, annotator),
            }
            with open(f"{path}.{annotator}.gloss.json", "w", encoding="utf-8") as f:
                json.dump(sidecar, f, ensure_ascii=False, indent=2)


# The JSON CAS reader's rules (see the module's docstring)
# ----------------------------------------------------------------------

# The built-in types and their features, as cassis's TypeSystem declares
# them (src/cassis/typesystem.py, _add_predefined_types).
PREDEFINED = {
    "uima.cas.TOP": (None, {}),
    "uima.cas.Sofa": ("uima.cas.TOP", {"sofaNum": "uima.cas.Integer", "sofaID": "uima.cas.String",
                                        "mimeType": "uima.cas.String", "sofaArray": "uima.cas.TOP",
                                        "sofaString": "uima.cas.String", "sofaURI": "uima.cas.String"}),
    "uima.cas.AnnotationBase": ("uima.cas.TOP", {"sofa": "uima.cas.Sofa"}),
    "uima.tcas.Annotation": ("uima.cas.AnnotationBase", {"begin": "uima.cas.Integer",
                                                         "end": "uima.cas.Integer"}),
    "uima.tcas.DocumentAnnotation": ("uima.tcas.Annotation", {"language": "uima.cas.String"}),
    "uima.cas.StringArray": ("uima.cas.TOP", {}),
}
PRIMITIVES = {"uima.cas.Boolean", "uima.cas.Integer", "uima.cas.Double", "uima.cas.Float",
              "uima.cas.String", "uima.cas.Long", "uima.cas.Short", "uima.cas.Byte"}


def utf16_units(text):
    return len(text.encode("utf-16-le")) // 2


def utf16_slice(text, begin, end):
    """The text between UTF-16 code units begin and end, or None when a
    bound splits a surrogate pair."""
    data = text.encode("utf-16-le")[2 * begin:2 * end]
    try:
        return data.decode("utf-16-le")
    except UnicodeDecodeError:
        return None


def no_constants(name):
    raise ValueError(f"{name} is not JSON")


def check_cas(path):
    """The reader's rules on one file: a list of what breaks them, and the
    parsed file."""
    errors = []
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append("the file starts with a BOM")
    cas = json.loads(raw.decode("utf-8"), parse_constant=no_constants)
    if list(cas) != ["%TYPES", "%FEATURE_STRUCTURES", "%VIEWS"]:
        errors.append(f"sections {list(cas)}")
        return errors, cas

    types = {name: (t.get("%SUPER_TYPE"), {k: v.get("%RANGE") for k, v in t.items() if not k.startswith("%")})
             for name, t in cas["%TYPES"].items()}
    for name, t in cas["%TYPES"].items():
        if t.get("%NAME") != name or "%SUPER_TYPE" not in t:
            errors.append(f"type {name}: %NAME or %SUPER_TYPE")
        for feature, decl in t.items():
            if feature.startswith("%"):
                continue
            if decl.get("%NAME") != feature or "%RANGE" not in decl:
                errors.append(f"{name}.{feature}: %NAME or %RANGE")
            element = decl["%RANGE"][:-2] if decl["%RANGE"].endswith("[]") else decl["%RANGE"]
            if element not in PRIMITIVES and element not in types and element not in PREDEFINED:
                errors.append(f"{name}.{feature}: range {decl['%RANGE']} undeclared")
            if not feature.isidentifier() or not feature.isascii():
                errors.append(f"{name}.{feature}: not an identifier")
    all_types = {**PREDEFINED, **types}
    for name, (super_type, _) in types.items():
        if super_type not in all_types:
            errors.append(f"type {name}: super type {super_type} undeclared")

    def features_of(type_name):
        out = {}
        seen = 0
        while type_name is not None and seen < 32:
            super_type, features = all_types[type_name]
            out.update(features)
            type_name = super_type
            seen += 1
        return out

    def is_a(type_name, ancestor):
        while type_name is not None:
            if type_name == ancestor:
                return True
            type_name = all_types[type_name][0]
        return False

    structures = {}
    for fs in cas["%FEATURE_STRUCTURES"]:
        fs_id, fs_type = fs.get("%ID"), fs.get("%TYPE")
        if not isinstance(fs_id, int) or isinstance(fs_id, bool) or not isinstance(fs_type, str):
            errors.append(f"structure without an integer %ID and a %TYPE: {fs}")
            continue
        if fs_id in structures:
            errors.append(f"%ID {fs_id} twice")
        if fs_type not in all_types:
            errors.append(f"%ID {fs_id}: type {fs_type} undeclared")
            continue
        structures[fs_id] = fs
    for fs_id, fs in structures.items():
        declared = features_of(fs["%TYPE"])
        for key, value in fs.items():
            if key.startswith("%"):
                if key not in ("%ID", "%TYPE", "%ELEMENTS"):
                    errors.append(f"%ID {fs_id}: keyword {key}")
                continue
            name = key[1:] if key.startswith("@") else key
            if name not in declared:
                errors.append(f"%ID {fs_id}: feature {name} not declared on {fs['%TYPE']}")
            if key.startswith("@") and value not in structures:
                errors.append(f"%ID {fs_id}: @{name} → {value} does not resolve")
        if fs["%TYPE"] == "uima.cas.StringArray":
            if not all(isinstance(e, str) for e in fs.get("%ELEMENTS", [])):
                errors.append(f"%ID {fs_id}: a string array of other things")
        if is_a(fs["%TYPE"], "uima.tcas.Annotation"):
            sofa = structures.get(fs.get("@sofa"), {})
            if sofa.get("%TYPE") != "uima.cas.Sofa":
                errors.append(f"%ID {fs_id}: @sofa is no Sofa")
                continue
            text = sofa["sofaString"]
            begin, end = fs.get("begin"), fs.get("end")
            if not (isinstance(begin, int) and isinstance(end, int) and 0 <= begin <= end <= utf16_units(text)):
                errors.append(f"%ID {fs_id}: begin {begin}, end {end} outside the sofa")
            elif utf16_slice(text, begin, end) is None:
                errors.append(f"%ID {fs_id}: {begin}–{end} splits a surrogate pair")

    views = cas["%VIEWS"]
    view = views.get("_InitialView")
    if view is None or structures.get(view.get("%SOFA"), {}).get("%TYPE") != "uima.cas.Sofa":
        errors.append("no _InitialView with a Sofa")
    else:
        members = view.get("%MEMBERS", [])
        for m in members:
            if m not in structures:
                errors.append(f"member {m} does not resolve")
        for fs_id, fs in structures.items():
            if is_a(fs["%TYPE"], "uima.tcas.Annotation") and fs_id not in members:
                errors.append(f"annotation %ID {fs_id} is in no view")
    return errors, cas


def attribute_of_feature(feature):
    """attr_ + the id with _HH per byte that is no ASCII letter or digit."""
    name = feature[len("attr_"):]
    out = bytearray()
    i = 0
    while i < len(name):
        if name[i] == "_":
            out.append(int(name[i + 1:i + 3], 16))
            i += 3
        else:
            out += name[i].encode()
            i += 1
    return out.decode("utf-8")


def read_spans(cas):
    """[{id, label, exact, note, attributes}], [{id, type, from, to}] as a
    reader of the rules sees them."""
    structures = {fs["%ID"]: fs for fs in cas["%FEATURE_STRUCTURES"]}
    spans, relations = [], []
    for fs in cas["%FEATURE_STRUCTURES"]:
        if fs["%TYPE"] == "custom.Span":
            sofa = structures[fs["@sofa"]]["sofaString"]
            attributes = {}
            for key, value in fs.items():
                if key.startswith("attr_"):
                    attributes[attribute_of_feature(key)] = value
                elif key.startswith("@attr_"):
                    attributes[attribute_of_feature(key[1:])] = structures[value].get("%ELEMENTS", [])
            spans.append({"id": fs["id"], "label": fs["label"], "note": fs.get("note", ""),
                          "exact": utf16_slice(sofa, fs["begin"], fs["end"]),
                          "attributes": attributes})
        elif fs["%TYPE"] == "custom.Relation":
            relations.append({"id": fs["id"], "type": fs["label"],
                              "from": structures[fs["@Governor"]]["id"],
                              "to": structures[fs["@Dependent"]]["id"],
                              "at": (fs["begin"], fs["end"]) == (structures[fs["@Dependent"]]["begin"],
                                                                 structures[fs["@Dependent"]]["end"])})
    return spans, relations


# The tests
# ----------------------------------------------------------------------

def records():
    return [(article, annotator) for article in SPANS for annotator in SPANS[article]]


def test_export(tmp):
    corpus = os.path.join(tmp, "corpus")
    out = os.path.join(tmp, "out")
    write_corpus(corpus)
    code, stdout, stderr = run("export", "--format", "uima-json", "-o", out, corpus)
    check("export --format uima-json succeeds", code == 0, stdout + stderr)

    written = sorted(os.path.relpath(os.path.join(d, f), out)
                     for d, _, files in os.walk(out) for f in files)
    wanted = sorted(f"{article}/{annotator}.json" for article, annotator in records())
    check("one file per article and annotator, ARTICLE/ANNOTATOR.json", written == wanted,
          f"{written} != {wanted}")

    for article, annotator in records():
        path = os.path.join(out, article, f"{annotator}.json")
        if not os.path.exists(path):
            continue
        errors, cas = check_cas(path)
        check(f"{article}/{annotator}.json passes the JSON CAS reader's rules", not errors,
              "\n".join(errors[:10]))
        sofa = next(fs for fs in cas["%FEATURE_STRUCTURES"] if fs["%TYPE"] == "uima.cas.Sofa")
        check(f"{article}/{annotator}.json: the sofa is the file's text (BOM, CRLF kept)",
              sofa["sofaString"] == TEXTS[article] and sofa["sofaID"] == "_InitialView", repr(sofa))
        spans, relations = read_spans(cas)
        want = [{k: s[k] for k in ("id", "label", "exact", "note", "attributes")}
                for s in expected_spans(article, annotator)]
        check(f"{article}/{annotator}.json: the UTF-16 slices, labels, ids, notes and attributes",
              spans == want, json.dumps(spans, ensure_ascii=False) + "\n" + json.dumps(want, ensure_ascii=False))
        want_relations = [{**r, "at": True} for r in expected_relations(article, annotator)]
        check(f"{article}/{annotator}.json: relations by Governor and Dependent, at the Dependent",
              sorted(relations, key=lambda r: r["id"]) == want_relations, f"{relations} != {want_relations}")

    # deterministic
    out2 = os.path.join(tmp, "out2")
    run("export", "--format", "uima-json", "-o", out2, corpus)
    same = all(open(os.path.join(out, p), "rb").read() == open(os.path.join(out2, p), "rb").read()
               for p in written)
    check("two exports are byte for byte the same", same)

    # into an existing folder: only the files of this export's names, inside
    # the article folders too; the rest stays
    with open(os.path.join(out2, "news", "vote.txt", "carol.json"), "w") as f:
        f.write("carol's")
    code, stdout, stderr = run("export", "--format", "uima-json", "-o", out2, corpus)
    check("into an existing folder: refused without --force, naming the files inside the article folders",
          code == 1 and "news/vote.txt/alice.json" in stderr and "news/vote.txt/carol.json" in stderr, stderr)
    code, stdout, stderr = run("export", "--format", "uima-json", "--force", "-o", out2, corpus)
    check("--force replaces this export's files and keeps the others in the article folders",
          code == 0 and open(os.path.join(out2, "news", "vote.txt", "carol.json")).read() == "carol's"
          and open(os.path.join(out2, "rtl.txt", "alice.json"), "rb").read()
          == open(os.path.join(out, "rtl.txt", "alice.json"), "rb").read(), stdout + stderr)
    out4 = os.path.join(tmp, "out4")
    os.makedirs(os.path.join(out4, "news"))
    with open(os.path.join(out4, "news", "vote.txt"), "w") as f:
        f.write("a file where an article folder goes")
    code, stdout, stderr = run("export", "--format", "uima-json", "--force", "-o", out4, corpus)
    check("a file where an article folder goes is not replaced, even with --force",
          code != 0 and "is not a folder" in stderr
          and open(os.path.join(out4, "news", "vote.txt")).read() == "a file where an article folder goes"
          and sorted(os.listdir(out4)) == ["news"], stderr)

    # --annotator filters
    out3 = os.path.join(tmp, "out3")
    code, stdout, stderr = run("export", "--format", "uima-json", "--annotator", "bob", "-o", out3, corpus)
    only = sorted(os.path.relpath(os.path.join(d, f), out3) for d, _, files in os.walk(out3) for f in files)
    check("--annotator bob writes bob's files only", code == 0 and only == ["news/vote.txt/bob.json"], str(only))

    # units
    code, stdout, stderr = run("export", "--format", "uima-json", "--offsets", "codepoints",
                               "-o", os.path.join(tmp, "cp"), corpus)
    check("--offsets codepoints is refused (UTF-16 only)", code == 2 and "UTF-16" in stderr,
          f"{code} {stderr}")
    return corpus, out


def load_sidecar(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def test_round_trip(tmp, out):
    back = os.path.join(tmp, "back")
    code, stdout, stderr = run("import", "--format", "uima-json", "-o", back, out)
    check("import --format uima-json of the export succeeds", code == 0 and stderr == "", stdout + stderr)
    for article in TEXTS:
        path = os.path.join(back, article)
        same = os.path.exists(path) and open(path, "rb").read() == TEXTS[article].encode("utf-8")
        check(f"round trip: {article} comes back byte for byte", same)
    for article, annotator in records():
        path = os.path.join(back, f"{article}.{annotator}.gloss.json")
        if not os.path.exists(path):
            check(f"round trip: {article}.{annotator}.gloss.json written", False)
            continue
        sidecar = load_sidecar(path)
        got = [{"id": a["id"], "label": a["label"], "start": a["start"], "end": a["end"],
                "exact": a["exact"], "note": a.get("note", ""), "attributes": a.get("attributes", {})}
               for a in sidecar["annotations"]]
        check(f"round trip: {article} × {annotator}: the same spans, notes and attributes",
              got == expected_spans(article, annotator),
              json.dumps(got, ensure_ascii=False) + "\n" + json.dumps(expected_spans(article, annotator), ensure_ascii=False))
        got_relations = [{k: r[k] for k in ("id", "type", "from", "to")} for r in sidecar.get("relations", [])]
        check(f"round trip: {article} × {annotator}: the same relations",
              sorted(got_relations, key=lambda r: r["id"]) == expected_relations(article, annotator),
              str(got_relations))

    # a second import never writes over the sidecars
    before = load_sidecar(os.path.join(back, "rtl.txt.alice.gloss.json"))
    code, stdout, stderr = run("import", "--format", "uima-json", "-o", back, out)
    check("importing again writes over no sidecar, and says so",
          before is not None and code == 1 and "already exists; not overwritten" in stderr
          and load_sidecar(os.path.join(back, "rtl.txt.alice.gloss.json")) == before, stderr)

    # --annotator overrides the file's name
    one = os.path.join(tmp, "one")
    code, stdout, stderr = run("import", "--format", "uima-json", "--annotator", "dana", "-o", one,
                               os.path.join(out, "rtl.txt", "alice.json"))
    check("a file given alone: its folder names the article, --annotator the sidecar",
          code == 0 and os.path.exists(os.path.join(one, "rtl.txt.dana.gloss.json")), stdout + stderr)


def sofa_fs(text, fs_id=1):
    return {"%ID": fs_id, "%TYPE": "uima.cas.Sofa", "sofaNum": 1, "sofaID": "_InitialView",
            "mimeType": "text", "sofaString": text}


def span_fs(fs_id, begin, end, label, **features):
    return {"%ID": fs_id, "%TYPE": "custom.Span", "@sofa": 1, "begin": begin, "end": end,
            "label": label, **features}


SPAN_TYPES = {
    "custom.Span": {"%NAME": "custom.Span", "%SUPER_TYPE": "uima.tcas.Annotation",
                    "label": {"%NAME": "label", "%RANGE": "uima.cas.String"},
                    "confidence": {"%NAME": "confidence", "%RANGE": "uima.cas.Double"}},
    "custom.Relation": {"%NAME": "custom.Relation", "%SUPER_TYPE": "uima.tcas.Annotation",
                        "label": {"%NAME": "label", "%RANGE": "uima.cas.String"},
                        "Governor": {"%NAME": "Governor", "%RANGE": "custom.Span"},
                        "Dependent": {"%NAME": "Dependent", "%RANGE": "custom.Span"}},
    "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token": {
        "%NAME": "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token",
        "%SUPER_TYPE": "uima.tcas.Annotation"},
}


def cas_file(structures, members=None):
    return {"%TYPES": SPAN_TYPES, "%FEATURE_STRUCTURES": structures,
            "%VIEWS": {"_InitialView": {"%SOFA": 1, "%MEMBERS": members if members is not None
                                        else [s["%ID"] for s in structures if s["%TYPE"] != "uima.cas.Sofa"]}}}


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)


def test_inception_project(tmp):
    """An INCEpTION project export unpacked: exportedproject.json at the
    top, the annotators' CASes in annotation/DOCUMENT/USER.json, the
    initial CAS (INITIAL_CAS) and a token layer beside them."""
    project = os.path.join(tmp, "project")
    text = "Kim met 😀 Lee.\n"
    write_json(os.path.join(project, "exportedproject.json"), {"name": "demo"})
    write_json(os.path.join(project, "source", "doc.json"), cas_file([sofa_fs(text)]))
    cas = cas_file([sofa_fs(text),
                    {"%ID": 2, "%TYPE": "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token",
                     "@sofa": 1, "begin": 0, "end": 3},
                    {"%ID": 3, "%TYPE": "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token",
                     "@sofa": 1, "begin": 4, "end": 7},
                    span_fs(4, 0, 3, "PER", confidence=0.5),
                    span_fs(5, 11, 14, "PER"),
                    span_fs(6, 8, 10, ""),
                    {"%ID": 7, "%TYPE": "custom.Relation", "@sofa": 1, "begin": 11, "end": 14,
                     "label": "met", "@Governor": 4, "@Dependent": 5}])
    write_json(os.path.join(project, "annotation", "doc.txt", "ann.json"), cas)
    write_json(os.path.join(project, "annotation", "doc.txt", "INITIAL_CAS.json"), cas)
    back = os.path.join(tmp, "project-back")
    code, stdout, stderr = run("import", "--format", "uima-json", "-o", back, project)
    sidecar_path = os.path.join(back, "doc.txt.ann.gloss.json")
    ok = os.path.exists(sidecar_path)
    sidecar = load_sidecar(sidecar_path) if ok else {}
    spans = [(a["id"], a["label"], a["exact"], a.get("attributes", {})) for a in sidecar.get("annotations", [])]
    check("INCEpTION project: annotation/doc.txt/ann.json → doc.txt, annotator ann; source/ not read",
          ok and not os.path.exists(os.path.join(back, "source")) and sorted(os.listdir(back)) == ["doc.txt", "doc.txt.ann.gloss.json"],
          str(os.listdir(back)) if os.path.exists(back) else stderr)
    check("INCEpTION project: labelled spans with their other features as attributes, ids from %ID",
          spans == [("uima-4", "PER", "Kim", {"confidence": 0.5}), ("uima-5", "PER", "Lee", {})],
          str(spans))
    check("INCEpTION project: the relation by Governor and Dependent",
          [(r["type"], r["from"], r["to"]) for r in sidecar.get("relations", [])] == [("met", "uima-4", "uima-5")],
          str(sidecar.get("relations")))
    check("INCEpTION project: tokens and the unlabelled span reported with their %IDs",
          code == 1
          and "annotation/doc.txt/ann.json: 2 feature structures of type de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token not imported" in stderr
          and "%ID 2, 3" in stderr
          and "annotation/doc.txt/ann.json: 1 feature structure of type custom.Span not imported" in stderr
          and "%ID 6" in stderr, stderr)
    check("INCEpTION project: INITIAL_CAS is no annotator, reported and skipped",
          "annotation/doc.txt/INITIAL_CAS.json: “INITIAL_CAS” is not an annotator id" in stderr, stderr)


def test_bad_input(tmp):
    bad = os.path.join(tmp, "bad")
    text = "A 😀 B\n"
    os.makedirs(os.path.join(bad, "broken.txt"))
    with open(os.path.join(bad, "broken.txt", "ann.json"), "w", encoding="utf-8") as f:
        f.write('{"%TYPES": {}, "%FEATURE_STRUCTURES": [\n  {"%ID": 1,,}\n]}')
    os.makedirs(os.path.join(bad, "utf8.txt"))
    with open(os.path.join(bad, "utf8.txt", "ann.json"), "wb") as f:
        f.write(b'{"%TYPES": {},\n "x": "\xff"}')
    write_json(os.path.join(bad, "nosofa.txt", "ann.json"), {"%TYPES": {}, "%FEATURE_STRUCTURES": [], "%VIEWS": {}})
    # nesting that would exhaust a recursive parser's stack; a NUL that
    # would cut the text short; a %TYPE that is no string
    os.makedirs(os.path.join(bad, "deep.txt"))
    with open(os.path.join(bad, "deep.txt", "ann.json"), "w", encoding="utf-8") as f:
        f.write('{"%FEATURE_STRUCTURES":' + "[" * 200000 + "]" * 200000 + "}")
    write_json(os.path.join(bad, "nul.txt", "ann.json"), cas_file([sofa_fs("Hello\u0000 world")]))
    write_json(os.path.join(bad, "typed.txt", "ann.json"), cas_file([
        sofa_fs("Hello world"), {"%ID": 2, "%TYPE": {}, "@sofa": 1, "begin": 0, "end": 5, "label": "X"},
        span_fs(3, 6, 11, "Y")]))
    write_json(os.path.join(bad, "cuts.txt", "ann.json"), cas_file([
        sofa_fs(text),
        span_fs(2, 0, 3, "X"),          # ends inside the emoji's surrogate pair
        span_fs(3, 2, 4, "Y"),          # the emoji, whole
        span_fs(4, 5, 6, "Z"),
        {"%ID": 5, "%TYPE": "custom.Relation", "@sofa": 1, "begin": 5, "end": 6,
         "label": "rel", "@Governor": 3, "@Dependent": 99},
        {"%ID": 6, "%TYPE": "custom.Relation", "@sofa": 1, "begin": 5, "end": 6,
         "label": "rel", "@Governor": 3, "@Dependent": 4}]))
    out = os.path.join(tmp, "bad-back")
    os.environ["G_DEBUG"] = "fatal-criticals"
    code, stdout, stderr = run("import", "--format", "uima-json", "-o", out, bad)
    del os.environ["G_DEBUG"]
    check("bad input: exit status 1", code == 1, stdout + stderr)
    check("broken JSON: named with its file and place, nothing written",
          "broken.txt/ann.json: line 2, column 13: not valid JSON: " in stderr
          and not os.path.exists(os.path.join(out, "broken.txt")), stderr)
    check("invalid UTF-8: named with its file, line and byte",
          "utf8.txt/ann.json: line 2, byte 8: not valid UTF-8" in stderr
          and not os.path.exists(os.path.join(out, "utf8.txt")), stderr)
    check("200,000 nested brackets: refused at 64 levels, no crash",
          "deep.txt/ann.json: line 1, column 87: not valid JSON: nested deeper than 64 levels" in stderr
          and not os.path.exists(os.path.join(out, "deep.txt")), stderr)
    check("a NUL in the sofa: refused, not cut short",
          "nul.txt/ann.json: " in stderr and "NUL" in stderr
          and not os.path.exists(os.path.join(out, "nul.txt")), stderr)
    check("a %TYPE that is no string: that structure reported, the rest imported",
          "typed.txt/ann.json: %ID 2: no %TYPE" in stderr
          and os.path.exists(os.path.join(out, "typed.txt.ann.gloss.json")), stderr)
    check("no sofa: said, nothing written",
          "nosofa.txt/ann.json: no sofa with text" in stderr
          and not os.path.exists(os.path.join(out, "nosofa.txt")), stderr)
    check("a bound inside a surrogate pair: the span skipped, with its %ID",
          "cuts.txt/ann.json: %ID 2: span 0–3 (UTF-16 code units): " in stderr
          and "splits the surrogate pair" in stderr, stderr)
    check("a dangling @Dependent: the relation skipped, with its %ID",
          "cuts.txt/ann.json: %ID 5: relation whose @Governor or @Dependent is not an imported span" in stderr,
          stderr)
    sidecar_path = os.path.join(out, "cuts.txt.ann.gloss.json")
    sidecar = load_sidecar(sidecar_path) if os.path.exists(sidecar_path) else {}
    check("the rest of that file is imported",
          [a["exact"] for a in sidecar.get("annotations", [])] == ["😀", "B"]
          and len(sidecar.get("relations", [])) == 1, str(sidecar))
    code, stdout, stderr = run("import", "--format", "uima-json", "--offsets", "codepoints", "-o", out, bad)
    check("import --offsets codepoints is refused", code == 2, stderr)


def cassis_src():
    root = os.environ.get("GLOSS_CASSIS_SRC")
    if not root:
        return None
    for folder in (root, os.path.join(root, "src")):
        if os.path.isfile(os.path.join(folder, "cassis", "json.py")):
            return os.path.abspath(folder)
    return None


CASSIS_READ = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import cassis
out = {}
for path in sys.argv[2:]:
    with open(path, "rb") as f:
        cas = cassis.load_cas_from_json(f)
    spans = [[s.get_covered_text(), s.label] for s in cas.select("custom.Span")]
    relations = [[r.label, r.Governor.get_covered_text(), r.Dependent.get_covered_text()]
                 for r in cas.select("custom.Relation")]
    out[path] = {"text": cas.sofa_string, "spans": spans, "relations": relations}
print(json.dumps(out))
"""


def test_cassis(out):
    src = cassis_src()
    if src is None:
        skip("cassis.load_cas_from_json reads every file", "set GLOSS_CASSIS_SRC to a dkpro-cassis checkout")
        return
    python = os.environ.get("GLOSS_CASSIS_PYTHON", sys.executable)
    paths = [os.path.join(out, article, f"{annotator}.json") for article, annotator in records()]
    proc = subprocess.run([python, "-c", CASSIS_READ, src, *paths], capture_output=True, text=True,
                          encoding="utf-8")
    if proc.returncode != 0:
        check("cassis.load_cas_from_json reads every file", False, proc.stderr[-2000:])
        return
    read = json.loads(proc.stdout)
    for (article, annotator), path in zip(records(), paths):
        got = read[path]
        want_spans = sorted([[s["exact"], s["label"]] for s in expected_spans(article, annotator)])
        spans = SPANS[article][annotator]
        want_relations = [[t, spans[a][1], spans[b][1]]
                          for t, a, b in RELATIONS.get((article, annotator), [])]
        check(f"cassis reads {article}/{annotator}.json: sofa, covered texts and labels",
              got["text"] == TEXTS[article] and sorted(got["spans"]) == want_spans,
              json.dumps(got, ensure_ascii=False))
        check(f"cassis reads {article}/{annotator}.json: relations",
              sorted(got["relations"]) == sorted(want_relations), json.dumps(got["relations"], ensure_ascii=False))


def main():
    with tempfile.TemporaryDirectory(prefix="gloss-cli-uima-json-") as tmp:
        corpus, out = test_export(tmp)
        test_round_trip(tmp, out)
        test_inception_project(tmp)
        test_bad_input(tmp)
        test_cassis(out)

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
