#!/usr/bin/env python3
"""gloss-cli agree and merge end to end: figures, exit statuses, gold files.

Runs the real binary over copies of the sample corpus and over sidecars
made here. The expected figures are computed here, independently, from
the sidecars' JSON and the article text: a small reimplementation of the
measures of src/model/gloss-agreement.h (span P/R/F1, exact and overlap;
Cohen's kappa, observed agreement, Fleiss' kappa, Krippendorff's alpha and
the confusion matrix over (token, kind) items), with a tokenizer of its
own that is first checked against the CoNLL export's tokens; the per-kind
Cohen's kappa also against scikit-learn's cohen_kappa_score (Debian's
python3-sklearn; skipped when it is not installed). Prints TAP. Otherwise
standard library only.
"""
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter

CLI = os.path.abspath(sys.argv[1])
SAMPLES = os.environ.get("GLOSS_SAMPLES_DIR")

ARTICLES = ("harbour-bridge-vote.txt", "kyiv-grain-talks.txt", "river-flood-report.txt")
TOLERANCE = 1e-6

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


def run_json(*args, cwd=None):
    """(exit status, parsed stdout or None, raw stdout, stderr)"""
    code, out, err = run(*args, cwd=cwd)
    try:
        data = json.loads(out)
    except ValueError:
        data = None
    return code, data, out, err


def copy_samples(dest):
    os.makedirs(dest, exist_ok=True)
    for name in os.listdir(SAMPLES):
        if name.endswith((".txt", ".json")):
            shutil.copy(os.path.join(SAMPLES, name), dest)


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    return text[1:] if text.startswith("\ufeff") else text


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def sidecar_path(folder, article, annotator):
    return os.path.join(folder, f"{article}.{annotator}.gloss.json")


def make_sidecar(folder, article, annotator, annotations, relations=None, template="alice"):
    """A sidecar of @annotator for @article, its document block taken from
    the template annotator's sidecar in @folder (docs/sidecar.md)."""
    data = read_json(sidecar_path(folder, article, template))
    data["annotator"] = {"id": annotator, "name": annotator.capitalize()}
    data["annotations"] = annotations
    data["relations"] = relations if relations is not None else []
    write_json(sidecar_path(folder, article, annotator), data)


def placed(data):
    return [(a["start"], a["end"], a["label"]) for a in data["annotations"] if not a.get("orphaned")]


# ------------------------------------------------------------------ #
# Tokens: the CoNLL export's (docs/conll.md), for these texts          #
# ------------------------------------------------------------------ #

# UAX #29 word-break classes, only what joins letters and digits.
MID_LETTER = set(":\u00b7\u0387\u05f4\u2027\ufe13\ufe55\uff1a")
MID_NUM_LET = set(".'\u2018\u2019\u2024\ufe52\uff07\uff0e")
MID_NUM = set(",;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b")


def _is_letter(c):
    return unicodedata.category(c)[0] == "L"


def _is_digit(c):
    return unicodedata.category(c) == "Nd"


def _is_alnum(c):
    return unicodedata.category(c)[0] in "LN"


def _is_extend(c):
    """Stays with the character before it in one grapheme cluster."""
    return (unicodedata.category(c)[0] == "M" or c in "\u200d\ufe0e\ufe0f"
            or 0x1F3FB <= ord(c) <= 0x1F3FF)


def _is_regional_indicator(c):
    return 0x1F1E6 <= ord(c) <= 0x1F1FF


def _is_blank(c):
    return c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp")


APOSTROPHES = "'\u2019"
CLITICS = ("s", "S", "m", "M", "d", "D", "ll", "LL", "re", "RE", "ve", "VE")


def _split_clitics(text, i, j):
    """The word text[i:j] as tokens: English clitics at its end cut off,
    again and again ("should", "n't", "'ve"), as NLTK's Treebank tokenizer
    cuts them (ENDING_QUOTES in nltk/tokenize/treebank.py), with either
    apostrophe. "O'Brien" stays whole: "Brien" is no clitic."""
    cuts, end = [], j
    while True:
        word = text[i:end]
        cut = None
        for clitic in CLITICS:
            k = len(clitic) + 1
            if len(word) > k and word[-k] in APOSTROPHES and word.endswith(clitic):
                cut = end - k
                break
        if cut is None and len(word) > 3 and word[-2] in APOSTROPHES and word[-3:-2] + word[-1:] in ("nt", "NT"):
            cut = end - 3
        if cut is None:
            break
        cuts.append(cut)
        end = cut
    bounds = [i] + sorted(cuts) + [j]
    return list(zip(bounds, bounds[1:]))


def tokenize(text):
    """[(start, end)] in code points: words (letters and digits, joined by
    an apostrophe or point between letters, or a point or comma between
    digits), and one token per non-blank grapheme cluster outside them."""
    tokens = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if _is_alnum(c) or c == "_":
            j, last = i + 1, c
            while j < n:
                d = text[j]
                if _is_alnum(d) or d == "_" or _is_extend(d):
                    if not _is_extend(d):
                        last = d
                    j += 1
                    continue
                if j + 1 < n and _is_alnum(text[j + 1]):
                    after = text[j + 1]
                    if _is_letter(last) and _is_letter(after) and (d in MID_LETTER or d in MID_NUM_LET):
                        j, last = j + 2, after
                        continue
                    if _is_digit(last) and _is_digit(after) and (d in MID_NUM or d in MID_NUM_LET):
                        j, last = j + 2, after
                        continue
                break
            if any(_is_alnum(x) for x in text[i:j]):
                tokens.extend(_split_clitics(text, i, j))
            i = j
            continue
        j = i + 1
        if c == "\r" and j < n and text[j] == "\n":
            j += 1
        elif _is_regional_indicator(c) and j < n and _is_regional_indicator(text[j]):
            j += 1
        while j < n and _is_extend(text[j]):
            j += 2 if text[j] == "\u200d" and j + 1 < n else 1
        if not _is_blank(c):
            tokens.append((i, j))
        i = j
    return tokens


def read_conll(path):
    """{(article, annotator): [(start, end, token, entity, quote, claim)]}"""
    records, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# doc: "):
                doc, annotator = line[len("# doc: "):].split(" annotator: ")
                current = records.setdefault((doc, annotator), [])
            elif line.startswith("# ") or line == "":
                continue
            else:
                token, start, end, entity, quote, claim = line.split("\t")
                current.append((int(start), int(end), token, entity, quote, claim))
    return records


# ------------------------------------------------------------------ #
# The measures, from the header comment of gloss-agreement.h           #
# ------------------------------------------------------------------ #

BUILTIN_LABELS = ("claim", "quote", "person", "organization", "location", "misc")
KINDS = ("entity", "quote", "claim")


def kind_of(label):
    # The built-in label set; a label it does not know counts as an entity.
    return {"claim": "claim", "quote": "quote"}.get(label, "entity")


def label_order(used):
    """Labels of the label set in its order, then the others by id."""
    return [l for l in BUILTIN_LABELS if l in used] + sorted(l for l in used if l not in BUILTIN_LABELS)


def categorize(tokens, spans):
    """One category (label or None for O) per item, kind-major: the label
    of the longest span of the kind over the token, a span that shares a
    token with a longer one of its kind (or as long and earlier) being
    lost, as in the CoNLL export."""
    columns = {k: [None] * len(tokens) for k in KINDS}
    ranked = []
    for index, (start, end, label) in enumerate(spans):
        covered = [t for t, (ts, te) in enumerate(tokens) if te > start and ts < end]
        if covered:
            ranked.append((-(end - start), start, index, label, covered))
    ranked.sort(key=lambda r: r[:3])
    for _, _, _, label, covered in ranked:
        column = columns[kind_of(label)]
        if all(column[t] is None for t in covered):
            for t in covered:
                column[t] = label
    return {k: columns[k] for k in KINDS}


class Article:
    def __init__(self, name, text, spans, sidecars=None):
        """@spans: {annotator: [(start, end, label)] in document order};
        @sidecars: {annotator: the sidecar's JSON}, for attributes and
        article fields"""
        self.name = name
        self.tokens = tokenize(text)
        self.spans = spans
        self.categories = {a: categorize(self.tokens, s) for a, s in spans.items()}
        self.attributes = {}   # annotator: {(start, end, label): attributes}, first of duplicates
        self.fields = {}       # annotator: document_labels
        for a, data in (sidecars or {}).items():
            by_bounds = {}
            for ann in data["annotations"]:
                if not ann.get("orphaned"):
                    by_bounds.setdefault((ann["start"], ann["end"], ann["label"]), ann.get("attributes", {}))
            self.attributes[a] = by_bounds
            self.fields[a] = data.get("document_labels", {})


def load_article(folder, name, annotators):
    sidecars = {a: read_json(sidecar_path(folder, name, a)) for a in annotators}
    spans = {a: placed(data) for a, data in sidecars.items()}
    return Article(name, read_text(os.path.join(folder, name)), spans, sidecars)


# ------------------------------------------------------------------ #
# Attributes and article fields (docs/agreement.md)                    #
# ------------------------------------------------------------------ #

def value_is_set(value):
    return value is not None and value != []


def value_category(value):
    """A single value's category; types kept apart (True is not 1 here)."""
    if not value_is_set(value):
        return ("unset",)
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, (int, float)):
        return ("d", float(value))
    return ("s", value)


