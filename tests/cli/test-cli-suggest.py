#!/usr/bin/env python3
"""gloss-cli suggest: suggestions files beside the sidecars, and nothing else written.

Runs the real binary over copies of the sample corpus. Prints TAP.
Standard library only.
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

SOURCES = {"same-text", "quotes"}

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


def copy_samples(dest):
    for name in os.listdir(SAMPLES):
        if name.endswith((".txt", ".json")):
            shutil.copy(os.path.join(SAMPLES, name), dest)


def articles(tmp):
    return sorted(n for n in os.listdir(tmp) if n.endswith(".txt"))


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def digests(tmp, suffix):
    return {name: digest(os.path.join(tmp, name))
            for name in sorted(os.listdir(tmp)) if name.endswith(suffix)}


def read_text(path):
    # newline="" keeps a CRLF two code points, as Gloss counts it.
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def suggestions_name(article, annotator):
    return f"{article}.{annotator}.suggestions.json"


def check_file(tmp, article, annotator, sources=SOURCES):
    """The file is there, for this article and annotator, and every span's
    text is the article's at those code points."""
    path = os.path.join(tmp, suggestions_name(article, annotator))
    if not os.path.exists(path):
        check(f"{article}: a suggestions file for {annotator} is written", False, path)
        return None
    data = load(path)
    text = read_text(os.path.join(tmp, article))
    check(f"{article}.{annotator}: format, annotator and article",
          data.get("format") == "gloss-suggestions" and data.get("version") == 1
          and data.get("annotator") == annotator
          and data.get("document", {}).get("file") == article
          and data.get("document", {}).get("length") == len(text), data.get("document"))
    wrong = []
    for s in data.get("suggestions", []):
        if s["source"] not in sources or text[s["start"]:s["end"]] != s["exact"]:
            wrong.append(s)
        speaker = s.get("speaker")
        if speaker and not (0 <= speaker["start"] < speaker["end"] <= len(text)):
            wrong.append(s)
    check(f"{article}.{annotator}: every suggestion of {sorted(sources)} is the article's text at its code points",
          not wrong and data.get("suggestions"), wrong[:3])
    return data


def test_usage(tmp):
    code, out, err = run("suggest", "--help")
    check("suggest --help exits 0 and names the sources",
          code == 0 and "--sources" in out and "--annotator" in out, out + err)
    code, out, err = run("suggest")
    check("suggest with no path exits 2 with one line",
          code == 2 and len(err.strip().splitlines()) == 1, err)
    for sources in ("same-text,wordnet", "quotes,,bogus", ",", "import"):
        code, out, err = run("suggest", "--sources", sources, tmp)
        check(f"--sources {sources!r} is a usage error (exit 2, one line)",
              code == 2 and len(err.strip().splitlines()) == 1 and out == "", out + err)
    code, out, err = run("suggest", "--sources", "same-text,wordnet", tmp)
    check("an unknown source is named", "wordnet" in err, err)
    code, out, err = run("suggest", "--annotator", "Not An Id", tmp)
    check("a bad annotator id is a usage error", code == 2 and "Not An Id" in err, out + err)
    code, out, err = run("suggest", "--annotator", "alice", os.path.join(tmp, "nowhere"))
    check("a missing path exits 1", code == 1 and "nowhere" in err, out + err)


