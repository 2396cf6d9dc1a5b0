#!/usr/bin/env python3
"""gloss on the command line: --version, --help, and the settings schema.

Runs the real binary (argv[1]) with no display and no session bus, so no
window ever opens: what is checked happens before GTK needs a display.
argv[2] is the expected version, argv[3] the build's compiled schema folder.
Prints TAP. Standard library only.
"""
import os
import shutil
import subprocess
import sys
import tempfile

GLOSS = os.path.abspath(sys.argv[1])
VERSION = sys.argv[2]
SCHEMA_DIR = sys.argv[3]

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(binary, *args, env_extra=None, data_dirs=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "GSETTINGS_SCHEMA_DIR",
                        "GLOSS_SCHEMA_DIR", "XDG_DATA_DIRS")}
    env.update({"LC_ALL": "C.UTF-8", "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
                "GSETTINGS_BACKEND": "memory"})
    # An empty XDG_DATA_DIRS would mean the defaults (/usr/share, where a
    # schema may be installed): a folder with nothing in it instead.
    env["XDG_DATA_DIRS"] = data_dirs
    env.update(env_extra or {})
    proc = subprocess.run([binary, *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


def aborted(err):
    return "GLib-GIO-ERROR" in err or "Trace/breakpoint" in err


def main():
    with tempfile.TemporaryDirectory() as tmp:
        empty = os.path.join(tmp, "share")
        os.mkdir(empty)

        code, out, err = run(GLOSS, "--version", data_dirs=empty)
        check("--version prints “gloss VERSION” and exits 0",
              code == 0 and out == f"gloss {VERSION}\n", out + err)

        code, out, err = run(GLOSS, "--help", data_dirs=empty)
        check("--help exits 0", code == 0, err)
        check("--help shows [FILE|FOLDER]", "gloss [OPTION…] [FILE|FOLDER]" in out, out)
        check("--help has a summary", "Annotate news articles" in out, out)
        check("--help lists --version", "--version" in out, out)

        code, out, err = run(GLOSS, "--no-such-option", data_dirs=empty)
        check("an unknown option fails", code != 0 and "no-such-option" in err, err)

        # From the build tree, the build's own schema is found even though
        # none is installed: it goes on to GTK, which finds no display.
        code, out, err = run(GLOSS, data_dirs=empty)
        check("the build-tree binary finds the build's schema",
              code != 0 and not aborted(err) and "not installed" not in err
              and "cannot open display" in err, err)

        # A copy outside the build tree finds no schema: it says what to do.
        copy = os.path.join(tmp, "gloss")
        shutil.copy(GLOSS, copy)
        code, out, err = run(copy, data_dirs=empty)
        check("without a schema: a clear message and status 1, no abort",
              code == 1 and not aborted(err) and out == ""
              and "io.github.glossapp.Gloss is not installed" in err
              and "GSETTINGS_SCHEMA_DIR" in err, err)

        code, out, err = run(copy, "--version", data_dirs=empty)
        check("--version needs no schema", code == 0 and out == f"gloss {VERSION}\n", out + err)

        code, out, err = run(copy, data_dirs=empty, env_extra={"GLOSS_SCHEMA_DIR": SCHEMA_DIR})
        check("GLOSS_SCHEMA_DIR names the schema folder",
              code != 0 and not aborted(err) and "not installed" not in err
              and "cannot open display" in err, err)

        code, out, err = run(copy, data_dirs=empty, env_extra={"GSETTINGS_SCHEMA_DIR": SCHEMA_DIR})
        check("GSETTINGS_SCHEMA_DIR still works",
              code != 0 and not aborted(err) and "not installed" not in err, err)

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            for line in detail.splitlines()[:20]:
                print(f"# {line}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
