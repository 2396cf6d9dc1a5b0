#!/usr/bin/env python3
"""Validate Gloss's W3C Web Annotation exports against the W3C test suite.

    check-w3c.py [--shared DIR] [--offsets UNIT] EXPORT.json...
    check-w3c.py [--shared DIR] --exporter PROGRAM

The suite (JSON Schema draft-04) is read from
DIR/thirdparty/w3c-annotation-schemas, DIR being --shared, else
$GLOSS_SHARED_DIR, else the "shared" folder beside the repository. As the
suite's own runner does, every file of definitions/ is a referenced schema,
and each annotation is validated against every assertion listed in
annotations/annotationMusts.test, the result compared with the assertion's
expectedResult ("valid" unless said). The collection itself goes through
collections/collectionMusts.test and collections/pages/pageMusts.test.

jsonschema does not check "format": "uri" or "date-time" without optional
packages, so those are checked here too: ids, target sources, creator ids
and string bodies must be absolute URIs, timestamps RFC 3339. Beyond the
suite: every TextQuoteSelector must be the article's text at the
TextPositionSelector's offsets (read from the file:// source, offsets in
UNIT: codepoints, utf16 or bytes), every linking annotation must point at
annotations of the same collection, ids must be unique and "total" right.

Attribute values and the article's fields (document_labels) are compared
with the sidecars beside each article: every span's bodies after its
label and note must be exactly its attributes (one body per value, a list
one per item), each naming its attribute by "schema:propertyID" with the
purpose its type gives (docs/w3c.md), and each field of a sidecar must be
one whole-article annotation (a target with no selector) of its annotator.

When python3-pyld is installed, each annotation is also expanded as JSON-LD
with the W3C context (the suite's copy of anno.jsonld, no network) and
compacted back: the result must be the annotation itself, so that no key
is a term the context does not define (a JSON-LD processor drops those);
schema:propertyID must expand to http://schema.org/propertyID and every
purpose to an oa: motivation.

With --exporter, PROGRAM is run with a temporary folder as its argument; it
prints one "FILE UNIT" line per export it wrote there, and each is checked.

Prints TAP: one line per collection and one per annotation. Skips (1..0)
when the suite or the jsonschema module is missing. Standard library plus
jsonschema (Debian: python3-jsonschema).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import warnings

SUITE = os.path.join("thirdparty", "w3c-annotation-schemas")
LABELS_FILE = "gloss-labels.json"
PROPERTY_ID = "schema:propertyID"
# The oa:Motivation instances (Web Annotation Vocabulary §3.3.5 / model §3.3.5).
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing",
               "editing", "highlighting", "identifying", "linking", "moderating",
               "questioning", "replying", "tagging"}
OA = "http://www.w3.org/ns/oa#"
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

# RFC 3986 absolute URI: a scheme, a colon, and no spaces or controls.
ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f<>\"{}|\\^`]+$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def skip(reason):
    print(f"1..0 # SKIP {reason}")
    sys.exit(0)


def default_shared_dir():
    env = os.environ.get("GLOSS_SHARED_DIR")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared"))


class Suite:
    """The assertions of a .test file, compiled once, with the definitions."""

    def __init__(self, root, jsonschema):
        self.root = root
        self.jsonschema = jsonschema
        definitions = os.path.join(root, "definitions")
        self.store = {}
        for name in sorted(os.listdir(definitions)):
            if name.endswith(".json"):
                with open(os.path.join(definitions, name), encoding="utf-8") as f:
                    schema = json.load(f)
                self.store[schema.get("id", name)] = schema
        self.registry = self._make_registry()

    def _make_registry(self):
        # jsonschema >= 4.18 resolves through "referencing"; older ones
        # (Debian 12 ships 4.10) through RefResolver.
        try:
            from referencing import Registry
            from referencing.jsonschema import DRAFT4
        except ImportError:
            return None
        return Registry().with_resources(
            (uri, DRAFT4.create_resource(schema)) for uri, schema in self.store.items())

    def validator(self, schema):
        cls = self.jsonschema.Draft4Validator
        checker = cls.FORMAT_CHECKER if hasattr(cls, "FORMAT_CHECKER") else None
        if self.registry is not None:
            return cls(schema, registry=self.registry, format_checker=checker)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            resolver = self.jsonschema.RefResolver(base_uri=schema.get("id", ""),
                                                   referrer=schema, store=self.store)
        return cls(schema, resolver=resolver, format_checker=checker)

    def assertions(self, test_file):
        with open(os.path.join(self.root, test_file), encoding="utf-8") as f:
            test = json.load(f)
        compiled = []
        for path in test["assertions"]:
            with open(os.path.join(self.root, path), encoding="utf-8") as f:
                schema = json.load(f)
            expected = schema.get("expectedResult", "valid")
            compiled.append((path, expected, self.validator(schema)))
        return compiled


def run_assertions(assertions, instance):
    failures = []
    for path, expected, validator in assertions:
        errors = list(validator.iter_errors(instance))
        valid = not errors
        if valid != (expected == "valid"):
            detail = errors[0].message if errors else "valid, expected invalid"
            failures.append(f"{os.path.basename(path)}: {detail[:200]}")
    return failures


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def uri_problems(annotation):
    """What the suite's "format": "uri" would catch with a format checker."""
    problems = []

    def need(value, what):
        if not isinstance(value, str) or not ABSOLUTE_URI.match(value):
            problems.append(f"{what} is not an absolute URI: {value!r}")

    need(annotation.get("id"), "id")
    for creator in as_list(annotation.get("creator")):
        if isinstance(creator, str):
            need(creator, "creator")
        elif "id" in creator:
            need(creator["id"], "creator id")
    for body in as_list(annotation.get("body")):
        if isinstance(body, str):
            need(body, "body")
    for target in as_list(annotation.get("target")):
        if isinstance(target, str):
            need(target, "target")
        else:
            source = target.get("source")
            need(source if isinstance(source, str) else (source or {}).get("id"), "target source")
    for key in ("created", "modified"):
        if key in annotation and not RFC3339.match(str(annotation[key])):
            problems.append(f"{key} is not an RFC 3339 date-time: {annotation[key]!r}")
    return problems