def given_choices(units):
    """{id: values given} of the multiple-choice attributes in @units."""
    out = {}
    for sets in units:
        for s in sets:
            for ident, v in s.items():
                if isinstance(v, list):
                    out.setdefault(ident, set()).update(v)
    return out


def attribute_items(units, universe=None):
    """{key: [categories of each rater, per item]} for @units, each a list
    of the raters' attribute objects: an item is a unit on which someone
    set the attribute; a multiple-choice one (a list) is one item list per
    value given anywhere in what is counted (@universe, {id: values}; the
    values given in @units if None), "id=value", each rater True when the
    value is among theirs."""
    single, multiple = {}, {}
    for sets in units:
        ids = set().union(*(s.keys() for s in sets))
        for ident in ids:
            values = [s.get(ident) for s in sets]
            if not any(value_is_set(v) for v in values):
                continue
            if any(isinstance(v, list) for v in values):
                multiple.setdefault(ident, []).append(values)
            else:
                single.setdefault(ident, []).append(tuple(value_category(v) for v in values))
    out = dict(single)
    for ident, items in multiple.items():
        choices = set()
        for values in items:
            for v in values:
                if isinstance(v, list):
                    choices.update(v)
                elif isinstance(v, str):
                    choices.add(v)
        if universe is not None:
            choices |= universe.get(ident, set())
        for choice in choices:
            out[f"{ident}={choice}"] = [
                tuple((choice in v) if isinstance(v, list) else (v == choice) for v in values)
                for values in items]
    return out


def nominal_cohen(items):
    n = len(items)
    if n == 0:
        return None
    agreed = sum(1 for a, b in items if a == b)
    count_a = Counter(a for a, _ in items)
    count_b = Counter(b for _, b in items)
    chance_num = sum(count_a[c] * count_b[c] for c in count_a)
    if chance_num == n * n:
        return None
    po, pe = agreed / n, chance_num / (n * n)
    return (po - pe) / (1 - pe)


def nominal_mean_observed(items, n):
    if not items:
        return None
    return sum((sum(v * v for v in Counter(cats).values()) - n) / (n * (n - 1)) for cats in items) / len(items)


def nominal_fleiss(items, n):
    if not items:
        return None
    size = len(items)
    totals = Counter()
    for cats in items:
        totals.update(Counter(cats))
    if sum(v * v for v in totals.values()) == (size * n) ** 2:
        return None
    p_e = sum((v / (size * n)) ** 2 for v in totals.values())
    return (nominal_mean_observed(items, n) - p_e) / (1 - p_e)


def krippendorff_alpha(items):
    """Nominal alpha by Krippendorff's definition (Content Analysis, 3rd
    ed., 2013, §12.2.3, and "Computing Krippendorff's Alpha-Reliability",
    2011): the coincidence matrix o_ck = Σ_u Σ_{i≠j} [c_ui = c][c_uj = k] /
    (m_u − 1) over the units with two or more values, n_c its margins, and
    α = 1 − (n.. − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k. Values may be
    missing (None): a unit counts with the values it has."""
    coincidences = Counter()
    for cats in items:
        values = [c for c in cats if c is not None]
        m = len(values)
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    coincidences[(values[i], values[j])] += 1 / (m - 1)
    totals = Counter()
    for (c, _), v in coincidences.items():
        totals[c] += v
    n_values = sum(totals.values())
    if n_values <= 1:
        return None
    disagreeing = sum(v for (c, k), v in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected <= 0:
        return None
    return 1 - (n_values - 1) * disagreeing / expected


def attribute_figures(ids, units_of_pair, units_of_all):
    """The "attributes" (or "document_labels") object of `agree --json`:
    @units_of_pair(a, b) and @units_of_all() give the units as lists of
    the raters' attribute objects."""
    n = len(ids)
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    # A value given by anyone on any counted item is one against the rest
    # on every item of its attribute, for each pair too.
    universe = given_choices(units_of_all())
    for p in pairs:
        for ident, values in given_choices(units_of_pair(*p)).items():
            universe.setdefault(ident, set()).update(values)
    everyone = attribute_items(units_of_all(), universe)
    of_pair = {p: attribute_items(units_of_pair(*p), universe) for p in pairs}
    out = {}
    for key in sorted(everyone.keys() | set().union(*(set(d) for d in of_pair.values()))):
        items = everyone.get(key, [])
        entry = {"items": len(items), "pairs": []}
        for a, b in pairs:
            pair_items = of_pair[(a, b)].get(key, [])
            entry["pairs"].append({"a": ids[a], "b": ids[b], "items": len(pair_items),
                                   "observed": ratio(sum(1 for x, y in pair_items if x == y), len(pair_items)),
                                   "cohen_kappa": nominal_cohen(pair_items)})
        entry["observed"] = nominal_mean_observed(items, n)
        entry["fleiss_kappa"] = nominal_fleiss(items, n)
        entry["krippendorff_alpha"] = krippendorff_alpha(items)
        out[key] = entry
    return out


def span_counts(reference, candidate, label):
    """[|a|, |b|, exact matches, overlap matches] for @label."""
    a = [(s, e) for s, e, l in reference if l == label]
    b = [(s, e) for s, e, l in candidate if l == label]
    exact = sum((Counter(a) & Counter(b)).values())
    pairs = []
    for i, (a_start, a_end) in enumerate(a):
        for j, (b_start, b_end) in enumerate(b):
            shared = min(a_end, b_end) - max(a_start, b_start)
            if shared > 0:
                pairs.append((-shared, a_start, b_start, i, j))
    pairs.sort()
    used_a, used_b, overlap = set(), set(), 0
    for _, _, _, i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            overlap += 1
    return [len(a), len(b), exact, overlap]


def ratio(num, den):
    return num / den if den else None


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


class Reference:
    """Every figure `agree --json` gives, for @articles and annotators @ids."""

    def __init__(self, articles, ids):
        self.articles = articles
        self.ids = list(ids)
        self.n = len(ids)
        self.pairs = [(a, b) for a in range(self.n) for b in range(a + 1, self.n)]
        used = {l for art in articles for i in ids for _, _, l in art.spans[i]}
        self.labels = label_order(used)
        self.counts = {(l, p): [0, 0, 0, 0] for l in self.labels for p in self.pairs}
        self.items = []       # (kind, (category of each annotator))
        self.n_tokens = 0
        for art in articles:
            for l in self.labels:
                for p in self.pairs:
                    c = span_counts(art.spans[ids[p[0]]], art.spans[ids[p[1]]], l)
                    self.counts[(l, p)] = [x + y for x, y in zip(self.counts[(l, p)], c)]
            for k in KINDS:
                self.items.extend((k, cats) for cats in zip(*(art.categories[i][k] for i in ids)))
            self.n_tokens += len(art.tokens)

    # spans

    def summed(self, labels, pairs, match):
        ref = sum(self.counts[(l, p)][0] for l in labels for p in pairs)
        cand = sum(self.counts[(l, p)][1] for l in labels for p in pairs)
        matched = sum(self.counts[(l, p)][2 if match == "exact" else 3] for l in labels for p in pairs)
        return ref, cand, matched

    def span_json(self, pairs, label):
        out = {}
        for match in ("exact", "overlap"):
            ref, cand, matched = self.summed(self.labels if label is None else [label], pairs, match)
            score = {"precision": ratio(matched, cand), "recall": ratio(matched, ref),
                     "f1": ratio(2 * matched, ref + cand),
                     "matched": matched, "reference": ref, "candidate": cand}
            if label is None:
                f1s = []
                for l in self.labels:
                    r, c, m = self.summed([l], pairs, match)
                    f1s.append(ratio(2 * m, r + c))
                score["macro_f1"] = mean(f1s)
            out[match] = score
        return out

    # tokens

    def scoped(self, label, kind=None):
        """The items' categories: all; for @label those of its kind as
        True (the label) or False (anything else); for @kind, that kind's
        items alone, categories as they are."""
        if kind is not None:
            return [cats for k, cats in self.items if k == kind]
        if label is None:
            return [cats for _, cats in self.items]
        kind = kind_of(label)
        return [tuple(c == label for c in cats) for k, cats in self.items if k == kind]

    def cohen(self, a, b, label=None, kind=None):
        items = self.scoped(label, kind)
        n = len(items)
        if n == 0:
            return None
        agreed = sum(1 for cats in items if cats[a] == cats[b])
        count_a = Counter(cats[a] for cats in items)
        count_b = Counter(cats[b] for cats in items)
        chance_num = sum(count_a[c] * count_b[c] for c in count_a)
        if chance_num == n * n:
            return None
        po, pe = agreed / n, chance_num / (n * n)
        return (po - pe) / (1 - pe)

    def observed(self, a, b, kind=None):
        items = self.scoped(None, kind)
        return ratio(sum(1 for cats in items if cats[a] == cats[b]), len(items))

    def mean_observed(self, kind=None):
        """Fleiss' P̄: the share of agreeing pairs, averaged over items."""
        items = self.scoped(None, kind)
        if not items:
            return None
        n = self.n
        total = 0.0
        for cats in items:
            counts = Counter(cats)
            total += (sum(v * v for v in counts.values()) - n) / (n * (n - 1))
        return total / len(items)

    def fleiss(self, label=None, kind=None):
        items = self.scoped(label, kind)
        if not items:
            return None
        n, size = self.n, len(items)
        p_bar = 0.0
        totals = Counter()
        for cats in items:
            counts = Counter(cats)
            totals.update(counts)
            p_bar += (sum(v * v for v in counts.values()) - n) / (n * (n - 1))
        p_bar /= size
        if sum(v * v for v in totals.values()) == (size * n) ** 2:
            return None
        p_e = sum((v / (size * n)) ** 2 for v in totals.values())
        return (p_bar - p_e) / (1 - p_e)

    def alpha(self, label=None, kind=None):
        """Nominal, from the coincidence matrix, every value pairable."""
        items = self.scoped(label, kind)
        if not items:
            return None
        n = self.n
        coincidences = Counter()
        for cats in items:
            for i in range(n):
                for j in range(n):
                    if i != j:
                        coincidences[(cats[i], cats[j])] += 1 / (n - 1)
        totals = Counter()
        for (c, _), v in coincidences.items():
            totals[c] += v
        n_values = sum(totals.values())
        observed = sum(v for (c, k), v in coincidences.items() if c != k) / n_values
        expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k) \
            / (n_values * (n_values - 1))
        if expected <= 0:
            return None
        return 1 - observed / expected

    def span_units(self, *raters):
        """The spans all of @raters marked alike, as their attribute objects."""
        units = []
        for art in self.articles:
            tables = [art.attributes.get(self.ids[r], {}) for r in raters]
            for key in tables[0]:
                if all(key in t for t in tables[1:]):
                    units.append([t[key] for t in tables])
        return units

    def field_units(self, *raters):
        return [[art.fields.get(self.ids[r], {}) for r in raters] for art in self.articles]

    def confusion(self):
        categories = self.labels + [None]
        index = {c: i for i, c in enumerate(categories)}
        size = len(categories)
        matrix = [[0] * size for _ in range(size)]
        pairs = [(0, 1)] if self.n == 2 else self.pairs
        for _, cats in self.items:
            for a, b in pairs:
                matrix[index[cats[a]]][index[cats[b]]] += 1
                if self.n > 2:
                    matrix[index[cats[b]]][index[cats[a]]] += 1
        return {"categories": self.labels + ["O"], "matrix": matrix}

    def kinds(self):
        """Each layer alone: its items, its labels and O as categories."""
        out = {}
        for kind in KINDS:
            out[kind] = {
                "used": any(kind_of(l) == kind for l in self.labels),
                "pairs": [{"a": self.ids[a], "b": self.ids[b],
                           "cohen_kappa": self.cohen(a, b, kind=kind)} for a, b in self.pairs],
                "observed": self.mean_observed(kind),
                "fleiss_kappa": self.fleiss(kind=kind),
                "krippendorff_alpha": self.alpha(kind=kind),
            }
        return out

    def figures(self, by_label):
        out = {
            "tokens": self.n_tokens,
            "pairs": [{"a": self.ids[a], "b": self.ids[b],
                       "spans": self.span_json([(a, b)], None),
                       "observed": self.observed(a, b),
                       "cohen_kappa": self.cohen(a, b)} for a, b in self.pairs],
            "spans": self.span_json(self.pairs, None),
            "observed": self.mean_observed(),
            "fleiss_kappa": self.fleiss(),
            "krippendorff_alpha": self.alpha(),
            "kinds": self.kinds(),
            "attributes": attribute_figures(self.ids, self.span_units, lambda: self.span_units(*range(self.n))),
            "document_labels": attribute_figures(self.ids, self.field_units, lambda: self.field_units(*range(self.n))),
            "confusion": self.confusion(),
        }
        if by_label:
            out["labels"] = {}
            for l in self.labels:
                entry = {"spans": self.span_json(self.pairs, l),
                         "fleiss_kappa": self.fleiss(l),
                         "krippendorff_alpha": self.alpha(l)}
                if self.n == 2:
                    entry["cohen_kappa"] = self.cohen(0, 1, l)
                out["labels"][l] = entry
        return out


