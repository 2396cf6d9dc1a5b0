#!/usr/bin/env python3
"""Offsets as their consumers count them: doccano, --offsets utf16, brat.

The checks run the consumers' own rule, not Gloss's docs. doccano's
annotation view and every JavaScript reader slice JavaScript strings, so
node (Debian's nodejs) slices each export: `text.slice(start, end)` must be
the span's text. INCEpTION's brat importer and brat 1.3's client count
UTF-16 too, so `--format brat --offsets utf16` is sliced by node as well.
A doccano file made by node (offsets from `indexOf`, as doccano's own view
makes them) must import onto the same text, every span; one that cuts a
character must be refused span by span, never imported moved. And doccano
→ Gloss → doccano gives back the same spans exactly.

The texts are written here: emoji, ZWJ sequences, flags, combining marks,
CRLF, a BOM, Arabic (right to left) and curly-apostrophe possessives.
Checks that need node are skipped (TAP SKIP) where it is not installed.
Prints TAP. Standard library only.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
NODE = shutil.which("node") or shutil.which("nodejs")

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail, None))


def skip(name, reason):
    results.append((name, True, "", reason))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


# The articles: (name, text, {annotator: [(label, exact, occurrence)]},
# {annotator: [(quote index, speaker index)]}). Spans are found by their
# text (the n-th occurrence), so offsets are never typed by hand.
NEWS = ("NATO’s envoy 🇺🇦 met Dr. Amal Haddad 👩‍🔬 in Kyiv’s old port.\r\n"
        "“Biden’s plan works,” said Zoe\u0301 Núñez 😀, “and Kyiv’s mayor 👨‍👩‍👧 agrees.”\r\n"
        "قالت أمل حداد: شكرا للجميع. The 𠀋 stone stays.\r\n")
FAMILY = ("\ufeff👍🏽 Good news: the ferry runs again.\n"
          "“We’re back,” said captain Ines Ka\u0308hler 🇩🇪🇵🇱.\n"
          "שלום and سلام were painted on the hull.\n")
ARTICLES = [
    ("news.txt", NEWS, {
        "alice": [("organization", "NATO", 0), ("location", "🇺🇦", 0),
                  ("person", "Amal Haddad", 0), ("misc", "👩‍🔬", 0),
                  ("location", "Kyiv", 0), ("quote", "“Biden’s plan works,”", 0),
                  ("person", "Biden", 0), ("person", "Zoe\u0301 Núñez", 0),
                  ("misc", "😀", 0), ("location", "Kyiv", 1), ("misc", "👨‍👩‍👧", 0),
                  ("person", "أمل حداد", 0), ("misc", "𠀋", 0),
                  ("claim", "port.\r\n“Biden’s", 0)],
        "bilal": [("organization", "NATO’s envoy", 0), ("quote", "“and Kyiv’s mayor 👨‍👩‍👧 agrees.”", 0),
                  ("person", "Zoe\u0301", 0), ("misc", "The 𠀋 stone", 0)],
    }, {"alice": [(5, 7)], "bilal": [(1, 2)]}),
    ("family.txt", FAMILY, {
        "alice": [("misc", "👍🏽", 0), ("quote", "“We’re back,”", 0),
                  ("person", "Ines Ka\u0308hler", 0), ("location", "🇩🇪", 0), ("location", "🇵🇱", 0),
                  ("misc", "שלום", 0), ("misc", "سلام", 0)],
    }, {"alice": [(1, 2)]}),
]

NODE_SCRIPT = r"""
const fs = require("fs");
const path = require("path");
const [mode, input] = process.argv.slice(2);
const lines = (file) => fs.readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0);
let out;
if (mode === "doccano") {
  // What doccano's view shows for each span: the JavaScript slice.
  out = lines(input).map((l) => {
    const r = JSON.parse(l);
    if (r.entities) {
      return { text: r.text, annotator: r.annotator,
               spans: r.entities.map((e) => [r.text.slice(e.start_offset, e.end_offset), e.label, e.id]),
               relations: r.relations.map((x) => [x.type, x.from_id, x.to_id]) };
    }
    return { text: r.text, annotator: r.annotator,
             spans: r.label.map(([s, e, label]) => [r.text.slice(s, e), label]) };
  });
} else if (mode === "jsonl") {
  out = lines(input).map((l) => {
    const r = JSON.parse(l);
    return { id: r.id, annotator: r.annotator,
             spans: r.spans.map((s) => [r.text.slice(s.start, s.end), s.text, s.label]) };
  });
} else if (mode === "w3c") {
  // The article as a JavaScript reader has it: its leading BOM is not
  // part of the text (docs/export.md, "Offsets").
  const collection = JSON.parse(fs.readFileSync(input, "utf8"));
  out = collection.first.items.filter((a) => a.target && a.target.selector).map((a) => {
    const file = decodeURIComponent(new URL(a.target.source).pathname);
    const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    const quote = a.target.selector.find((s) => s.type === "TextQuoteSelector");
    const position = a.target.selector.find((s) => s.type === "TextPositionSelector");
    return [text.slice(position.start, position.end), quote.exact];
  });
} else if (mode === "brat") {
  // As INCEpTION and brat 1.3's client read an .ann: fragments sliced
  // from the .txt as a JavaScript string, joined by a space.
  out = [];
  for (const name of fs.readdirSync(input).sort()) {
    if (!name.endsWith(".ann")) continue;
    const text = fs.readFileSync(path.join(input, name.replace(/\.ann$/, ".txt")), "utf8");
    for (const line of lines(path.join(input, name))) {
      if (!line.startsWith("T")) continue;
      const [id, typeAndOffsets, field] = line.split("\t");
      const fragments = typeAndOffsets.slice(typeAndOffsets.indexOf(" ") + 1).split(";");
      const pieces = fragments.map((f) => { const [s, e] = f.split(" ").map(Number); return text.slice(s, e); });
      out.push([name, id, pieces.join(" "), field]);
    }
  }
} else if (mode === "make-doccano") {
  // doccano lines with offsets as doccano's view makes them: indexOf on
  // the JavaScript string; a span's end may be moved back by `cut` units.
  const spec = JSON.parse(fs.readFileSync(input, "utf8"));
  out = spec.map((doc) => {
    const label = doc.spans.map(([lab, needle, n, cut]) => {
      let at = -1;
      for (let i = 0; i <= n; i++) at = doc.text.indexOf(needle, at + 1);
      if (at < 0) throw new Error("not found: " + needle);
      return [at, at + needle.length - (cut || 0), lab];
    });
    const line = { id: doc.id, text: doc.text, label: label };
    if (doc.comments) line.Comments = doc.comments;
    return JSON.stringify(line);
  }).join("\n") + "\n";
  process.stdout.write(out);
  process.exit(0);
}
process.stdout.write(JSON.stringify(out));
"""


def node(script_dir, *args):
    script = os.path.join(script_dir, "slices.js")
    if not os.path.exists(script):
        with open(script, "w", encoding="utf-8") as f:
            f.write(NODE_SCRIPT)
    proc = subprocess.run([NODE, script, *args], capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    return proc.stdout


def find(text, needle, occurrence):
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    return at, at + len(needle)


def make_corpus(tmp):
    """The articles and their sidecars, through `gloss-cli import --format
    jsonl` (Gloss's own jsonl counts code points, Python's str indices);
    each span's "text" makes the import check the offsets."""
    corpus = os.path.join(tmp, "corpus")
    source = os.path.join(tmp, "source.jsonl")
    with open(source, "w", encoding="utf-8", newline="\n") as f:
        for name, text, spans, relations in ARTICLES:
            for annotator, items in spans.items():
                bom = 1 if text.startswith("\ufeff") else 0
                out = []
                for i, (label, exact, n) in enumerate(items):
                    start, end = find(text, exact, n)
                    # Python counts the BOM as a character, as the import knows.
                    out.append({"id": f"s{i}", "start": start, "end": end, "label": label,
                                "text": text[start:end]})
                    assert bom == 0 or start >= 1
                rels = [{"id": f"r{i}", "type": "speaker", "from": f"s{a}", "to": f"s{b}"}
                        for i, (a, b) in enumerate(relations.get(annotator, []))]
                f.write(json.dumps({"id": name, "text": text, "annotator": annotator,
                                    "spans": out, "relations": rels}, ensure_ascii=False) + "\n")
    code, out, err = run("import", "--format", "jsonl", "-o", corpus, source)
    assert code == 0, f"making the corpus: {code} {out} {err}"
    return corpus


