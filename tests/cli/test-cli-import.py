#!/usr/bin/env python3
"""`gloss-cli import --format brat`: whole files only, one flush.

An import writes each article and sidecar as a hidden temporary file and
puts them all in place at its end, after one flush to disk (GlossFileBatch
in src/model/gloss-file.c). So:

- an import killed with SIGKILL half-way leaves no file under an article's
  or a sidecar's name that is not whole (here: none at all is expected
  while it is still writing), and the next import into the folder removes
  the dead one's temporary files and writes everything;
- a finished import leaves no temporary file, and its sidecars validate;
- a second import of the same files overwrites nothing;
- the import does not flush file by file: counted with strace where it is
  installed (skipped otherwise), a handful of flush calls, not thousands.

The brat files are written here. Prints TAP. Standard library only.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CLI = os.path.abspath(sys.argv[1])
N_ARTICLES = 200

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail, None))


def skip(name, reason):
    results.append((name, True, "", reason))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


WORDS = ("the harbour council said on Tuesday that repairs to the old quay would "
         "cost more than planned while Ana Costa of the Port Authority called the "
         "delay “a failure of nerve” and promised a report before the winter").split()


def write_brat(folder):
    """N_ARTICLES pairs of ~5 KB text with spans on person names."""
    os.makedirs(folder)
    texts = {}
    for i in range(N_ARTICLES):
        parts, spans, offset = [], [], 0
        while offset < 5000:
            sentence = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(18)) + ". "
            name = f"Ana Costa {i}"
            start = offset + len(sentence)
            spans.append((start, start + len(name), name))
            chunk = sentence + name + " agreed. "
            parts.append(chunk)
            offset += len(chunk)
        text = "".join(parts) + "\n"
        base = f"article-{i:04d}"
        with open(os.path.join(folder, base + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(folder, base + ".ann"), "w", encoding="utf-8") as f:
            for n, (start, end, name) in enumerate(spans, 1):
                f.write(f"T{n}\tperson {start} {end}\t{name}\n")
            f.write("R1\tspeaker Arg1:T1 Arg2:T2\n")
        texts[base + ".txt"] = text
    return texts


def visible_and_hidden(folder):
    if not os.path.isdir(folder):
        return [], []
    names = sorted(os.listdir(folder))
    return [n for n in names if not n.startswith(".")], [n for n in names if n.startswith(".")]


def whole_files(folder, texts):
    """The visible files that are not whole: a text that differs from its
    source, a sidecar that does not parse or names no annotation."""
    broken = []
    visible, _ = visible_and_hidden(folder)
    for name in visible:
        path = os.path.join(folder, name)
        if name.endswith(".gloss.json"):
            try:
                with open(path, encoding="utf-8") as f:
                    if not json.load(f).get("annotations"):
                        broken.append(name)
            except ValueError:
                broken.append(name)
        elif name.endswith(".txt"):
            with open(path, encoding="utf-8", newline="") as f:
                if f.read() != texts.get(name):
                    broken.append(name)
    return broken


def test_killed(tmp, brat, texts):
    out = os.path.join(tmp, "killed")
    proc = subprocess.Popen([CLI, "import", "-f", "brat", "-a", "alice", "-o", out, brat],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed = False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        _, hidden = visible_and_hidden(out)
        if len(hidden) >= 20:
            proc.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.002)
    proc.wait()

    visible, hidden = visible_and_hidden(out)
    broken = whole_files(out, texts)
    check("killed import: every file under its name is whole", not broken, f"{broken[:5]}")
    if killed:
        check("killed import: nothing put in place while it was still writing",
              visible == [], f"{len(visible)} visible: {visible[:5]}")
        check("killed import: its temporary files stay hidden", len(hidden) >= 20, f"{hidden[:3]}")
    else:
        skip("killed import: nothing put in place while it was still writing",
             "the import finished before it could be killed")
        skip("killed import: its temporary files stay hidden",
             "the import finished before it could be killed")

    # The dead import's temporary files go with the next write there.
    code, stdout, stderr = run("import", "-f", "brat", "-a", "alice", "-o", out, brat)
    visible, hidden = visible_and_hidden(out)
    check("import after a killed one: succeeds", code == 0, f"{code} {stderr[:500]}")
    check("import after a killed one: every article and sidecar",
          len(visible) == 2 * N_ARTICLES and not whole_files(out, texts), f"{len(visible)}")
    check("import after a killed one: no temporary file left", hidden == [], f"{hidden[:3]}")


def test_finished(tmp, brat, texts):
    out = os.path.join(tmp, "done")
    code, stdout, stderr = run("import", "-f", "brat", "-a", "alice", "-o", out, brat)
    visible, hidden = visible_and_hidden(out)
    check("import: exit 0", code == 0, f"{code} {stderr[:500]}")
    check("import: summary", stdout.startswith(f"{N_ARTICLES} articles, {N_ARTICLES} sidecars"),
          stdout)
    check("import: every article and sidecar, whole",
          len(visible) == 2 * N_ARTICLES and not whole_files(out, texts), f"{len(visible)}")
    check("import: no temporary file left", hidden == [], f"{hidden[:3]}")
    code, _, stderr = run("validate", "--quiet", out)
    check("import: the sidecars validate", code == 0, stderr[:500])

    # Again: nothing overwritten, each sidecar reported.
    before = {n: os.stat(os.path.join(out, n)).st_mtime_ns for n in visible}
    code, stdout, stderr = run("import", "-f", "brat", "-a", "alice", "-o", out, brat)
    after = {n: os.stat(os.path.join(out, n)).st_mtime_ns for n in visible_and_hidden(out)[0]}
    check("import again: exit 1, each sidecar reported",
          code == 1 and stderr.count("not overwritten") == N_ARTICLES, f"{code} {stderr[:300]}")
    check("import again: no file touched", before == after)
    check("import again: no temporary file left", visible_and_hidden(out)[1] == [])


def test_flushes(tmp, brat):
    strace = shutil.which("strace")
    name = "import: a handful of flushes, not one per file"
    if strace is None:
        skip(name, "strace is not installed")
        return
    out = os.path.join(tmp, "traced")
    summary = os.path.join(tmp, "strace.txt")
    proc = subprocess.run([strace, "-f", "-c", "-o", summary, "-e",
                           "trace=fsync,fdatasync,syncfs,sync,sync_file_range",
                           CLI, "import", "-f", "brat", "-a", "alice", "-o", out, brat],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not os.path.exists(summary):
        skip(name, f"strace could not run here: {proc.stderr.strip()[:200]}")
        return
    calls = 0
    with open(summary) as f:
        for line in f:
            fields = line.split()
            if fields and fields[-1] in ("fsync", "fdatasync", "syncfs", "sync", "sync_file_range"):
                calls += int(fields[3])
    check(name, 0 < calls <= 10, f"{calls} flush calls for {2 * N_ARTICLES} files")


def main():
    tmp = tempfile.mkdtemp(prefix="gloss-cli-import-")
    try:
        brat = os.path.join(tmp, "brat")
        texts = write_brat(brat)
        test_killed(tmp, brat, texts)
        test_finished(tmp, brat, texts)
        test_flushes(tmp, brat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail, reason) in enumerate(results, 1):
        if reason is not None:
            print(f"ok {i} - {name} # SKIP {reason}")
            continue
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            failed += 1
            for line in str(detail).splitlines() or [""]:
                print(f"#   {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
