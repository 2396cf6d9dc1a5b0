#!/usr/bin/env python3
"""gloss-cli export --format conll, every variant, read by the readers' rules.

Exports a corpus written for this test (emoji, ZWJ sequences, flags,
combining marks, CRLF, a BOM, right-to-left text, curly-apostrophe
possessives, a quote across a sentence break, a label with a hyphen) and
the sample corpus, with --conll-variant full, nltk and spacy-ner and every
--tag-column, then:

* reads each file with nltk's own ConllCorpusReader (python3-nltk, run with
  /usr/bin/python3, the Debian interpreter it is installed for; skipped
  when it is missing), with the column types docs/conll.md gives;
* reads each spacy-ner file by the rules of spaCy's ner converter
  (spacy/training/converters/conll_ner_to_docs.py and iob_to_biluo /
  tags_to_entities in spacy/training/iob_utils.py, re-implemented here:
  spaCy is not packaged by Debian);
* checks every file with seqeval's IOB2 rules, re-implemented from
  seqeval's source: strict mode (seqeval/scheme.py, class IOB2 and
  Tokens.entities: an entity starts at B- and goes on over I- of the same
  type; an I- that follows neither starts nothing) and default mode
  (seqeval/metrics/sequence_labeling.py, get_entities, start_of_chunk and
  end_of_chunk: an I- after O starts an entity);
* and compares the entities each reader finds with the spans of the
  sidecars, token by token.

With --conll-attributes (test_attributes), each choice attribute's column
is read the same ways (seqeval's IOB2 rules, nltk's ConllCorpusReader with
that column as its chunk column) and compared with the sidecars' values;
without it, the file has the columns it always had and the summary counts
every value as not representable.

Prints TAP. Standard library only (nltk in a child process).
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
SAMPLES = os.environ.get("GLOSS_SAMPLES_DIR")
SYSTEM_PYTHON = "/usr/bin/python3"

results = []


def check(name, condition, detail=""):
    results.append((name, "ok" if condition else "not ok", detail))


def skip(name, reason):
    results.append((name, "skip", reason))


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


# ------------------------------------------------------------------ #
# The corpus                                                          #
# ------------------------------------------------------------------ #

BOM = "\ufeff"

# plain/: the built-in labels. A BOM and CRLF line ends; a quote of two
# sentences; possessives curly and straight; flags, ZWJ sequences, a
# decomposed ë and a Vietnamese name with two combining marks; Arabic.
WORLD = (BOM
         + "NATO’s summit in Vilnius 🇱🇹 ended late.\r\n"
         + "Stoltenberg said: “The alliance’s door is open. We don’t close it.” "
         + "Officials weren’t sure.\r\n\r\n"
         + "The workers’ union 👩‍🔧 and a family 👨‍👩‍👧 marched; Zoe\u0308 O’Brien’s plan "
         + "and Nguye\u0302\u0303n's notes went round.\r\n"
         + "قال محمد: «السلام ممكن». Then Biden's aide left 🇺🇦.\r\n")

WORLD_SPANS = {
    "alice": [
        ("organization", "NATO"), ("location", "Vilnius"), ("person", "Stoltenberg"),
        ("quote", "“The alliance’s door is open. We don’t close it.”"),
        ("organization", "alliance"),
        ("claim", "Officials weren’t sure"),
        ("organization", "workers’ union"), ("misc", "👨‍👩‍👧"),
        ("person", "Zoe\u0308 O’Brien"), ("person", "Nguye\u0302\u0303n"),
        ("person", "محمد"), ("quote", "«السلام ممكن»"), ("person", "Biden"),
        ("location", "🇺🇦"),
    ],
    "bilal": [
        ("organization", "NATO’s summit"), ("person", "Stoltenberg"),
        ("quote", "“The alliance’s door is open."), ("quote", "We don’t close it.”"),
        ("person", "O’Brien"), ("claim", "Zoe\u0308 O’Brien’s plan and Nguye\u0302\u0303n's notes went round"),
        ("person", "محمد"),
    ],
}

# desk/: a label set of its own, with hyphens in ids (nltk's chunk reader
# splits tags at every hyphen) and Hebrew.
DESK_LABELS = {
    "format": "gloss-labels",
    "version": 1,
    "labels": [
        {"id": "quote-direct", "kind": "quote", "color": "#3584e4"},
        {"id": "claim", "kind": "claim", "color": "#e5a50a"},
        {"id": "politician", "kind": "entity", "color": "#c061cb"},
        {"id": "news-org", "kind": "entity", "color": "#2ec27e"},
    ],
}
DESK = ("Biden’s aide told Reuters: “They’re ready. It’s done.” The 1990’s deal, "
        "rock ’n’ roll and O’Neill’s note 🇺🇸 stood. Rivlin visited ירושלים; "
        "NATO'S CHIEF DIDN'T.\n")
DESK_SPANS = {
    "alice": [
        ("politician", "Biden"), ("news-org", "Reuters"),
        ("quote-direct", "“They’re ready. It’s done.”"),
        ("claim", "The 1990’s deal, rock ’n’ roll and O’Neill’s note 🇺🇸 stood"),
        ("politician", "O’Neill"), ("politician", "Rivlin"), ("news-org", "NATO"),
    ],
}

KINDS = {"claim": "claim", "quote": "quote", "quote-direct": "quote"}


def kind_of(label):
    return KINDS.get(label, "entity")


def write_article(folder, name, text, spans_by_annotator):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    raw = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(raw)
    body = text[1:] if text.startswith(BOM) else text
    for annotator, spans in spans_by_annotator.items():
        annotations = []
        for n, (label, needle) in enumerate(spans):
            start = body.index(needle)
            annotations.append({"id": f"a-{n:03d}", "label": label, "start": start,
                                "end": start + len(needle), "exact": needle})
        data = {
            "format": "gloss", "version": 1,
            "document": {"file": name, "sha256": hashlib.sha256(raw).hexdigest(), "length": len(body)},
            "annotator": {"id": annotator, "name": annotator.title()},
            "annotations": annotations,
        }
        with open(f"{path}.{annotator}.gloss.json", "w", encoding="utf-8") as f:
            f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def make_corpus(root):
    write_article(os.path.join(root, "plain"), "world.txt", WORLD, WORLD_SPANS)
    desk = os.path.join(root, "desk")
    write_article(desk, "desk.txt", DESK, DESK_SPANS)
    with open(os.path.join(desk, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(DESK_LABELS, f, indent=2)


def read_corpus_spans(root):
    """{(article id, annotator): [(start, end, label)]} from the sidecars."""
    found = {}
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            if not name.endswith(".gloss.json"):
                continue
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                data = json.load(f)
            article = os.path.relpath(os.path.join(dirpath, data["document"]["file"]), root)
            found[(article.replace(os.sep, "/"), data["annotator"]["id"])] = [
                (a["start"], a["end"], a["label"]) for a in data["annotations"] if not a.get("orphaned")]
    return found


# ------------------------------------------------------------------ #
# Reading the files (docs/conll.md)                                   #
# ------------------------------------------------------------------ #

def read_full(path):
    """[(doc, annotator, [sentence: [(token, start, end, [tags])]])]"""
    records = []
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    sentence = []
    for line in lines:
        if line.startswith("# doc: "):
            doc, annotator = line[len("# doc: "):].split(" annotator: ")
            records.append((doc, annotator, []))
        elif line.startswith("# "):
            continue
        elif line == "":
            if sentence:
                records[-1][2].append(sentence)
            sentence = []
        else:
            token, start, end, *tags = line.split("\t")
            sentence.append((token, int(start), int(end), tags))
    return records


def read_nltk(path):
    """[[sentence: [(token, start, end, [tags])]]], one list per -DOCSTART-."""
    records, sentence = [], []
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    for line in lines:
        if line.startswith("-DOCSTART-\t"):
            records.append([])
        elif line == "":
            if sentence:
                records[-1].append(sentence)
            sentence = []
        else:
            token, start, end, *tags = line.split("\t")
            sentence.append((token, int(start), int(end), tags))
    return records


def read_spacy_ner(path):
    """By the rules of spaCy's conll_ner_to_docs: documents are what lies
    between "-DOCSTART- -X- O O" lines, sentences are parted by "\\n\\n",
    a line is split on whitespace, the first column is the word and the
    last the IOB tag; a second column among three or more would be
    part-of-speech tags. [[sentence: [(token, tag)]]]"""
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    docs = []
    for conll_doc in data.strip().split("-DOCSTART- -X- O O"):
        conll_doc = conll_doc.strip()
        if not conll_doc:
            docs.append([])
            continue
        sentences = []
        for conll_sent in conll_doc.split("\n\n"):
            conll_sent = conll_sent.strip()
            if not conll_sent:
                continue
            lines = [line.strip() for line in conll_sent.split("\n") if line.strip()]
            cols = list(zip(*[line.split() for line in lines]))
            assert len(cols) == 2, f"{len(cols)} columns: spaCy would take the second for POS tags"
            sentences.append(list(zip(cols[0], cols[-1])))
        docs.append(sentences)
    # The text before the first delimiter is empty: the file starts with one.
    return docs[1:] if docs and docs[0] == [] else docs


# ------------------------------------------------------------------ #
# The readers' rules                                                  #
# ------------------------------------------------------------------ #

def iob2_violations(tags):
    """Positions of an I-X that follows neither B-X nor I-X: what seqeval's
    strict IOB2 mode does not take as part of any entity."""
    bad, prev = [], "O"
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            bad.append(i)
        prev = tag
    return bad


def seqeval_strict(tags):
    """seqeval/scheme.py, IOB2 with Tokens.entities: [(type, first, last)]."""
    entities, i, n = [], 0, len(tags)
    while i < n:
        if tags[i].startswith("B-"):
            kind, j = tags[i][2:], i + 1
            while j < n and tags[j] == "I-" + kind:
                j += 1
            entities.append((kind, i, j - 1))
            i = j
        else:
            i += 1
    return entities


def seqeval_default(tags):
    """seqeval/metrics/sequence_labeling.py, get_entities for B/I/O tags:
    a chunk starts at B-, at an I- after O, and where the type changes."""
    chunks, prev_tag, prev_type, begin = [], "O", "", 0
    for i, chunk in enumerate(list(tags) + ["O"]):
        tag = chunk[0]
        type_ = chunk[1:].split("-", maxsplit=1)[-1] or "_"
        end = (prev_tag in "BI" and tag in "BO") or (prev_tag != "O" and prev_type != type_)
        if end:
            chunks.append((prev_type, begin, i - 1))
        start = tag == "B" or (prev_tag == "O" and tag == "I") or (tag != "O" and prev_type != type_)
        if start:
            begin = i
        prev_tag, prev_type = tag, type_
    return chunks


def spacy_entities(tags):
    """iob_to_biluo then tags_to_entities (spacy/training/iob_utils.py):
    a run starts at any tag that is not O and goes on over I- of its type."""
    entities, i, n = [], 0, len(tags)
    while i < n:
        if tags[i] == "O":
            i += 1
            continue
        label, j = tags[i][2:], i + 1
        if not label:
            raise ValueError(f"E177: no label in {tags[i]!r}")
        while j < n and tags[j] == "I-" + label:
            j += 1
        entities.append((label, i, j - 1))
        i = j
    return entities


def by_sentence(rule, sentences):
    """A rule applied to each sentence alone, as seqeval, nltk and spaCy
    do, with positions counted over the record."""
    found, offset = [], 0
    for tags in sentences:
        found.extend((kind, offset + a, offset + b) for kind, a, b in rule(tags))
        offset += len(tags)
    return sorted(found)


# ------------------------------------------------------------------ #
# nltk, in the interpreter it is installed for                        #
# ------------------------------------------------------------------ #

NLTK_SCRIPT = r"""
import json, os, sys
from nltk.corpus.reader import ConllCorpusReader
path, columns, chunks = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3] == "chunks"
reader = ConllCorpusReader(os.path.dirname(path), [os.path.basename(path)], columns)
out = {"sents": [list(s) for s in reader.sents()]}
if "chunk" in columns:
    out["iob"] = [[list(t) for t in s] for s in reader.iob_sents()]