def expected_records(corpus):
    """{(text without BOM, annotator): ([(exact, label)] in document order,
    [(type, from index, to index)])}, from the sidecars as written."""
    found = {}
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".gloss.json"):
            continue
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            data = json.load(f)
        with open(os.path.join(corpus, data["document"]["file"]), encoding="utf-8", newline="") as f:
            text = f.read()
        text = text[1:] if text.startswith("\ufeff") else text
        spans = data["annotations"]
        index = {a["id"]: i + 1 for i, a in enumerate(spans)}
        relations = sorted((r["type"], index[r["from"]], index[r["to"]]) for r in data["relations"])
        found[(text, data["annotator"]["id"])] = ([(a["exact"], a["label"]) for a in spans], relations)
    return found


def test_corpus(tmp):
    corpus = make_corpus(tmp)
    bad = []
    for name, text, spans, _ in ARTICLES:
        shown = text[1:] if text.startswith("\ufeff") else text
        for annotator, items in spans.items():
            with open(os.path.join(corpus, f"{name}.{annotator}.gloss.json"), encoding="utf-8") as f:
                data = json.load(f)
            got = sorted((a["exact"], a["label"]) for a in data["annotations"])
            want = sorted((exact, label) for label, exact, _ in items)
            if got != want:
                bad.append(f"{name} {annotator}: {got} != {want}")
            for a in data["annotations"]:
                if shown[a["start"]:a["end"]] != a["exact"]:
                    bad.append(f"{a['id']}: not at its code points")
    check("the corpus (BOM, CRLF, emoji, ZWJ, flags, marks, RTL, possessives) is as written",
          not bad, "\n".join(bad))
    return corpus