def expected_report(articles, ids, by_label):
    return {
        "annotators": list(ids),
        "articles": [{"article": art.name, "figures": Reference([art], ids).figures(by_label)}
                     for art in articles],
        "corpus": {"articles": len(articles), "figures": Reference(articles, ids).figures(by_label)},
    }


def differences(expected, got, path="", out=None):
    """Where @got differs from @expected: numbers to TOLERANCE, None (NaN)
    only as null, the same keys and list lengths."""
    if out is None:
        out = []
    if len(out) > 20:
        return out
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            out.append(f"{path}: expected an object, got {got!r}")
        elif set(expected) != set(got):
            out.append(f"{path}: keys {sorted(got)}, expected {sorted(expected)}")
        else:
            for k in expected:
                differences(expected[k], got[k], f"{path}.{k}", out)
    elif isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            out.append(f"{path}: {got!r}, expected {expected!r}")
        else:
            for i, (e, g) in enumerate(zip(expected, got)):
                differences(e, g, f"{path}[{i}]", out)
    elif expected is None:
        if got is not None:
            out.append(f"{path}: {got!r}, expected null (NaN)")
    elif isinstance(expected, bool) or isinstance(expected, str):
        if expected != got:
            out.append(f"{path}: {got!r}, expected {expected!r}")
    elif isinstance(expected, int):
        # Counts: exactly.
        if got != expected or isinstance(got, bool):
            out.append(f"{path}: {got!r}, expected {expected!r}")
    else:
        if not isinstance(got, (int, float)) or isinstance(got, bool) \
                or math.isnan(got) or abs(got - expected) > TOLERANCE:
            out.append(f"{path}: {got!r}, expected {expected!r}")
    return out


def compare_report(name, expected, got):
    """The parts of `agree --json` the reference gives (not "skipped")."""
    if got is None:
        check(name, False, "no JSON")
        return
    trimmed = {k: v for k, v in got.items() if k != "skipped"}
    trimmed["articles"] = [{**a, "article": os.path.basename(a.get("article", ""))}
                           for a in got.get("articles", [])]
    diff = differences(expected, trimmed)
    check(name, not diff, "\n".join(diff))


# ------------------------------------------------------------------ #
# Tests                                                                #
# ------------------------------------------------------------------ #

def test_help():
    code, out, err = run("--help")
    check("gloss-cli --help lists agree and merge", code == 0 and "agree" in out and "merge" in out, out + err)
    code, out, err = run("agree", "--help")
    check("agree --help exits 0 and shows its options",
          code == 0 and "--json" in out and "--by-label" in out and "--annotators" in out, out + err)
    code, out, err = run("merge", "--help")
    check("merge --help exits 0 and shows its options",
          code == 0 and "--strategy" in out and "--annotator" in out, out + err)
    code, out, err = run("agree")
    check("agree with no path exits 2", code == 2 and out == "", f"{code} {out} {err}")


def test_tokens_match_conll(tmp):
    """The reference's tokens and categories are those of the CoNLL export."""
    corpus = os.path.join(tmp, "corpus")
    copy_samples(corpus)
    out = os.path.join(tmp, "out.conll")
    code, stdout, err = run("export", "--format", "conll", "-o", out, corpus)
    check("conll export of the samples (exit 0)", code == 0, stdout + err)
    records = read_conll(out)
    check("conll export has 6 records", len(records) == 6, sorted(records))
    for (doc, annotator), rows in sorted(records.items()):
        art = load_article(corpus, doc, [annotator])
        text = read_text(os.path.join(corpus, doc))
        mine = [(s, e, text[s:e]) for s, e in art.tokens]
        theirs = [(s, e, t) for s, e, t, *_ in rows]
        detail = ""
        if mine != theirs:
            k = next((k for k, (x, y) in enumerate(zip(mine, theirs)) if x != y), min(len(mine), len(theirs)))
            detail = f"token {k}: mine {mine[k:k + 3]} export {theirs[k:k + 3]} ({len(mine)}/{len(theirs)})"
        check(f"tokenizer matches the conll tokens of {doc} ({annotator})", mine == theirs, detail)

        def tag_label(tag):
            return None if tag == "O" else tag[2:]
        exported = {"entity": [tag_label(r[3]) for r in rows],
                    "quote": [tag_label(r[4]) for r in rows],
                    "claim": [tag_label(r[5]) for r in rows]}
        check(f"reference categories match the conll tags of {doc} ({annotator})",
              len(mine) != len(theirs) or exported == art.categories[annotator])


def sample_articles(folder, ids):
    return [load_article(folder, name, ids) for name in ARTICLES]


