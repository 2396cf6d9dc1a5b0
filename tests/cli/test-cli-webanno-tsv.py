#!/usr/bin/env python3
"""gloss-cli export --format webanno-tsv, read by the rules of INCEpTION's reader.

No reader of WebAnno TSV is packaged by Debian (INCEpTION is a Java web
application), so its reader is re-implemented here from its source, the
inception-project/inception repository:

* inception/inception-io-webanno-tsv/src/main/java/de/tudarmstadt/ukp/clarin/
  webanno/tsv/internal/tsv3x/Tsv3XDeserializer.java (commit
  231e817694f48e29bc56243a580314edeb38908b): the format line, the layer
  declarations and the two blank lines after them; the states of the body
  (a sentence header, then token and sub-token rows, a blank line between
  sentences, nothing after the last row); how the text is rebuilt from the
  `#Text=` lines (a line break after each, spaces up to the next
  sentence's first token, the previous sentence's last line break taken
  back when it reaches that token); a span created on the first row that
  names it and stretched to the end of each later row that names it by its
  disambiguation id; stacked values split at an unescaped "|"; a relation
  resolved, once all rows are read, from its source row (or disambiguation
  id) and the row it is written on (or id);
* .../tsv3x/model/TsvDocument.java (commit ae63bb7b75d7b54cc2a3118844db686035967e66):
  the row id pattern `^(\\d+)-(\\d+)(\\.(\\d))?$` and resolveReference();
* .../tsv3x/model/TsvUnit.java and TsvToken.java (commit
  cdfe7fca07c9bd6c09ca9fe4a94e2b07ac1b1691): the stacking index of an
  annotation on a row; a sub-token row with the offsets of an earlier one
  of its token is that one;
* .../tsv3x/Escaping.java (commit 179be24d0b451cbebb43ae5aafcfef1912517b3e):
  unescapeValue() and unescapeText() as StringUtils.replaceEach does them;
* the specification, .../META-INF/asciidoc/user-guide/webannotsv.adoc
  (commit 231e817694f48e29bc56243a580314edeb38908b): UTF-8 files, offsets
  in UTF-16 code units.

Java's LineNumberReader ends a line at "\\n", "\\r" or "\\r\\n"; the lines are
read so here. Java asserts (disabled at run time) are checked as errors.

The corpus is test-cli-conll.py's (emoji, ZWJ sequences, flags, combining
marks, CRLF, a BOM, Arabic, Hebrew) and an article of this test's own with
stacked, nested and overlapping spans, spans inside a word and over many
parts of one word, spans that start or end in spaces or hold none, relations
between stacked spans, notes and labels with every reserved character, a
tab, a form feed, a control character and CRLF, leading blank lines and no
final line break. For every file: it reads without error; the rebuilt text
is the article's (what stands before the first token as spaces, a final
line break added where the article has none); every span, with its label
and note, and every relation come back, but for those the export reported,
which come back as reported or not at all.

Prints TAP. Standard library only.
"""
import hashlib
import importlib.util
import json
import os
import re
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
BOM = "\ufeff"

results = []


def check(name, condition, detail=""):
    results.append((name, "ok" if condition else "not ok", detail))


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


# ------------------------------------------------------------------ #
# INCEpTION's reader, re-implemented                                  #
# ------------------------------------------------------------------ #

class TsvError(Exception):
    pass


def u16len(s):
    return len(s.encode("utf-16-le")) // 2


def replace_each(text, searches, replacements):
    """StringUtils.replaceEach: the earliest match first, the first listed on a tie."""
    out = []
    i = 0
    while i < len(text):
        for search, replacement in zip(searches, replacements):
            if text.startswith(search, i):
                out.append(replacement)
                i += len(search)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


VALUE_ESCAPES = ["\\\\", "\\[", "\\]", "\\|", "\\_", "\\->", "\\;", "\\t", "\\n", "\\*"]
VALUE_PLAIN = ["\\", "[", "]", "|", "_", "->", ";", "\t", "\n", "*"]
TEXT_PLAIN = [chr(i) for i in range(32) if not 7 < i < 14] + ["\t", "\n", "\f", "\r", "\b", "\\"]
TEXT_ESCAPES = (["\\" + chr(i) for i in range(32) if not 7 < i < 14]
                + ["\\t", "\\n", "\\f", "\\r", "\\b", "\\\\"])