def test_doccano(tmp, corpus):
    expected = expected_records(corpus)
    out = os.path.join(tmp, "doccano.jsonl")
    code, stdout, err = run("export", "--format", "doccano", "-o", out, corpus)
    check("doccano export without --offsets: exit 0", code == 0, f"{code} {stdout} {err}")

    with open(out, encoding="utf-8") as f:
        raw = [json.loads(line) for line in f]
    news = [r for r in raw if r["text"] == NEWS and r["annotator"] == "alice"]
    flag = [s for s in news[0]["label"] if s[2] == "location"][0] if news else None
    check("doccano export: in UTF-16 code units by default (the flag after NATO’s is 4 units, at 13)",
          flag == [13, 17, "location"], flag)

    if not NODE:
        skip("doccano export: node's text.slice(start, end) is each span's text", "node is not installed")
        return out
    records = json.loads(node(tmp, "doccano", out))
    bad = []
    for r in records:
        want, _ = expected[(r["text"], r["annotator"])]
        got = [(piece, label) for piece, label in r["spans"]]
        if got != want:
            bad.append(f"{r['annotator']}: {[g for g in got if g not in want]} != "
                       f"{[w for w in want if w not in got]}")
    check(f"doccano export: node's text.slice(start, end) is each span's text ({sum(len(r['spans']) for r in records)} spans)",
          len(records) == 3 and not bad, "\n".join(bad))

    # The relation shape: entities numbered in the line, relations by number.
    rel_out = os.path.join(tmp, "doccano-relations.jsonl")
    code, stdout, err = run("export", "--format", "doccano", "--doccano-relations", "-o", rel_out, corpus)
    check("doccano --doccano-relations: exit 0, no relation lost",
          code == 0 and "relations" in stdout and "not representable: 4 relations" not in stdout
          and "3 relations" in stdout, f"{code} {stdout} {err}")
    records = json.loads(node(tmp, "doccano", rel_out))
    bad = []
    for r in records:
        want, want_relations = expected[(r["text"], r["annotator"])]
        got = [(piece, label) for piece, label, _ in r["spans"]]
        ids = [i for _, _, i in r["spans"]]
        if got != want:
            bad.append(f"{r['annotator']}: spans {got} != {want}")
        if ids != list(range(1, len(ids) + 1)):
            bad.append(f"{r['annotator']}: entity ids {ids}")
        if sorted(tuple(x) for x in r["relations"]) != want_relations:
            bad.append(f"{r['annotator']}: relations {r['relations']} != {want_relations}")
    check("doccano --doccano-relations: node slices every entity to its text, relations link the same spans",
          len(records) == 3 and not bad, "\n".join(bad))
    return out


