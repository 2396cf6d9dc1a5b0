#!/usr/bin/env python3
"""gloss-cli reanchor: sidecars follow an edited article, and nothing else is written.

Runs the real binary over copies of the sample corpus with one article
edited here. Prints TAP. Standard library only.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
SAMPLES = os.environ.get("GLOSS_SAMPLES_DIR")

ARTICLE = "kyiv-grain-talks.txt"
SIDECARS = [f"{ARTICLE}.alice.gloss.json", f"{ARTICLE}.bilal.gloss.json"]

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


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def digests(tmp):
    return {name: digest(os.path.join(tmp, name))
            for name in sorted(os.listdir(tmp)) if name.endswith(".json")}


def edit_article(tmp, removed_word=None):
    """A note at the top (every span moves) and, optionally, one quoted
    word taken out of the text (spans over it can no longer be found)."""
    path = os.path.join(tmp, ARTICLE)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = "Editor’s note: updated on Friday with a correction. 🇺🇦\n\n" + text
    if removed_word:
        text = text.replace(removed_word, "")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return text


def load(tmp, name):
    with open(os.path.join(tmp, name), encoding="utf-8") as f:
        return json.load(f)


def code_points(text, start, end):
    # Python strings index code points, as Gloss offsets do.
    return text[start:end]


def test_usage(tmp):
    code, out, err = run("reanchor", "--help")
    check("reanchor --help exits 0", code == 0 and "reanchor" in out, out + err)
    code, out, err = run("reanchor")
    check("reanchor with no path exits 2 with one line", code == 2 and len(err.strip().splitlines()) == 1, err)
    code, out, err = run("reanchor", os.path.join(tmp, "nowhere"))
    check("reanchor on a missing path exits 1", code == 1 and err.strip() != "", err)


def test_up_to_date(tmp):
    copy_samples(tmp)
    before = digests(tmp)
    code, out, err = run("reanchor", tmp)
    check("nothing changed: exit 0, nothing re-anchored",
          code == 0 and "6 sidecars checked, 0 re-anchored" in out, out + err)
    check("nothing changed: no file written", digests(tmp) == before)


def test_dry_run_then_save(tmp):
    copy_samples(tmp)
    text = edit_article(tmp)
    before = digests(tmp)

    code, out, err = run("reanchor", "--dry-run", tmp)
    check("--dry-run: exit 0 and both sidecars reported",
          code == 0 and all(name in out for name in SIDECARS) and "not saved" in out, out + err)
    check("--dry-run: no file written", digests(tmp) == before)

    code, out, err = run("reanchor", "--json", tmp)
    report = json.loads(out) if code == 0 else {}
    entries = {os.path.basename(e["sidecar"]): e for e in report.get("reanchored", [])}
    check("--json: both sidecars, saved, every span placed",
          code == 0 and sorted(entries) == SIDECARS
          and all(e["saved"] and e["orphaned"] == 0 and e["moved"] > 0 for e in entries.values()),
          out + err)
    check("--json: six checked, no problem", report.get("checked") == 6 and report.get("problems") == 0, out)

    for name in SIDECARS:
        sidecar = load(tmp, name)
        wrong = [a for a in sidecar["annotations"]
                 if code_points(text, a["start"], a["end"]) != a["exact"]]
        check(f"{name}: every span's offsets hold its text in the edited article", not wrong,
              json.dumps(wrong[:3], ensure_ascii=False))
        check(f"{name}: the new article hash is recorded",
              sidecar["document"]["sha256"] == digest(os.path.join(tmp, ARTICLE)))

    others = {k: v for k, v in before.items() if not k.startswith(ARTICLE)}
    after = digests(tmp)
    check("other articles' sidecars untouched", all(after[k] == v for k, v in others.items()))

    code, out, err = run("validate", "--strict", tmp)
    check("validate --strict is clean afterwards", code == 0, out + err)
    code, out, err = run("reanchor", tmp)
    check("a second run re-anchors nothing", code == 0 and "0 re-anchored" in out, out + err)


def test_orphans_kept(tmp):
    copy_samples(tmp)
    alice = load(tmp, SIDECARS[0])
    # A one-word entity whose word is then taken out of the article.
    victim = next(a for a in alice["annotations"]
                  if " " not in a["exact"] and len(a["exact"]) > 4
                  and open(os.path.join(tmp, ARTICLE), encoding="utf-8").read().count(a["exact"]) == 1)
    edit_article(tmp, removed_word=victim["exact"])
    n_before = len(alice["annotations"])

    code, out, err = run("reanchor", tmp)
    check("an unplaceable span: exit 0, reported orphaned", code == 0 and "orphaned" in out, out + err)
    after = load(tmp, SIDECARS[0])
    kept = [a for a in after["annotations"] if a["id"] == victim["id"]]
    check("the orphan is kept in the file, marked orphaned",
          len(after["annotations"]) == n_before and kept and kept[0].get("orphaned") is True,
          json.dumps(kept, ensure_ascii=False))


def test_broken_never_written(tmp):
    copy_samples(tmp)
    edit_article(tmp)
    broken = os.path.join(tmp, SIDECARS[1])
    with open(broken, "r+", encoding="utf-8") as f:
        content = f.read()
        f.seek(0)
        f.write(content.replace('"annotations": [', '"annotations": [[', 1))
    before = digest(broken)

    code, out, err = run("reanchor", tmp)
    check("a broken sidecar: exit 1, named on stderr",
          code == 1 and SIDECARS[1] in err and "not re-anchored" in err, out + err)
    check("a broken sidecar is left byte-identical", digest(broken) == before)
    check("the good sidecar of the same article is still re-anchored", SIDECARS[0] in out, out)


def test_read_only_kept(tmp):
    """A sidecar made read-only on purpose (chmod 0444) is not replaced, and
    one with a mode of its own keeps it when it is (issue 9, item 10)."""
    copy_samples(tmp)
    edit_article(tmp)
    protected = os.path.join(tmp, SIDECARS[0])
    shared = os.path.join(tmp, SIDECARS[1])
    os.chmod(protected, 0o444)
    os.chmod(shared, 0o664)
    before = digest(protected)

    code, out, err = run("reanchor", tmp)
    check("a read-only sidecar: exit 1, named with the reason",
          code == 1 and SIDECARS[0] in (out + err) and "read-only" in (out + err), out + err)
    check("a read-only sidecar is left byte-identical and 0444",
          digest(protected) == before and os.stat(protected).st_mode & 0o7777 == 0o444)
    check("the other sidecar is re-anchored and keeps its mode 0664",
          SIDECARS[1] in out and os.stat(shared).st_mode & 0o7777 == 0o664, out + err)
    leftovers = [n for n in os.listdir(tmp) if "gloss-tmp" in n]
    check("no temporary file is left behind", not leftovers, leftovers)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_usage(tmp)
    if SAMPLES and os.path.isdir(SAMPLES):
        for test in (test_up_to_date, test_dry_run_then_save, test_orphans_kept,
                     test_broken_never_written, test_read_only_kept):
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
