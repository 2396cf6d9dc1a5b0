#!/usr/bin/env python3
"""Data safety of the sidecar while the real `gloss` has it open.

Run under a private Xvfb (tests/ui/xvfb-test-wrapper.sh sets DISPLAY), with
no D-Bus session bus, so every `gloss` started here is a process of its own.
Driven with xdotool as a person would, by keyboard. Prints TAP.

  safety-sidecar.py GLOSS_CLI GLOSS SAMPLES_DIR

Cases (issue 9):
  - a sidecar made read-only on purpose (chmod 0444) is never replaced and
    keeps its mode, whatever keys are pressed;
  - two processes on one sidecar: the second opens it read-only, its keys
    change nothing, the first goes on saving; no conflict copies;
  - a checkout swaps the article and the sidecar under the open window: the
    next save has the new text's hash, every span holds its text, nothing
    is orphaned, the colleague's annotation is kept;
  - a stale temporary file of ours (a save killed by kill -9) is removed by
    the next save; nobody else's files are touched.
"""
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# The app id's settings path (meson sets it from the one app id).
SETTINGS_PATH = os.environ.get("GLOSS_SETTINGS_PATH", "io/github/glossapp/Gloss")

GLOSS = os.path.abspath(sys.argv[2])
DEADLINE = 15  # seconds a state may take to appear before the case fails
WINDOW_DEADLINE = 60  # a cold start under a loaded sanitizer build is slow

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def have_tools():
    return os.environ.get("DISPLAY") and shutil.which("xdotool")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def sidecar_for(folder, article, text, annotations):
    """A sidecar of ours for @text (code point offsets), as Gloss writes it."""
    data = text.encode("utf-8")
    anns = []
    for i, (label, exact) in enumerate(annotations):
        start = text.index(exact)
        end = start + len(exact)
        anns.append({
            "id": f"a-0000000{i}", "label": label, "start": start, "end": end,
            "exact": exact, "prefix": text[max(0, start - 32):start],
            "suffix": text[end:end + 32], "note": "",
            "created": "2026-12-01T09:00:00Z", "modified": "2026-12-01T09:00:00Z",
        })
    sidecar = {
        "format": "gloss", "version": 1,
        "document": {"file": article, "sha256": sha256(data), "length": len(text)},
        "annotator": {"id": "alice", "name": "Alice Example"},
        "annotations": anns, "relations": [],
    }
    return (json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class App:
    """One `gloss` process with its own settings, on one article."""

    def __init__(self, home, article):
        self.home = home
        config = os.path.join(home, "config", "glib-2.0", "settings")
        os.makedirs(config, exist_ok=True)
        with open(os.path.join(config, "keyfile"), "w", encoding="utf-8") as f:
            f.write(f"[{SETTINGS_PATH}]\nannotator-id='alice'\nannotator-name='Alice Example'\n"
                    "autosave-delay=uint32 200\n")
        env = dict(os.environ)
        env.update({
            "GSETTINGS_BACKEND": "keyfile",
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
            "HOME": home,
        })
        # No session bus (the wrapper's "disabled:" address): every gloss
        # started here is a process of its own, as on two machines.
        env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
        if os.environ.get("GLOSS_SCHEMA_DIR"):
            env["GSETTINGS_SCHEMA_DIR"] = os.environ["GLOSS_SCHEMA_DIR"]
        self.log = open(os.path.join(home, "gloss.log"), "w")
        self.window = None
        # Under a loaded CI machine a fresh Xvfb has been seen to refuse the
        # first clients ("cannot open display"): wait until it answers, and
        # try again a little later if gloss still could not connect.
        wait_for_display()
        for attempt in range(4):
            if attempt:
                time.sleep(2)
            before = set(find_windows(os.path.basename(article)))
            self.proc = subprocess.Popen([GLOSS, article], env=env, stdout=self.log,
                                         stderr=self.log)
            deadline = time.time() + WINDOW_DEADLINE
            while time.time() < deadline and self.window is None and self.proc.poll() is None:
                new = [w for w in find_windows(os.path.basename(article)) if w not in before]
                if new:
                    self.window = new[0]
                else:
                    time.sleep(0.1)
            if self.window is not None:
                break
        time.sleep(1.0)  # the article laid out, the sidebar set up

    def keys(self, *keys):
        if self.window is None:
            return
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], check=False,
                       capture_output=True)
        for k in keys:
            subprocess.run(["xdotool", "key", "--clearmodifiers", "--delay", "30", k],
                           check=False, capture_output=True)
            time.sleep(0.15)

    def annotate_word(self, n, label):
        """Select the n-th word (0-based) from the start of the text, then label it."""
        self.keys("ctrl+Home", *(["ctrl+Right"] * n))
        if n:
            # ctrl+Right ends after a word: step onto the next one.
            self.keys("ctrl+Right", "ctrl+Left")
        self.keys("shift+ctrl+Right", label)

    def stop(self, sig=signal.SIGTERM):
        """Ends the process with @sig (SIGTERM: as a logout does) and says
        whether it exited cleanly (status 0: the signal was handled, no
        sanitizer complained)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=WINDOW_DEADLINE)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        check(f"gloss (process {self.proc.pid}) exits cleanly on {signal.Signals(sig).name}",
              self.proc.returncode == 0, f"status {self.proc.returncode}\n{self.output()}")

    def output(self):
        with open(os.path.join(self.home, "gloss.log"), encoding="utf-8", errors="replace") as f:
            return f.read()


def wait_for_display(seconds=60):
    """Until the X server answers a client (xdotool asks for its size)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        probe = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True)
        if probe.returncode == 0:
            return True
        time.sleep(0.2)
    return False


