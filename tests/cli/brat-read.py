#!/usr/bin/env python3
"""Reads brat files with brat's own code and prints what brat sees, as JSON.

    brat-read.py BRAT_SRC ANN…

BRAT_SRC is a folder with brat's server/src modules (annotation.py,
projectconfig.py, verify_annotations.py, message.py, realmessage.py). For
each .ann: brat's parse (the lines it could not parse, its attributes,
relations and text-bound annotations), the issues of brat's verifier
(verify_annotations.verify_annotation, what brat's "verify" tool and the
server report) against the annotation.conf of its folder, and that
annotation.conf as brat's configuration parser reads it: each attribute's
Arg and Value arguments (what server/src/document.py's
_fill_attribute_configuration sends to brat's editor), each relation type's
Arg1/Arg2. Messages brat's configuration code raises (a section it cannot
parse, a type name it rewrites) are listed too: a clean folder has none.

Run in its own interpreter: brat's modules keep state in globals.
"""
import atexit
import codecs
import json
import os
import shutil
import sys
import tempfile

# annotation.py opens files with mode "rU", which Python 3.11 refuses.
_codecs_open = codecs.open


def _open_without_u(filename, mode="r", *args, **kwargs):
    return _codecs_open(filename, mode.replace("U", ""), *args, **kwargs)


codecs.open = _open_without_u

# brat's config.py is written by its installer; projectconfig reads BASE_DIR
# (the top of the folders searched for annotation.conf and visual.conf —
# brat's data folder; with "/" its search never ends) and DEBUG.
_base = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in sys.argv[2:]])
_stub = tempfile.mkdtemp(prefix="brat-config-")
atexit.register(shutil.rmtree, _stub, True)
with open(os.path.join(_stub, "config.py"), "w") as f:
    f.write(f"BASE_DIR = {_base!r}\nDEBUG = False\n")

sys.path[:0] = [_stub, sys.argv[1]]

import annotation  # noqa: E402
import projectconfig  # noqa: E402
import verify_annotations  # noqa: E402
from message import Messager  # noqa: E402


def conf_of(folder):
    attributes = {}
    for node in projectconfig.get_attribute_type_hierarchy(folder):
        if node == projectconfig.SEPARATOR_STR:
            continue
        attributes[node.storage_form()] = {
            "Arg": node.arguments.get("Arg", []),
            "Value": node.arguments.get("Value", []),
        }
    relations = {}
    for node in projectconfig.get_relation_type_hierarchy(folder):
        if node == projectconfig.SEPARATOR_STR:
            continue
        relations[node.storage_form()] = {
            "Arg1": node.arguments.get("Arg1", []),
            "Arg2": node.arguments.get("Arg2", []),
        }
    entities = [node.storage_form() for node in projectconfig.get_entity_type_hierarchy(folder)
                if node != projectconfig.SEPARATOR_STR]
    return {"entities": entities, "attributes": attributes, "relations": relations}


def read(path):
    folder = os.path.dirname(os.path.abspath(path))
    conf = projectconfig.ProjectConfiguration(folder)
    with annotation.TextAnnotations(os.path.abspath(path)[:-len(".ann")], read_only=True) as ann:
        issues = [issue.human_readable_str() for issue in verify_annotations.verify_annotation(ann, conf)]
        messages = ann.get_messages() if hasattr(ann, "get_messages") else None
        return {
            "failed_lines": list(ann.failed_lines),
            "errors": list(messages.errors) if messages else [],
            "warnings": list(messages.warnings) if messages else [],
            "issues": issues,
            "textbounds": {t.id: t.type for t in ann.get_textbounds()},
            # brat's value: True for a binary attribute, else the text
            "attributes": [[a.type, a.target, a.value] for a in ann.get_attributes()],
            "relations": [[r.type, r.arg1, r.arg2] for r in ann.get_relations()],
            "attributes_allowed": {t.type: conf.attributes_for(t.type) for t in ann.get_textbounds()},
        }


result = {"files": {}, "confs": {}}
for path in sys.argv[2:]:
    folder = os.path.dirname(os.path.abspath(path))
    result["files"][path] = read(path)
    if folder not in result["confs"]:
        result["confs"][folder] = conf_of(folder)
result["messages"] = [list(m) for m in Messager.output_json({}).get("messages", [])]
json.dump(result, sys.stdout)