def test_samples(tmp):
    copy_samples(tmp)
    sidecars = digests(tmp, ".gloss.json")
    texts = digests(tmp, ".txt")

    code, out, err = run("suggest", "--annotator", "carol", tmp)
    check("suggest for an annotator with no sidecar yet: exit 0", code == 0, out + err)
    quotes = 0
    for article in articles(tmp):
        data = check_file(tmp, article, "carol")
        if data:
            quotes += sum(1 for s in data["suggestions"]
                          if s["source"] == "quotes" and s["label"] == "quote")
            check(f"{article}: quotes come with speakers",
                  any("speaker" in s for s in data["suggestions"] if s["source"] == "quotes"))
    check("quotes are suggested in the samples", quotes >= 10, quotes)
    check("one line per article and a total", len(out.strip().splitlines()) == len(articles(tmp)) + 1
          and "suggestions from quotes" in out and "3 articles" in out, out)

    code, out, err = run("suggest", "--annotator", "alice", tmp)
    check("suggest for alice: exit 0", code == 0, out + err)
    for article in articles(tmp):
        path = os.path.join(tmp, suggestions_name(article, "alice"))
        if os.path.exists(path):
            check_file(tmp, article, "alice")
    check("no file is written for an annotator not asked for",
          not any(".bilal.suggestions" in n for n in os.listdir(tmp)))
    check("the sidecars are byte-identical after the runs", digests(tmp, ".gloss.json") == sidecars)
    check("the articles are byte-identical after the runs", digests(tmp, ".txt") == texts)

    before = digests(tmp, ".suggestions.json")
    inodes = {n: os.stat(os.path.join(tmp, n)).st_ino for n in before}
    code, out, err = run("suggest", "--annotator", "carol", tmp)
    check("a second run with nothing changed writes the same bytes",
          code == 0 and digests(tmp, ".suggestions.json") == before and ", 0 new" in out, out + err)
    check("... and replaces no file (same inodes, 0 files written)",
          inodes == {n: os.stat(os.path.join(tmp, n)).st_ino for n in before}
          and "0 files written" in out, out)


def test_rejected_kept(tmp):
    """A person's earlier reject (moved by hand from "suggestions" to
    "rejected") keeps its proposal out of the next run."""
    copy_samples(tmp)
    article = articles(tmp)[0]
    path = os.path.join(tmp, suggestions_name(article, "carol"))
    run("suggest", "--annotator", "carol", tmp)
    data = load(path)
    quote = next(s for s in data["suggestions"] if s["source"] == "quotes" and "speaker" in s)
    entity = next(s for s in data["suggestions"] if s["source"] == "same-text")
    data["suggestions"] = [s for s in data["suggestions"] if s not in (quote, entity)]
    data["rejected"] = sorted(
        ({k: v for k, v in s.items() if k in ("label", "start", "end", "exact", "speaker", "tie")}
         for s in (quote, entity)),
        key=lambda r: (r["start"], -r["end"]))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)

    code, out, err = run("suggest", "--annotator", "carol", tmp)
    check("a run after a reject: exit 0", code == 0, out + err)
    after = load(path)

    def same(a, b):
        return all(a.get(k) == b.get(k) for k in ("label", "start", "end", "speaker"))

    check("a rejected quote does not come back",
          not any(same(s, quote) for s in after["suggestions"]), quote)
    check("a rejected same-text suggestion does not come back",
          not any(same(s, entity) for s in after["suggestions"]), entity)
    check("both rejections are still remembered", len(after["rejected"]) == 2, after["rejected"])


def test_broken_left_alone(tmp):
    copy_samples(tmp)
    broken_article, good_article = articles(tmp)[0], articles(tmp)[1]
    broken = os.path.join(tmp, suggestions_name(broken_article, "carol"))
    with open(broken, "w", encoding="utf-8") as f:
        f.write('{\n  "format": "gloss-suggestions",\n  "version": 1,\n  oops\n}\n')
    before = digest(broken)

    code, out, err = run("suggest", "--annotator", "carol", tmp)
    check("a broken suggestions file: exit 1", code == 1, out + err)
    check("it is named with its line and column",
          suggestions_name(broken_article, "carol") + ": line 4" in err, err)
    check("it is left byte-identical", digest(broken) == before)
    check("the other articles still get theirs",
          os.path.exists(os.path.join(tmp, suggestions_name(good_article, "carol"))), out + err)

    # Another article's file (copied over) is refused too: its offsets mean nothing here.
    with open(broken, "wb") as f:
        with open(os.path.join(tmp, suggestions_name(good_article, "carol")), "rb") as g:
            f.write(g.read())
    before = digest(broken)
    code, out, err = run("suggest", "--annotator", "carol", tmp)
    check("another article's suggestions file: exit 1, named, left as it is",
          code == 1 and "document" in err and digest(broken) == before, err)


