#!/usr/bin/env python3
"""Check the manual pages: they render without a groff warning, they name
this version, and gloss-cli.1 documents every command and option that the
real `gloss-cli --help` and `gloss-cli COMMAND --help` print, each option in
its command's section, and gloss.1 every option of `gloss --help-all`, so the
pages cannot drift from the programs.

usage: check-man.py GLOSS_CLI GLOSS SCHEMA_DIR VERSION PAGE...
(exit 77 when groff is missing; GLOSS needs its schema, in SCHEMA_DIR, but no display)
"""

import os
import re
import shutil
import subprocess
import sys


def run_help(program, *args, flag="--help", extra_env=None):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", **(extra_env or {}))
    result = subprocess.run([program, *args, flag], env=env,
                            capture_output=True, text=True, check=True)
    return result.stdout


def commands(gloss_cli):
    text = run_help(gloss_cli)
    block = text.split("Commands:", 1)[1]
    found = re.findall(r"^  ([a-z]+)\s{2,}\S", block, re.M)
    if not found:
        sys.exit("no commands found in gloss-cli --help:\n" + text)
    return found


def options(help_text):
    """Every -x and --long option in a command's --help."""
    found = []
    for line in help_text.splitlines():
        match = re.match(r"^\s+(?:(-\w), )?(--[\w-]+)", line)
        if match:
            found += [o for o in match.groups() if o]
    return found


def plain(source):
    """The page's source as a reader sees the words: no font escapes, \\- as -."""
    text = re.sub(r"\\f[BIRP]", "", source)
    text = text.replace("\\-", "-")
    return text


def sections(text):
    parts = re.split(r"^\.SH +(.*)$", text, flags=re.M)
    return {parts[i].strip().strip('"'): parts[i + 1] for i in range(1, len(parts), 2)}


def mentions(text, option):
    return re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", text) is not None


def render(page):
    """groff with every warning on; any message at all is a failure."""
    result = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page],
                            capture_output=True, text=True)
    if result.returncode != 0 or result.stderr.strip():
        return [f"{page}: groff: {line}" for line in result.stderr.strip().splitlines()
                or [f"exit status {result.returncode}"]]
    return []


def main():
    gloss_cli, gloss, schema_dir, version = sys.argv[1:5]
    pages = sys.argv[5:]
    if shutil.which("groff") is None:
        print("SKIP: groff is not installed (Debian package: groff)")
        return 77

    errors = []
    for page in pages:
        errors += render(page)
        with open(page, encoding="utf-8") as f:
            source = f.read()
        th = re.search(r"^\.TH .*$", source, re.M)
        if th is None or f"\"Gloss {version}\"" not in th.group(0):
            errors.append(f"{page}: the .TH line does not say \"Gloss {version}\"")

    cli_page = next(p for p in pages if os.path.basename(p) == "gloss-cli.1")
    with open(cli_page, encoding="utf-8") as f:
        text = plain(f.read())
    by_section = sections(text)
    common = by_section.get("COMMON OPTIONS", "")
    listed = by_section.get("COMMANDS", "")

    checked = 0
    for command in commands(gloss_cli):
        if not re.search(r"^\.B " + command + "$", listed, re.M):
            errors.append(f"{cli_page}: command {command} is not listed under COMMANDS")
        section = by_section.get(command.upper())
        if section is None:
            errors.append(f"{cli_page}: no .SH {command.upper()} section for gloss-cli {command}")
            continue
        for option in options(run_help(gloss_cli, command)):
            checked += 1
            where = common if option in ("-h", "--help", "--version") else section
            if not mentions(where, option):
                errors.append(f"{cli_page}: gloss-cli {command} {option} is not documented"
                              f" in its section")

    app_page = next(p for p in pages if os.path.basename(p) == "gloss.1")
    with open(app_page, encoding="utf-8") as f:
        app_text = sections(plain(f.read())).get("OPTIONS", "")
    app_help = run_help(gloss, flag="--help-all",
                        extra_env={"GSETTINGS_SCHEMA_DIR": schema_dir})
    for option in options(app_help):
        checked += 1
        if not mentions(app_text, option):
            errors.append(f"{app_page}: gloss {option} is not under OPTIONS")

    for error in errors:
        print(error)
    print(f"{len(pages)} pages rendered, {checked} options of gloss-cli and gloss checked,"
          f" {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