def test_doccano_round_trip(tmp, corpus, doccano):
    """doccano (its own default unit) → Gloss: the same spans, exactly."""
    expected = expected_records(corpus)
    for shape, path in (("label", doccano), ("relations", os.path.join(tmp, "doccano-relations.jsonl"))):
        if not os.path.exists(path):
            continue
        back = os.path.join(tmp, f"back-{shape}")
        code, stdout, err = run("import", "--format", "doccano", "--annotator", "dana", "-o", back, path)
        with open(path, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f]
        bad = []
        for i, line in enumerate(lines, 1):
            with open(os.path.join(back, f"line-{i}.txt.dana.gloss.json"), encoding="utf-8") as f:
                data = json.load(f)
            want, want_relations = expected[(line["text"], line["annotator"])]
            got = [(a["exact"], a["label"]) for a in data["annotations"]]
            index = {a["id"]: k + 1 for k, a in enumerate(data["annotations"])}
            relations = sorted((r["type"], index[r["from"]], index[r["to"]]) for r in data["relations"])
            if got != want:
                bad.append(f"line {i}: {got} != {want}")
            if shape == "relations" and relations != want_relations:
                bad.append(f"line {i}: relations {relations} != {want_relations}")
        check(f"doccano ({shape}) → import without --offsets: exit 0, every span (and relation) back exactly",
              code == 0 and err == "" and not bad, f"{code} {err}\n" + "\n".join(bad))


def test_jsonl_w3c_utf16(tmp, corpus):
    expected = expected_records(corpus)
    out = os.path.join(tmp, "utf16.jsonl")
    code, stdout, err = run("export", "--format", "jsonl", "--offsets", "utf16", "-o", out, corpus)
    check("jsonl --offsets utf16: exit 0", code == 0, f"{code} {err}")
    w3c = os.path.join(tmp, "utf16.json")
    code, stdout, err = run("export", "--format", "w3c", "--offsets", "utf16", "-o", w3c, corpus)
    check("w3c --offsets utf16: exit 0", code == 0, f"{code} {err}")
    if not NODE:
        skip("jsonl and w3c --offsets utf16: node slices each span to its text", "node is not installed")
        return out
    bad = []
    n = 0
    for r in json.loads(node(tmp, "jsonl", out)):
        for piece, text, label in r["spans"]:
            n += 1
            if piece != text:
                bad.append(f"{r['id']} {r['annotator']}: {piece!r} != {text!r}")
    all_exact = sorted(e for spans, _ in expected.values() for e, _ in spans)
    got_text = sorted(t for r in json.loads(node(tmp, "jsonl", out)) for _, t, _ in r["spans"])
    check(f"jsonl --offsets utf16: node's text.slice(start, end) is each span's text ({n} spans)",
          n == len(all_exact) and not bad and got_text == all_exact, "\n".join(bad))
    pairs = json.loads(node(tmp, "w3c", w3c))
    bad = [f"{p!r} != {e!r}" for p, e in pairs if p != e]
    check(f"w3c --offsets utf16: node slices every TextPositionSelector to its exact ({len(pairs)})",
          len(pairs) == len(all_exact) and not bad, "\n".join(bad))

    back = os.path.join(tmp, "back-jsonl-utf16")
    code, stdout, err = run("import", "--format", "jsonl", "--offsets", "utf16", "-o", back, out)
    check("jsonl --offsets utf16 → import --offsets utf16: exit 0, every span",
          code == 0 and err == "" and f"{len(all_exact)} spans" in stdout, f"{code} {stdout} {err}")
    code, stdout, err = run("import", "--format", "jsonl", "-o", os.path.join(tmp, "wrong"), out)
    check("jsonl --offsets utf16 → import without --offsets: exit 1, the spans after an emoji "
          "refused, naming --offsets utf16",
          code == 1 and "import with --offsets utf16; skipped" in err, f"{code} {stdout} {err}")
    return out