def find_windows(title):
    proc = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                          capture_output=True, text=True)
    return proc.stdout.split()


def wait_for(predicate, seconds=DEADLINE):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if predicate():
                return True
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.1)
    return False


def lock_text(path):
    try:
        return read(path).decode("utf-8", "replace")
    except OSError as e:
        return str(e)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


TEXT = ("Olena Koval said the harbour board would meet on Friday. "
        "“We will not close the ferry,” she told reporters in Odesa.\n")


def case_read_only(tmp):
    article = os.path.join(tmp, "a.txt")
    sidecar = os.path.join(tmp, "a.txt.alice.gloss.json")
    write(article, TEXT.encode("utf-8"))
    write(sidecar, sidecar_for(tmp, "a.txt", TEXT, [("person", "Olena Koval")]))
    os.chmod(sidecar, 0o444)
    before = read(sidecar)

    app = App(os.path.join(tmp, "home"), article)
    check("read-only sidecar: the article window opens", app.window is not None)
    app.annotate_word(4, "o")
    app.keys("Tab", "Delete")
    time.sleep(2.5)  # several autosave delays: nothing may be written
    check("read-only sidecar: byte-identical after label keys and Delete", read(sidecar) == before)
    check("read-only sidecar: mode still 0444", os.stat(sidecar).st_mode & 0o7777 == 0o444)
    app.stop()
    check("read-only sidecar: still identical after closing", read(sidecar) == before)
    leftovers = [n for n in os.listdir(tmp) if n not in ("a.txt", "a.txt.alice.gloss.json", "home")]
    check("read-only sidecar: no other file written", not leftovers, leftovers)


def case_two_processes(tmp):
    article = os.path.join(tmp, "a.txt")
    sidecar = os.path.join(tmp, "a.txt.alice.gloss.json")
    lock = os.path.join(tmp, ".a.txt.alice.gloss.json.lock")
    write(article, TEXT.encode("utf-8"))

    first = App(os.path.join(tmp, "home1"), article)
    first.annotate_word(0, "p")
    check("two processes: the first saves its edit",
          wait_for(lambda: len(load_json(sidecar)["annotations"]) == 1))
    check("two processes: the first holds a lock naming its process",
          wait_for(lambda: load_json(lock)["pid"] == first.proc.pid),
          open(lock).read() if os.path.exists(lock) else "no lock")

    second = App(os.path.join(tmp, "home2"), article)
    check("two processes: the second opens a window too", second.window is not None)
    second.annotate_word(4, "l")
    time.sleep(2.5)
    labels = sorted(a["label"] for a in load_json(sidecar)["annotations"])
    check("two processes: the second one's keys change nothing (read-only)",
          labels == ["person"], labels)

    first.annotate_word(9, "o")
    check("two processes: the first goes on saving",
          wait_for(lambda: sorted(a["label"] for a in load_json(sidecar)["annotations"])
                   == ["organization", "person"]))
    second.stop()
    check("two processes: closing the second leaves the first's lock",
          os.path.exists(lock) and load_json(lock)["pid"] == first.proc.pid)
    first.stop()
    conflicts = [n for n in os.listdir(tmp) if "conflict" in n]
    check("two processes: no conflict copies", not conflicts, conflicts)
    check("two processes: the lock is gone once both are closed", not os.path.exists(lock))
    labels = sorted(a["label"] for a in load_json(sidecar)["annotations"])
    check("two processes: both of the first one's edits on disk",
          labels == ["organization", "person"], labels)