def unescape_value(value):
    return replace_each(value, VALUE_ESCAPES, VALUE_PLAIN)


def unescape_text(text):
    return replace_each(text, TEXT_ESCAPES, TEXT_PLAIN)


def java_lines(data):
    lines = re.split(r"\r\n|\r|\n", data)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


UNIT_ID = re.compile(r"^(\d+)-(\d+)(\.(\d))?$")
STACK_SEP = re.compile(r"(?<!\\)\|")
CHAIN_SUFFIX = re.compile(r"^.*(?<!\\)->(\d+-\d+)$")
FORMAT = re.compile(r"^#FORMAT=(.*) (\d+\.\d+)$")

# The project's layers, as docs/webanno-tsv.md asks to set them up.
TYPE_SYSTEM = {
    "custom.Span": {"label", "id", "note"},
    "custom.Relation": {"label", "id", "Governor", "Dependent"},
}


class Annotation:
    def __init__(self, type_name, begin, end):
        self.type = type_name
        self.begin = begin
        self.end = end
        self.features = {}


class Unit:
    def __init__(self, sentence, position, begin, end, parent=None):
        self.sentence = sentence
        self.position = position
        self.begin = begin
        self.end = end
        self.parent = parent
        self.subtokens = []
        self.annotations = {}   # type → [Annotation], the stacking order

    def add(self, annotation):
        stack = self.annotations.setdefault(annotation.type, [])
        if not any(a is annotation for a in stack):
            stack.append(annotation)

    def get(self, type_name, index):
        stack = self.annotations.get(type_name, [])
        return stack[index] if index < len(stack) else None

    def id(self):
        if self.parent is not None:
            return f"{self.parent.id()}.{self.position}"
        return f"{self.sentence}-{self.position}"