class Articles:
    """Article texts read from file:// sources, as Gloss reads them."""

    def __init__(self):
        self.cache = {}

    def text(self, uri):
        if uri not in self.cache:
            parsed = urllib.parse.urlparse(uri)
            if parsed.scheme != "file":
                self.cache[uri] = None
            else:
                path = urllib.request.url2pathname(parsed.path)
                with open(path, "rb") as f:
                    data = f.read()
                if data.startswith(b"\xef\xbb\xbf"):
                    data = data[3:]
                # no newline translation: CRLF stays two code points
                self.cache[uri] = data.decode("utf-8")
        return self.cache[uri]


def slice_in_unit(text, start, end, unit):
    if unit == "utf16":
        return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")
    if unit == "bytes":
        return text.encode("utf-8")[start:end].decode("utf-8")
    return text[start:end]


def selector_problems(annotation, articles, unit):
    problems = []
    for target in as_list(annotation.get("target")):
        if isinstance(target, str):
            continue
        selectors = {s.get("type"): s for s in as_list(target.get("selector"))
                     if isinstance(s, dict)}
        quote = selectors.get("TextQuoteSelector")
        position = selectors.get("TextPositionSelector")
        if quote is None or position is None:
            problems.append("a target lacks its TextQuoteSelector or TextPositionSelector")
            continue
        start, end = position["start"], position["end"]
        if not 0 <= start < end:
            problems.append(f"TextPositionSelector {start}-{end} is empty or reversed")
            continue
        try:
            text = articles.text(target["source"])
        except OSError as error:
            problems.append(f"cannot read the source: {error}")
            continue
        if text is None:
            continue
        if slice_in_unit(text, start, end, unit) != quote["exact"]:
            problems.append(f"exact {quote['exact']!r} is not the text at {start}-{end} ({unit})")
        # The quote must also be findable the W3C way: prefix + exact + suffix.
        context = quote.get("prefix", "") + quote["exact"] + quote.get("suffix", "")
        if context not in text:
            problems.append("prefix + exact + suffix does not occur in the article")
    return problems


