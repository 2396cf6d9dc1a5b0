#!/usr/bin/env python3
"""gloss-cli import --as-suggestions: predictions into suggestions files, never sidecars.

Runs the real binary in a temporary folder. Prints TAP. Standard library only.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
TEXT = "Ann Lee met Bob Ray in Paris."

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(*args, cwd=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return proc.returncode, proc.stdout, proc.stderr


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_jsonl(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


def test_scores_rejections_sidecars(tmp):
    out = os.path.join(tmp, "out")
    own = os.path.join(tmp, "own.jsonl")
    predictions = os.path.join(tmp, "predictions.jsonl")
    # alice's own work, imported the ordinary way: Bob Ray is hers already.
    write_jsonl(own, [{"id": "a1", "text": TEXT, "annotator": "alice",
                       "spans": [{"start": 12, "end": 19, "label": "PER"}]}])
    status, _, err = run("import", "--format", "jsonl", "-o", out, own)
    check("the ordinary import writes alice's sidecar", status == 0, err)
    sidecar = os.path.join(out, "a1.txt.alice.gloss.json")
    before = digest(sidecar)

    write_jsonl(predictions, [{"id": "a1", "text": TEXT, "spans": [
        {"start": 0, "end": 7, "label": "PER", "score": 0.92},
        {"start": 12, "end": 19, "label": "PER", "score": 0.8},
        {"start": 23, "end": 28, "label": "LOC"},
        {"start": 23, "end": 99, "label": "LOC", "score": 0.4}]}])
    status, outp, err = run("import", "--format", "jsonl", "--as-suggestions", "--annotator", "alice",
                            "-o", out, predictions)
    check("a span off the text: exit status 1", status == 1, f"{status} {err}")
    check("a span off the text is reported with its file, line and span",
          "predictions.jsonl:1: span a-4 (spans[3]) at 23–99" in err, err)
    check("the summary line counts the suggestions",
          "1 article, 3 suggestions read, 2 new, 1 skipped" in outp, outp)
    check("the sidecar is untouched", digest(sidecar) == before)
    check("no sidecar for another annotator",
          sorted(n for n in os.listdir(out) if n.endswith(".gloss.json")) == ["a1.txt.alice.gloss.json"],
          str(os.listdir(out)))

    path = os.path.join(out, "a1.txt.alice.suggestions.json")
    data = load(path)
    got = [(s["source"], s["label"], s["start"], s["end"], s["exact"], s.get("score"))
           for s in data["suggestions"]]
    check("the suggestions with their spans and scores; the annotated span and the one off the "
          "text left out",
          got == [("import", "PER", 0, 7, "Ann Lee", 0.92), ("import", "LOC", 23, 28, "Paris", None)],
          str(got))

    # The person rejects Ann Lee (as the app writes it), and the model runs again.
    rejected = data["suggestions"].pop(0)
    data["rejected"].append({k: rejected[k] for k in ("label", "start", "end", "exact")})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
    status, outp, err = run("import", "--format", "jsonl", "--as-suggestions", "--annotator", "alice",
                            "-o", out, predictions)
    data = load(path)
    check("a rejected suggestion does not come back",
          [s["exact"] for s in data["suggestions"]] == ["Paris"]
          and [r["exact"] for r in data["rejected"]] == ["Ann Lee"], json.dumps(data))
    check("the second run adds nothing", "0 new" in outp, outp)
    check("the sidecar is still untouched", digest(sidecar) == before)
    check("nothing else left in the output folder (the private folder removed)",
          sorted(os.listdir(out)) == ["a1.txt", "a1.txt.alice.gloss.json", "a1.txt.alice.suggestions.json"],
          str(os.listdir(out)))


def test_doccano_fourth_element(tmp):
    out = os.path.join(tmp, "out")
    predictions = os.path.join(tmp, "d.jsonl")
    write_jsonl(predictions, [{"id": "d1", "text": TEXT,
                               "label": [[0, 7, "PER", 0.5], [23, 28, "LOC"]]}])
    status, _, err = run("import", "--format", "doccano", "--as-suggestions", "-a", "bob",
                         "-o", out, predictions)
    check("doccano: exit status 0", status == 0, err)
    data = load(os.path.join(out, "d1.txt.bob.suggestions.json"))
    check("doccano: the 4th element is the score",
          [(s["exact"], s.get("score")) for s in data["suggestions"]]
          == [("Ann Lee", 0.5), ("Paris", None)], json.dumps(data))
    check("doccano: no sidecar", not any(n.endswith(".gloss.json") for n in os.listdir(out)))


def test_usage(tmp):
    predictions = os.path.join(tmp, "p.jsonl")
    write_jsonl(predictions, [{"id": "a1", "text": TEXT, "spans": []}])
    status, _, err = run("import", "--format", "jsonl", "--as-suggestions", predictions, cwd=tmp)
    check("--as-suggestions without --annotator is bad usage", status == 2 and "--annotator" in err, err)
    check("nothing written on bad usage", sorted(os.listdir(tmp)) == ["p.jsonl"], str(os.listdir(tmp)))


def main():
    for test in (test_scores_rejections_sidecars, test_doccano_fourth_element, test_usage):
        with tempfile.TemporaryDirectory() as tmp:
            test(tmp)
    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines():
                print(f"# {line}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
