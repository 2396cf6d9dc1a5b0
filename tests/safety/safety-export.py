#!/usr/bin/env python3
"""Data safety: an export never removes or replaces a file it did not write.

Drives the real gloss-cli (docs/export.md, "Writing the output"):
  - brat into a folder of the person's own files (.txt, .ann and .conf
    files among them — once, such a folder was emptied without a word):
    refused, with a message naming what would be replaced and --force;
    every file untouched, byte for byte, with its mode and mtime;
  - with --force: only the files of the names the export writes are
    replaced, its others added, nothing else touched, the replaced named;
  - a single-file output of every format: an existing file is refused,
    untouched; with --force replaced whole, its mode kept;
  - a move that fails half-way (an immutable file, as root with chattr):
    the files already moved are put back, nothing is half-replaced;
  - kill -9 during an export into a folder: the person's files untouched,
    and the next export cleans up the hidden temporary folder.

Usage: safety-export.py GLOSS_CLI GLOSS_BINARY SAMPLES_DIR. Prints TAP.
"""
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

CLI = os.path.abspath(sys.argv[1])
SAMPLES = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("GLOSS_SAMPLES_DIR", "")

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail, None))


def skip(name, reason):
    results.append((name, True, "", reason))


def run(*args, timeout=120):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "LC_ALL": "C.UTF-8"}, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def copy_samples(dest):
    os.makedirs(dest, exist_ok=True)
    for name in os.listdir(SAMPLES):
        if name.endswith((".txt", ".gloss.json")):
            shutil.copy(os.path.join(SAMPLES, name), dest)