def read_tsv(data):
    """(text, [Annotation]) as Tsv3XDeserializer.read() leaves the CAS."""
    lines = java_lines(data)
    pos = 0

    def next_line():
        nonlocal pos
        line = lines[pos] if pos < len(lines) else None
        pos += 1
        return line

    line = next_line()
    if line is None or not line.startswith("#FORMAT=") or not FORMAT.match(line):
        raise TsvError(f"illegal format header: {line!r}")
    version = FORMAT.match(line).group(2)
    if version != "3.3":
        raise TsvError(f"version {version}")

    columns = []   # (layer kind, type, feature or None for BT, BT type)
    line = next_line()
    while line is not None and line.strip() != "":
        if line.startswith("#T_SP="):
            kind = "span"
        elif line.startswith("#T_RL="):
            kind = "relation"
        elif line.startswith("#T_CH="):
            kind = "chain"
        else:
            break
        fields = [f for f in line.split("=", 1)[1].split("|") if f != ""]
        type_name = fields[0]
        if type_name not in TYPE_SYSTEM:
            raise TsvError(f"CAS type system does not contain a type named [{type_name}]")
        for decl in fields[1:]:
            if kind == "relation" and decl.startswith("BT_"):
                target = decl[len("BT_"):]
                if target not in TYPE_SYSTEM:
                    raise TsvError(f"no type {target}")
                columns.append((kind, type_name, None, target))
            elif decl in TYPE_SYSTEM[type_name]:
                columns.append((kind, type_name, decl, None))
            else:
                raise TsvError(f"Type [{type_name}] does not contain a feature called [{decl}]")
        if len(fields) == 1:
            columns.append((kind, type_name, "", None))
        line = next_line()
    # readSchema() stopped on the first blank line; one more must follow
    empty = next_line()
    if empty is None or empty != "":
        raise TsvError("the schema is not followed by two blank lines")

    text = []          # pieces; text_len in UTF-16 units
    text_len = 0
    sentence_text = []
    sentences = []     # [ [token Unit] ]
    sentence_open = False
    token = None
    id_index = {}
    deferred = []
    prev_state = state = "INTER"
    line = next_line()
    line_no = 1
    while state != "END":
        fields = None
        if state in ("INTER", "HEADER") and line is not None and line.startswith("#"):
            state = "HEADER"
        elif line is None:
            state = "END"
        elif line == "":
            state = "INTER"
        else:
            fields = line.split("\t")
            if len(fields) < len(columns) + 3:
                raise TsvError(f"line {line_no}: {len(fields)} fields, expected {len(columns) + 3}")
            offsets = [o for o in fields[1].split("-") if o != ""]
            begin, end = int(offsets[0]), int(offsets[1])
            state = "SUBTOKEN" if "." in fields[0] else "TOKEN"

        if prev_state == "INTER" and state != "HEADER":
            raise TsvError(f"line {line_no}: expected sentence header but got {state}")
        if prev_state == "HEADER" and state not in ("HEADER", "TOKEN"):
            raise TsvError(f"line {line_no}: expected sentence header or token but got {state}")
        if prev_state in ("TOKEN", "SUBTOKEN") and state == "HEADER":
            raise TsvError(f"line {line_no}: expected token, sub-token or sentence break")

        if state in ("END", "INTER"):
            if not sentence_open:
                raise TsvError(f"line {line_no}: no sentence to end")
            sentence_open = False
        elif state == "TOKEN":
            if prev_state == "HEADER":
                if text_len > begin:
                    if text_len != begin + 1 or text[-1][-1] != "\n":
                        raise TsvError(f"line {line_no}: the text runs past the next sentence ({text_len} > {begin})")
                    text[-1] = text[-1][:-1]
                    text_len -= 1
                if text_len < begin:
                    text.append(" " * (begin - text_len))
                    text_len = begin
                joined = "".join(sentence_text)
                text.append(joined)
                text_len += u16len(joined)
                sentence_text = []
                sentences.append([])
                sentence_open = True
            token = Unit(len(sentences), len(sentences[-1]) + 1, begin, end)
            sentences[-1].append(token)
            parse_annotations(token, fields, columns, id_index, deferred, sentences)
        elif state == "SUBTOKEN":
            # TsvToken.createSubToken(): a sub-token of the same offsets is the same one
            sub = next((s for s in token.subtokens if (s.begin, s.end) == (begin, end)), None)
            if sub is None:
                sub = Unit(token.sentence, len(token.subtokens) + 1, begin, end, parent=token)
                token.subtokens.append(sub)
            parse_annotations(sub, fields, columns, id_index, deferred, sentences)
        elif state == "HEADER":
            if line.startswith("#Text="):
                sentence_text.append(unescape_text(line.split("=", 1)[1]) + "\n")

        prev_state = state
        line = next_line()
        line_no += 1

    for action in deferred:
        action()

    annotations = []
    seen = set()
    for sentence in sentences:
        for tok in sentence:
            for unit in [tok] + tok.subtokens:
                for stack in unit.annotations.values():
                    for a in stack:
                        if id(a) not in seen:
                            seen.add(id(a))
                            annotations.append(a)
    return "".join(text), annotations


def get_unit(sentences, unit_id):
    m = UNIT_ID.match(unit_id)
    if not m:
        raise TsvError(f"Invalid unit ID: [{unit_id}]")
    tok = sentences[int(m.group(1)) - 1][int(m.group(2)) - 1]
    if m.group(4) is not None:
        return tok.subtokens[int(m.group(4)) - 1]
    return tok


def resolve(sentences, id_index, type_name, unit_id, disambiguation):
    if disambiguation > 0:
        if disambiguation not in id_index:
            raise TsvError(f"Unable to resolve reference to disambiguation ID [{disambiguation}]")
        return id_index[disambiguation]
    annotation = get_unit(sentences, unit_id).get(type_name, 0)
    if annotation is None:
        raise TsvError(f"no annotation of {type_name} in unit {unit_id}")
    return annotation


