#!/bin/sh
# End to end, as a person with only a keyboard, on suggestions: the real
# `gloss-cli suggest` writes quote suggestions for a copy of a sample
# article, the real `gloss` binary opens it, and F8, Ctrl+Return and
# Ctrl+Delete — typed with xdotool — accept the first quote (its
# provenance in the sidecar) and reject the next (remembered in the
# suggestions file), both checked on disk after the autosave.
#
# Run through xvfb-test-wrapper.sh (DISPLAY set); prints TAP.
# Usage: test-e2e-suggestions.sh GLOSS_BINARY GLOSS_CLI SAMPLES_DIR
set -u

gloss=$1
gloss_cli=$2
samples=$3

if ! command -v xdotool >/dev/null 2>&1; then
  echo "1..0 # SKIP xdotool not installed"
  exit 0
fi

work=$(mktemp -d)
pid=
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cp "$samples/river-flood-report.txt" "$work/"
article="$work/river-flood-report.txt"
sidecar="$article.tester.gloss.json"
suggestions="$article.tester.suggestions.json"

# Keyfile settings, the annotator already chosen (no first-run question).
export GSETTINGS_BACKEND=keyfile
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf "[%s]\nautosave-delay=uint32 200\nannotator-id='tester'\n" "${GLOSS_SETTINGS_PATH:?set by meson}" \
  > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"

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

# Waits up to 10 s for a python expression over the JSON file $1 to hold.
json_holds () {
  python3 - "$1" "$2" <<'PY'
import json, sys, time
path, expr = sys.argv[1], sys.argv[2]
deadline = time.time() + 10
while time.time() < deadline:
    try:
        data = json.load(open(path, encoding="utf-8"))
        if eval(expr, {"data": data}):
            sys.exit(0)
    except (ValueError, OSError, KeyError, IndexError):
        pass
    time.sleep(0.1)
sys.exit(1)
PY
}

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
  sleep 0.3
}

echo "1..5"

"$gloss_cli" suggest --sources quotes --annotator tester "$work" >"$work/suggest.log" 2>&1
json_holds "$suggestions" 'len(data["suggestions"]) >= 2 and all(s["source"] == "quotes" for s in data["suggestions"])'
ok $? "gloss-cli suggest wrote quote suggestions"
first=$(python3 -c 'import json,sys; s=sorted(json.load(open(sys.argv[1]))["suggestions"], key=lambda s: s["start"]); print(s[0]["start"], s[0]["end"], s[1]["start"], s[1]["end"])' "$suggestions")
set -- $first

"$gloss" "$article" >"$work/gloss.log" 2>&1 &
pid=$!
window=$(find_window '^river-flood-report.txt$')
ok $([ -n "$window" ]; echo $?) "the article window opens"
sleep 1

# From the top: F8 selects the first quote, Ctrl+Return accepts it.
key ctrl+Home
key F8
key ctrl+Return
json_holds "$sidecar" "any(a['start'] == $1 and a['end'] == $2 and a['label'] == 'quote' and a['suggestion']['source'] == 'quotes' for a in data['annotations'])"
ok $? "F8 then Ctrl+Return accepts the first quote, its provenance saved"

# The caret stepped on to the second: Ctrl+Delete rejects it.
key ctrl+Delete
json_holds "$suggestions" "any(r['start'] == $3 and r['end'] == $4 for r in data.get('rejected', [])) and all(s['start'] != $3 for s in data['suggestions'])"
ok $? "Ctrl+Delete rejects the next, remembered in the suggestions file"
json_holds "$sidecar" "not any(a['start'] == $3 and a['end'] == $4 for a in data['annotations'])"
ok $? "the rejected quote is not annotated"

if [ $fails -gt 0 ]; then
  echo "# gloss log:"
  sed 's/^/# /' "$work/gloss.log"
  echo "# suggest log:"
  sed 's/^/# /' "$work/suggest.log"
fi
exit 0