def test_agree_samples(tmp):
    copy_samples(tmp)
    before = {name: read_bytes(os.path.join(tmp, name)) for name in os.listdir(tmp)}
    ids = ["alice", "bilal"]
    articles = sample_articles(tmp, ids)

    code, out, err = run("agree", ".", cwd=tmp)
    check("agree on the samples exits 0", code == 0, out + err)
    check("agree table names the 3 articles and the corpus line",
          all(name in out for name in ARTICLES) and "Corpus: 3 articles, annotators alice, bilal" in out, out)
    check("agree table gives Cohen's kappa and Krippendorff's alpha",
          "Cohen's kappa" in out and "Krippendorff's alpha" in out, out)
    check("agree prints nothing on stderr for clean samples", err == "", err)

    code, report, out, err = run_json("agree", "--json", ".", cwd=tmp)
    check("agree --json exits 0 and parses", code == 0 and report is not None, out + err)
    if report is None:
        return
    check("agree --json: annotators alice, bilal", report.get("annotators") == ids, report.get("annotators"))
    check("agree --json: 3 articles, corpus says 3",
          len(report.get("articles", [])) == 3 and report.get("corpus", {}).get("articles") == 3,
          [a.get("article") for a in report.get("articles", [])])
    check("agree --json: nothing skipped", report.get("skipped") == [], report.get("skipped"))
    check("agree --json: no per-label figures without --by-label",
          "labels" not in report["corpus"]["figures"]
          and all("labels" not in a["figures"] for a in report["articles"]), "")
    check("agree --json: the documented sample differences (28, 30, 30 spans alike)",
          [a["figures"]["spans"]["exact"]["matched"] for a in report["articles"]] == [28, 30, 30],
          [a["figures"]["spans"]["exact"] for a in report["articles"]])
    compare_report("agree --json figures match the reference (per article and corpus)",
                   expected_report(articles, ids, False), report)

    code, report, out, err = run_json("agree", "--json", "--by-label", ".", cwd=tmp)
    check("agree --json --by-label exits 0 and parses", code == 0 and report is not None, out + err)
    if report is not None:
        compare_report("agree --json --by-label figures match the reference",
                       expected_report(articles, ids, True), report)
        harbour = report["articles"][0]["figures"].get("labels", {})
        misc = harbour.get("misc", {}).get("spans", {}).get("exact", {})
        check("NaN is null: harbour misc precision (bilal has no misc there)",
              "precision" in misc and misc["precision"] is None and misc.get("recall") == 0, misc)
        check("--by-label lists the labels used, label set order",
              list(report["corpus"]["figures"].get("labels", {})) == list(BUILTIN_LABELS),
              list(report["corpus"]["figures"].get("labels", {})))

    code, out, err = run("agree", "--by-label", ".", cwd=tmp)
    check("agree --by-label table lists each label",
          code == 0 and all(f"  {l} " in out or f"{l}  " in out for l in BUILTIN_LABELS), out)

    # Named annotators, the order they are given in.
    code, report, out, err = run_json("agree", "--json", "--annotators", "bilal,alice", ".", cwd=tmp)
    check("--annotators bilal,alice: that order", code == 0 and report is not None
          and report["annotators"] == ["bilal", "alice"], out + err)
    if report is not None:
        compare_report("--annotators bilal,alice figures match the reference (bilal as reference)",
                       expected_report(sample_articles(tmp, ["bilal", "alice"]), ["bilal", "alice"], False),
                       report)

    # One article by its path.
    code, report, out, err = run_json("agree", "--json", "kyiv-grain-talks.txt", cwd=tmp)
    check("agree on one article", code == 0 and report is not None and len(report["articles"]) == 1,
          out + err)
    if report is not None:
        compare_report("one article's figures match the reference",
                       expected_report([load_article(tmp, "kyiv-grain-talks.txt", ids)], ids, False), report)

    after = {name: read_bytes(os.path.join(tmp, name)) for name in os.listdir(tmp)}
    check("agree writes nothing", before == after, sorted(set(after) - set(before)))


def single_article_corpus(tmp, name, annotations):
    """A folder @name with the harbour article and one sidecar per
    annotator in @annotations ({id: list of annotation objects})."""
    folder = os.path.join(tmp, name)
    os.mkdir(folder)
    shutil.copy(os.path.join(SAMPLES, "harbour-bridge-vote.txt"), folder)
    shutil.copy(os.path.join(SAMPLES, "harbour-bridge-vote.txt.alice.gloss.json"), folder)
    for annotator, items in annotations.items():
        make_sidecar(folder, "harbour-bridge-vote.txt", annotator, items)
    return folder


def test_degenerate(tmp):
    article = "harbour-bridge-vote.txt"
    alice = read_json(os.path.join(SAMPLES, article + ".alice.gloss.json"))["annotations"]
    ids = ["alice", "bilal"]

    # One annotator marked nothing.
    folder = single_article_corpus(tmp, "empty", {"alice": alice, "bilal": []})
    code, report, out, err = run_json("agree", "--json", "--by-label", ".", cwd=folder)
    check("one annotator marked nothing: exit 0, one article",
          code == 0 and report is not None and len(report["articles"]) == 1, out + err)
    if report is not None:
        figures = report["corpus"]["figures"]
        exact = figures["spans"]["exact"]
        check("marked nothing: F1 0, recall 0, precision null (no candidate span)",
              exact["f1"] == 0 and exact["recall"] == 0 and exact["precision"] is None
              and exact["candidate"] == 0 and exact["reference"] == len(alice), exact)
        check("marked nothing: kappa 0 (agreement no better than chance)",
              figures["pairs"][0]["cohen_kappa"] is not None and abs(figures["pairs"][0]["cohen_kappa"]) < 1e-9,
              figures["pairs"][0])
        compare_report("marked nothing: figures match the reference",
                       expected_report([load_article(folder, article, ids)], ids, True), report)
    code, out, err = run("agree", ".", cwd=folder)
    check("marked nothing: the table shows n/a for what is undefined", code == 0 and "n/a" in out, out + err)

    # Neither marked anything: every figure undefined.
    folder = single_article_corpus(tmp, "both-empty", {"alice": [], "bilal": []})
    code, report, out, err = run_json("agree", "--json", ".", cwd=folder)
    check("nobody marked anything: exit 0 and parses", code == 0 and report is not None, out + err)
    if report is not None:
        figures = report["corpus"]["figures"]
        check("nobody marked anything: kappa, Fleiss, alpha and F1 are null, observed 1",
              figures["pairs"][0]["cohen_kappa"] is None and figures["fleiss_kappa"] is None
              and figures["krippendorff_alpha"] is None and figures["spans"]["exact"]["f1"] is None
              and figures["observed"] == 1, figures)
        compare_report("nobody marked anything: figures match the reference",
                       expected_report([load_article(folder, article, ids)], ids, False), report)

    # Identical sidecars.
    folder = single_article_corpus(tmp, "identical", {"alice": alice, "bilal": alice})
    code, report, out, err = run_json("agree", "--json", "--by-label", ".", cwd=folder)
    check("identical sidecars: exit 0 and parses", code == 0 and report is not None, out + err)
    if report is not None:
        figures = report["corpus"]["figures"]
        pair = figures["pairs"][0]
        check("identical sidecars: kappa 1, F1 1 (exact and overlap), alpha 1, Fleiss 1, observed 1",
              pair["cohen_kappa"] == 1 and pair["spans"]["exact"]["f1"] == 1
              and pair["spans"]["overlap"]["f1"] == 1 and pair["observed"] == 1
              and figures["fleiss_kappa"] == 1 and figures["krippendorff_alpha"] == 1, figures)
        matrix = figures["confusion"]["matrix"]
        check("identical sidecars: the confusion matrix is diagonal",
              all(matrix[r][c] == 0 for r in range(len(matrix)) for c in range(len(matrix)) if r != c), matrix)
        compare_report("identical sidecars: figures match the reference",
                       expected_report([load_article(folder, article, ids)], ids, True), report)

    # Spans of one kind that overlap: the longest wins its tokens, the
    # others are lost (the CoNLL rule), checked against the export too;
    # PORT ELLERY goes to a longer organization, itself lost to a longer
    # misc span that crosses it.
    folder = single_article_corpus(tmp, "nested", {})
    text = read_text(os.path.join(folder, article))
    tokens = tokenize(text)
    location = next(a for a in alice if a["label"] == "location")
    last = max(t for t, (s, e) in enumerate(tokens) if s < location["end"])
    first = min(t for t, (s, e) in enumerate(tokens) if e > location["start"])

    def span(ident, label, start, end):
        return {"id": ident, "label": label, "start": start, "end": end, "exact": text[start:end]}
    wrap = span("n-wrap", "organization", location["start"], tokens[last + 1][1])
    cross = span("n-cross", "misc", tokens[last + 1][0], tokens[last + 3][1])
    inner = span("n-inner", "person", tokens[first][0], tokens[first][1])
    make_sidecar(folder, article, "alice", alice + [wrap, cross, inner])
    # "event" is not in the label set: an entity, listed after its labels.
    make_sidecar(folder, article, "bilal", alice + [cross, span("n-other", "event", tokens[last][0],
                                                                tokens[last + 2][1])])
    out = os.path.join(tmp, "nested.conll")
    code, stdout, err = run("export", "--format", "conll", "-o", out, folder)
    records = read_conll(out) if code == 0 else {}
    art = load_article(folder, article, ids)
    for annotator in ids:
        rows = records.get((article, annotator), [])
        exported = [None if r[3] == "O" else r[3][2:] for r in rows]
        check(f"nested spans: reference entity tags match the conll export ({annotator})",
              exported == art.categories[annotator]["entity"],
              [(r[2], r[3], c) for r, c in zip(rows, art.categories[annotator]["entity"]) if r[3][2:] != (c or "")][:5])
    code, report, out, err = run_json("agree", "--json", "--by-label", ".", cwd=folder)
    check("nested spans: exit 0 and parses", code == 0 and report is not None, out + err)
    if report is not None:
        compare_report("nested spans: figures match the reference",
                       expected_report([art], ids, True), report)
        check("an unknown label comes after the label set's, before O",
              report["corpus"]["figures"]["confusion"]["categories"][-2:] == ["event", "O"],
              report["corpus"]["figures"]["confusion"]["categories"])

    # An article only one annotator has a sidecar for.
    folder = os.path.join(tmp, "skipped")
    copy_samples(folder)
    shutil.copy(os.path.join(folder, article), os.path.join(folder, "extra-article.txt"))
    data = read_json(os.path.join(folder, article + ".alice.gloss.json"))
    data["document"]["file"] = "extra-article.txt"
    write_json(os.path.join(folder, "extra-article.txt.alice.gloss.json"), data)
    code, report, out, err = run_json("agree", "--json", ".", cwd=folder)
    check("article with one annotator only: exit 0, the 3 others counted",
          code == 0 and report is not None and len(report["articles"]) == 3
          and all("extra-article" not in a["article"] for a in report["articles"]), out + err)
    if report is not None:
        skipped = report.get("skipped", [])
        check("article with one annotator only: reported under \"skipped\"",
              len(skipped) == 1 and "extra-article.txt" in skipped[0] and "bilal" in skipped[0], skipped)
        compare_report("article with one annotator only: figures are the samples'",
                       expected_report(sample_articles(folder, ids), ids, False), report)
    code, out, err = run("agree", ".", cwd=folder)
    check("article with one annotator only: the table says it was skipped",
          code == 0 and "skipped" in out and "extra-article.txt" in out, out + err)

    # Only one annotator in the corpus.
    folder = os.path.join(tmp, "alone")
    os.mkdir(folder)
    for name in ARTICLES:
        shutil.copy(os.path.join(SAMPLES, name), folder)
        shutil.copy(os.path.join(SAMPLES, name + ".alice.gloss.json"), folder)
    code, out, err = run("agree", ".", cwd=folder)
    check("only one annotator: exit 1 with a one-line error",
          code == 1 and len(err.strip().splitlines()) == 1 and "annotator" in err, f"{code} {out} {err}")
    code, out, err = run("agree", "--json", ".", cwd=folder)
    check("only one annotator, --json: exit 1 with a one-line error",
          code == 1 and len(err.strip().splitlines()) == 1, f"{code} {out} {err}")

    # A broken sidecar.
    folder = os.path.join(tmp, "broken")
    copy_samples(folder)
    broken = os.path.join(folder, "kyiv-grain-talks.txt.alice.gloss.json")
    with open(broken, "w", encoding="utf-8") as f:
        f.write('{"format": "gloss", "version": 1, "annotations": [\n')
    code, report, out, err = run_json("agree", "--json", ".", cwd=folder)
    check("broken sidecar: exit 1", code == 1, f"{code} {err}")
    check("broken sidecar: stderr names the file",
          "kyiv-grain-talks.txt.alice.gloss.json" in err, err)
    check("broken sidecar: the other articles are still counted",
          report is not None and sorted(os.path.basename(a["article"]) for a in report["articles"])
          == ["harbour-bridge-vote.txt", "river-flood-report.txt"], out)
    if report is not None:
        skipped = report.get("skipped", [])
        check("broken sidecar: its article is listed under \"skipped\"",
              len(skipped) == 1 and "kyiv-grain-talks.txt" in skipped[0] and "alice" in skipped[0], skipped)
        others = [load_article(folder, n, ids) for n in ("harbour-bridge-vote.txt", "river-flood-report.txt")]
        compare_report("broken sidecar: figures are those of the other two articles",
                       expected_report(others, ids, False), report)

    # Usage errors.
    folder = os.path.join(tmp, "usage")
    copy_samples(folder)
    for name, value in (("--annotators alice,alice", "alice,alice"),
                        ("--annotators with an invalid id", "alice,Bilal Haddad"),
                        ("--annotators with an empty id", "alice,")):
        code, out, err = run("agree", "--annotators", value, ".", cwd=folder)
        check(f"{name} exits 2 with one stderr line, nothing on stdout",
              code == 2 and out == "" and len(err.strip().splitlines()) == 1, f"{code} {out} {err}")
    code, out, err = run("agree", "--no-such-option", ".", cwd=folder)
    check("agree with an unknown option exits 2", code == 2, f"{code} {err}")