def test_choices(tmp):
    copy_samples(tmp)
    code, out, err = run("suggest", tmp)
    check("two annotators and no --annotator: exit 1, says to pass it",
          code == 1 and "--annotator" in err, out + err)
    check("... and writes nothing", not any(n.endswith(".suggestions.json") for n in os.listdir(tmp)))

    code, out, err = run("suggest", "--dry-run", "--annotator", "carol", tmp)
    check("--dry-run prints the counts and writes nothing",
          code == 0 and "suggestions from quotes" in out
          and not any(n.endswith(".suggestions.json") for n in os.listdir(tmp)), out + err)

    code, out, err = run("suggest", "--sources", "quotes", "--annotator", "carol", tmp)
    check("--sources quotes: exit 0, no same-text count", code == 0 and "same-text" not in out, out + err)
    for article in articles(tmp):
        check_file(tmp, article, "carol", sources={"quotes"})

    # An article with one annotator's sidecar: that annotator is the one.
    one = os.path.join(tmp, "one")
    os.mkdir(one)
    article = articles(tmp)[0]
    shutil.copy(os.path.join(tmp, article), one)
    shutil.copy(os.path.join(tmp, f"{article}.bilal.gloss.json"), one)
    shutil.copy(os.path.join(tmp, "gloss-labels.json"), one)
    code, out, err = run("suggest", one)
    check("one sidecar and no --annotator: its annotator's suggestions",
          code == 0 and os.path.exists(os.path.join(one, suggestions_name(article, "bilal"))), out + err)


def test_stats(tmp):
    """stats counts pending and rejected suggestions per annotator, in rows
    only present when a suggestions file is."""
    copy_samples(tmp)
    code, before, err = run("stats", tmp)
    code, before_json, err = run("stats", "--json", tmp)
    check("stats without suggestions files: no suggestions rows",
          "suggestions" not in before and "suggestions" not in before_json, before)
    run("suggest", "--annotator", "alice", tmp)
    path = os.path.join(tmp, suggestions_name(articles(tmp)[0], "alice"))
    data = load(path)
    rejected = data["suggestions"][0]
    data["suggestions"] = data["suggestions"][1:]
    data["rejected"] = [{k: v for k, v in rejected.items()
                         if k in ("label", "start", "end", "exact", "speaker", "tie")}]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
    pending = sum(len(load(os.path.join(tmp, n))["suggestions"])
                  for n in os.listdir(tmp) if n.endswith(".alice.suggestions.json"))

    code, out, err = run("stats", "--json", tmp)
    stats = json.loads(out) if code == 0 else {}
    alice = stats.get("annotators", {}).get("alice", {}).get("suggestions")
    bilal = stats.get("annotators", {}).get("bilal", {}).get("suggestions")
    check("stats --json: alice's pending and rejected suggestions",
          alice == {"pending": pending, "rejected": 1} and bilal == {"pending": 0, "rejected": 0}
          and stats["total"]["suggestions"] == {"pending": pending, "rejected": 1}, out + err)
    code, out, err = run("stats", tmp)
    check("stats: the table as before, then the suggestions rows",
          code == 0 and out.startswith(before.rstrip("\n")) and "pending" in out
          and out.rstrip().splitlines()[-1].split()[1:] == ["1", "0", "1"], out + err)

    with open(path, "w", encoding="utf-8") as f:
        f.write("{")
    code, out, err = run("stats", tmp)
    check("stats: a broken suggestions file is named, exit 1",
          code == 1 and suggestions_name(articles(tmp)[0], "alice") in err, out + err)


def test_special_files(tmp):
    """A FIFO or a folder where a suggestions file goes: reported, left
    alone, never read (a FIFO would block the run for good)."""
    copy_samples(tmp)
    names = articles(tmp)
    fifo = os.path.join(tmp, suggestions_name(names[0], "carol"))
    folder = os.path.join(tmp, suggestions_name(names[1], "carol"))
    os.mkfifo(fifo)
    os.mkdir(folder)
    try:
        code, out, err = run("suggest", "--annotator", "carol", tmp)
    except subprocess.TimeoutExpired:
        code, out, err = None, "", "timed out"
    check("a FIFO and a folder at suggestions paths: exit 1, both named",
          code == 1 and os.path.basename(fifo) in err and os.path.basename(folder) in err, err)
    check("... both left as they are, the third article done",
          os.path.isdir(folder) and not os.path.isfile(fifo)
          and os.path.isfile(os.path.join(tmp, suggestions_name(names[2], "carol"))), out + err)
    fifo = os.path.join(tmp, suggestions_name(names[0], "alice"))
    os.mkfifo(fifo)
    try:
        code, out, err = run("stats", tmp)
    except subprocess.TimeoutExpired:
        code, out, err = None, "", "timed out"
    check("stats: a FIFO at a suggestions path is named, not read",
          code == 1 and os.path.basename(fifo) in err, out + err)


