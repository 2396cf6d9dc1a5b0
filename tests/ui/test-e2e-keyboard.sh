#!/bin/sh
# End to end, as a person with only a keyboard: the real `gloss` binary on a
# copy of a sample article, the first-run question answered with Enter, a
# span selected with Shift+arrows, a label key, Tab, Delete, Ctrl+Z — and
# the sidecar on disk checked after each autosave.
#
# Run through xvfb-test-wrapper.sh (DISPLAY set); prints TAP.
# Usage: test-e2e-keyboard.sh GLOSS_BINARY SAMPLES_DIR
set -u

gloss=$1
samples=$2

if ! command -v xdotool >/dev/null 2>&1; then
  echo "1..0 # SKIP xdotool not installed"
  exit 0
fi

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cp "$samples/river-flood-report.txt" "$work/"
article="$work/river-flood-report.txt"

# A keyfile settings backend the test can read back; nothing preset, so the
# first-run question comes up.
export GSETTINGS_BACKEND=keyfile
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf '[%s]\nautosave-delay=uint32 200\n' "${GLOSS_SETTINGS_PATH:?set by meson}" > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"

n=0
fails=0
ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    fails=$((fails + 1))
  fi
}

# Waits up to 10 s for a python expression over the sidecar to hold.
sidecar_holds () {
  python3 - "$work" "$1" <<'PY'
import glob, json, sys, time
work, expr = sys.argv[1], sys.argv[2]
deadline = time.time() + 10
while time.time() < deadline:
    files = glob.glob(work + "/river-flood-report.txt.*.gloss.json")
    if files:
        try:
            data = json.load(open(files[0], encoding="utf-8"))
            if eval(expr, {"data": data, "files": files}):
                sys.exit(0)
        except (ValueError, OSError):
            pass
    time.sleep(0.1)
sys.exit(1)
PY
}

# The first visible window whose title matches, waiting up to 60 s. Not
# xdotool's --sync alone: a search that meets a window being destroyed (the
# first-run dialog closing) fails with BadWindow and prints nothing, so it
# is asked again.
find_window () {
  for _ in $(seq 600); do
    found=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1)
    if [ -n "$found" ]; then
      echo "$found"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

key () {
  xdotool key --clearmodifiers --delay 30 "$@"
  sleep 0.2
}

echo "1..7"

"$gloss" "$article" >"$work/gloss.log" 2>&1 &
pid=$!

# The first-run question: the id is prefilled from the account; Enter accepts.
dialog=$(find_window '^Who is annotating')
ok $([ -n "$dialog" ]; echo $?) "first run asks who is annotating"
key Return

window=$(find_window '^river-flood-report.txt$')
ok $([ -n "$window" ]; echo $?) "the article window opens"
sleep 1

# The headline starts "Flood review finds…". Select the first word by
# keyboard from the very start of the text, then mark it as a location.
key ctrl+Home
key shift+ctrl+Right
key l
sidecar_holds 'len(data["annotations"]) == 1 and data["annotations"][0]["label"] == "location" and data["annotations"][0]["start"] == 0'
ok $? "Shift+Ctrl+Right then L marks the first word as a location, saved"

# A second span: the next word, as a person (P).
key Right
key shift+ctrl+Right
key p
sidecar_holds 'len(data["annotations"]) == 2 and sorted(a["label"] for a in data["annotations"]) == ["location", "person"]'
ok $? "a second span marked by keyboard"

# Shift+Tab back to the first annotation, Delete it.
key shift+Tab
key Delete
sidecar_holds 'len(data["annotations"]) == 1 and data["annotations"][0]["label"] == "person"'
ok $? "Shift+Tab then Delete removes the previous annotation"

# Undo brings it back.
key ctrl+z
sidecar_holds 'len(data["annotations"]) == 2'
ok $? "Ctrl+Z undoes the delete"

# The id given on the first run is in the file name and the sidecar.
sidecar_holds 'files[0].endswith(".%s.gloss.json" % data["annotator"]["id"])'
ok $? "the sidecar is named for the annotator"

if [ $fails -gt 0 ]; then
  echo "# gloss log:"
  sed 's/^/# /' "$work/gloss.log"
fi
exit 0