if chunks:
    found_chunks = []
    for tree in reader.chunked_sents():
        found, i = [], 0
        for node in tree:
            if hasattr(node, "label"):
                found.append((node.label(), i, i + len(node) - 1))
                i += len(node)
            else:
                i += 1
        found_chunks.append(found)
    out["chunks"] = found_chunks
print(json.dumps(out))
"""


def nltk_available():
    if not os.path.exists(SYSTEM_PYTHON):
        return f"{SYSTEM_PYTHON} is missing"
    proc = subprocess.run([SYSTEM_PYTHON, "-c", "import nltk.corpus.reader"], capture_output=True, text=True)
    if proc.returncode != 0:
        return "nltk is not installed for /usr/bin/python3 (Debian: python3-nltk)"
    return None


def nltk_read(path, columns, chunks=False):
    """What nltk reads: sents(), iob_sents() when there is a chunk column,
    and chunked_sents() if @chunks; (None, the error) if it raises."""
    proc = subprocess.run([SYSTEM_PYTHON, "-c", NLTK_SCRIPT, path, json.dumps(columns),
                           "chunks" if chunks else "-"],
                          capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        return None, proc.stderr.strip() or "failed"
    return json.loads(proc.stdout), None


# ------------------------------------------------------------------ #
# Expectations                                                        #
# ------------------------------------------------------------------ #

COLUMNS = ("entity", "quote", "claim")


def written_columns(variant, tags):
    if tags == "all" or (tags is None and variant == "full"):
        return list(COLUMNS)
    return [tags or "entity"]


def expected_entities(spans, tokens, column, label_spelling=lambda label: label):
    """The spans of @column as (label, first token, last token), checking
    on the way that each starts and ends on a token boundary."""
    starts = {t[1]: i for i, t in enumerate(tokens)}
    ends = {t[2]: i for i, t in enumerate(tokens)}
    found, misaligned = [], []
    for start, end, label in spans:
        if kind_of(label) != column:
            continue
        if start not in starts or end not in ends:
            misaligned.append((start, end, label))
            continue
        found.append((label_spelling(label), starts[start], ends[end]))
    return sorted(found), misaligned


def pieces(entities, sentence_starts):
    """Each entity cut at the sentence starts inside it."""
    out = []
    for label, first, last in entities:
        cuts = [s for s in sentence_starts if first < s <= last]
        bounds = [first] + cuts + [last + 1]
        out.extend((label, a, b - 1) for a, b in zip(bounds, bounds[1:]))
    return sorted(out)


# ------------------------------------------------------------------ #
# The tests                                                           #
# ------------------------------------------------------------------ #

VARIANTS = [
    ("full", None), ("full", "entity"), ("full", "quote"), ("full", "claim"),
    ("nltk", None), ("nltk", "quote"), ("nltk", "claim"), ("nltk", "all"),
    ("spacy-ner", None), ("spacy-ner", "quote"), ("spacy-ner", "claim"),
]


def export(corpus, out, variant, tags):
    args = ["export", "--format", "conll", "-o", out]
    if variant != "full" or tags is not None:
        args += ["--conll-variant", variant]
    if tags is not None:
        args += ["--tag-column", tags]
    return run(*args, corpus)


def check_corpus(tmp, corpus, name, nltk_missing):
    spans = read_corpus_spans(corpus)
    outputs = {}
    for variant, tags in VARIANTS:
        out = os.path.join(tmp, f"{name}-{variant}-{tags or 'default'}.conll")
        code, stdout, stderr = export(corpus, out, variant, tags)
        what = f"{name}: --conll-variant {variant}" + (f" --tag-column {tags}" if tags else "")
        check(f"{what}: exit 0, no token cut", code == 0 and "cut" not in stdout, stdout + stderr)
        outputs[(variant, tags)] = out

    full = read_full(outputs[("full", None)])
    check(f"{name}: the full file names one record per sidecar",
          sorted((d, a) for d, a, _ in full) == sorted(spans), [(d, a) for d, a, _ in full])

    with open(outputs[("full", None)], "rb") as f:
        raw = f.read()
    check(f"{name}: UTF-8 without BOM, LF only, tab-separated",
          not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, "")

    for variant, tags in VARIANTS:
        path = outputs[(variant, tags)]
        what = f"{name}: {variant}" + (f"/{tags}" if tags else "")
        columns = written_columns(variant, tags)

        if variant == "full":
            records = [sentences for _, _, sentences in read_full(path)]
        elif variant == "nltk":
            records = read_nltk(path)
        else:
            records = read_spacy_ner(path)
        check(f"{what}: one record per sidecar, in the full file's order", len(records) == len(full),
              f"{len(records)} != {len(full)}")
        if len(records) != len(full):
            continue

        for c, column in enumerate(columns):
            strict_ok = default_ok = iob2_ok = alone_ok = True
            detail = []
            continuations = starts_with_i = 0
            for (doc, annotator, full_sentences), sentences in zip(full, records):
                tokens = [t for s in full_sentences for t in s]
                if variant == "spacy-ner":
                    words = [w for s in sentences for w, _ in s]
                    tag_sentences = [[t for _, t in s] for s in sentences]
                else:
                    words = [t[0] for s in sentences for t in s]
                    tag_sentences = [[t[3][c] for t in s] for s in sentences]
                if words != [t[0] for t in tokens]:
                    alone_ok = False
                    detail.append(f"{doc} {annotator}: tokens differ from the full file's")
                    continue
                spelling = (lambda label: label.replace("-", "_")) if variant == "nltk" else (lambda label: label)
                expected, misaligned = expected_entities(spans[(doc, annotator)], tokens, column, spelling)
                if misaligned:
                    alone_ok = False
                    detail.append(f"{doc} {annotator}: not token-aligned: {misaligned}")
                flat = [t for s in tag_sentences for t in s]
                sentence_starts, n = [], 0
                for s in tag_sentences:
                    sentence_starts.append(n)
                    n += len(s)

                # Over the whole record, every variant is IOB2.
                if iob2_violations(flat):
                    iob2_ok = False
                    detail.append(f"{doc} {annotator}: I- without B- in the record: {iob2_violations(flat)}")
                strict = by_sentence(seqeval_strict, tag_sentences)
                default = by_sentence(seqeval_default, tag_sentences)
                if variant == "full":
                    # docs/conll.md: a span over a sentence break goes on
                    # with I-; seqeval's default mode reads one entity per
                    # sentence it covers, strict mode only the first.
                    want_default = pieces(expected, sentence_starts)
                    want_strict = sorted(p for p in want_default if p[1] not in sentence_starts
                                         or any(e[1] == p[1] for e in expected))
                    continuations += len(want_default) - len(expected)
                    starts_with_i += sum(1 for s in tag_sentences if s and s[0].startswith("I-"))
                else:
                    want_default = want_strict = expected
                    violations = by_sentence(lambda tags: [("I", i, i) for i in iob2_violations(tags)],
                                             tag_sentences)
                    if violations:
                        iob2_ok = False
                        detail.append(f"{doc} {annotator}: a sentence starts with I-: {violations}")
                if strict != want_strict:
                    strict_ok = False
                    detail.append(f"{doc} {annotator} strict: {strict} != {want_strict}")
                if default != want_default:
                    default_ok = False
                    detail.append(f"{doc} {annotator} default: {default} != {want_default}")
                if variant == "spacy-ner":
                    got = by_sentence(spacy_entities, tag_sentences)
                    if got != expected:
                        alone_ok = False
                        detail.append(f"{doc} {annotator} spaCy: {got} != {expected}")
            if variant == "full":
                # Each I- that opens a sentence is a span going on over a
                # break; there are such spans in the quote column (and in
                # the entity column none: no break falls inside an entity).
                check(f"{what}, {column} column: a sentence starts with I- exactly where a span goes on "
                      f"over a break ({continuations})",
                      continuations == starts_with_i
                      and (continuations > 0 if column == "quote" else True)
                      and (continuations == 0 if column == "entity" else True),
                      f"{continuations} continuations, {starts_with_i} sentences starting with I-")
            check(f"{what}, {column} column: tokens and spans line up with the sidecars"
                  + (" (spaCy's rules)" if variant == "spacy-ner" else ""), alone_ok, detail[:5])
            check(f"{what}, {column} column: no I- without B- or I- of its type before it "
                  + ("in a record" if variant == "full" else "in a sentence"), iob2_ok, detail[:5])
            check(f"{what}, {column} column: seqeval strict IOB2 reads "
                  + ("the first part of a span over a sentence break" if variant == "full" else "every span whole"),
                  strict_ok, detail[:5])
            check(f"{what}, {column} column: seqeval default mode reads "
                  + ("one entity per sentence a span covers" if variant == "full" else "every span whole"),
                  default_ok, detail[:5])

    check_nltk(tmp, name, outputs, full, spans, nltk_missing)


NLTK_COLUMNS = {
    # docs/conll.md, "Reading it with nltk"
    ("nltk", None): ["words", "pos", "ignore", "chunk"],
    ("nltk", "quote"): ["words", "pos", "ignore", "chunk"],
    ("nltk", "claim"): ["words", "pos", "ignore", "chunk"],
    ("nltk", "all"): ["words", "pos", "ignore", "chunk", "ignore", "ignore"],
    ("spacy-ner", None): ["words", "ne"],
    ("spacy-ner", "quote"): ["words", "ne"],
    ("spacy-ner", "claim"): ["words", "ne"],
}


def check_nltk(tmp, name, outputs, full, spans, missing):
    if missing:
        for key in [("full", None)] + list(NLTK_COLUMNS):
            skip(f"{name}: nltk ConllCorpusReader reads {key[0]}/{key[1] or 'default'}", missing)
        return

    tokens_by_record = [[t for s in sentences for t in s] for _, _, sentences in full]
    all_tokens = [t[0] for r in tokens_by_record for t in r]

    # The full file as it is: the comment lines break nltk's reader.
    got, error = nltk_read(outputs[("full", None)], ["words", "pos", "ignore", "chunk", "ignore", "ignore"])
    check(f"{name}: nltk refuses the full file with its comment lines (why the variants exist)",
          got is None and "ValueError: Inconsistent number of columns" in (error or ""), error)
    # Without them (grep -v '^# '), it reads.
    stripped = os.path.join(tmp, f"{name}-full-stripped.conll")
    with open(outputs[("full", None)], encoding="utf-8") as f, open(stripped, "w", encoding="utf-8") as g:
        g.writelines(line for line in f if not line.startswith("# "))
    got, error = nltk_read(stripped, ["words", "pos", "ignore", "chunk", "ignore", "ignore"])
    check(f"{name}: nltk reads the full file once its '# ' lines are dropped",
          got is not None and [w for s in got["sents"] for w in s] == all_tokens, error)
    if name == "own":
        # Label ids keep their hyphens in the full file, and chunked_sents()
        # splits a tag at each: why the nltk variant writes them as "_".
        got, error = nltk_read(stripped, ["words", "pos", "ignore", "chunk", "ignore", "ignore"], True)
        check(f"{name}: nltk's chunked_sents() raises on the full file's B-news-org",
              got is None and "too many values to unpack" in (error or ""), error)

    for key, columns in NLTK_COLUMNS.items():
        variant, tags = key
        what = f"{name}: nltk ConllCorpusReader reads {variant}/{tags or 'default'} as it is"
        got, error = nltk_read(outputs[key], columns, variant == "nltk")
        if got is None:
            check(what, False, error)
            continue
        words = [w for s in got["sents"] for w in s]
        check(f"{what}: the tokens", words == all_tokens,
              f"{len(words)} tokens, expected {len(all_tokens)}")
        if variant != "nltk":
            # spaCy's document line stands alone: nltk drops the row and
            # keeps an empty sentence, one a record.
            check(f"{what}: one empty sentence per -DOCSTART- line",
                  sum(1 for s in got["sents"] if not s) == len(full), "")
            continue
        # iob_sents: (word, start offset, tag); chunked_sents: the spans.
        column = written_columns(variant, tags)[0]
        ok, detail = True, []
        sentences = [s for s in got["iob"] if s]
        flat = [t for s in sentences for t in s]
        offsets = [str(t[1]) for r in tokens_by_record for t in r]
        if [t[1] for t in flat] != offsets:
            ok = False
            detail.append("the pos column is not the start offset")
        chunks_by_sentence = [c for s, c in zip(got["iob"], got["chunks"]) if s]
        at = 0
        record_sentences = []
        for r, record_tokens in enumerate(tokens_by_record):
            n, found, offset = len(record_tokens), [], 0
            while offset < n:
                sentence = sentences[at]
                found.extend((label, offset + a, offset + b) for label, a, b in chunks_by_sentence[at])
                offset += len(sentence)
                at += 1
            record_sentences.append(sorted(found))
        for (doc, annotator, _), record_tokens, found in zip(full, tokens_by_record, record_sentences):
            want, _ = expected_entities(spans[(doc, annotator)], record_tokens, column,
                                        lambda label: label.replace("-", "_"))
            if found != want:
                ok = False
                detail.append(f"{doc} {annotator}: chunks {found} != {want}")
        check(f"{what}: chunked_sents gives every span of the {column} column, whole", ok, detail[:5])


def test_usage(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    out = os.path.join(tmp, "x.conll")
    cases = [
        ("--conll-variant with another format", ["--format", "jsonl", "--conll-variant", "nltk"]),
        ("--tag-column with another format", ["--format", "brat", "--tag-column", "quote"]),
        ("an unknown variant", ["--format", "conll", "--conll-variant", "spacy"]),
        ("an unknown tag column", ["--format", "conll", "--tag-column", "person"]),
        ("spacy-ner with every column", ["--format", "conll", "--conll-variant", "spacy-ner", "--tag-column", "all"]),
    ]
    for name, args in cases:
        code, stdout, stderr = run("export", *args, "-o", out, corpus)
        check(f"{name}: exit 2, one line on stderr, nothing written",
              code == 2 and stdout == "" and len(stderr.strip().splitlines()) == 1 and not os.path.exists(out),
              f"{code} {stdout} {stderr}")
    code, out_text, _ = run("export", "--help")
    check("export --help shows --conll-variant and --tag-column",
          "--conll-variant" in out_text and "--tag-column" in out_text, out_text)


def test_summary(tmp):
    """--tag-column leaves the other columns' spans out as --labels would:
    the summary counts what the file holds."""
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    spans = read_corpus_spans(corpus)
    quotes = sum(1 for found in spans.values() for s in found if kind_of(s[2]) == "quote")
    out = os.path.join(tmp, "q.conll")
    code, stdout, stderr = export(corpus, out, "spacy-ner", "quote")
    check("spacy-ner/quote: the summary counts the quotes only",
          code == 0 and f", {quotes} spans" in stdout, stdout + stderr)


# attrs/: a label set with attributes of every type (docs/labels.md). The
# choice ones get a column each; "mostly-true" has a hyphen, which the nltk
# variant writes as "_" as it does in labels; "sources" takes several.
ATTR_LABELS = {
    "format": "gloss-labels",
    "version": 1,
    "labels": [
        {"id": "claim", "kind": "claim", "color": "#e5a50a"},
        {"id": "quote", "kind": "quote", "color": "#3584e4"},
        {"id": "politician", "kind": "entity", "color": "#c061cb"},
    ],
    "attributes": [
        {"id": "checkworthy", "type": "boolean", "applies_to": ["kind:claim"]},
        {"id": "verdict", "type": "choice", "applies_to": ["kind:claim"],
         "values": [{"id": "true"}, {"id": "mostly-true"}, {"id": "false"}]},
        {"id": "sources", "type": "choice", "multiple": True, "applies_to": ["claim"],
         "values": [{"id": "ministry"}, {"id": "agency"}]},
        {"id": "form", "type": "choice", "applies_to": ["kind:quote"],
         "values": [{"id": "direct"}, {"id": "indirect"}]},
        {"id": "role", "type": "choice", "applies_to": ["politician"],
         "values": [{"id": "minister"}, {"id": "head-of-state"}]},
        {"id": "wikidata", "type": "text", "pattern": "Q[0-9]+", "applies_to": ["kind:entity"]},
        {"id": "confidence", "type": "number", "applies_to": ["kind:claim"]},
    ],
    "document_labels": [
        {"id": "stance", "type": "choice", "values": [{"id": "for"}, {"id": "against"}]},
    ],
}
ATTR_TEXT = ("The minister Olena Shuliak said: “Exports rose 40% in May. The agency agrees.” "
             "President Zelensky disagreed. Wheat prices fell, the ministry wrote.\n")
ATTR_SPANS = [
    ("politician", "Olena Shuliak", {"role": "minister", "wikidata": "Q123"}),
    ("quote", "“Exports rose 40% in May. The agency agrees.”", {"form": "direct"}),
    ("claim", "Exports rose 40% in May", {"verdict": "mostly-true", "checkworthy": True,
                                          "sources": ["ministry", "agency"], "confidence": 0.5}),
    ("politician", "Zelensky", {"role": "head-of-state"}),
    ("claim", "Wheat prices fell", {"verdict": "false", "undeclared": "kept"}),
    ("politician", "ministry", {}),
]
# The columns --conll-attributes adds, in the label set's order: the choice
# attributes applying to a column written.
ATTR_COLUMNS = {"all": ["verdict", "sources", "form", "role"], "entity": ["role"]}


def make_attribute_corpus(root):
    folder = os.path.join(root, "attrs")
    os.makedirs(folder)
    with open(os.path.join(folder, "gloss-labels.json"), "w", encoding="utf-8") as f:
        json.dump(ATTR_LABELS, f, indent=2)
    with open(os.path.join(folder, "news.txt"), "w", encoding="utf-8") as f:
        f.write(ATTR_TEXT)
    annotations = []
    for n, (label, needle, attributes) in enumerate(ATTR_SPANS):
        start = ATTR_TEXT.index(needle)
        annotation = {"id": f"a-{n:03d}", "label": label, "start": start,
                      "end": start + len(needle), "exact": needle}
        if attributes:
            annotation["attributes"] = attributes
        annotations.append(annotation)
    data = {
        "format": "gloss", "version": 1,
        "document": {"file": "news.txt", "sha256": hashlib.sha256(ATTR_TEXT.encode()).hexdigest(),
                     "length": len(ATTR_TEXT)},
        "annotator": {"id": "dana", "name": "Dana"},
        "document_labels": {"stance": "against"},
        "annotations": annotations,
    }
    with open(os.path.join(folder, "news.txt.dana.gloss.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)


def expected_values(tokens, attribute, columns, spelling):
    """(value, first token, last token) of each span whose label goes to
    a written column and that holds @attribute: its value, several joined
    by "|" in the sidecar's order."""
    starts = {t[1]: i for i, t in enumerate(tokens)}
    ends = {t[2]: i for i, t in enumerate(tokens)}
    found = []
    for label, needle, attributes in ATTR_SPANS:
        if attribute not in attributes or kind_of(label) not in columns:
            continue
        start = ATTR_TEXT.index(needle)
        value = attributes[attribute]
        value = "|".join(value) if isinstance(value, list) else value
        found.append((spelling(value), starts[start], ends[start + len(needle)]))
    return sorted(found)