def case_checkout(tmp):
    article = os.path.join(tmp, "a.txt")
    sidecar = os.path.join(tmp, "a.txt.alice.gloss.json")
    write(article, TEXT.encode("utf-8"))
    write(sidecar, sidecar_for(tmp, "a.txt", TEXT, [("person", "Olena Koval")]))

    app = App(os.path.join(tmp, "home"), article)
    check("checkout: the article window opens", app.window is not None)

    # The other branch: a line above (every offset moves) and a colleague's
    # quote, with the hash of that text. The sidecar lands first, then the
    # article, as git may write them.
    new_text = "Correction appended on Saturday.\n" + TEXT
    lock = os.path.join(tmp, ".a.txt.alice.gloss.json.lock")
    check("checkout: the open sidecar is locked", wait_for(lambda: os.path.exists(lock)))
    old_token = load_json(lock)["token"]
    write(sidecar, sidecar_for(tmp, "a.txt", new_text,
                               [("person", "Olena Koval"),
                                ("quote", "“We will not close the ferry,”")]))
    write(article, new_text.encode("utf-8"))
    # Opened again: a new session, with a lock of its own.
    reopened = wait_for(lambda: load_json(lock)["token"] != old_token)
    check("checkout: the article is opened again", reopened,
          "" if reopened else f"lock now: {lock_text(lock)}\n{app.output()}")
    time.sleep(1.0)  # the new text laid out

    # An edit after the checkout: the first word of the new text.
    app.annotate_word(0, "m")
    new_hash = sha256(new_text.encode("utf-8"))

    def saved():
        data = load_json(sidecar)
        return any(a["label"] == "misc" for a in data["annotations"])

    check("checkout: the edit after it is saved", wait_for(saved))
    data = load_json(sidecar)
    check("checkout: the sidecar has the new text's hash", data["document"]["sha256"] == new_hash,
          data["document"])
    wrong = [a for a in data["annotations"] if new_text[a["start"]:a["end"]] != a["exact"]]
    check("checkout: every span holds its text in the new article", not wrong,
          json.dumps(wrong, ensure_ascii=False))
    orphans = [a for a in data["annotations"] if a.get("orphaned")]
    check("checkout: nothing orphaned", not orphans, json.dumps(orphans, ensure_ascii=False))
    labels = sorted(a["label"] for a in data["annotations"])
    check("checkout: the colleague's quote is kept", "quote" in labels, labels)
    app.stop()
    if any(not ok for _, ok, _ in results[-8:]):
        print("# gloss log:\n# " + app.output().replace("\n", "\n# "))


def case_stale_temporary(tmp):
    article = os.path.join(tmp, "a.txt")
    write(article, TEXT.encode("utf-8"))
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = os.path.join(tmp, f".a.txt.alice.gloss.json.gloss-tmp-{dead.pid}-0badf00d")
    theirs = os.path.join(tmp, "a.txt.alice.gloss.json.orig")
    write(stale, b"{\"half\": ")
    write(theirs, b"somebody's backup\n")

    app = App(os.path.join(tmp, "home"), article)
    app.annotate_word(0, "p")
    sidecar = os.path.join(tmp, "a.txt.alice.gloss.json")
    check("stale temporary file: the edit is saved",
          wait_for(lambda: len(load_json(sidecar)["annotations"]) == 1))
    check("stale temporary file: removed by the save", wait_for(lambda: not os.path.exists(stale)))
    check("stale temporary file: somebody else's file untouched",
          read(theirs) == b"somebody's backup\n")
    app.stop()


def main():
    if not have_tools():
        print("1..0 # SKIP needs a display (Xvfb) and xdotool")
        return 0

    for case in (case_read_only, case_two_processes, case_checkout, case_stale_temporary):
        tmp = tempfile.mkdtemp(prefix="gloss-safety-")
        try:
            case(tmp)
        except Exception as error:  # a broken case must not hide the others
            check(f"{case.__name__} ran to the end", False, repr(error))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
