#!/usr/bin/env python3
"""gloss-cli end to end: exit statuses, output lines, JSON reports.

Runs the real binary over copies of the sample corpus and over broken
files made here. Prints TAP. Standard library only.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
SAMPLES = os.environ.get("GLOSS_SAMPLES_DIR")

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


def copy_samples(dest):
    for name in os.listdir(SAMPLES):
        if name.endswith((".txt", ".json")):
            shutil.copy(os.path.join(SAMPLES, name), dest)


def test_help_and_version():
    code, out, err = run("--help")
    check("--help exits 0", code == 0, err)
    check("--help lists validate and stats", "validate" in out and "stats" in out, out)
    code, out, _ = run("--version")
    check("--version prints a version", code == 0 and out.startswith("gloss-cli "), out)
    for command in ("validate", "stats"):
        code, out, _ = run(command, "--help")
        check(f"{command} --help exits 0 and shows usage",
              code == 0 and f"gloss-cli {command}" in out or command in out, out)
        code, out, _ = run(command, "--version")
        check(f"{command} --version", code == 0 and command in out, out)
    code, out, err = run("frobnicate")
    check("unknown command exits 2 with one stderr line",
          code == 2 and out == "" and len(err.strip().splitlines()) == 1, err)
    code, out, err = run("validate", "--no-such-option")
    check("unknown option exits 2", code == 2 and len(err.strip().splitlines()) == 1, err)
    code, out, err = run("validate")
    check("validate with no path exits 2", code == 2, err)


def test_samples_clean(tmp):
    copy_samples(tmp)
    code, out, err = run("validate", tmp)
    check("samples validate clean (exit 0)", code == 0, out + err)
    check("samples: summary line counts 6 sidecars",
          "6 sidecars checked: 0 errors, 0 warnings" in out, out)

    code, out, err = run("validate", "--json", tmp)
    report = json.loads(out)
    check("validate --json parses, 6 sidecars, no errors",
          code == 0 and len(report["sidecars"]) == 6 and report["errors"] == 0, out)
    check("validate --json gives annotator and counts",
          all(s["state"] == "ok" and s["annotator"] in ("alice", "bilal") and s["annotations"] > 0
              for s in report["sidecars"]), out)

    code, out, err = run("stats", "--json", tmp)
    stats = json.loads(out)
    check("stats --json: 3 articles, 2 annotators",
          code == 0 and stats["articles"] == 3 and sorted(stats["annotators"]) == ["alice", "bilal"], out)
    total = stats["total"]
    check("stats --json: labels add up to the total",
          sum(total["labels"].values()) == total["annotations"], out)
    # Count independently from the files themselves.
    n_annotations = n_relations = 0
    for name in os.listdir(tmp):
        if name.endswith(".gloss.json"):
            with open(os.path.join(tmp, name), encoding="utf-8") as f:
                data = json.load(f)
            n_annotations += len(data["annotations"])
            n_relations += len(data["relations"])
    check("stats --json: annotation and relation totals match the files",
          total["annotations"] == n_annotations and total["relations"] == n_relations,
          f"{total} vs {n_annotations}/{n_relations}")

    code, out, err = run("stats", tmp)
    check("stats table names both annotators and the labels",
          code == 0 and "alice" in out and "bilal" in out and "quote" in out and "orphaned" in out, out)

    # A single article and a single sidecar as arguments.
    article = os.path.join(tmp, "harbour-bridge-vote.txt")
    code, out, _ = run("validate", article)
    check("validate one article checks its 2 sidecars", code == 0 and "2 sidecars checked" in out, out)
    code, out, _ = run("validate", article + ".alice.gloss.json")
    check("validate one sidecar", code == 0 and "1 sidecar checked" in out, out)


def test_problems(tmp):
    copy_samples(tmp)
    path = os.path.join(tmp, "kyiv-grain-talks.txt.alice.gloss.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    length = data["document"]["length"]
    data["annotations"][2]["end"] = length + 77
    data["annotations"][3]["label"] = "rumour"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
    before = open(path, "rb").read()

    code, out, err = run("validate", tmp, cwd=tmp)
    lines = out.splitlines()
    expected = (f"kyiv-grain-talks.txt.alice.gloss.json: annotations[2].end: "
                f"{length + 77} is past the end of the article ({length} code points)")
    check("error line: file, JSON path, what is wrong", expected in lines, out)
    check("unknown label is a warning line",
          any(l.startswith("kyiv-grain-talks.txt.alice.gloss.json: annotations[3].label: warning:")
              for l in lines), out)
    check("exit 1 on problems", code == 1, f"{code} {err}")
    check("nothing written by validate", open(path, "rb").read() == before)

    code, out, _ = run("validate", "--json", tmp)
    report = json.loads(out)
    bad = [s for s in report["sidecars"] if s["file"].endswith("kyiv-grain-talks.txt.alice.gloss.json")]
    check("--json marks the sidecar failed with located problems",
          len(bad) == 1 and bad[0]["state"] == "failed"
          and any(p["location"] == "annotations[2].end" and p["severity"] == "error" for p in bad[0]["problems"]),
          out)

    # stats skips the broken sidecar with a one-line note on stderr, exit 1
    code, out, err = run("stats", tmp)
    check("stats reports the unreadable sidecar on stderr and exits 1",
          code == 1 and "annotations[2].end" in err, err)


def test_warnings_and_strict(tmp):
    copy_samples(tmp)
    path = os.path.join(tmp, "river-flood-report.txt.bilal.gloss.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    data["annotations"][0]["label"] = "rumour"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
    code, out, _ = run("validate", tmp)
    check("warnings alone exit 0", code == 0 and "1 warning" in out and "1 warnings" not in out, out)
    code, out, _ = run("validate", "--strict", tmp)
    check("--strict fails on warnings", code == 1, out)


def test_article_changed(tmp):
    copy_samples(tmp)
    article = os.path.join(tmp, "harbour-bridge-vote.txt")
    with open(article, encoding="utf-8", newline="") as f:
        text = f.read()
    with open(article, "w", encoding="utf-8", newline="") as f:
        f.write("Updated at 09:40 with the final vote count.\n\n" + text)
    code, out, _ = run("validate", tmp, cwd=tmp)
    check("a changed article re-anchors with a report line, still exit 0",
          code == 0 and "re-anchored:" in out and "moved" in out, out)
    code, out, _ = run("validate", "--json", tmp)
    report = json.loads(out)
    moved = [s for s in report["sidecars"] if "reanchored" in s]
    check("--json has the re-anchoring counts",
          len(moved) == 2 and all(s["reanchored"]["orphaned"] == 0 and s["reanchored"]["moved"] > 0 for s in moved),
          out)


def test_bad_inputs(tmp):
    code, out, err = run("validate", os.path.join(tmp, "nope"))
    check("missing path: one stderr line, exit 1",
          code == 1 and "nope" in err and len(err.strip().splitlines()) == 1, err)

    with open(os.path.join(tmp, "latin1.txt"), "wb") as f:
        f.write(b"Caf\xe9 society\n")
    with open(os.path.join(tmp, "latin1.txt.alice.gloss.json"), "w") as f:
        f.write("{}")
    code, out, err = run("validate", tmp, cwd=tmp)
    check("article with invalid UTF-8: located message, exit 1",
          code == 1 and "invalid UTF-8" in out and "byte 3" in out, out + err)

    with open(os.path.join(tmp, "gone.txt.alice.gloss.json"), "w") as f:
        f.write("{}")
    code, out, err = run("validate", tmp, cwd=tmp)
    check("sidecar whose article is missing is reported",
          code == 1 and "gone.txt.alice.gloss.json: document.file: the article “gone.txt” is missing" in out, out)


def run_guarded(*args, cwd=None, prefix=()):
    """run(), with a guard against a command that never ends (a symlink
    loop, a FIFO): 60 s is a hang, not a speed limit."""
    try:
        proc = subprocess.run([*prefix, CLI, *args], capture_output=True, text=True,
                              encoding="utf-8", cwd=cwd, timeout=60,
                              env={**os.environ, "LC_ALL": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        return "hung", "", ""
    return proc.returncode, proc.stdout, proc.stderr


def test_links_and_special_files(tmp):
    corpus = os.path.join(tmp, "corpus")
    os.mkdir(corpus)
    copy_samples(corpus)
    os.symlink(".", os.path.join(corpus, "loop"))
    os.symlink("..", os.path.join(corpus, "up"))
    os.mkfifo(os.path.join(corpus, "pipe.txt"))
    os.mkfifo(os.path.join(corpus, "harbour-bridge-vote.txt.carol.gloss.json"))
    os.symlink("/dev/zero", os.path.join(corpus, "zero.txt"))

    code, out, err = run_guarded("validate", "corpus", cwd=tmp)
    check("two symlink loops and FIFOs: validate ends, each sidecar once, exit 0",
          code == 0 and "6 sidecars checked: 0 errors, 0 warnings" in out, f"{code} {out} {err}")
    for line in ("gloss-cli: corpus/loop: warning: a link to “.”, a folder that contains the link (a loop); not followed",
                 "gloss-cli: corpus/up: warning: a link to “..”, a folder that contains the link (a loop); not followed",
                 "gloss-cli: corpus/pipe.txt: warning: not a regular file (a FIFO); only regular files are read",
                 "gloss-cli: corpus/harbour-bridge-vote.txt.carol.gloss.json: warning: not a regular file (a FIFO); only regular files are read",
                 "gloss-cli: corpus/zero.txt: warning: not a regular file (a device); only regular files are read"):
        check(f"stderr names it: {line.split(': ')[1]}", line in err.splitlines(), err)

    code, out, err = run_guarded("stats", "--json", "corpus", cwd=tmp)
    stats = json.loads(out) if code == 0 else {}
    check("stats --json over the loops: 3 articles, stdout still JSON",
          stats.get("articles") == 3, f"{code} {out} {err}")

    # Named on the command line, a FIFO is an error, not a hang.
    code, out, err = run_guarded("validate", "corpus/pipe.txt", cwd=tmp)
    check("a FIFO given as an article: exit 1, one stderr line",
          code == 1 and "pipe.txt: not a regular file (a FIFO)" in err
          and len(err.strip().splitlines()) == 1, f"{code} {err}")

    # An article that is a FIFO, with a sidecar beside it: the sidecar's
    # article cannot be used, said on stdout like any other problem.
    with open(os.path.join(corpus, "pipe.txt.alice.gloss.json"), "w") as f:
        f.write("{}")
    code, out, err = run_guarded("validate", "corpus", cwd=tmp)
    check("a sidecar of a FIFO article: located error line, exit 1",
          code == 1 and "corpus/pipe.txt.alice.gloss.json: document.file: the article cannot be used: "
          "pipe.txt: not a regular file (a FIFO)" in out, f"{code} {out} {err}")


def unreadable_prefix(folder):
    """How to run a command for which @folder (mode 000) cannot be read:
    as is, or as root without the capabilities that let root read anything.
    None when neither works here."""
    prefixes = [()]
    if os.geteuid() == 0:
        prefixes = []
        if shutil.which("setpriv"):
            prefixes.append(("setpriv", "--bounding-set=-dac_override,-dac_read_search",
                             "--inh-caps=-all"))
    for prefix in prefixes:
        try:
            probe = subprocess.run([*prefix, "ls", folder], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode != 0:
            return prefix
    return None


def test_unreadable_folder(tmp):
    corpus = os.path.join(tmp, "corpus")
    os.mkdir(corpus)
    copy_samples(corpus)
    # Folders before and after the locked one, in any listing order.
    for sub in ("a-before", "locked", "z-after"):
        os.mkdir(os.path.join(corpus, sub))
    for name in os.listdir(corpus):
        if name.startswith("kyiv-grain-talks.txt"):
            shutil.move(os.path.join(corpus, name), os.path.join(corpus, "z-after", name))
        elif name.startswith("river-flood-report.txt"):
            shutil.move(os.path.join(corpus, name), os.path.join(corpus, "a-before", name))
    shutil.copy(os.path.join(corpus, "harbour-bridge-vote.txt"), os.path.join(corpus, "locked"))
    locked = os.path.join(corpus, "locked")
    os.chmod(locked, 0)
    try:
        prefix = unreadable_prefix(locked)
        if prefix is None:
            check("unreadable folder # SKIP root here can read a folder of mode 000 "
                  "(no setpriv or no capabilities to drop)", True)
            return
        code, out, err = run_guarded("validate", "corpus", cwd=tmp, prefix=prefix)
        check("unreadable subfolder: the other 6 sidecars are still checked",
              "6 sidecars checked" in out, f"{code} {out} {err}")
        check("unreadable subfolder: an error line naming it, exit 1",
              code == 1 and "gloss-cli: corpus/locked: the folder cannot be read (permission denied)" in err,
              f"{code} {err}")
        code, out, err = run_guarded("reanchor", "--dry-run", "corpus", cwd=tmp, prefix=prefix)
        check("unreadable subfolder: reanchor still checks the other 6 sidecars, exit 1",
              code == 1 and "6 sidecar" in out and "corpus/locked" in err, f"{code} {out} {err}")
    finally:
        os.chmod(locked, 0o700)


def test_broken_label_file(tmp):
    """One broken gloss-labels.json above two folders: said once, as the
    label-set reader says it, and the sidecars below still checked."""
    root = os.path.join(tmp, "corpus")
    for sub in ("one", "two"):
        os.makedirs(os.path.join(root, sub))
        copy_samples(os.path.join(root, sub))
        # The samples' own label set would be nearer than the broken one.
        os.remove(os.path.join(root, sub, "gloss-labels.json"))
    labels = os.path.join(root, "gloss-labels.json")
    with open(labels, "w", encoding="utf-8") as f:
        f.write("{ \"labels\": [")
    code, out, err = run("validate", "corpus", cwd=tmp)
    check("broken label file: exit 1", code == 1, f"{code} {out} {err}")
    lines = [l for l in out.splitlines() if "gloss-labels.json" in l]
    check("broken label file: said once for both folders", len(lines) == 1, out)
    check("broken label file: the line names the file",
          len(lines) == 1 and lines[0].startswith(labels + ": "), out)
    check("broken label file: every sidecar below is still checked",
          "12 sidecars checked" in out, out)
    code, data, = run("validate", "--json", "corpus", cwd=tmp)[:2]
    try:
        report = json.loads(data)
    except ValueError:
        report = None
    check("broken label file: --json lists it once among the problems, with every sidecar",
          report is not None and len(report["problems"]) == 1 and len(report["sidecars"]) == 12,
          data)


def test_stats_done(tmp):
    """The annotators' done marks ("done": true in a sidecar), counted."""
    copy_samples(tmp)
    marked = os.path.join(tmp, "harbour-bridge-vote.txt.alice.gloss.json")
    with open(marked, encoding="utf-8") as f:
        data = json.load(f)
    data["done"] = True
    with open(marked, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")

    code, out, err = run("validate", tmp)
    check("a done mark validates clean", code == 0 and "0 errors, 0 warnings" in out, out + err)
    code, out, err = run("stats", "--json", tmp)
    stats = json.loads(out) if code == 0 else {}
    check("stats --json: alice has 1 done, bilal 0, total 1",
          stats.get("annotators", {}).get("alice", {}).get("done") == 1
          and stats.get("annotators", {}).get("bilal", {}).get("done") == 0
          and stats.get("total", {}).get("done") == 1, out + err)
    code, out, err = run("stats", tmp)
    rows = [line.split() for line in out.splitlines() if line.startswith("done ")]
    check("stats table: a done row, per annotator and total",
          code == 0 and rows == [["done", "1", "0", "1"]], out + err)

    # A done mark of the wrong type is an error located at "done".
    data["done"] = "yes"
    with open(marked, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
    code, out, err = run("validate", marked)
    check("validate: \"done\": \"yes\" is an error at done",
          code == 1 and ": done: must be true or false, not a string" in out, out + err)


def main():
    test_help_and_version()
    if SAMPLES and os.path.isdir(SAMPLES):
        for test in (test_samples_clean, test_problems, test_warnings_and_strict,
                     test_article_changed, test_bad_inputs, test_links_and_special_files,
                     test_unreadable_folder, test_broken_label_file, test_stats_done):
            with tempfile.TemporaryDirectory() as tmp:
                test(tmp)

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