class Sidecars:
    """The sidecars and label sets beside the exported articles, read
    with Python's json, as any consumer would."""

    def __init__(self):
        self.cache = {}
        self.label_sets = {}

    def sidecar(self, source, annotator):
        key = (source, annotator)
        if key not in self.cache:
            parsed = urllib.parse.urlparse(source)
            path = urllib.request.url2pathname(parsed.path) + f".{annotator}.gloss.json"
            try:
                with open(path, encoding="utf-8-sig") as f:
                    self.cache[key] = json.load(f)
            except OSError:
                self.cache[key] = None
        return self.cache[key]

    def label_set(self, source):
        """The nearest gloss-labels.json, as Gloss looks for it: {} for the
        built-in set, which declares no attribute or field."""
        folder = os.path.dirname(urllib.request.url2pathname(urllib.parse.urlparse(source).path))
        if folder not in self.label_sets:
            found, at = {}, folder
            while True:
                candidate = os.path.join(at, LABELS_FILE)
                if os.path.isfile(candidate):
                    with open(candidate, encoding="utf-8-sig") as f:
                        found = json.load(f)
                    break
                parent = os.path.dirname(at)
                if parent == at:
                    break
                at = parent
            self.label_sets[folder] = found
        return self.label_sets[folder]


def expected_purpose(declared, value):
    """docs/w3c.md: choice and boolean classify, a text with a pattern
    identifies, other texts and numbers describe; an undeclared value by
    its JSON type (booleans and lists classify)."""
    if declared is not None:
        kind = declared.get("type")
        if kind in ("choice", "boolean"):
            return "classifying"
        if kind == "text" and declared.get("pattern"):
            return "identifying"
        return "describing"
    return "classifying" if isinstance(value, (bool, list)) else "describing"


def expected_bodies(values, declarations):
    """[(property id, value, purpose)] for an "attributes" or
    "document_labels" object, sorted by id (Gloss writes them so); each
    value's text is compared by meaning for numbers."""
    bodies = []
    for ident in sorted(values, key=lambda k: k.encode("utf-8")):
        value = values[ident]
        purpose = expected_purpose(declarations.get(ident), value)
        for item in (value if isinstance(value, list) else [value]):
            bodies.append((ident, item, purpose))
    return bodies


def body_matches(body, expected):
    ident, value, purpose = expected
    if not isinstance(body, dict) or body.get("type") != "TextualBody":
        return False
    if body.get(PROPERTY_ID) != ident or body.get("purpose") != purpose:
        return False
    text = body.get("value")
    if isinstance(value, bool):
        return text == ("true" if value else "false")
    if isinstance(value, (int, float)):
        try:
            return float(text) == float(value)
        except (TypeError, ValueError):
            return False
    return text == value


def to_unit(text, offset, unit):
    if unit == "utf16":
        return len(text[:offset].encode("utf-16-le")) // 2
    if unit == "bytes":
        return len(text[:offset].encode("utf-8"))
    return offset


