#!/usr/bin/env python3
"""Data safety while editing, with the real `gloss` binary driven by xdotool.

  (a) kill -9 during steady editing: 20 label edits about 0.35 s apart
      (each one restarts an 800 ms autosave timer), then kill -9 right after
      the last: every edit is on disk except at most those of the last ~2 s
      (the autosave's maximum wait), with a little slack for the keys to
      reach the app and the write to land;
  (b) SIGTERM, SIGINT and SIGHUP right after an edit, with a ten-second
      autosave delay: the edit is on disk once the process has exited;
  (c) as root, where `mount -t tmpfs` works: the article on a 1 MB tmpfs
      filled up, an edit, then Ctrl+Q: the window asks instead of closing
      (it is still there, and so is a dialog); space freed, Retry (Enter,
      the default response) writes the edit, and the app ends.

Usage: safety-editing.py GLOSS_CLI GLOSS_BINARY SAMPLES_DIR, under the Xvfb of
tests/ui/xvfb-test-wrapper.sh (DISPLAY set, private XDG folders). Prints TAP;
cases that need xdotool, root or a tmpfs mount skip cleanly where those are
missing. No assertion is about how long something takes: every wait is for a
state (a window, a file, the process ending) with a generous deadline. The
only clock in the checks is the edits' own, in (a): which edits are old
enough that the promise covers them.
"""
import glob
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
SAMPLES = os.path.abspath(sys.argv[3])
ARTICLE = "harbour-bridge-vote.txt"
TITLE = "^harbour-bridge-vote\\.txt$"
ANNOTATOR = "safety"
DEADLINE = 60          # seconds: generous, for a sanitizer build on a busy machine

N_EDITS = 20
EDIT_SPACING = 0.35    # seconds between edits: shorter than the autosave delay
STEADY_DELAY_MS = 800  # each edit restarts this timer: only the maximum wait saves
MAX_LOSS = 2.0         # the promise: at most the last ~2 s of edits may be lost
SLACK = 1.0            # for the keys to reach the app and the write to land

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail, None))


def skip(name, reason):
    results.append((name, True, "", reason))


def xdotool(*args, timeout=DEADLINE):
    """Runs xdotool; its output, or None if it failed or timed out."""
    try:
        proc = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return proc.stdout if proc.returncode == 0 else None


def find_window(pattern, timeout=DEADLINE):
    """The id of a visible window whose name matches, waiting for it."""
    out = xdotool("search", "--sync", "--onlyvisible", "--name", pattern, timeout=timeout)
    return out.split()[0] if out and out.split() else None


def window_exists(pattern):
    out = xdotool("search", "--onlyvisible", "--name", pattern, timeout=10)
    return bool(out and out.split())


def keys(*names):
    xdotool("key", "--clearmodifiers", "--delay", "20", *names)