def gold_of(folder, article, target="gold"):
    return read_json(sidecar_path(folder, article, target))


def test_merge_unanimous(tmp):
    copy_samples(tmp)
    code, before_report, _, _ = run_json("agree", "--json", "--by-label", ".", cwd=tmp)

    code, out, err = run("merge", "--strategy", "unanimous", ".", cwd=tmp)
    check("merge --strategy unanimous exits 0", code == 0, out + err)
    gold_files = [n + ".gold.gloss.json" for n in ARTICLES]
    check("merge writes <article>.gold.gloss.json for each article",
          all(os.path.exists(os.path.join(tmp, n)) for n in gold_files), sorted(os.listdir(tmp)))
    if not all(os.path.exists(os.path.join(tmp, n)) for n in gold_files):
        return

    for name in ARTICLES:
        gold = gold_of(tmp, name)
        alice = set(placed(read_json(sidecar_path(tmp, name, "alice"))))
        bilal = set(placed(read_json(sidecar_path(tmp, name, "bilal"))))
        mine = [(a["start"], a["end"], a["label"]) for a in gold["annotations"]]
        check(f"{name}: gold annotator id and document",
              gold["annotator"]["id"] == "gold" and gold["document"]["file"] == name, gold["annotator"])
        check(f"{name}: every gold annotation is one alice and bilal both have (same start, end, label)",
              all(m in alice and m in bilal for m in mine), [m for m in mine if m not in alice or m not in bilal])
        check(f"{name}: every span alice and bilal both have is in gold, once",
              sorted(mine) == sorted(alice & bilal), f"{len(mine)} vs {len(alice & bilal)}")
        records = [a.get("review") for a in gold["annotations"]]
        check(f"{name}: each carries review: accepted, from alice and bilal",
              all(isinstance(r, dict) and r.get("decision") == "accepted" and r.get("from") == ["alice", "bilal"]
                  for r in records), records[:3])
        check(f"{name}: gold has a top-level review record", isinstance(gold.get("review"), dict),
              gold.get("review"))
        text = read_text(os.path.join(tmp, name))
        check(f"{name}: gold exact texts are the article's",
              all(text[a["start"]:a["end"]] == a["exact"] for a in gold["annotations"]))
    check("merge says how many were merged (28 + 30 + 30)", "88 annotations merged in 3 articles" in out, out)

    code, out, err = run("validate", "--strict", ".", cwd=tmp)
    check("validate --strict passes after merge", code == 0 and "9 sidecars checked: 0 errors, 0 warnings" in out,
          out + err)

    snapshot = {n: read_bytes(os.path.join(tmp, n)) for n in gold_files}
    code, out, err = run("merge", "--strategy", "unanimous", ".", cwd=tmp)
    check("merge again: exit 0, nothing added", code == 0 and "0 annotations merged" in out, out + err)
    check("merge again: gold files byte-identical",
          all(read_bytes(os.path.join(tmp, n)) == snapshot[n] for n in gold_files))
    check("merge leaves no temporary file", not [n for n in os.listdir(tmp) if ".tmp" in n or n.startswith(".")],
          sorted(os.listdir(tmp)))

    # agree leaves the gold files out unless named.
    code, report, out, err = run_json("agree", "--json", "--by-label", ".", cwd=tmp)
    check("agree after merge: annotators alice, bilal only",
          code == 0 and report is not None and report["annotators"] == ["alice", "bilal"], out + err)
    check("agree after merge: figures unchanged by the gold files", report == before_report, "")
    code, out, err = run("agree", ".", cwd=tmp)
    check("agree table after merge: no gold", code == 0 and "gold" not in out, out)
    code, report, out, err = run_json("agree", "--json", "--annotators", "alice,gold", ".", cwd=tmp)
    check("agree --annotators alice,gold counts the gold files",
          code == 0 and report is not None and report["annotators"] == ["alice", "gold"]
          and len(report["articles"]) == 3, out + err)
    if report is not None:
        compare_report("agree alice vs gold: figures match the reference",
                       expected_report(sample_articles(tmp, ["alice", "gold"]), ["alice", "gold"], False), report)

    # Usage errors.
    for name, args in (("merge without --strategy exits 2", ["merge", "."]),
                       ("merge --strategy plurality exits 2", ["merge", "--strategy", "plurality", "."]),
                       ("merge --annotator with an invalid id exits 2",
                        ["merge", "--strategy", "majority", "--annotator", "Gold Standard", "."]),
                       ("merge with no path exits 2", ["merge", "--strategy", "majority"])):
        code, out, err = run(*args, cwd=tmp)
        check(name + ", one stderr line", code == 2 and len(err.strip().splitlines()) == 1, f"{code} {out} {err}")
    check("usage errors leave the gold files as they were",
          all(read_bytes(os.path.join(tmp, n)) == snapshot[n] for n in gold_files))