def lost_values(stdout):
    """The summary's "N attribute values" (not representable), or 0."""
    found = re.search(r"(\d+) attribute values?\b", stdout)
    return int(found.group(1)) if found else 0


def test_attributes(tmp, nltk_missing):
    corpus = os.path.join(tmp, "corpus")
    make_attribute_corpus(corpus)
    n_values = sum(len(a) for _, _, a in ATTR_SPANS)

    # Off (the default): the columns of before, every value lost.
    out = os.path.join(tmp, "off.conll")
    code, stdout, stderr = run("export", "--format", "conll", "-o", out, corpus)
    records = read_full(out)
    with open(out, encoding="utf-8") as f:
        header = f.readline()
    check("attributes off: the header and the lines have the columns of before",
          code == 0 and header == "# columns: token start end entity quote claim\n"
          and all(len(t[3]) == 3 for _, _, ss in records for s in ss for t in s), header + stderr)
    check(f"attributes off: all {n_values} values counted as not representable, and the article field",
          lost_values(stdout) == n_values and "1 article field" in stdout, stdout)

    # On, full and nltk with every column, nltk with the entity column.
    runs = [("full", "all"), ("nltk", "all"), ("nltk", "entity")]
    for variant, tags in runs:
        out = os.path.join(tmp, f"{variant}-{tags}.conll")
        args = ["export", "--format", "conll", "--conll-attributes", "-o", out]
        if variant != "full":
            args += ["--conll-variant", variant, "--tag-column", tags]
        code, stdout, stderr = run(*args, corpus)
        what = f"--conll-attributes, {variant}/{tags}"
        attribute_columns = ATTR_COLUMNS[tags]
        written = list(COLUMNS) if tags == "all" else [tags]
        tag_count = len(written)
        kept = sum(1 for label, _, a in ATTR_SPANS for k in a
                   if k in attribute_columns and kind_of(label) in written)
        total = sum(len(a) for label, _, a in ATTR_SPANS if kind_of(label) in written)
        check(f"{what}: exit 0; the {total - kept} values without a column counted as lost",
              code == 0 and lost_values(stdout) == total - kept, stdout + stderr)
        if variant == "full":
            with open(out, encoding="utf-8") as f:
                header = f.readline()
            check(f"{what}: the header names the attribute columns after the tag columns",
                  header.split() == ["#", "columns:", "token", "start", "end", *COLUMNS, *attribute_columns],
                  header)
            sentences = read_full(out)[0][2]
        else:
            sentences = read_nltk(out)[0]
        tokens = [t for s in sentences for t in s]
        check(f"{what}: every line has {tag_count} + {len(attribute_columns)} tag columns",
              all(len(t[3]) == tag_count + len(attribute_columns) for t in tokens), "")
        spelling = (lambda v: v.replace("-", "_")) if variant == "nltk" else (lambda v: v)
        for a, attribute in enumerate(attribute_columns):
            tag_sentences = [[t[3][tag_count + a] for t in s] for s in sentences]
            flat = [t for s in tag_sentences for t in s]
            want = expected_values(tokens, attribute, written, spelling)
            # The full variant's spans go on over a sentence break (read
            # over the record); the nltk variant's never cross one.
            got = (seqeval_strict(flat) if variant == "full"
                   else by_sentence(seqeval_strict, tag_sentences))
            check(f"{what}, {attribute} column: seqeval strict IOB2 reads each span's value",
                  sorted(got) == want and not iob2_violations(flat), f"{got} != {want}")
        if variant != "nltk":
            continue
        if nltk_missing:
            skip(f"{what}: nltk ConllCorpusReader reads the attribute columns", nltk_missing)
            continue
        for a, attribute in enumerate(attribute_columns):
            # docs/conll.md: the attribute's column as nltk's chunk column.
            columns = ["words", "pos", "ignore"] + ["ignore"] * tag_count + ["ignore"] * len(attribute_columns)
            columns[3 + tag_count + a] = "chunk"
            got, error = nltk_read(out, columns, True)
            if got is None:
                check(f"{what}, {attribute} column: nltk ConllCorpusReader reads it", False, error)
                continue
            found, offset = [], 0
            for sentence, chunks in zip(got["iob"], got["chunks"]):
                found.extend((label, offset + i, offset + j) for label, i, j in chunks)
                offset += len(sentence)
            want = expected_values(tokens, attribute, written, spelling)
            check(f"{what}, {attribute} column: nltk's chunked_sents() gives each span's value",
                  sorted(found) == want, f"{found} != {want}")

    for name, args in [
        ("--conll-attributes with another format", ["--format", "jsonl", "--conll-attributes"]),
        ("--conll-attributes with spacy-ner", ["--format", "conll", "--conll-variant", "spacy-ner",
                                               "--conll-attributes"]),
    ]:
        out = os.path.join(tmp, "refused.conll")
        code, stdout, stderr = run("export", *args, "-o", out, corpus)
        check(f"{name}: exit 2, one line on stderr, nothing written",
              code == 2 and stdout == "" and len(stderr.strip().splitlines()) == 1 and not os.path.exists(out),
              f"{code} {stdout} {stderr}")
    code, out_text, _ = run("export", "--help")
    check("export --help shows --conll-attributes", "--conll-attributes" in out_text, out_text)