def parse_annotations(unit, fields, columns, id_index, deferred, sentences):
    for index, (kind, type_name, feature, target) in enumerate(columns):
        raw = fields[index + 3]
        if raw == "_":
            continue
        for stacking, value in enumerate(STACK_SEP.split(raw)):
            info = None
            if value.endswith("]") and not value.endswith("\\]"):
                info = value[value.rindex("[") + 1:]
                info = info[:info.index("]")]
                value = value[:value.rindex("[")]
            elif CHAIN_SUFFIX.match(value):
                raise TsvError(f"a chain suffix in {value!r} of a {kind} column")
            if info == "":
                raise TsvError("empty disambiguation info")

            if kind == "span":
                ident = int(info) if info is not None else -1
                annotation = unit.get(type_name, stacking)
                if annotation is None and ident != -1 and ident in id_index:
                    annotation = id_index[ident]
                    unit.add(annotation)
                    annotation.end = unit.end
                if annotation is None:
                    annotation = Annotation(type_name, unit.begin, unit.end)
                    unit.add(annotation)
                if ident != -1:
                    if id_index.get(ident, annotation) is not annotation:
                        raise TsvError(f"Disambiguation ID [{ident}] is not unique")
                    id_index[ident] = annotation
            elif kind == "relation":
                annotation = unit.get(type_name, stacking)
                if annotation is None:
                    annotation = Annotation(type_name, -1, -1)
                    unit.add(annotation)
            else:
                raise TsvError("chain layers are not expected here")

            if kind == "relation" and feature is None:
                if info is not None:
                    source_id, target_id = (int(x) for x in info.split("_"))
                else:
                    source_id = target_id = -1

                def resolve_later(annotation=annotation, value=value, source_id=source_id,
                                  target_id=target_id, target=target, unit=unit):
                    source = resolve(sentences, id_index, target, value, source_id)
                    dependent = resolve(sentences, id_index, target, unit.id(), target_id)
                    annotation.features["Governor"] = source
                    annotation.features["Dependent"] = dependent
                    annotation.begin, annotation.end = dependent.begin, dependent.end
                deferred.append(resolve_later)
            elif feature:
                if value != "*":
                    annotation.features[feature] = unescape_value(value)


# ------------------------------------------------------------------ #
# The corpus                                                          #
# ------------------------------------------------------------------ #

# Stacked, nested and crossing spans, parts of a word, a span over spaces,
# one that starts in a space, a word cut in eleven places, relations
# between stacked spans, values with every reserved character.
ODD = ("\n\n  Counterattack in Port Ellery’s harbour: "
       "the mayor said “no”\tand left.\f\r\n"
       "Antidisestablishmentarianism rose; 👩‍🔧 fixed it 🇵🇱.\r\n"
       "Second line\rwith a lone CR and \x01 control.")
ODD_NAME = "odd.txt"


def odd_spans():
    body = ODD
    spans = []

    def add(label, start, end, note=""):
        spans.append({"id": f"s{len(spans):02d}", "label": label, "start": start, "end": end,
                      "exact": body[start:end], "note": note})
        return spans[-1]["id"]

    def at(needle, skip=0):
        i = body.index(needle)
        return i + skip

    counter = at("Counter")
    a = add("part", counter, counter + 7, note="prefix | of _ a [word] -> *; \\ end\\")
    b = add("word", counter, counter + len("Counterattack"))
    c = add("word", counter, counter + len("Counterattack"), note="same range, stacked")
    port = at("Port Ellery")
    d = add("location", port, port + len("Port Ellery"))
    e = add("place", port, port + len("Port Ellery’s harbour"), note="line one\nline two\ttab")
    f = add("org", port + len("Port "), port + len("Port Ellery’s"))          # crosses d's end
    mayor = at("the mayor")
    g = add("person", mayor - 1, mayor + len("the mayor"))                  # starts in a space
    add("spaces", at("  Counter"), at("  Counter") + 2)                     # spaces only
    quote = at("“no”")
    h = add("quote", quote, quote + len("“no”"), note="CRLF\r\nand CR\rhere")
    anti = at("Antidisestablishmentarianism")
    for k in range(11):                                                     # 11 sub-tokens
        add("piece", anti + k, anti + k + 2)
    worker = at("👩‍🔧")
    i = add("emoji", worker, worker + len("👩‍🔧"))
    flag = at("🇵🇱")
    add("flag", flag, flag + len("🇵🇱"), note="*")
    add("lab_el|x]", at("Second"), at("Second") + len("Second line\rwith"))
    relations = [
        {"id": "r1", "from": a, "to": c, "type": "part-of"},
        {"id": "r2", "from": c, "to": b, "type": "same_as|x"},
        {"id": "r3", "from": g, "to": h, "type": "says"},
        {"id": "r4", "from": d, "to": e, "type": "in"},
        {"id": "r5", "from": f, "to": d, "type": "near"},
        {"id": "r6", "from": i, "to": g, "type": "by"},
        {"id": "r7", "from": "s07", "to": "s19", "type": "lost"},   # from the spaces-only span
        {"id": "r8", "from": "s18", "to": "s09", "type": "deep"},   # sub-token 10 to sub-token 1
    ]
    return spans, relations