def add_carol(folder):
    """carol: alice's sidecars under another id, but in the harbour article
    she leaves out one span only alice has and adds one only bilal has
    (neither overlapping anything of its kind of the other annotator)."""
    changed = None
    for name in ARTICLES:
        data = read_json(sidecar_path(folder, name, "alice"))
        data["annotator"] = {"id": "carol", "name": "Carol"}
        if name == "harbour-bridge-vote.txt":
            bilal = read_json(sidecar_path(folder, name, "bilal"))["annotations"]
            alice = data["annotations"]

            def alone(a, others):
                return not any(o["start"] < a["end"] and a["start"] < o["end"]
                               and kind_of(o["label"]) == kind_of(a["label"]) for o in others)
            drop = next(a for a in alice if alone(a, bilal))
            add = next(b for b in bilal if alone(b, alice))
            data["annotations"] = [a for a in alice if a is not drop] + [{**add, "id": "c-added-1"}]
            data["annotations"].sort(key=lambda a: (a["start"], a["end"], a["label"], a["id"]))
            data["relations"] = [r for r in data["relations"] if drop["id"] not in (r["from"], r["to"])]
            changed = (drop, add)
        write_json(sidecar_path(folder, name, "carol"), data)
    return changed


def test_merge_majority(tmp):
    copy_samples(tmp)
    drop, add = add_carol(tmp)
    ids = ["alice", "bilal", "carol"]

    code, out, err = run("validate", "--strict", ".", cwd=tmp)
    check("the carol sidecars made here are valid", code == 0, out + err)

    # Three annotators: Fleiss, alpha and the summed pairs.
    code, report, out, err = run_json("agree", "--json", "--by-label", ".", cwd=tmp)
    check("agree with 3 annotators: exit 0, annotators alice, bilal, carol",
          code == 0 and report is not None and report["annotators"] == ids, out + err)
    if report is not None:
        check("agree with 3 annotators: 3 pairs per article",
              all(len(a["figures"]["pairs"]) == 3 for a in report["articles"]), "")
        compare_report("agree with 3 annotators: figures match the reference",
                       expected_report(sample_articles(tmp, ids), ids, True), report)
        matrix = report["corpus"]["figures"]["confusion"]["matrix"]
        check("3 annotators: the confusion matrix is symmetric",
              all(matrix[r][c] == matrix[c][r] for r in range(len(matrix)) for c in range(len(matrix))), matrix)
    code, out, err = run("agree", ".", cwd=tmp)
    check("agree table with 3 annotators: all pairs and Fleiss",
          code == 0 and "all pairs" in out and "Fleiss" in out, out + err)

    code, out, err = run("merge", "--strategy", "majority", ".", cwd=tmp)
    check("merge --strategy majority exits 0", code == 0, out + err)
    total = 0
    for name in ARTICLES:
        path = sidecar_path(tmp, name, "gold")
        if not os.path.exists(path):
            check(f"{name}: majority gold written", False)
            continue
        gold = read_json(path)
        votes = {}
        for annotator in ids:
            for span in set(placed(read_json(sidecar_path(tmp, name, annotator)))):
                votes.setdefault(span, []).append(annotator)
        expected = {span: who for span, who in votes.items() if len(who) >= 2}
        mine = {(a["start"], a["end"], a["label"]): a.get("review", {}) for a in gold["annotations"]}
        check(f"{name}: majority gold holds exactly the spans 2 of 3 share",
              sorted(mine) == sorted(expected) and len(gold["annotations"]) == len(mine),
              f"extra {sorted(set(mine) - set(expected))[:5]} missing {sorted(set(expected) - set(mine))[:5]}")
        check(f"{name}: each is accepted, from the annotators whose version it is",
              all(r.get("decision") == "accepted" and sorted(r.get("from", [])) == expected.get(s)
                  for s, r in mine.items()),
              [(s, r) for s, r in mine.items() if sorted(r.get("from", [])) != expected.get(s)][:3])
        if name == "harbour-bridge-vote.txt":
            check("majority: a span alice alone has is left out",
                  (drop["start"], drop["end"], drop["label"]) not in mine, drop)
            added = mine.get((add["start"], add["end"], add["label"]))
            check("majority: a span bilal and carol share (not alice) is merged, from bilal and carol",
                  added is not None and added.get("from") == ["bilal", "carol"], added)
        total += len(mine)
    check("merge majority reports the count", f"{total} annotations merged in 3 articles" in out, out)

    code, report, out, err = run_json("agree", "--json", ".", cwd=tmp)
    check("agree after a majority merge ignores gold",
          code == 0 and report is not None and report["annotators"] == ids, out + err)
    code, out, err = run("validate", "--strict", ".", cwd=tmp)
    check("validate --strict passes after the majority merge", code == 0, out + err)


def test_merge_existing_gold(tmp):
    copy_samples(tmp)
    article = "harbour-bridge-vote.txt"
    text = read_text(os.path.join(tmp, article))
    marked = [s for who in ("alice", "bilal") for s in placed(read_json(sidecar_path(tmp, article, who)))]
    # A word no one marked, as an annotation of the gold file's own.
    start, end = next((s, e) for s, e in tokenize(text)
                      if e - s >= 5 and text[s:e].isalpha()
                      and not any(ms < e and s < me for ms, me, _ in marked))
    own = {"id": "g-own-1", "label": "misc", "start": start, "end": end, "exact": text[start:end],
           "note": "added by the adjudicator"}
    make_sidecar(tmp, article, "gold", [own])

    code, out, err = run("merge", "--strategy", "unanimous", ".", cwd=tmp)
    check("merge into an existing gold file exits 0", code == 0, out + err)
    gold = gold_of(tmp, article)
    kept = [a for a in gold["annotations"] if a["id"] == "g-own-1"]
    check("the gold file's own annotation is kept",
          len(kept) == 1 and (kept[0]["start"], kept[0]["end"], kept[0]["label"], kept[0].get("note"))
          == (start, end, "misc", "added by the adjudicator"), gold["annotations"][:2])
    alice = set(placed(read_json(sidecar_path(tmp, article, "alice"))))
    bilal = set(placed(read_json(sidecar_path(tmp, article, "bilal"))))
    merged = sorted((a["start"], a["end"], a["label"]) for a in gold["annotations"] if a["id"] != "g-own-1")
    check("the unanimous spans are added beside it", merged == sorted(alice & bilal),
          f"{len(merged)} vs {len(alice & bilal)}")

    # A corrupt gold file is never overwritten.
    folder = os.path.join(tmp, "corrupt")
    copy_samples(folder)
    corrupt = sidecar_path(folder, article, "gold")
    with open(corrupt, "w", encoding="utf-8") as f:
        f.write('{"format": "gloss", "version": 1, "annotations": [ {"id": \n')
    before = read_bytes(corrupt)
    code, out, err = run("merge", "--strategy", "unanimous", ".", cwd=folder)
    check("corrupt gold file: exit 1", code == 1, f"{code} {out} {err}")
    check("corrupt gold file: byte-identical afterwards", read_bytes(corrupt) == before)
    check("corrupt gold file: the error names the file", f"{article}.gold.gloss.json" in err, err)
    check("corrupt gold file: the other articles are still merged",
          all(os.path.exists(sidecar_path(folder, n, "gold")) for n in ARTICLES if n != article),
          sorted(os.listdir(folder)))
    check("corrupt gold file: no temporary file left", not [n for n in os.listdir(folder) if ".tmp" in n],
          sorted(os.listdir(folder)))

    # --annotator names the merged sidecar.
    folder = os.path.join(tmp, "named")
    copy_samples(folder)
    code, out, err = run("merge", "--strategy", "unanimous", "--annotator", "dana", ".", cwd=folder)
    check("merge --annotator dana writes <article>.dana.gloss.json",
          code == 0 and all(os.path.exists(sidecar_path(folder, n, "dana")) for n in ARTICLES)
          and not any(os.path.exists(sidecar_path(folder, n, "gold")) for n in ARTICLES), out + err)


def test_merge_idempotent_duplicates(tmp):
    """An annotator who marked a span twice (and whose colleague marked a
    longer span around it): a second merge must change nothing. Before,
    reopening the gold file gave a merged annotation to the unit of the
    duplicate, and every run added it again."""
    for strategy in ("unanimous", "majority"):
        folder = os.path.join(tmp, strategy)
        copy_samples(folder)
        n_dups = 0
        for article in ARTICLES:
            text = read_text(os.path.join(folder, article))
            tokens = tokenize(text)
            alice = read_json(sidecar_path(folder, article, "alice"))
            bilal = read_json(sidecar_path(folder, article, "bilal"))
            theirs = set(placed(bilal))
            shared = [a for a in alice["annotations"]
                      if not a.get("orphaned") and (a["start"], a["end"], a["label"]) in theirs]
            for i, a in enumerate(shared[:5]):
                dup = dict(a, id=f"a-dup{i:04d}")
                alice["annotations"].append(dup)
                # bilal's longer version: from the token before it
                before = [s for s, e in tokens if e <= a["start"]]
                if before and (before[-1], a["end"], a["label"]) not in theirs:
                    bilal["annotations"].append(dict(a, id=f"b-long{i:04d}", start=before[-1],
                                                     exact=text[before[-1]:a["end"]], prefix="", suffix=""))
                n_dups += 1
            write_json(sidecar_path(folder, article, "alice"), alice)
            write_json(sidecar_path(folder, article, "bilal"), bilal)
        check(f"{strategy}: the corpus has duplicates to merge", n_dups >= 10, n_dups)

        code, out, err = run("merge", "--strategy", strategy, ".", cwd=folder)
        check(f"{strategy} with duplicates: first merge exits 0", code == 0, out + err)
        gold_files = [sidecar_path(folder, n, "gold") for n in ARTICLES]
        snapshot = {p: read_bytes(p) for p in gold_files if os.path.exists(p)}
        check(f"{strategy} with duplicates: gold files written", len(snapshot) == len(ARTICLES),
              sorted(os.listdir(folder)))
        code, out, err = run("merge", "--strategy", strategy, ".", cwd=folder)
        check(f"{strategy} with duplicates: a second merge adds nothing",
              code == 0 and "0 annotations merged in 3 articles" in out, out + err)
        check(f"{strategy} with duplicates: gold files byte-identical after the second merge",
              all(read_bytes(p) == b for p, b in snapshot.items()))