def attribute_problems(annotation, sidecars, articles, unit):
    """A span's bodies against its sidecar annotation (found by annotator,
    label and position); an article's field against the sidecar's."""
    problems = []
    creator = annotation.get("creator") or {}
    annotator = creator.get("nickname")
    bodies = as_list(annotation.get("body"))
    target = annotation.get("target")

    if isinstance(target, str):
        # A whole-article annotation: one of the sidecar's fields.
        sidecar = sidecars.sidecar(target, annotator)
        if sidecar is None:
            return [f"no sidecar of {annotator} for {target}"]
        fields = sidecar.get("document_labels") or {}
        ids = {b.get(PROPERTY_ID) for b in bodies if isinstance(b, dict)}
        if len(ids) != 1 or next(iter(ids)) not in fields:
            return [f"a whole-article annotation whose bodies name {sorted(map(str, ids))}, "
                    f"not one field of the sidecar ({sorted(fields)})"]
        ident = next(iter(ids))
        declarations = {f["id"]: f for f in sidecars.label_set(target).get("document_labels", [])}
        expected = expected_bodies({ident: fields[ident]}, declarations)
        if len(bodies) != len(expected) or not all(map(body_matches, bodies, expected)):
            problems.append(f"field {ident}: bodies {bodies} are not {expected}")
        return problems

    source = target.get("source")
    sidecar = sidecars.sidecar(source, annotator)
    if sidecar is None:
        return [f"no sidecar of {annotator} for {source}"]
    position = next((s for s in as_list(target.get("selector"))
                     if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {})
    label = bodies[0].get("value") if bodies and isinstance(bodies[0], dict) else None
    text = articles.text(source)
    matches = [a for a in sidecar.get("annotations", [])
               if a.get("label") == label
               and to_unit(text, a["start"], unit) == position.get("start")
               and to_unit(text, a["end"], unit) == position.get("end")]
    if not matches:
        return [f"no {label} of {annotator} at {position.get('start')}-{position.get('end')} "
                "in the sidecar"]
    span = matches[0]
    rest = bodies[1:]
    if span.get("note"):
        if not rest or rest[0].get("purpose") != "commenting" or rest[0].get("value") != span["note"]:
            problems.append("the note is not the second body")
        rest = rest[1:]
    declarations = {a["id"]: a for a in sidecars.label_set(source).get("attributes", [])}
    expected = expected_bodies(span.get("attributes") or {}, declarations)
    if len(rest) != len(expected) or not all(map(body_matches, rest, expected)):
        problems.append(f"attribute bodies {rest} are not {expected}")
    return problems


def whole_article_problems(collection_items, sidecars):
    """Every field of every sidecar exported is there, once."""
    problems = []
    seen = {}
    for item in collection_items:
        target = item.get("target")
        annotator = (item.get("creator") or {}).get("nickname")
        if isinstance(target, str) and item.get("motivation") == "classifying":
            for body in as_list(item.get("body"))[:1]:
                key = (target, annotator, body.get(PROPERTY_ID))
                seen[key] = seen.get(key, 0) + 1
    for (source, annotator), sidecar in list(sidecars.cache.items()):
        if sidecar is None:
            continue
        for ident in sidecar.get("document_labels") or {}:
            if seen.get((source, annotator, ident)) != 1:
                problems.append(f"field {ident} of {annotator} on {source} is written "
                                f"{seen.get((source, annotator, ident), 0)} times")
    return problems


class JsonLd:
    """pyld with the suite's copy of the W3C context: no network."""

    def __init__(self, root):
        try:
            from pyld import jsonld
        except ImportError:
            self.jsonld = None
            return
        self.jsonld = jsonld
        with open(os.path.join(root, "jsonld-context", "anno.jsonld"), encoding="utf-8") as f:
            context = json.load(f)

        def loader(url, options=None):
            if url.rstrip("/").split("://", 1)[-1] == ANNO_CONTEXT.split("://", 1)[1]:
                return {"contextUrl": None, "documentUrl": url, "document": context,
                        "contentType": "application/ld+json"}
            raise ValueError(f"only the W3C context is available here, not {url}")

        self.options = {"documentLoader": loader}

    def problems(self, annotation):
        if self.jsonld is None:
            return []
        try:
            expanded = self.jsonld.expand(annotation, self.options)
            back = self.jsonld.compact(expanded, ANNO_CONTEXT, self.options)
        except Exception as error:  # pyld raises its own JsonLdError
            return [f"JSON-LD: {error}"]
        problems = []
        if back != annotation:
            dropped = sorted(set(annotation) - set(back))
            problems.append("JSON-LD expansion and compaction change the annotation"
                            + (f" (drop {dropped})" if dropped else ""))
        node = expanded[0] if expanded else {}
        for body in node.get(OA + "hasBody", []):
            for purpose in body.get(OA + "hasPurpose", []):
                if not purpose.get("@id", "").startswith(OA) \
                        or purpose["@id"][len(OA):] not in MOTIVATIONS:
                    problems.append(f"purpose {purpose} is not an oa: motivation")
        n_ids = sum(1 for b in as_list(annotation.get("body"))
                    if isinstance(b, dict) and PROPERTY_ID in b)
        n_expanded = sum(1 for b in node.get(OA + "hasBody", [])
                         if "http://schema.org/propertyID" in b)
        if n_ids != n_expanded:
            problems.append(f"{n_ids} bodies name an attribute, {n_expanded} after expansion")
        return problems


def check_export(path, unit, musts, collection_musts, page_musts, articles, results,
                 sidecars=None, jsonld=None):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            collection = json.load(f)
    except (OSError, ValueError) as error:
        results.append((False, f"{name}: cannot read: {error}"))
        return

    failures = run_assertions(collection_musts, collection)
    if "first" in collection:
        failures += run_assertions(page_musts, collection)
    if collection.get("@context") != ANNO_CONTEXT or collection.get("type") != "AnnotationCollection":
        failures.append("not an AnnotationCollection with the anno.jsonld context")
    if not ABSOLUTE_URI.match(str(collection.get("id", ""))):
        failures.append("collection id is not an absolute URI")
    items = (collection.get("first") or {}).get("items", [])
    if collection.get("total") != len(items):
        failures.append(f"total {collection.get('total')} but {len(items)} items")
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    if len(set(ids)) != len(ids):
        failures.append("annotation ids are not unique")
    results.append((not failures,
                    f"{name}: collection and page ({len(items)} annotations)"
                    + ("" if not failures else ": " + "; ".join(failures))))

    known = set(ids)
    for index, annotation in enumerate(items):
        label = f"{name}: items[{index}] {annotation.get('id')} ({annotation.get('motivation')})"
        failures = run_assertions(musts, annotation)
        failures += uri_problems(annotation)
        if annotation.get("motivation") == "linking":
            for ref in [b for b in as_list(annotation.get("body")) if isinstance(b, str)] \
                    + [t for t in as_list(annotation.get("target")) if isinstance(t, str)]:
                if ref not in known:
                    failures.append(f"links to {ref}, which is not in the collection")
        else:
            failures += selector_problems(annotation, articles, unit)
            if sidecars is not None:
                failures += attribute_problems(annotation, sidecars, articles, unit)
        if jsonld is not None:
            failures += jsonld.problems(annotation)
        results.append((not failures, label + ("" if not failures else ": " + "; ".join(failures))))

    if sidecars is not None:
        failures = whole_article_problems(items, sidecars)
        results.append((not failures, f"{name}: every field of the sidecars read is written once"
                        + ("" if not failures else ": " + "; ".join(failures))))


def exports_from(program):
    """Runs the exporter into a temporary folder: [(file, unit)]."""
    folder = tempfile.mkdtemp(prefix="gloss-w3c-")
    proc = subprocess.run([program, folder], capture_output=True, text=True, encoding="utf-8")
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        return folder, None
    pairs = []
    for line in proc.stdout.splitlines():
        if line.strip():
            file, unit = line.rsplit(" ", 1)
            pairs.append((file, unit))
    return folder, pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=default_shared_dir())
    parser.add_argument("--offsets", default="codepoints", choices=["codepoints", "utf16", "bytes"])
    parser.add_argument("--exporter")
    parser.add_argument("exports", nargs="*")
    args = parser.parse_args()

    root = os.path.join(args.shared, SUITE)
    if not os.path.isfile(os.path.join(root, "annotations", "annotationMusts.test")):
        skip(f"the W3C test suite is not at {root}")
    try:
        import jsonschema
    except ImportError:
        skip(f"no jsonschema module for {sys.executable} (Debian: python3-jsonschema)")

    suite = Suite(root, jsonschema)
    musts = suite.assertions(os.path.join("annotations", "annotationMusts.test"))
    collection_musts = suite.assertions(os.path.join("collections", "collectionMusts.test"))
    # An empty collection has no page (a page must hold items).
    page_musts = suite.assertions(os.path.join("collections", "pages", "pageMusts.test"))

    results = []
    pairs = [(path, args.offsets) for path in args.exports]
    temporary = None
    if args.exporter:
        temporary, exported = exports_from(args.exporter)
        if exported is None:
            results.append((False, f"{os.path.basename(args.exporter)} failed"))
        else:
            pairs += exported
    if not pairs and not results:
        parser.error("give export files or --exporter")

    articles = Articles()
    jsonld = JsonLd(root)
    for path, unit in pairs:
        # The sidecars read for one export are the ones whose fields it must hold.
        check_export(path, unit, musts, collection_musts, page_musts, articles, results,
                     Sidecars(), jsonld)

    print(f"1..{len(results)}")
    for number, (ok, description) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {description}")
    n_annotations = sum(1 for ok, d in results if "items[" in d)
    n_failed = sum(1 for ok, _ in results if not ok)
    print(f"# {n_annotations} annotations checked against {len(musts)} assertions; "
          f"{n_failed} failures", flush=True)
    if jsonld.jsonld is None:
        print("# pyld is missing (Debian: python3-pyld): the JSON-LD round trip was not checked")

    if temporary is not None and n_failed == 0:
        shutil.rmtree(temporary, ignore_errors=True)
    elif temporary is not None:
        print(f"# exports kept in {temporary}")
    return 0 if n_failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