def state(folder):
    """{relative path: (kind, bytes or link target, mode, mtime_ns)} below folder."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, folder)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                found[rel] = ("link", os.readlink(path), st.st_mode, st.st_mtime_ns)
            elif stat.S_ISDIR(st.st_mode):
                found[rel] = ("dir", None, st.st_mode, None)
            else:
                with open(path, "rb") as f:
                    found[rel] = ("file", f.read(), st.st_mode, st.st_mtime_ns)
    return found


# The person's folder: articles of their own (.txt), standoff files (.ann),
# brat set-up (.conf) — two of them with names a brat export of the samples
# writes — and other things besides.
USERS_FILES = {
    "kyiv-grain-talks.alice.txt": b"My own article about grain, not annotated yet.\n",
    "annotation.conf": b"# my brat set-up\n[entities]\nThing\n",
    "my-article.txt": b"Another article of mine.\n",
    "my-article.ann": b"T1\tThing 0 7\tAnother\n",
    "visual.conf": b"[labels]\nThing | Thing\n",
    "tools.conf": b"[tools]\n",
    "README.md": b"what this folder is\n",
    "data.json": b"{\"mine\": true}\n",
    ".hidden": b"hidden file\n",
    "drafts/draft.txt": b"a draft\n",
    "drafts/draft.ann": b"",
    "binary.bin": bytes(range(256)),
}
EXPORT_NAMES_SHARED = {"kyiv-grain-talks.alice.txt", "annotation.conf"}


def make_users_folder(folder):
    os.makedirs(os.path.join(folder, "drafts"))
    for name, data in USERS_FILES.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    os.chmod(os.path.join(folder, "my-article.txt"), 0o640)
    os.symlink("my-article.txt", os.path.join(folder, "latest.txt"))
    # mtimes in the past, so that any rewrite would show
    for rel in list(USERS_FILES) + ["drafts"]:
        os.utime(os.path.join(folder, rel), (1_000_000_000, 1_000_000_000))


def test_refused(tmp, corpus):
    mine = os.path.join(tmp, "mine")
    make_users_folder(mine)
    before = state(mine)

    code, out, err = run("export", "-f", "brat", "-o", mine, corpus)
    check("brat into a folder of the user's files is refused (exit 1, nothing on stdout)",
          code == 1 and out == "", f"{code} {out} {err}")
    check("the refusal is one line naming the folder, what would be replaced and --force",
          len(err.strip().splitlines()) == 1 and mine in err and "is not empty" in err
          and "annotation.conf, kyiv-grain-talks.alice.txt" in err and "--force" in err, err)
    check("after the refusal every file is untouched: bytes, mode, mtime; nothing added",
          state(mine) == before, sorted(set(state(mine)) ^ set(before)))

    # The same with one annotator (names without the annotator suffix) and
    # from a folder of nothing but .txt files (the case that once emptied it).
    only_txt = os.path.join(tmp, "articles")
    os.makedirs(only_txt)
    for name in ("a.txt", "b.txt", "kyiv-grain-talks.txt"):
        with open(os.path.join(only_txt, name), "w", encoding="utf-8") as f:
            f.write(f"article {name}\n")
    before_txt = state(only_txt)
    code, out, err = run("export", "-f", "brat", "-a", "alice", "-o", only_txt, corpus)
    check("a folder holding only .txt articles: refused, naming kyiv-grain-talks.txt",
          code == 1 and "kyiv-grain-talks.txt" in err and "--force" in err, f"{code} {err}")
    check("the folder of .txt articles is untouched", state(only_txt) == before_txt)


def test_force(tmp, corpus):
    mine = os.path.join(tmp, "mine")
    make_users_folder(mine)
    before = state(mine)

    code, out, err = run("export", "-f", "brat", "--force", "-o", mine, corpus)
    after = state(mine)
    check("--force: exit 0, the summary says 2 existing files were replaced",
          code == 0 and out.endswith("; 2 existing files replaced\n"), f"{code} {out} {err}")
    check("--force: stderr names the replaced files",
          "replaced 2 existing files (annotation.conf, kyiv-grain-talks.alice.txt)" in err, err)
    untouched = {k: v for k, v in before.items() if k not in EXPORT_NAMES_SHARED}
    changed = [k for k, v in untouched.items() if after.get(k) != v and v[0] != "dir"]
    check("--force: every other file of the user's untouched (bytes, mode, mtime)",
          not changed, changed)
    new = sorted(set(after) - set(before))
    check("--force: only the export's own files were added (.txt/.ann, no subfolder, no temp)",
          len(new) == 11 and all(n.endswith((".txt", ".ann")) and "/" not in n for n in new), new)
    with open(os.path.join(mine, "annotation.conf"), "rb") as f:
        conf = f.read()
    check("--force: the same-named files are the export's now",
          conf.startswith(b"# Written by Gloss") and after["kyiv-grain-talks.alice.txt"][1] != USERS_FILES["kyiv-grain-talks.alice.txt"])

    # A second forced export replaces its own files, still nothing else.
    before2 = state(mine)
    code, out, err = run("export", "-f", "brat", "--force", "-o", mine, corpus)
    after2 = state(mine)
    check("a second --force export: exit 0, 13 of its own files replaced",
          code == 0 and out.endswith("; 13 existing files replaced\n"), f"{code} {out} {err}")
    check("a second --force export: the set of files is the same, the user's still untouched",
          set(after2) == set(before2)
          and all(after2[k] == before[k] for k in untouched if before[k][0] != "dir"))


def test_single_files(tmp, corpus):
    for fmt, ext in (("jsonl", ".jsonl"), ("doccano", ".jsonl"), ("conll", ".conll"),
                     ("w3c", ".json"), ("csv", ".csv")):
        out_path = os.path.join(tmp, f"mine-{fmt}{ext}")
        with open(out_path, "wb") as f:
            f.write(b"the person's own file\n")
        os.chmod(out_path, 0o640)
        before = state(tmp)
        code, out, err = run("export", "-f", fmt, "-o", out_path, corpus)
        check(f"{fmt}: an existing output file is refused, with --force named",
              code == 1 and out == "" and "already exists" in err and "--force" in err, f"{code} {err}")
        check(f"{fmt}: the refused file and its folder are untouched", state(tmp) == before)
        code, out, err = run("export", "-f", fmt, "--force", "-o", out_path, corpus)
        st = os.stat(out_path)
        with open(out_path, "rb") as f:
            data = f.read()
        check(f"{fmt}: --force replaces it whole and keeps its mode",
              code == 0 and data != b"the person's own file\n" and stat.S_IMODE(st.st_mode) == 0o640,
              f"{code} {err} {oct(st.st_mode)}")
        leftovers = [n for n in os.listdir(tmp) if "gloss-tmp" in n]
        check(f"{fmt}: no temporary file left", not leftovers, leftovers)


def test_rollback(tmp, corpus):
    name = "a move that fails half-way puts back what was moved (immutable file)"
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        skip(name, "needs root and chattr")
        return
    mine = os.path.join(tmp, "mine")
    os.makedirs(mine)
    # Old versions of the export's files: the first in name order is
    # replaced before the immutable one is reached.
    old = {"annotation.conf": b"old conf\n",
           "harbour-bridge-vote.alice.ann": b"old ann\n",
           "river-flood-report.bilal.txt": b"old, immutable\n",
           "notes.md": b"mine\n"}
    for n, data in old.items():
        with open(os.path.join(mine, n), "wb") as f:
            f.write(data)
    frozen = os.path.join(mine, "river-flood-report.bilal.txt")
    if subprocess.run(["chattr", "+i", frozen], capture_output=True).returncode != 0:
        skip(name, "chattr +i is not supported on this file system")
        return
    try:
        before = state(mine)
        code, out, err = run("export", "-f", "brat", "--force", "-o", mine, corpus)
        after = state(mine)
        check(name + ": exit 1, the file named",
              code == 1 and "river-flood-report.bilal.txt" in err, f"{code} {out} {err}")
        check(name + ": every file as it was, nothing added, no temporary folder",
              {k: v[:2] for k, v in after.items()} == {k: v[:2] for k, v in before.items()},
              sorted(set(after) ^ set(before)))
    finally:
        subprocess.run(["chattr", "-i", frozen])


def make_big_corpus(folder, n):
    os.makedirs(folder)
    with open(os.path.join(SAMPLES, "kyiv-grain-talks.txt"), "rb") as f:
        text = f.read()
    with open(os.path.join(SAMPLES, "kyiv-grain-talks.txt.alice.gloss.json"), "rb") as f:
        sidecar = f.read()
    for i in range(n):
        name = f"article-{i:04d}.txt"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(text)
        with open(os.path.join(folder, name + ".alice.gloss.json"), "wb") as f:
            f.write(sidecar.replace(b'"file": "kyiv-grain-talks.txt"', f'"file": "{name}"'.encode(), 1))


def test_kill(tmp, corpus):
    big = os.path.join(tmp, "big")
    make_big_corpus(big, 400)
    mine = os.path.join(tmp, "mine")
    make_users_folder(mine)
    before = state(mine)
    # annotation.conf is a name this export writes too: --force may replace it.
    untouched = {k: v for k, v in before.items() if v[0] != "dir" and k != "annotation.conf"}
    conf = os.path.join(mine, "annotation.conf")

    # Killed at a different moment each time, with and without --force:
    # whatever it was doing, the person's other files stay whole, and
    # annotation.conf is the old file or the export's, never a mix.
    broken = []
    for delay in (0.0, 0.05, 0.1, 0.2, 0.4, 0.8):
        for force in ([], ["--force"]):
            with open(conf, "rb") as f:
                conf_before = f.read()
            proc = subprocess.Popen([CLI, "export", "-f", "brat", *force, "-o", mine, big],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            now = state(mine)
            broken += [f"{delay}{force}: {k}" for k, v in untouched.items() if now.get(k) != v]
            with open(conf, "rb") as f:
                data = f.read()
            if data != USERS_FILES["annotation.conf"] and not (
                    data.startswith(b"# Written by Gloss") and b"[attributes]" in data):
                broken.append(f"{delay}{force}: annotation.conf is neither the old nor the new one")
            if not force and data != conf_before:
                broken.append(f"{delay}: annotation.conf replaced without --force")
    check("kill -9 during exports into the folder: the user's files untouched", not broken, broken)

    code, out, err = run("export", "-f", "brat", "--force", "-o", mine, big)
    leftovers = [n for n in os.listdir(mine) if "gloss-tmp" in n]
    check("the next export succeeds and removes the dead exports' temporary folders",
          code == 0 and not leftovers, f"{code} {err} {leftovers}")
    check("the user's files still untouched after it",
          all(state(mine).get(k) == v for k, v in untouched.items()))


def main():
    tests = (test_refused, test_force, test_single_files, test_rollback, test_kill)
    if not SAMPLES or not os.path.isdir(SAMPLES):
        for test in tests:
            skip(test.__name__, "no samples folder")
    else:
        for test in tests:
            with tempfile.TemporaryDirectory() as tmp:
                corpus = os.path.join(tmp, "corpus")
                copy_samples(corpus)
                try:
                    test(tmp, corpus)
                except Exception as e:  # a crash is one failed check, not a lost plan
                    check(f"{test.__name__} ran to the end", False, repr(e))

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