def test_merge_tells_what_is_left(tmp):
    """merge says what it leaves to the person — units no strategy settled,
    units whose attribute values differ — and carries the article fields
    the annotators agree on (both give kyiv-grain-talks the stance
    neutral; their topics differ)."""
    copy_samples(tmp)
    code, out, err = run("merge", "--strategy", "unanimous", ".", cwd=tmp)
    check("merge with attributes and fields exits 0", code == 0, out + err)
    check("merge counts the units left to adjudicate", "units left to adjudicate in the app" in out, out)
    check("merge counts the units whose attribute values differ",
          "units with attribute values the annotators differ on" in out, out)
    gold = read_json(sidecar_path(tmp, "kyiv-grain-talks.txt", "gold"))
    alice = read_json(sidecar_path(tmp, "kyiv-grain-talks.txt", "alice"))
    bilal = read_json(sidecar_path(tmp, "kyiv-grain-talks.txt", "bilal"))
    agreed = {k: v for k, v in alice.get("document_labels", {}).items()
              if bilal.get("document_labels", {}).get(k) == v}
    check("the samples' annotators agree on some article field", len(agreed) > 0, agreed)
    check("the gold has exactly the article fields both annotators gave alike",
          gold.get("document_labels", {}) == agreed, (gold.get("document_labels"), agreed))
    check("merge says how many article fields it merged", "article field" in out, out)


def test_many_annotators(tmp):
    """65 annotators of one article: more than a review can hold. agree
    still counts them; merge refuses that article, says why, writes
    nothing and does not crash."""
    copy_samples(tmp)
    name = "kyiv-grain-talks.txt"
    alice = read_json(sidecar_path(tmp, name, "alice"))
    for i in range(65):
        data = dict(alice)
        data["annotator"] = {"id": f"a{i:02d}", "name": ""}
        write_json(sidecar_path(tmp, name, f"a{i:02d}"), data)
    os.remove(sidecar_path(tmp, name, "alice"))
    os.remove(sidecar_path(tmp, name, "bilal"))
    for other in os.listdir(tmp):
        if not other.startswith(name):
            os.remove(os.path.join(tmp, other))

    code, out, err = run("merge", "--strategy", "unanimous", tmp)
    check("merge with 65 annotators: exit 1, a one-line reason, no crash",
          code == 1 and "at most 64" in err and len(err.strip().splitlines()) == 1, out + err)
    check("merge with 65 annotators writes no gold file",
          not os.path.exists(sidecar_path(tmp, name, "gold")))

    code, out, err = run("agree", "--json", tmp)
    report = json.loads(out) if code == 0 else {}
    check("agree with 65 annotators: exit 0, perfect agreement",
          code == 0 and len(report.get("annotators", [])) == 65
          and report["corpus"]["figures"]["fleiss_kappa"] == 1, (out + err)[:2000])


def letters_article(folder, name, raters):
    """An article "a b c d e f g h i j" in @folder, with a sidecar per
    annotator of @raters ({id: [(first token, last token, label)]})."""
    text = "a b c d e f g h i j"
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for annotator, spans in raters.items():
        annotations = [{"id": f"a-{annotator}-{i}", "label": label, "start": 2 * first,
                        "end": 2 * last + 1, "exact": text[2 * first:2 * last + 1]}
                       for i, (first, last, label) in enumerate(spans)]
        write_json(sidecar_path(folder, name, annotator), {
            "format": "gloss", "version": 1,
            "document": {"file": name, "sha256": digest, "length": len(text)},
            "annotator": {"id": annotator, "name": annotator.capitalize()},
            "annotations": annotations, "relations": []})


def close(x, y):
    return x is not None and y is not None and abs(x - y) < TOLERANCE



# scikit-learn is Debian's python3-sklearn, installed for /usr/bin/python3,
# which need not be the python3 running this test (a virtualenv or pyenv):
# it runs in a child process of that interpreter, as nltk does in
# test-cli-conll.py.
SYSTEM_PYTHON = "/usr/bin/python3"
SKLEARN_KAPPAS = """
import json, sys
from sklearn.metrics import cohen_kappa_score
pairs = json.load(sys.stdin)
json.dump([cohen_kappa_score(a, b) if len(set(a) | set(b)) > 1 else None for a, b in pairs], sys.stdout)
"""


def sklearn_missing():
    """Why scikit-learn cannot be used, or None."""
    if not os.path.exists(SYSTEM_PYTHON):
        return f"{SYSTEM_PYTHON} is missing"
    proc = subprocess.run([SYSTEM_PYTHON, "-c", "import sklearn.metrics"], capture_output=True, text=True)
    if proc.returncode != 0:
        return "python3-sklearn is not installed"
    return None


