#!/usr/bin/env python3
# plain-validate.py — a plain Python checker of Gloss sidecars: the baseline
# the `cli-floors` benchmark compares `gloss-cli validate` with.
#
#   plain-validate.py SIDECAR…
#
# A baseline of our own, not a tool anyone ships: the simplest program a
# person would write to check a sidecar against its article with the
# standard library, to tell how far gloss-cli is from what plain Python
# does. For each SIDECAR (ARTICLE.ANNOTATOR.gloss.json) it
#
#   * reads the sidecar with json and the article ARTICLE as UTF-8;
#   * checks "format" == "gloss", "version" == 1, document.file == the
#     article's name, document.length == its length in code points;
#   * checks the SHA-256 of the article's bytes against document.sha256;
#   * for each annotation: a unique string id, 0 <= start < end <= length,
#     exact == text[start:end] (code points), prefix == the up to 32 code
#     points before start and suffix == the up to 32 after end (when the
#     sidecar has them; orphans are skipped);
#   * for each relation: a unique id, "from" and "to" the ids of
#     annotations.
#
# What gloss-cli validate checks and this does not: grapheme-cluster
# boundaries of each span, timestamps, the label set, member types and
# unknown members, string sizes. What this checks and gloss-cli does not:
# prefix and suffix of each span (gloss-cli uses them only to re-anchor an
# article that changed). It prints one line per problem and exits 1 if
# there was any.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import sys

CONTEXT = 32
SUFFIX = ".gloss.json"


def check(sidecar_path, problems):
    with open(sidecar_path, "rb") as f:
        sidecar = json.loads(f.read().decode("utf-8"))

    # ARTICLE.ANNOTATOR.gloss.json
    stem = sidecar_path[: -len(SUFFIX)]
    article_path = stem[: stem.rindex(".")]
    with open(article_path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")

    def problem(where, message):
        problems.append("%s: %s: %s" % (sidecar_path, where, message))

    if sidecar.get("format") != "gloss":
        problem("format", "not a Gloss sidecar")
    if sidecar.get("version") != 1:
        problem("version", "not version 1")
    document = sidecar["document"]
    if document.get("file") != os.path.basename(article_path):
        problem("document.file", "names another article")
    if document.get("length") != len(text):
        problem("document.length", "does not match the article")
    if document.get("sha256") != hashlib.sha256(data).hexdigest():
        problem("document.sha256", "the article changed")
        return

    ids = set()
    for i, a in enumerate(sidecar.get("annotations", [])):
        where = "annotations[%d]" % i
        id_ = a.get("id")
        if not isinstance(id_, str) or not id_ or id_ in ids:
            problem(where + ".id", "missing or used twice")
        ids.add(id_)
        if a.get("orphaned"):
            continue
        start, end = a.get("start"), a.get("end")
        if not (isinstance(start, int) and isinstance(end, int)
                and 0 <= start < end <= len(text)):
            problem(where, "bad offsets")
            continue
        if a.get("exact") != text[start:end]:
            problem(where + ".exact", "does not match the article")
        if "prefix" in a and a["prefix"] != text[max(0, start - CONTEXT):start]:
            problem(where + ".prefix", "does not match the article")
        if "suffix" in a and a["suffix"] != text[end:end + CONTEXT]:
            problem(where + ".suffix", "does not match the article")

    relation_ids = set()
    for i, r in enumerate(sidecar.get("relations", [])):
        where = "relations[%d]" % i
        if r.get("id") in relation_ids:
            problem(where + ".id", "used twice")
        relation_ids.add(r.get("id"))
        if r.get("from") not in ids or r.get("to") not in ids:
            problem(where, "not between annotations")


def main(argv):
    problems = []
    for path in argv[1:]:
        check(path, problems)
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
