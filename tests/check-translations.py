#!/usr/bin/env python3
"""The translations of po/LINGUAS, checked.

For each language:
1. msgfmt --check --check-accelerators=_ accepts its .po file (formats
   that match their msgid, plural forms that match the header, one
   mnemonic where the msgid has one), and the file holds no fuzzy and no
   untranslated message.
2. Against the catalogue xgettext makes from po/POTFILES.in today, every
   message is translated. Strings are added all the time, so a message not
   yet translated is reported as a TAP TODO (listed, not a failure): the
   app shows it in English until the .po file is updated with msgmerge.

Prints TAP. Usage: check-translations.py SOURCE_ROOT
"""
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

STATS = re.compile(r"(\d+) translated messages?(?:, (\d+) fuzzy translations?)?"
                   r"(?:, (\d+) untranslated messages?)?")


def load_check_i18n():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-i18n.py")
    spec = importlib.util.spec_from_file_location("check_i18n", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def statistics(po, extra=()):
    """(ok, translated, fuzzy, untranslated, msgfmt's output)."""
    result = subprocess.run(["msgfmt", "--check", "--check-accelerators=_", "--statistics",
                             *extra, "-o", os.devnull, po],
                            capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
    m = STATS.search(result.stderr)
    if result.returncode != 0 or m is None:
        return False, 0, 0, 0, result.stderr.strip()
    return True, int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0), result.stderr.strip()


def untranslated_msgids(po):
    result = subprocess.run(["msgattrib", "--untranslated", "--no-wrap", po],
                            capture_output=True, text=True)
    return [m for m in re.findall(r'^msgid "(.*)"$', result.stdout, re.M) if m]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    with open(os.path.join(root, "po", "LINGUAS"), encoding="utf-8") as f:
        languages = [w for line in f if not line.startswith("#") for w in line.split()]

    tools = all(shutil.which(t) for t in ("msgfmt", "msgmerge", "msgattrib", "xgettext"))
    print(f"1..{2 * len(languages)}")
    n = 0
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "gloss.pot")
        pot_failure = load_check_i18n().make_pot(root, pot) if tools else "gettext tools missing"
        for lang in languages:
            po = os.path.join(root, "po", lang + ".po")

            n += 1
            name = f"po/{lang}.po is valid and complete"
            if not tools:
                print(f"ok {n} - {name} # SKIP gettext tools are not installed")
            else:
                ok, done, fuzzy, missing, output = statistics(po)
                if ok and fuzzy == 0 and missing == 0:
                    print(f"ok {n} - {name} ({done} messages)")
                else:
                    failed = True
                    print(f"not ok {n} - {name}")
                    for line in output.splitlines():
                        print(f"# {line}")

            n += 1
            name = f"po/{lang}.po translates every message of today's sources"
            if pot_failure:
                print(f"ok {n} - {name} # SKIP {pot_failure}")
                continue
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot],
                           check=True)
            missing = untranslated_msgids(merged)
            if missing:
                print(f"not ok {n} - {name} # TODO {len(missing)} not translated yet")
                for msgid in missing:
                    print(f"#   {msgid}")
            else:
                print(f"ok {n} - {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