def test_brat_utf16(tmp, corpus):
    expected = expected_records(corpus)
    brat = os.path.join(tmp, "brat-utf16")
    code, stdout, err = run("export", "--format", "brat", "--offsets", "utf16", "-o", brat, corpus)
    check("brat --offsets utf16: exit 0", code == 0, f"{code} {stdout} {err}")
    if code != 0:
        return
    if not NODE:
        skip("brat --offsets utf16: node reads each T line's fragments as its text", "node is not installed")
    else:
        rows = json.loads(node(tmp, "brat", brat))
        bad = [f"{name} {tid}: {joined!r} != {field!r}" for name, tid, joined, field in rows
               if joined != field]
        n_spans = sum(len(spans) for spans, _ in expected.values())
        check(f"brat --offsets utf16: node reads each T line's fragments as its text ({len(rows)} T lines)",
              len(rows) == n_spans and not bad, "\n".join(bad))

    back = os.path.join(tmp, "back-brat")
    annotated = {}
    for annotator in ("alice", "bilal"):
        one = os.path.join(tmp, f"brat-utf16-{annotator}")
        run("export", "--format", "brat", "--offsets", "utf16", "--annotator", annotator, "-o", one, corpus)
        code, stdout, err = run("import", "--format", "brat", "--offsets", "utf16", "--annotator", annotator,
                                "-o", os.path.join(back, annotator), one)
        annotated[annotator] = (code, err)
    bad = []
    for annotator, (code, err) in annotated.items():
        if code != 0 or err:
            bad.append(f"{annotator}: {code} {err}")
        got = expected_records(os.path.join(back, annotator))
        for key, (spans, relations) in got.items():
            want = expected.get(key)
            if want is None or sorted(spans) != sorted(want[0]) or len(relations) != len(want[1]):
                bad.append(f"{annotator}: {sorted(spans)} != {want and sorted(want[0])}")
    check("brat --offsets utf16 → import --offsets utf16: every span and relation back",
          not bad, "\n".join(bad))


def test_node_made_doccano(tmp):
    """A doccano file as doccano makes it (offsets from JavaScript's indexOf)
    lands on the same text in Gloss; one with cut characters is refused,
    span by span, and what fits is kept."""
    if not NODE:
        skip("a doccano file made by node imports onto the same text", "node is not installed")
        skip("spans that cut a character are refused, each located", "node is not installed")
        return
    spec = [{"id": name, "text": text,
             "spans": [[label, exact, n] for label, exact, n in spans["alice"]],
             "comments": ["check the mayor’s name", "second look\nneeded"] if name == "news.txt" else None}
            for name, text, spans, _ in ARTICLES]
    spec_path = os.path.join(tmp, "spec.json")
    with open(spec_path, "w", encoding="utf-8") as f:
        json.dump(spec, f, ensure_ascii=False)
    made = os.path.join(tmp, "from-doccano.jsonl")
    with open(made, "w", encoding="utf-8") as f:
        f.write(node(tmp, "make-doccano", spec_path))

    out = os.path.join(tmp, "from-doccano")
    code, stdout, err = run("import", "--format", "doccano", "--annotator", "dana", "-o", out, made)
    bad = []
    for name, text, spans, _ in ARTICLES:
        with open(os.path.join(out, f"{name}.dana.gloss.json"), encoding="utf-8") as f:
            data = json.load(f)
        got = sorted((a["exact"], a["label"]) for a in data["annotations"])
        want = sorted((exact, label) for label, exact, _ in spans["alice"])
        if got != want:
            bad.append(f"{name}: {[g for g in got if g not in want]} != {[w for w in want if w not in got]}")
        if name == "news.txt" and data.get("doccano-comments") != ["check the mayor’s name", "second look\nneeded"]:
            bad.append(f"comments: {data.get('doccano-comments')}")
    check("a doccano file made by node (indexOf offsets, BOM counted) imports onto the same text, "
          "every span, and its Comments are kept",
          code == 0 and err == "" and "2 doccano comments kept" in stdout and not bad,
          f"{code} {stdout} {err}\n" + "\n".join(bad))

    # Ends moved back into a character: between the halves of a surrogate
    # pair, inside a ZWJ sequence, between a flag's two letters, between e
    # and its accent, between CR and LF. The spans that fit stay.
    cuts = [["misc", "😀", 0, 1], ["misc", "👩‍🔬", 0, 2], ["location", "🇺🇦", 0, 2],
            ["person", "Zoe\u0301", 0, 1], ["claim", "port.\r\n", 0, 1],
            ["organization", "NATO", 0, 0], ["person", "أمل حداد", 0, 0], ["misc", "𠀋", 0, 0]]
    why = ["splits the surrogate pair of “😀” (U+1F600)", "ends inside “👩‍🔬”, 3 code points",
           "ends inside “🇺🇦”, 2 code points", "ends inside “e\u0301”, 2 code points",
           "ends inside “\\r\\n”, 2 code points"]
    with open(spec_path, "w", encoding="utf-8") as f:
        json.dump([{"id": "cut", "text": NEWS, "spans": cuts}], f, ensure_ascii=False)
    cut = os.path.join(tmp, "cut.jsonl")
    with open(cut, "w", encoding="utf-8") as f:
        f.write(node(tmp, "make-doccano", spec_path))
    out = os.path.join(tmp, "cut")
    code, stdout, err = run("import", "--format", "doccano", "--annotator", "dana", "-o", out, cut)
    lines = err.splitlines()
    bad = []
    for i, reason in enumerate(why):
        prefix = f"gloss-cli: {cut}:1: span a-{i + 1} (label[{i}]) at "
        found = [l for l in lines if l.startswith(prefix)]
        if len(found) != 1 or " in utf16: " not in found[0] or reason not in found[0] \
                or not found[0].endswith("; skipped"):
            bad.append(f"label[{i}]: {found} should say {reason!r}")
    check("spans that cut a character are refused, each with file, line, place, offsets and why; exit 1",
          code == 1 and len(lines) == len(why) and not bad, f"{code}\n{err}\n" + "\n".join(bad))
    with open(os.path.join(out, "cut.txt.dana.gloss.json"), encoding="utf-8") as f:
        kept = json.load(f)["annotations"]
    check("…and the spans that fit are kept where they were put, never moved",
          sorted(a["exact"] for a in kept) == sorted(c[1] for c in cuts[len(why):])
          and all(NEWS[a["start"]:a["end"]] == a["exact"] for a in kept), kept)