def write_sidecar(path, name, text, annotator, annotations, relations=()):
    raw = text.encode("utf-8")
    body = text[1:] if text.startswith(BOM) else text
    data = {
        "format": "gloss", "version": 1,
        "document": {"file": name, "sha256": hashlib.sha256(raw).hexdigest(), "length": len(body)},
        "annotator": {"id": annotator, "name": annotator.title()},
        "annotations": annotations,
        "relations": list(relations),
    }
    with open(f"{path}.{annotator}.gloss.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def make_corpus(root):
    conll.make_corpus(root)
    odd = os.path.join(root, "odd")
    os.makedirs(odd)
    path = os.path.join(odd, ODD_NAME)
    with open(path, "wb") as f:
        f.write(ODD.encode("utf-8"))
    spans, relations = odd_spans()
    write_sidecar(path, ODD_NAME, ODD, "dana", spans, relations)
    # an article of spaces only: no token, no sentence
    blank = os.path.join(odd, "blank.txt")
    with open(blank, "w", encoding="utf-8") as f:
        f.write(" \n\n ")
    write_sidecar(blank, "blank.txt", " \n\n ", "dana",
                  [{"id": "b1", "label": "gap", "start": 1, "end": 3, "exact": "\n\n"}])


def read_sidecars(root):
    """{(article id, annotator): (body, spans, relations)}"""
    found = {}
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            if not name.endswith(".gloss.json"):
                continue
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                data = json.load(f)
            article = os.path.join(dirpath, data["document"]["file"])
            with open(article, encoding="utf-8", newline="") as f:
                text = f.read()
            body = text[1:] if text.startswith(BOM) else text
            key = (os.path.relpath(article, root).replace(os.sep, "/"), data["annotator"]["id"])
            found[key] = (body, data["annotations"], data.get("relations", []))
    return found


def tsv_name(article, annotator):
    base = article.rsplit(".", 1)[0] if "." in article.rsplit("/", 1)[-1] else article
    return base.replace("/", "__") + f".{annotator}.tsv"


def code_points(text, unit):
    """UTF-16 offset → code point offset in @text."""
    n = 0
    for i, ch in enumerate(text):
        if n == unit:
            return i
        n += 2 if ord(ch) > 0xFFFF else 1
    if n == unit:
        return len(text)
    raise AssertionError(f"offset {unit} inside a character")


def expected_text(body):
    lead = len(body) - len(body.lstrip())
    text = " " * lead + body[lead:]
    return text if text.endswith("\n") else text + "\n"


def reported_ids(stderr, article, what):
    """Span ids the export reported about @article (`what`: a phrase of the line)."""
    ids = set()
    for line in stderr.splitlines():
        m = re.search(re.escape(article) + r": span (\S+) “.*” " + what, line)
        if m:
            ids.add(m.group(1))
    return ids


def check_record(name, body, spans, relations, data, stderr, article):
    try:
        text, annotations = read_tsv(data)
    except (TsvError, IndexError, ValueError) as e:
        check(f"{name}: INCEpTION's reader reads it", False, str(e))
        return
    check(f"{name}: INCEpTION's reader reads it", True)
    check(f"{name}: the text comes back", text == expected_text(body),
          f"{text[:80]!r} vs {expected_text(body)[:80]!r}")
    if text != expected_text(body):
        return

    lost = reported_ids(stderr, article, "holds no token")
    trimmed = reported_ids(stderr, article, "starts or ends in the space")
    cr_notes = set(re.findall(re.escape(article) + r": the note of span (\S+) has carriage returns", stderr))

    read_spans = []
    for a in annotations:
        if a.type != "custom.Span":
            continue
        start, end = code_points(text, a.begin), code_points(text, a.end)
        read_spans.append((a.features.get("id"), start, end, a.features.get("label"),
                           a.features.get("note", ""), a))
    by_object = {id(r[5]): r for r in read_spans}

    expected = []
    problems = []
    for s in spans:
        note = s.get("note", "") or ""
        if s["id"] in cr_notes:
            note = note.replace("\r\n", "\n").replace("\r", "\n")
        if s["id"] in lost:
            continue
        start, end = s["start"], s["end"]
        if s["id"] in trimmed:
            covered = [r for r in read_spans if r[0] == s["id"] and start <= r[1] < r[2] <= end
                       and body[start:r[1]].strip() == "" and body[r[2]:end].strip() == ""
                       and (r[1], r[2]) != (start, end)]
            if not covered:
                problems.append(f"{s['id']} not found trimmed")
                continue
            start, end = covered[0][1], covered[0][2]
        expected.append((s["id"], start, end, s["label"], note))
    got = sorted(r[:5] for r in read_spans)
    check(f"{name}: every span, its id, label and note come back (but those reported)",
          not problems and got == sorted(expected),
          "; ".join(problems) + f" got {len(got)} expected {len(expected)}: "
          + str(sorted(set(got) ^ set(expected)))[:400])

    span_by_id = {s["id"]: s for s in spans}
    exp_rel = []
    for r in relations:
        if r["from"] in lost or r["to"] in lost:
            continue
        exp_rel.append((r["id"], r["from"], r["to"], r["type"]))
    got_rel = []
    for a in annotations:
        if a.type != "custom.Relation":
            continue
        gov, dep = a.features.get("Governor"), a.features.get("Dependent")
        if gov is None or dep is None:
            got_rel.append((a.features.get("id"), "?", "?", a.features.get("label")))
            continue
        got_rel.append((a.features.get("id"), by_object[id(gov)][0], by_object[id(dep)][0],
                        a.features.get("label")))
    check(f"{name}: every relation, its id, type and ends come back (but those of spans left out)",
          sorted(got_rel) == sorted(exp_rel), f"{sorted(got_rel)} vs {sorted(exp_rel)}")


def test_corpus(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    out = os.path.join(tmp, "tsv")
    status, stdout, stderr = run("export", "--format", "webanno-tsv", "-o", out, corpus)
    check("export exits 0", status == 0, stderr)
    records = read_sidecars(corpus)
    names = sorted(os.listdir(out)) if os.path.isdir(out) else []
    expected_names = sorted(tsv_name(a, n) for (a, n), (body, _, _) in records.items()
                            if body.strip() != "")
    check("one file per article × annotator (none for an article without a word)",
          names == expected_names, f"{names} vs {expected_names}")
    check("an article without a word is reported",
          "odd/blank.txt: no word in the text" in stderr, stderr)
    for (article, annotator), (body, spans, relations) in sorted(records.items()):
        if body.strip() == "":
            continue
        path = os.path.join(out, tsv_name(article, annotator))
        if not os.path.exists(path):
            check(f"{article} × {annotator}: written", False)
            continue
        with open(path, "rb") as f:
            raw = f.read()
        try:
            data = raw.decode("utf-8")
        except UnicodeDecodeError:
            check(f"{article} × {annotator}: UTF-8", False)
            continue
        check(f"{article} × {annotator}: UTF-8 without a BOM", not data.startswith(BOM))
        check_record(f"{article} × {annotator}", body, spans, relations, data, stderr, article)

    # what this corpus must have made the export report
    check("the span over spaces is reported and left out",
          "odd/odd.txt: span s07 “  ” holds no token; left out" in stderr, stderr)
    check("the span that starts in a space is reported",
          "odd/odd.txt: span s06 “ the mayor”" in stderr and "starts or ends in the space" in stderr, stderr)
    check("the note with carriage returns is reported",
          "odd/odd.txt: the note of span s08 has carriage returns" in stderr, stderr)
    check("the summary counts the relation lost and the span trimmed",
          "1 relation" in stdout and "1 span written without its spaces at an end" in stdout, stdout)

    odd = open(os.path.join(out, tsv_name("odd/odd.txt", "dana")), encoding="utf-8").read()
    check("a word cut in eleven places has sub-tokens up to .11",
          re.search(r"^\d+-\d+\.11\t", odd, re.M) is not None)
    check("stacked spans carry disambiguation ids", re.search(r"word\[\d+\]\|word\[\d+\]", odd) is not None)


def test_samples(tmp):
    if not SAMPLES or not os.path.isdir(SAMPLES):
        results.append(("samples", "ok", "# SKIP GLOSS_SAMPLES_DIR not set"))
        return
    corpus = os.path.join(tmp, "samples")
    shutil.copytree(SAMPLES, corpus)
    out = os.path.join(tmp, "samples-tsv")
    status, stdout, stderr = run("export", "--format", "webanno-tsv", "-o", out, corpus)
    check("samples: export exits 0", status == 0, stderr)
    for (article, annotator), (body, spans, relations) in sorted(read_sidecars(corpus).items()):
        with open(os.path.join(out, tsv_name(article, annotator)), encoding="utf-8") as f:
            check_record(f"samples {article} × {annotator}", body, spans, relations, f.read(),
                         stderr, article)
    check("samples: attributes are counted as not representable",
          "attribute value" in stdout, stdout)


def test_usage(tmp):
    corpus = os.path.join(tmp, "usage")
    conll.make_corpus(corpus)
    for unit in ("codepoints", "bytes"):
        status, _, stderr = run("export", "--format", "webanno-tsv", "--offsets", unit,
                                "-o", os.path.join(tmp, "u-" + unit), corpus)
        check(f"--offsets {unit} is refused", status == 2 and "UTF-16" in stderr, stderr)
    status, _, stderr = run("export", "--format", "webanno-tsv", "--offsets", "utf16",
                            "-o", os.path.join(tmp, "u-utf16"), corpus)
    check("--offsets utf16 is taken", status == 0, stderr)
    status, stdout, stderr = run("export", "--format", "webanno-tsv", "--annotator", "bilal",
                                 "-o", os.path.join(tmp, "u-bilal"), corpus)
    check("--annotator keeps one annotator's files",
          status == 0 and all(n.endswith(".bilal.tsv") for n in os.listdir(os.path.join(tmp, "u-bilal"))),
          stderr)


def test_reader_self_check():
    """The reader above on the specification's own example of relations
    between stacked and plain spans (webannotsv.adoc, "Disambiguation IDs
    in relations"), so that a lenient reader cannot pass the export."""
    data = ("#FORMAT=WebAnno TSV 3.3\n#T_SP=custom.Span|label\n"
            "#T_RL=custom.Relation|label|BT_custom.Span\n\n\n"
            "#Text=This is a test .\n1-1\t0-4\tThis\t*\t_\t_\n1-2\t5-7\tis\t_\t_\t_\n"
            "1-3\t8-9\ta\t_\t_\t_\n1-4\t10-14\ttest\t_\t_\t_\n"
            "1-5\t15-16\t.\t*[1]|*[2]\t*\t1-1[0_1]\n")
    text, annotations = read_tsv(data)
    relation = [a for a in annotations if a.type == "custom.Relation"][0]
    check("reader self-check: the specification's example reads",
          text == "This is a test .\n" and relation.features["Governor"].begin == 0
          and relation.features["Dependent"].begin == 15)
    for bad, why in ((data + "\n", "a blank line after the last row"),
                     (data.replace("\n\n\n", "\n\n"), "one blank line after the schema"),
                     (data.replace("1-1[0_1]", "1-1[0_3]"), "a dangling id")):
        try:
            read_tsv(bad)
            check(f"reader self-check: refuses {why}", False)
        except (TsvError, IndexError):
            check(f"reader self-check: refuses {why}", True)


def main():
    tmp = tempfile.mkdtemp(prefix="gloss-tsv-")
    try:
        test_reader_self_check()
        test_corpus(tmp)
        test_samples(tmp)
        test_usage(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"1..{len(results)}")
    for n, (name, status, detail) in enumerate(results, 1):
        if detail.startswith("# SKIP"):
            print(f"ok {n} {name} {detail}")
            continue
        print(f"{status} {n} - {name}")
        if status != "ok" and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")


if __name__ == "__main__":
    main()
