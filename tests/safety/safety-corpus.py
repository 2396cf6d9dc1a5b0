#!/usr/bin/env python3
"""Data safety: a corpus that walks in circles, holds special files and an
unreadable folder.

Two symbolic-link loops (`ln -s . loop`, `ln -s .. up`, and one more below),
a FIFO named like an article and one named like a sidecar, a link to
/dev/zero named like an article, and a folder nobody may read. Every real
article must be seen exactly once by validate, stats, export and import,
every command must end (a 60 s timeout guards against a hang; it is not a
speed limit), and what was left out must be named, one line each.

Run as: safety-corpus.py GLOSS_CLI GLOSS_BINARY SAMPLES_DIR. Prints TAP.
Standard library only.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
SAMPLES = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("GLOSS_SAMPLES_DIR", "")

HANG_GUARD = 60  # seconds: a command still running then is hung

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail, None))


def skip(name, reason):
    results.append((name, True, "", reason))


def run(*args, cwd, prefix=()):
    try:
        proc = subprocess.run([*prefix, CLI, *args], capture_output=True, text=True,
                              encoding="utf-8", cwd=cwd, timeout=HANG_GUARD,
                              env={**os.environ, "LC_ALL": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        return "hung", "", f"still running after {HANG_GUARD} s"
    return proc.returncode, proc.stdout, proc.stderr


def sample_files():
    return sorted(name for name in os.listdir(SAMPLES)
                  if name.endswith(".txt") or name.endswith(".gloss.json"))


def real_sidecars(root):
    """Every regular sidecar under @root, walked without following links."""
    found = []
    for folder, dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            if name.endswith(".gloss.json") and os.path.isfile(path) and not os.path.islink(path):
                found.append(os.path.relpath(path, root))
    return sorted(found)


def build_corpus(root):
    """The samples spread over three folders, with the traps around them."""
    os.makedirs(os.path.join(root, "world", "europe"))
    for name in sample_files():
        if name.startswith("kyiv-grain-talks"):
            dest = os.path.join(root, "world", "europe")
        elif name.startswith("river-flood-report"):
            dest = os.path.join(root, "world")
        else:
            dest = root
        shutil.copy(os.path.join(SAMPLES, name), dest)

    os.symlink(".", os.path.join(root, "loop"))
    os.symlink("..", os.path.join(root, "up"))
    os.symlink("../..", os.path.join(root, "world", "europe", "top"))
    os.mkfifo(os.path.join(root, "pipe.txt"))
    os.mkfifo(os.path.join(root, "harbour-bridge-vote.txt.carol.gloss.json"))
    os.symlink("/dev/zero", os.path.join(root, "zero.txt"))


TRAPS = {
    "loop": "warning: a link to “.”, a folder that contains the link (a loop); not followed",
    "up": "warning: a link to “..”, a folder that contains the link (a loop); not followed",
    "world/europe/top": "warning: a link to “../..”, a folder that contains the link (a loop); not followed",
    "pipe.txt": "warning: not a regular file (a FIFO); only regular files are read",
    "harbour-bridge-vote.txt.carol.gloss.json": "warning: not a regular file (a FIFO); only regular files are read",
    "zero.txt": "warning: not a regular file (a device); only regular files are read",
}


def check_traps_named(command, err):
    lines = err.splitlines()
    for path, message in TRAPS.items():
        line = f"gloss-cli: corpus/{path}: {message}"
        check(f"{command}: names corpus/{path}", line in lines, err)


def test_validate(tmp, expected):
    code, out, err = run("validate", "--json", "corpus", cwd=tmp)
    check("validate ends over two loops, FIFOs and /dev/zero", code != "hung", err)
    report = json.loads(out) if code == 0 else {"sidecars": []}
    files = sorted(os.path.relpath(s["file"], "corpus") for s in report["sidecars"])
    check("validate: every sidecar exactly once, exit 0", code == 0 and files == expected,
          f"{code} {files} {err}")
    check_traps_named("validate", err)


def test_stats(tmp, expected):
    code, out, err = run("stats", "--json", "corpus", cwd=tmp)
    stats = json.loads(out) if code == 0 else {}
    n_annotations = 0
    for path in expected:
        with open(os.path.join(tmp, "corpus", path), encoding="utf-8") as f:
            n_annotations += len(json.load(f)["annotations"])
    check("stats: 3 articles, each annotation counted once, exit 0",
          code == 0 and stats.get("articles") == 3
          and stats.get("total", {}).get("annotations") == n_annotations,
          f"{code} {stats.get('articles')} {stats.get('total')} vs {n_annotations} {err}")
    check_traps_named("stats", err)


def test_export(tmp, expected):
    code, out, err = run("export", "-f", "jsonl", "-o", "dataset.jsonl", "corpus", cwd=tmp)
    records = []
    if code == 0:
        with open(os.path.join(tmp, "dataset.jsonl"), encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
    keys = sorted((os.path.basename(r["id"]), r["annotator"]) for r in records)
    wanted = sorted((os.path.basename(p).split(".txt.")[0] + ".txt", p.split(".")[-3]) for p in expected)
    check("export: one record per article and annotator, none twice, exit 0",
          code == 0 and keys == wanted, f"{code} {keys} vs {wanted} {err}")
    check_traps_named("export", err)


def test_import(tmp):
    """brat files in a folder with the same traps: each imported once."""
    code, out, err = run("export", "-f", "brat", "-o", "brat", "corpus", cwd=tmp)
    check("export to brat for the import", code == 0, f"{code} {err}")
    brat = os.path.join(tmp, "brat")
    if not os.path.isdir(brat):
        check("import: each .ann imported once (no brat files to import)", False)
        return
    anns = sorted(name for name in os.listdir(brat) if name.endswith(".ann"))
    os.symlink(".", os.path.join(brat, "loop"))
    os.symlink("..", os.path.join(brat, "up"))
    os.mkfifo(os.path.join(brat, "pipe.ann"))
    os.symlink("/dev/zero", os.path.join(brat, "zero.ann"))

    code, out, err = run("import", "-f", "brat", "-a", "imported", "-o", "imported", "brat", cwd=tmp)
    check("import ends over the loops and special files", code != "hung", err)
    written = real_sidecars(os.path.join(tmp, "imported"))
    check("import: each .ann imported once, nothing under loop/ or up/",
          written == sorted(name[:-len(".ann")] + ".txt.imported.gloss.json" for name in anns),
          f"{written} {err}")
    lines = err.splitlines()
    check("import: names the loop", any(l.startswith("gloss-cli: loop: warning: a link to “.”") for l in lines), err)
    check("import: names the link up", any(l.startswith("gloss-cli: up: warning: a link to “..”") for l in lines), err)
    check("import: names the FIFO", "gloss-cli: pipe.ann: not a regular file (a FIFO); only regular files are read" in lines, err)
    check("import: names /dev/zero", "gloss-cli: zero.ann: not a regular file (a device); only regular files are read" in lines, err)

    # A JSON Lines file that is a FIFO, or /dev/zero: refused, not read.
    os.mkfifo(os.path.join(tmp, "pipe.jsonl"))
    os.symlink("/dev/zero", os.path.join(tmp, "zero.jsonl"))
    for name, kind in (("pipe.jsonl", "(a FIFO)"), ("zero.jsonl", "(a device)")):
        code, out, err = run("import", "-f", "jsonl", "-o", "imported-jsonl", name, cwd=tmp)
        check(f"import of {name}: refused with a message, exit 1",
              code == 1 and f"not a regular file {kind}" in err, f"{code} {err}")


def test_special_articles_with_sidecars(tmp):
    """A FIFO and /dev/zero with sidecars beside them are opened for reading:
    refused, each named, and the rest checked."""
    corpus = os.path.join(tmp, "corpus")
    sidecar = next(n for n in sample_files() if n.endswith(".alice.gloss.json"))
    for article in ("pipe.txt", "zero.txt"):
        shutil.copy(os.path.join(SAMPLES, sidecar), os.path.join(corpus, f"{article}.alice.gloss.json"))

    code, out, err = run("validate", "corpus", cwd=tmp)
    check("validate with sidecars beside a FIFO and /dev/zero ends, exit 1",
          code == 1 and "8 sidecars checked: 2 errors" in out, f"{code} {out} {err}")
    for article, kind in (("pipe.txt", "(a FIFO)"), ("zero.txt", "(a device)")):
        check(f"validate: the sidecar of {article} says its article is not a regular file",
              f"corpus/{article}.alice.gloss.json: document.file: the article cannot be used: "
              f"{article}: not a regular file {kind}" in out, out)

    code, out, err = run("reanchor", "--dry-run", "corpus", cwd=tmp)
    check("reanchor with them ends, checks the 6 good sidecars and names the 2 others",
          code == 1 and "6 sidecars checked" in out
          and "corpus/pipe.txt.alice.gloss.json: document.file: the article cannot be used" in err
          and "corpus/zero.txt.alice.gloss.json: document.file: the article cannot be used" in err,
          f"{code} {out} {err}")

    for article in ("pipe.txt", "zero.txt"):
        os.remove(os.path.join(corpus, f"{article}.alice.gloss.json"))


def unreadable_prefix(folder):
    """How to run a command for which @folder (mode 000) cannot be read: as
    is, or, as root, without the capabilities that let root read anything.
    None when neither works here."""
    prefixes = [()]
    if os.geteuid() == 0:
        prefixes = []
        if shutil.which("setpriv"):
            prefixes.append(("setpriv", "--bounding-set=-dac_override,-dac_read_search",
                             "--inh-caps=-all"))
    for prefix in prefixes:
        try:
            probe = subprocess.run([*prefix, "ls", folder], capture_output=True, timeout=HANG_GUARD)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode != 0:
            return prefix
    return None


def test_unreadable_folder(tmp, expected):
    corpus = os.path.join(tmp, "corpus")
    locked = os.path.join(corpus, "locked")
    os.mkdir(locked)
    for name in sample_files()[:2]:
        shutil.copy(os.path.join(SAMPLES, name), locked)
    os.chmod(locked, 0)
    try:
        prefix = unreadable_prefix(locked)
        if prefix is None:
            skip("an unreadable folder is reported and the rest checked",
                 "running as root, and setpriv cannot drop the capability to read any folder")
            return

        error_line = "gloss-cli: corpus/locked: the folder cannot be read (permission denied); its articles were left out"
        code, out, err = run("validate", "--json", "corpus", cwd=tmp, prefix=prefix)
        report = json.loads(out) if code != "hung" and out else {"sidecars": []}
        files = sorted(os.path.relpath(s["file"], "corpus") for s in report["sidecars"])
        check("validate: an unreadable folder leaves the other sidecars checked, each once",
              files == expected, f"{code} {files} {err}")
        check("validate: the unreadable folder is an error line, exit 1",
              code == 1 and error_line in err.splitlines(), f"{code} {err}")

        code, out, err = run("stats", "--json", "corpus", cwd=tmp, prefix=prefix)
        stats = json.loads(out) if code != "hung" and out else {}
        check("stats: the 3 readable articles, exit 1 naming the folder",
              code == 1 and stats.get("articles") == 3 and error_line in err.splitlines(),
              f"{code} {stats.get('articles')} {err}")

        code, out, err = run("reanchor", "--dry-run", "corpus", cwd=tmp, prefix=prefix)
        check("reanchor: the 6 readable sidecars, exit 1 naming the folder",
              code == 1 and "6 sidecars checked" in out and error_line in err.splitlines(),
              f"{code} {out} {err}")

        # An export that leaves a folder out would replace a complete
        # dataset with an incomplete one: it refuses, and says why.
        code, out, err = run("export", "-f", "jsonl", "-o", "partial.jsonl", "corpus",
                             cwd=tmp, prefix=prefix)
        check("export: refuses a corpus with an unreadable folder, naming it, writing nothing",
              code == 1 and error_line in err.splitlines()
              and not os.path.exists(os.path.join(tmp, "partial.jsonl")), f"{code} {err}")
    finally:
        os.chmod(locked, 0o700)


def main():
    if not SAMPLES or not os.path.isdir(SAMPLES):
        print("1..0 # SKIP no samples folder")
        return 0
    if not hasattr(os, "mkfifo"):
        print("1..0 # SKIP no FIFOs on this system")
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus")
        os.mkdir(corpus)
        build_corpus(corpus)
        expected = real_sidecars(corpus)

        test_validate(tmp, expected)
        test_stats(tmp, expected)
        test_export(tmp, expected)
        test_import(tmp)
        test_special_articles_with_sidecars(tmp)
        test_unreadable_folder(tmp, expected)

    print(f"1..{len(results)}")
    for i, (name, ok, detail, reason) in enumerate(results, 1):
        if reason is not None:
            print(f"ok {i} - {name} # SKIP {reason}")
            continue
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