def test_usage(tmp, corpus):
    cases = [
        ("export: conll takes code points only", ["export", "-f", "conll", "--offsets", "utf16", "-o",
                                                  os.path.join(tmp, "x"), corpus],
         "CoNLL counts code points only"),
        ("export: brat refuses bytes", ["export", "-f", "brat", "--offsets", "bytes", "-o",
                                        os.path.join(tmp, "y"), corpus], "not bytes"),
        ("export: --doccano-relations with jsonl", ["export", "-f", "jsonl", "--doccano-relations", "-o",
                                                    os.path.join(tmp, "z"), corpus], "doccano only"),
        ("import: brat refuses bytes", ["import", "-f", "brat", "-a", "dana", "--offsets", "bytes",
                                        corpus], "not bytes"),
        ("import: an unknown unit", ["import", "-f", "doccano", "-a", "dana", "--offsets", "utf8",
                                     corpus], "not an offset unit"),
    ]
    for name, args, needle in cases:
        code, _, err = run(*args)
        check(f"{name}: exit 2, says why", code == 2 and needle in err, f"{code} {err}")
    code, out, _ = run("import", "--help")
    check("import --help shows --offsets and the defaults", code == 0 and "--offsets" in out
          and "utf16 for doccano" in out, out)
    code, out, _ = run("export", "--help")
    check("export --help shows the defaults and --doccano-relations", code == 0
          and "utf16 for doccano" in out and "--doccano-relations" in out, out)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        try:
            corpus = test_corpus(tmp)
            doccano = test_doccano(tmp, corpus)
            test_doccano_round_trip(tmp, corpus, doccano)
            test_jsonl_w3c_utf16(tmp, corpus)
            test_brat_utf16(tmp, corpus)
            test_node_made_doccano(tmp)
            test_usage(tmp, corpus)
        except Exception as e:  # a crash is one failed check, not a lost plan
            import traceback
            check("the checks ran to the end", False, traceback.format_exc())

    print(f"1..{len(results)}")
    for i, (name, ok, detail, skipped) in enumerate(results, 1):
        if skipped:
            print(f"ok {i} - {name} # SKIP {skipped}")
            continue
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:30]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