def read_sidecar(folder):
    path = os.path.join(folder, f"{ARTICLE}.{ANNOTATOR}.gloss.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def n_annotations(folder):
    data = read_sidecar(folder)
    return len(data["annotations"]) if data else 0


def wait_until(predicate, timeout=DEADLINE):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def default_signals():
    """As started from a terminal: a shell running this script in the
    background may have left SIGINT ignored, which the app would inherit."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


class Gloss:
    """The app on a copy of the sample article in @folder, with settings of
    its own (keyfile backend): the annotator preset, so no first-run
    question, and the autosave delay given."""

    def __init__(self, folder, autosave_delay_ms, copy=True):
        self.folder = folder
        self.home = tempfile.mkdtemp(prefix="gloss-safety-home-")
        config = os.path.join(self.home, "config", "glib-2.0", "settings")
        os.makedirs(config)
        with open(os.path.join(config, "keyfile"), "w", encoding="utf-8") as f:
            f.write(f"[{SETTINGS_PATH}]\n"
                    f"annotator-id='{ANNOTATOR}'\n"
                    "annotator-name='Safety Test'\n"
                    f"autosave-delay=uint32 {autosave_delay_ms}\n")
        if copy:
            shutil.copy(os.path.join(SAMPLES, ARTICLE), folder)
        env = {**os.environ,
               "GSETTINGS_BACKEND": "keyfile",
               "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
               "XDG_DATA_HOME": os.path.join(self.home, "data"),
               "XDG_STATE_HOME": os.path.join(self.home, "state"),
               "XDG_CACHE_HOME": os.path.join(self.home, "cache")}
        self.log = open(os.path.join(self.home, "gloss.log"), "w", encoding="utf-8")
        self.proc = subprocess.Popen([GLOSS, os.path.join(folder, ARTICLE)], env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     preexec_fn=default_signals)
        self.window = find_window(TITLE)
        if self.window:
            xdotool("windowfocus", "--sync", self.window, timeout=10)

    def ready(self):
        return self.window is not None and self.proc.poll() is None

    def wait_until_processed(self):
        """Every key sent so far has been handled: the Preferences window
        (Ctrl+,) comes up only after the keys before it. A state, not a
        guess at how long the app takes."""
        keys("ctrl+comma")
        prefs = find_window("^Preferences$")
        if prefs:
            xdotool("windowfocus", "--sync", prefs, timeout=10)
            keys("Escape")
            wait_until(lambda: not window_exists("^Preferences$"), timeout=10)
            if self.window:
                xdotool("windowfocus", "--sync", self.window, timeout=10)
        return prefs is not None

    def wait_exit(self, timeout=DEADLINE):
        try:
            self.proc.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def log_tail(self):
        self.log.flush()
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()[-2000:]

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


def mark_next_word(label="p"):
    """Selects the word after the caret and marks it: one new annotation."""
    keys("Right", "shift+ctrl+Right", label)


def start_of_text():
    keys("ctrl+Home")


# ------------------------------------------------------------------ #
# (a) kill -9 during steady editing                                    #
# ------------------------------------------------------------------ #

def test_kill_during_steady_editing():
    folder = tempfile.mkdtemp(prefix="gloss-safety-steady-")
    app = Gloss(folder, STEADY_DELAY_MS)
    try:
        check("steady editing: the article window opens", app.ready(), app.log_tail())
        if not app.ready():
            return
        app.wait_until_processed()
        start_of_text()

        times = []
        for i in range(N_EDITS):
            begin = time.monotonic()
            mark_next_word("p" if i % 2 == 0 else "o")
            times.append(time.monotonic())
            rest = EDIT_SPACING - (time.monotonic() - begin)
            if rest > 0 and i < N_EDITS - 1:
                time.sleep(rest)

        # All 20 handled, then kill -9 at once.
        processed = app.wait_until_processed()
        app.proc.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        app.proc.wait()

        covered = sum(1 for t in times if t < killed_at - MAX_LOSS - SLACK)
        on_disk = n_annotations(folder)
        check("steady editing: the app handled all 20 edits before the kill", processed)
        check(f"steady editing: after kill -9, every edit but those of the last ~{MAX_LOSS:.0f} s "
              f"is on disk ({on_disk} of {N_EDITS} saved, at least {covered} required)",
              on_disk >= covered and covered > 0,
              f"edits at {[round(t - times[0], 2) for t in times]} s, killed at "
              f"{round(killed_at - times[0], 2)} s\n{app.log_tail()}")
        data = read_sidecar(folder)
        check("steady editing: the sidecar on disk is whole (valid JSON) after kill -9",
              data is not None or not os.path.exists(os.path.join(folder, f"{ARTICLE}.{ANNOTATOR}.gloss.json")))
    finally:
        app.close()
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------ #
# (b) a signal right after an edit                                     #
# ------------------------------------------------------------------ #

def test_signal_flush(signum):
    name = signal.Signals(signum).name
    folder = tempfile.mkdtemp(prefix="gloss-safety-signal-")
    # The schema's longest delay (its range ends at 10 s: a ten-minute value
    # in the keyfile was ignored for the default 800 ms, so this check only
    # passed while the keys were handled within 800 ms).
    app = Gloss(folder, 10000)
    try:
        check(f"{name}: the article window opens", app.ready(), app.log_tail())
        if not app.ready():
            return
        app.wait_until_processed()
        start_of_text()
        mark_next_word("p")
        processed = app.wait_until_processed()
        written = n_annotations(folder)
        check(f"{name}: nothing written before the signal (ten-second autosave)",
              processed and written == 0,
              f"keys processed: {processed}; annotations on disk: {written}\n{app.log_tail()}")

        app.proc.send_signal(signum)
        exited = app.wait_exit()
        check(f"{name}: the app ends on {name}", exited, app.log_tail())
        check(f"{name}: the edit made just before is on disk once the app has ended",
              exited and n_annotations(folder) == 1,
              f"{read_sidecar(folder)}\n{app.log_tail()}")
    finally:
        app.close()
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------ #
# (c) a full disk, then closing                                        #
# ------------------------------------------------------------------ #

def fill(folder):
    """Writes a file until the file system is full; returns its path."""
    path = os.path.join(folder, "filler.bin")
    chunk = b"\0" * 4096
    with open(path, "wb", buffering=0) as f:
        try:
            while True:
                f.write(chunk)
        except OSError:
            pass
    # Smaller pieces too, so not a byte is left for a temporary file.
    with open(path + ".2", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0")
        except OSError:
            pass
    return path


def test_full_disk_close():
    label = "full disk"
    if os.geteuid() != 0:
        skip(label, "not root: a tmpfs cannot be mounted")
        return
    mnt = tempfile.mkdtemp(prefix="gloss-safety-tmpfs-")
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt],
                           capture_output=True, text=True)
    if mount.returncode != 0:
        skip(label, "mount -t tmpfs failed: " + (mount.stderr.strip() or "no reason given"))
        os.rmdir(mnt)
        return

    app = None
    try:
        app = Gloss(mnt, 200)
        check("full disk: the article window opens", app.ready(), app.log_tail())
        if not app.ready():
            return
        app.wait_until_processed()

        filler = fill(mnt)
        start_of_text()
        mark_next_word("p")
        app.wait_until_processed()
        check("full disk: nothing could be written", n_annotations(mnt) == 0)

        # Ctrl+Q: the window must ask, not close.
        keys("ctrl+q")
        dialog = find_window("Without Your Annotations")
        check("full disk: Ctrl+Q asks what to do with the unsaved annotations",
              dialog is not None, app.log_tail())
        check("full disk: the window is still there while it asks",
              window_exists(TITLE) and app.proc.poll() is None, app.log_tail())
        if dialog is None:
            return

        # Space freed; Retry is the default response (Enter).
        os.remove(filler)
        os.remove(filler + ".2")
        xdotool("windowfocus", "--sync", dialog, timeout=10)
        keys("Return")
        exited = app.wait_exit()
        check("full disk: after Retry the app closes", exited, app.log_tail())
        check("full disk: after space was freed and Retry chosen, the edit is on disk",
              n_annotations(mnt) == 1, f"{read_sidecar(mnt)}\n{app.log_tail()}")
        # The suggestions file is the annotator's too: marking a span lists
        # its other occurrences (suggest-while-marking), written with it.
        leftovers = [n for n in os.listdir(mnt)
                     if n not in (ARTICLE, f"{ARTICLE}.{ANNOTATOR}.gloss.json",
                                  f"{ARTICLE}.{ANNOTATOR}.suggestions.json")]
        check("full disk: no temporary file left behind", not leftovers, leftovers)
    finally:
        if app is not None:
            app.close()
        subprocess.run(["umount", mnt], capture_output=True)
        if os.path.ismount(mnt):
            subprocess.run(["umount", "-l", mnt], capture_output=True)
        try:
            os.rmdir(mnt)
        except OSError:
            pass


def main():
    if not shutil.which("xdotool"):
        print("1..0 # SKIP xdotool not installed")
        return 0
    if not os.environ.get("DISPLAY"):
        print("1..0 # SKIP no display")
        return 0

    for test, args in ((test_kill_during_steady_editing, ()),
                       (test_signal_flush, (signal.SIGTERM,)),
                       (test_signal_flush, (signal.SIGINT,)),
                       (test_signal_flush, (signal.SIGHUP,)),
                       (test_full_disk_close, ())):
        try:
            test(*args)
        except Exception as e:  # a crash is one failed check, not a lost plan
            check(f"{test.__name__}{args} ran to the end", False, repr(e))

    print(f"1..{len(results)}")
    for i, (name, ok, detail, skipped) in enumerate(results, 1):
        if skipped is not None:
            print(f"ok {i} - {name} # SKIP {skipped}")
            continue
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:30]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