def sklearn_cohen_kappas(pairs):
    """cohen_kappa_score of each (rater a, rater b) list pair; None where one category only."""
    proc = subprocess.run([SYSTEM_PYTHON, "-c", SKLEARN_KAPPAS], input=json.dumps(pairs),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    return json.loads(proc.stdout)


def test_kinds(tmp):
    """Per-kind figures: docs/agreement.md's worked example, a layer nobody
    used, and Cohen's kappa per kind against scikit-learn's."""
    # docs/agreement.md, "Per-kind figures".
    letters_article(tmp, "letters.txt", {
        "ann": [(0, 0, "person"), (0, 4, "quote"), (0, 9, "claim")],
        "bob": [(0, 0, "person"), (2, 2, "organization"), (1, 4, "quote")],
    })
    code, report, out, err = run_json("agree", "--json", ".", cwd=tmp)
    check("per-kind example: exit 0 and parses", code == 0 and report is not None, out + err)
    if report is not None:
        kinds = report["corpus"]["figures"]["kinds"]
        expected = {  # observed, Cohen's, Fleiss', alpha
            "entity": (9 / 10, 17 / 27, 33 / 53, 34 / 53),
            "quote": (9 / 10, 4 / 5, 79 / 99, 80 / 99),
            "claim": (0, 0, -1, -9 / 10),
        }
        for kind, (po, kappa, fleiss, alpha) in expected.items():
            got = kinds[kind]
            check(f"per-kind example, {kind}: the documented figures",
                  got["used"] and close(got["observed"], po) and close(got["pairs"][0]["cohen_kappa"], kappa)
                  and close(got["fleiss_kappa"], fleiss) and close(got["krippendorff_alpha"], alpha), got)
        check("per-kind example: the pooled kappa is another figure (61/181)",
              close(report["corpus"]["figures"]["pairs"][0]["cohen_kappa"], 61 / 181),
              report["corpus"]["figures"]["pairs"][0])
        compare_report("per-kind example: figures match the reference",
                       expected_report([load_article(tmp, "letters.txt", ["ann", "bob"])], ["ann", "bob"], False),
                       report)
    code, out, err = run("agree", ".", cwd=tmp)
    check("per-kind example: the table gives each layer",
          code == 0 and "claims: observed agreement 0.000, Fleiss' kappa -1.000, Krippendorff's alpha -0.900" in out
          and "quotes: observed agreement 0.900, Fleiss' kappa 0.798, Krippendorff's alpha 0.808" in out
          and "entities: observed agreement 0.900, Fleiss' kappa 0.623, Krippendorff's alpha 0.642" in out
          and "ann – bob: Cohen's kappa 0.630" in out, out + err)

    # Only entities marked: the quote and claim layers are said unused,
    # their figures null (observed 1), not 0.
    os.mkdir(os.path.join(tmp, "entities"))
    letters_article(os.path.join(tmp, "entities"), "letters.txt", {
        "ann": [(0, 0, "person")], "bob": [(0, 1, "person")]})
    code, report, out, err = run_json("agree", "--json", "entities", cwd=tmp)
    if report is not None:
        kinds = report["corpus"]["figures"]["kinds"]
        check("a layer nobody used: used false, kappa, Fleiss and alpha null, observed 1",
              kinds["entity"]["used"] and not kinds["quote"]["used"] and not kinds["claim"]["used"]
              and all(kinds[k]["fleiss_kappa"] is None and kinds[k]["krippendorff_alpha"] is None
                      and kinds[k]["pairs"][0]["cohen_kappa"] is None and kinds[k]["observed"] == 1
                      for k in ("quote", "claim")), kinds)
    else:
        check("a layer nobody used: agree --json parses", False, out + err)
    code, out, err = run("agree", "entities", cwd=tmp)
    check("a layer nobody used: the table says so",
          code == 0 and "quotes: nobody marked one" in out and "claims: nobody marked one" in out
          and "entities: observed agreement" in out, out + err)

    # Cohen's kappa per kind and per pair, against scikit-learn's
    # cohen_kappa_score over the items of the kind, on the samples and a
    # third annotator made from them.
    missing = sklearn_missing()
    if missing:
        check(f"per-kind Cohen's kappa matches scikit-learn # SKIP {missing}", True)
        return
    samples = os.path.join(tmp, "samples")
    copy_samples(samples)
    for name in ARTICLES:
        data = read_json(sidecar_path(samples, name, "bilal"))
        data["annotator"] = {"id": "carla", "name": "Carla"}
        data["annotations"] = [a for i, a in enumerate(data["annotations"]) if i % 3 != 1]
        data["relations"] = []
        write_json(sidecar_path(samples, name, "carla"), data)
    ids = ["alice", "bilal", "carla"]
    code, report, out, err = run_json("agree", "--json", "--annotators", ",".join(ids), samples)
    if report is None or report["corpus"]["articles"] != 3:
        check("three annotators on the samples: agree --json counts the 3 articles", False, out + err)
        return
    articles = sample_articles(samples, ids)
    cases = []
    for scope, arts, figures in ([("corpus", articles, report["corpus"]["figures"])]
                                 + [(a.name, [a], f["figures"]) for a, f in zip(articles, report["articles"])]):
        for kind in KINDS:
            for pair in figures["kinds"][kind]["pairs"]:
                ra = [c or "O" for art in arts for c in art.categories[pair["a"]][kind]]
                rb = [c or "O" for art in arts for c in art.categories[pair["b"]][kind]]
                cases.append((f"{scope} {kind} {pair['a']}–{pair['b']}", pair["cohen_kappa"], ra, rb))
    try:
        kappas = sklearn_cohen_kappas([(ra, rb) for _, _, ra, rb in cases])
    except RuntimeError as e:
        check("per-kind Cohen's kappa: scikit-learn runs", False, str(e))
        return
    mismatches = []
    for (what, ours, _, _), theirs in zip(cases, kappas):
        if not ((theirs is None and ours is None) or close(theirs, ours)):
            mismatches.append(f"{what}: {ours} vs sklearn {theirs}")
    check("per-kind Cohen's kappa (3 pairs × 3 kinds, per article and corpus) matches scikit-learn",
          not mismatches, "\n".join(mismatches))
    compare_report("three annotators: per-kind Fleiss and alpha match the reference",
                   expected_report(articles, ids, False), report)


VERDICTS = ("true", "mostly-true", "mixed", "false", "unverifiable")
TOPICS = ("politics", "economy", "transport", "weather")


def attribute_corpus(folder, ids):
    """The samples, and for each of @ids a sidecar per article made from
    alice's spans (some left out, varying by annotator) with attributes
    (verdict: choice; checkworthy: boolean; score: number; tags:
    multiple choice) and document_labels (topic: multiple; stance;
    done-ish boolean) that differ by a fixed rule, so that every kind of
    value agrees sometimes and not always."""
    copy_samples(folder)
    for name in ARTICLES:
        base = read_json(sidecar_path(folder, name, "alice"))["annotations"]
        for r, annotator in enumerate(ids):
            annotations = []
            for i, ann in enumerate(base):
                if ann.get("orphaned") or (i + r) % 7 == 3:
                    continue
                ann = dict(ann)
                attributes = {}
                if ann["label"] in ("claim", "quote"):
                    attributes["verdict"] = VERDICTS[(i + (r * i) % 3) % len(VERDICTS)]
                    if (i + r) % 4 != 0:
                        attributes["checkworthy"] = (i * (r + 1)) % 3 != 0
                else:
                    if (i + r) % 3 != 1:
                        attributes["score"] = float((i + r // 2) % 3)
                    tags = [t for k, t in enumerate(TOPICS) if (i + k * (r + 1)) % 3 == 0]
                    if tags or r == 0:
                        attributes["tags"] = tags
                if attributes:
                    ann["attributes"] = attributes
                else:
                    ann.pop("attributes", None)
                annotations.append(ann)
            data = read_json(sidecar_path(folder, name, "alice"))
            data["annotator"] = {"id": annotator, "name": annotator.capitalize()}
            data["annotations"] = annotations
            data["relations"] = []
            fields = {}
            k = ARTICLES.index(name)
            fields["topic"] = [t for j, t in enumerate(TOPICS) if (j + k + r) % 3 == 0]
            if (k + r) % 2 == 0:
                fields["stance"] = ("for", "against", "neutral")[(k * r) % 3]
            fields["reviewed"] = (k + r) % 3 != 1
            data["document_labels"] = fields
            write_json(sidecar_path(folder, name, annotator), data)


def test_attributes(tmp):
    """Per-attribute and per-field figures: `agree --json` against the
    reference (items of docs/agreement.md, its own Cohen, Fleiss and a
    reimplementation of Krippendorff's definition), Cohen's kappa against
    scikit-learn's cohen_kappa_score, the table of --by-attribute."""
    for ids in (["alice", "bilal"], ["alice", "bilal", "carla"]):
        folder = os.path.join(tmp, str(len(ids)))
        attribute_corpus(folder, ids)
        code, report, out, err = run_json("agree", "--json", "--annotators", ",".join(ids), folder)
        check(f"attributes, {len(ids)} annotators: agree --json exits 0 and parses",
              code == 0 and report is not None and report["corpus"]["articles"] == 3, out + err)
        if report is None:
            continue
        figures = report["corpus"]["figures"]
        check(f"attributes, {len(ids)} annotators: the keys (tags one value at a time)",
              {"verdict", "checkworthy", "score"} <= set(figures["attributes"])
              and any(k.startswith("tags=") for k in figures["attributes"])
              and "tags" not in figures["attributes"]
              and {"stance", "reviewed"} <= set(figures["document_labels"])
              and any(k.startswith("topic=") for k in figures["document_labels"]),
              (sorted(figures["attributes"]), sorted(figures["document_labels"])))
        check(f"attributes, {len(ids)} annotators: some agree, not all",
              all(e["items"] > 0 and e["observed"] is not None and 0 < e["observed"] < 1
                  for e in (figures["attributes"]["verdict"], figures["attributes"]["score"])),
              figures["attributes"])
        articles = [load_article(folder, name, ids) for name in ARTICLES]
        compare_report(f"attributes, {len(ids)} annotators: figures match the reference "
                       "(Fleiss, Krippendorff's definition)",
                       expected_report(articles, ids, False), report)

        code, out, err = run("agree", "--by-attribute", "--annotators", ",".join(ids), folder)
        check(f"attributes, {len(ids)} annotators: the --by-attribute table",
              code == 0 and "Attributes (spans marked alike):" in out and "    verdict (" in out
              and "Article fields:" in out and "    stance (" in out and "Cohen's kappa" in out, out + err)
        code, out, err = run("agree", "--annotators", ",".join(ids), folder)
        check(f"attributes, {len(ids)} annotators: no attribute rows without --by-attribute",
              code == 0 and "verdict" not in out, out)

        missing = sklearn_missing()
        if missing:
            check(f"per-attribute Cohen's kappa matches scikit-learn # SKIP {missing}", True)
            continue
        reference = Reference(articles, ids)
        universe = {}
        for target, units in (("attributes", reference.span_units), ("document_labels", reference.field_units)):
            universe[target] = given_choices(units(*range(len(ids))))
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    for ident, values in given_choices(units(a, b)).items():
                        universe[target].setdefault(ident, set()).update(values)
        cases = []
        for target, units in (("attributes", reference.span_units), ("document_labels", reference.field_units)):
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    for key, items in attribute_items(units(a, b), universe[target]).items():
                        got = next(p for p in figures[target][key]["pairs"]
                                   if p["a"] == ids[a] and p["b"] == ids[b])
                        # sklearn wants labels of one type: the categories as text.
                        cases.append((f"{target} {key} {ids[a]}–{ids[b]}", got["cohen_kappa"],
                                      [repr(x) for x, _ in items], [repr(y) for _, y in items]))
        try:
            kappas = sklearn_cohen_kappas([(ra, rb) for _, _, ra, rb in cases])
        except RuntimeError as e:
            check("per-attribute Cohen's kappa: scikit-learn runs", False, str(e))
            continue
        mismatches = [f"{what}: {ours} vs sklearn {theirs}"
                      for (what, ours, _, _), theirs in zip(cases, kappas)
                      if not ((theirs is None and ours is None) or close(theirs, ours))]
        check(f"per-attribute and per-field Cohen's kappa ({len(cases)} cases, {len(ids)} annotators) "
              "matches scikit-learn", cases and not mismatches, "\n".join(mismatches))


def main():
    test_help()
    if SAMPLES and os.path.isdir(SAMPLES):
        for test in (test_tokens_match_conll, test_agree_samples, test_degenerate, test_kinds,
                     test_merge_unanimous, test_merge_majority, test_merge_existing_gold,
                     test_merge_idempotent_duplicates, test_merge_tells_what_is_left, test_many_annotators,
                     test_attributes):
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