def main():
    missing = nltk_available()
    with tempfile.TemporaryDirectory() as tmp:
        sub = os.path.join(tmp, "test_attributes")
        os.mkdir(sub)
        try:
            test_attributes(sub, missing)
        except Exception as e:  # a crash is one failed check, not a lost plan
            check("test_attributes ran to the end", False, repr(e))
        for test in (test_usage, test_summary):
            sub = os.path.join(tmp, test.__name__)
            os.mkdir(sub)
            try:
                test(sub)
            except Exception as e:  # a crash is one failed check, not a lost plan
                check(f"{test.__name__} ran to the end", False, repr(e))

        corpora = [("own", make_corpus)]
        if SAMPLES and os.path.isdir(SAMPLES):
            def copy_samples(dest):
                os.makedirs(dest)
                for name in os.listdir(SAMPLES):
                    if name.endswith((".txt", ".json")):
                        shutil.copy(os.path.join(SAMPLES, name), dest)
            corpora.append(("samples", copy_samples))
        for name, make in corpora:
            sub = os.path.join(tmp, name)
            os.mkdir(sub)
            corpus = os.path.join(sub, "corpus")
            make(corpus)
            try:
                check_corpus(sub, corpus, name, missing)
            except Exception as e:
                check(f"{name}: the checks ran to the end", False, repr(e))

    print(f"1..{len(results)}")
    for i, (name, status, detail) in enumerate(results, 1):
        if status == "skip":
            print(f"ok {i} - {name} # SKIP {detail}")
            continue
        print(f"{status} {i} - {name}")
        if status != "ok" and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
