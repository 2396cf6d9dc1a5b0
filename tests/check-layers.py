#!/usr/bin/env python3
"""The model's structure, as docs/architecture.md states it, checked.

1. No include cycle among src/model's files. A .c file counts as its
   header's part: gloss-a.c including gloss-b.h while gloss-b.c includes
   gloss-a.h is a cycle between the two parts (issue 11).
2. The model includes no GTK, and the CLI neither (the build enforces the
   link; this says it at the line).
3. Only the model parses or writes JSON: src/app and src/cli include
   neither json-glib nor our JSON reader and writer.

Prints TAP. Usage: check-layers.py SOURCE_ROOT
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SYSTEM_INCLUDE = re.compile(r'^\s*#\s*include\s+<([^>]+)>', re.M)


def part_of(name):
    """gloss-foo.c, gloss-foo.h and gloss-foo-private.h are one part."""
    base = os.path.splitext(name)[0]
    return base[:-len("-private")] if base.endswith("-private") else base


def model_graph(model_dir):
    graph = {}
    for name in sorted(os.listdir(model_dir)):
        if not name.endswith((".c", ".h")):
            continue
        with open(os.path.join(model_dir, name), encoding="utf-8") as f:
            text = f.read()
        part = part_of(name)
        edges = graph.setdefault(part, set())
        for included in INCLUDE.findall(text):
            if os.path.exists(os.path.join(model_dir, included)) and part_of(included) != part:
                edges.add(part_of(included))
    return graph


def find_cycle(graph):
    state = {}
    stack = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def files_including(folder, pattern):
    hits = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".c", ".h")):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        for included in SYSTEM_INCLUDE.findall(text) + INCLUDE.findall(text):
            if re.search(pattern, included):
                hits.append(f"{name} includes {included}")
    return hits


# Long work is the model's _async API; the app and the CLI start no thread.
THREAD_CALL = re.compile(r"\b(g_thread_new|g_thread_try_new|g_thread_pool_new|g_task_run_in_thread(_sync)?)\s*\(")


def files_starting_threads(folder):
    hits = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".c", ".h")):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if THREAD_CALL.search(line):
                    hits.append(f"{name}:{number}: {line.strip()}")
    return hits


def main():
    root = sys.argv[1]
    src = os.path.join(root, "src")
    checks = []

    cycle = find_cycle(model_graph(os.path.join(src, "model")))
    checks.append(("no include cycle among src/model's parts",
                   [" -> ".join(cycle)] if cycle else []))
    checks.append(("src/model includes no GTK",
                   files_including(os.path.join(src, "model"), r"^(gtk|gdk|adwaita)")))
    checks.append(("src/cli includes no GTK",
                   files_including(os.path.join(src, "cli"), r"^(gtk|gdk|adwaita)")))
    json_rule = r"^(json-glib|gloss-json-reader\.h|gloss-json-writer\.h)"
    checks.append(("src/app parses or writes no JSON itself",
                   files_including(os.path.join(src, "app"), json_rule)))
    checks.append(("src/cli parses or writes no JSON itself",
                   files_including(os.path.join(src, "cli"), json_rule)))

    checks.append(("src/app starts no thread of its own",
                   files_starting_threads(os.path.join(src, "app"))))
    checks.append(("src/cli starts no thread of its own",
                   files_starting_threads(os.path.join(src, "cli"))))

    print(f"1..{len(checks)}")
    failed = False
    for number, (what, problems) in enumerate(checks, 1):
        if problems:
            failed = True
            print(f"not ok {number} - {what}")
            for problem in problems:
                print(f"# {problem}")
        else:
            print(f"ok {number} - {what}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