def test_broken_inputs(tmp):
    """A sidecar that fails to load gets no suggestions and stays as it is;
    a broken label file is reported and the articles still get theirs."""
    copy_samples(tmp)
    names = articles(tmp)
    sidecar = os.path.join(tmp, f"{names[0]}.alice.gloss.json")
    with open(sidecar, "a", encoding="utf-8") as f:
        f.write("trailing words")
    before = digest(sidecar)
    code, out, err = run("suggest", "--annotator", "alice", tmp)
    check("a broken sidecar: exit 1, named, no suggestions for its article",
          code == 1 and os.path.basename(sidecar) in err
          and not os.path.exists(os.path.join(tmp, suggestions_name(names[0], "alice")))
          and os.path.exists(os.path.join(tmp, suggestions_name(names[1], "alice"))), out + err)
    check("... and left byte-identical", digest(sidecar) == before)

    with open(os.path.join(tmp, "gloss-labels.json"), "w", encoding="utf-8") as f:
        f.write("{ not json")
    code, out, err = run("suggest", "--annotator", "carol", tmp)
    check("a broken label file: exit 1, named once, suggestions still made",
          code == 1 and err.count("gloss-labels.json") == 1 and "no suggestions made" not in err
          and all(os.path.exists(os.path.join(tmp, suggestions_name(n, "carol"))) for n in names),
          out + err)


def test_unannotated(tmp):
    """A folder nobody annotated yet: quotes are suggested for the annotator
    named, the article is not skipped; with no annotator named there is
    nobody to suggest for, and nothing is written."""
    shutil.copy(os.path.join(SAMPLES, "river-flood-report.txt"), tmp)
    code, out, err = run("suggest", "--sources", "quotes", tmp)
    check("no sidecar and no --annotator: nothing written",
          not any(n.endswith(".suggestions.json") for n in os.listdir(tmp)), os.listdir(tmp))
    code, out, err = run("suggest", "--sources", "quotes", "--annotator", "dana", tmp)
    check("an article with no sidecar at all, for --annotator: exit 0", code == 0, out + err)
    data = check_file(tmp, "river-flood-report.txt", "dana", sources={"quotes"})
    check("... with its quotes", data is not None and len(data["suggestions"]) >= 5,
          data and len(data["suggestions"]))
    check("... and no sidecar written",
          not any(n.endswith(".gloss.json") for n in os.listdir(tmp)), os.listdir(tmp))


def test_validate(tmp):
    """validate checks the suggestions file beside each sidecar: a good one
    adds nothing; a broken one is an error with its line and column, also
    in --json's problems; a FIFO is named, not read."""
    copy_samples(tmp)
    run("suggest", "--annotator", "alice", tmp)
    code, clean, err = run("validate", tmp)
    check("validate with good suggestions files: exit 0, no line about them",
          code == 0 and ".suggestions.json" not in clean, clean + err)

    name = suggestions_name(articles(tmp)[0], "alice")
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{\n  "format": "gloss-suggestions",\n  oops\n}\n')
    before = digest(path)
    code, out, err = run("validate", tmp)
    check("validate: a broken suggestions file is an error with its line, exit 1",
          code == 1 and any((name + ": line 3") in line for line in out.splitlines()), out + err)
    check("validate: the summary counts it", "1 error" in out, out)
    check("validate leaves it as it is", digest(path) == before)
    code, out, err = run("validate", "--json", tmp)
    report = json.loads(out) if out.strip() else {}
    check("validate --json: listed among the problems, located",
          code == 1 and any(p.get("file", "").endswith(name) and p.get("location", "").startswith("line 3")
                            for p in report.get("problems", [])), out + err)

    os.unlink(path)
    os.mkfifo(path)
    code, out, err = run("validate", tmp)
    check("validate: a FIFO in its place is named, not read, exit 1",
          code == 1 and name + ": not a regular file" in out, out + err)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_usage(tmp)
    if SAMPLES and os.path.isdir(SAMPLES):
        for test in (test_samples, test_unannotated, test_rejected_kept, test_broken_left_alone, test_choices,
                     test_stats, test_special_files, test_broken_inputs, test_validate):
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
