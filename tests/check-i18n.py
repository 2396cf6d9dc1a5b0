#!/usr/bin/env python3
"""Translatable strings that translators can actually translate.

1. No format macro (G_GINT64_FORMAT, G_GSIZE_FORMAT, PRId64, …) inside the
   string of _(), N_(), C_(), ngettext () or g_dngettext (): xgettext cannot
   expand it, so the catalogue holds only the text before the macro (often
   just "%") and the translated message no longer matches its arguments.
   Print the number into a string outside the message, or cast it to a type
   with a plain conversion.
2. No count in a plain _(): a number conversion followed by an English
   plural ("%u sidecars", "%d errors") reads "1 errors" in English and is
   wrong in every language with other plural rules. Use ngettext () in the
   CLI and g_dngettext (GETTEXT_PACKAGE, …) in libgloss and the app.
3. xgettext over po/POTFILES.in yields no message that is just "%"
   (what a macro cut short leaves behind). Skipped when xgettext is absent.

Prints TAP. Usage: check-i18n.py SOURCE_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Gettext calls and which of their arguments are message strings
# (0-based), as the glib preset of meson's i18n module declares them.
CALLS = {
    "_": (0,),
    "N_": (0,),
    "C_": (1,),
    "NC_": (1,),
    "gettext": (0,),
    "ngettext": (0, 1),
    "g_dgettext": (1,),
    "g_dngettext": (1, 2),
    "dngettext": (1, 2),
    "g_dpgettext2": (2,),
}
SINGULAR_ONLY = {"_", "N_", "C_", "NC_", "gettext", "g_dgettext", "g_dpgettext2"}

TOKEN = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*")
  | (?P<char>'(?:\\.|[^'\\\n])*')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[(),])
  | (?P<newline>\n)
  | (?P<other>.)
''', re.X | re.S)

FORMAT_MACRO = re.compile(r'^(G_G\w*_FORMAT|G_\w*_MODIFIER|PRI[diouxX]\w*|\w+_FORMAT)$')

# A printf integer conversion, then a word ending in "s": "%u sidecars",
# "%'d errors", "%2$u files". Words that merely end in "s" are left out.
COUNT = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|j|z|t|L)?[diu]"
                   r" (?:more |other |new )?([a-z]+s)\b")
# Words that end in "s" after a number without being its plural: mostly
# verbs ("the span from 3 to 9 ends past the end", "7 splits the pair").
NOT_PLURAL = {"is", "was", "has", "does", "this", "its", "us", "as", "yes",
              "plus", "minus", "across", "ends", "starts", "cuts", "splits",
              "fits", "means", "needs", "goes", "holds", "keeps", "takes",
              "contains", "points", "overlaps", "crosses", "follows"}


def tokens(text):
    line = 1
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "newline":
            line += 1
            continue
        if kind == "comment":
            line += m.group().count("\n")
            continue
        if kind == "other" and m.group().isspace():
            continue
        yield kind, m.group(), line


def calls(path):
    """Yields (function, line, [argument tokens]) for each gettext call."""
    with open(path, encoding="utf-8") as f:
        toks = list(tokens(f.read()))
    for i, (kind, value, line) in enumerate(toks):
        if kind != "ident" or value not in CALLS:
            continue
        if i + 1 >= len(toks) or toks[i + 1][1] != "(":
            continue
        if i > 0 and toks[i - 1][0] == "ident" and toks[i - 1][1] in ("define", "static"):
            continue
        depth = 0
        args = [[]]
        for kind2, value2, _line in toks[i + 1:]:
            if value2 == "(":
                depth += 1
                if depth == 1:
                    continue
            elif value2 == ")":
                depth -= 1
                if depth == 0:
                    break
            elif value2 == "," and depth == 1:
                args.append([])
                continue
            args[-1].append((kind2, value2))
        yield value, line, args


def message_argument(arg):
    """The argument as a concatenation of literals and macros, or None."""
    if not arg or any(kind not in ("string", "ident") for kind, _v in arg):
        return None
    if not any(kind == "string" for kind, _v in arg):
        return None
    return arg


def literal_text(arg):
    return "".join(v[1:-1] for kind, v in arg if kind == "string")


def c_files(root):
    src = os.path.join(root, "src")
    for dirpath, _dirs, files in os.walk(src):
        for name in sorted(files):
            if name.endswith(".c"):
                yield os.path.join(dirpath, name)


def source_problems(root):
    macros, counts = [], []
    for path in sorted(c_files(root)):
        rel = os.path.relpath(path, root)
        for func, line, args in calls(path):
            for index in CALLS[func]:
                if index >= len(args):
                    continue
                arg = message_argument(args[index])
                if arg is None:
                    continue
                bad = [v for kind, v in arg if kind == "ident" and FORMAT_MACRO.match(v)]
                if bad:
                    macros.append(f"{rel}:{line}: {func}() message contains {', '.join(bad)}")
                if func in SINGULAR_ONLY:
                    text = literal_text(arg)
                    for m in COUNT.finditer(text):
                        if m.group(1).lower() not in NOT_PLURAL:
                            counts.append(f"{rel}:{line}: \"{m.group(0)}\" is a count in "
                                          f"{func}(): use ngettext")
    return macros, counts


def make_pot(root, pot):
    """Runs xgettext over po/POTFILES.in like meson's glib preset, writing
    @pot; returns None, or what went wrong."""
    xgettext = shutil.which("xgettext")
    listing = pot + ".files"
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        names = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    with open(listing, "w", encoding="utf-8") as f:
        f.write("\n".join(names) + "\n")
    cmd = [xgettext, "--from-code=UTF-8", "--add-comments", "--output", pot,
           "--files-from", listing, "--directory", root,
           "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
           "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
           "--keyword=g_dpgettext2:2c,3"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        return f"xgettext failed: {result.stderr.strip()}"
    return None


def pot_problems(root):
    """Returns (skip reason, problems) of the catalogue xgettext makes."""
    if shutil.which("xgettext") is None:
        return "xgettext is not installed", []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "gloss.pot")
        failure = make_pot(root, pot)
        if failure:
            return None, [failure]
        with open(pot, encoding="utf-8") as f:
            text = f.read()
    problems = []
    for m in re.finditer(r'^(msgid|msgid_plural) ((?:"(?:\\.|[^"\\])*"\n?)+)', text, re.M):
        value = "".join(re.findall(r'"((?:\\.|[^"\\])*)"', m.group(2)))
        if value == "%" or re.search(r'(?<!%)%$', value):
            problems.append(f'the catalogue holds {m.group(1)} "{value}", cut short by a macro')
    return None, problems


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    macros, counts = source_problems(root)
    skip, pot = pot_problems(root)
    checks = [
        ("no format macro inside a translatable string", macros, None),
        ("every count in a translatable string goes through ngettext", counts, None),
        ("no message in the catalogue is cut short to \"%\"", pot, skip),
    ]
    print(f"1..{len(checks)}")
    failed = False
    for n, (name, problems, reason) in enumerate(checks, 1):
        if reason:
            print(f"ok {n} - {name} # SKIP {reason}")
        elif problems:
            failed = True
            print(f"not ok {n} - {name}")
            for p in problems:
                print(f"# {p}")
        else:
            print(f"ok {n} - {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
