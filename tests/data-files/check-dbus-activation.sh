#!/usr/bin/env bash
# D-Bus activation end to end: on a private session bus that knows only our
# service file (the built one, its Exec pointed at a wrapper that runs the
# build's gloss), asking io.github.glossapp.Gloss to open an article starts
# Gloss and shows a window titled with the article's name; then app.quit.
#
# usage: check-dbus-activation.sh SERVICE_FILE GLOSS SCHEMA_DIR ARTICLE
# Skips (77) when Xvfb, xdotool, dbus-run-session or gdbus is missing.
set -eu
service=$1 gloss=$(realpath "$2") schema_dir=$(realpath "$3") article=$(realpath "$4")

for tool in Xvfb xdotool dbus-run-session gdbus; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed"
    exit 77
  fi
done

tmp=$(mktemp -d)
xvfb_pid=
cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap "exit 1" INT TERM

mkdir -p "$tmp/share/dbus-1/services" "$tmp/run" "$tmp/corpus"
chmod 700 "$tmp/run"
cp "$article" "$tmp/corpus/"
name=$(basename "$article")

# A private X server; it picks a free display and writes its number to fd 3.
exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 1200x760x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
exec 3>&-
while [ ! -s "$tmp/display" ]; do sleep 0.1; done
display=:$(cat "$tmp/display")

cat >"$tmp/gloss" <<WRAPPER
#!/bin/sh
export DISPLAY=$display GDK_BACKEND=x11 GSK_RENDERER=cairo NO_AT_BRIDGE=1 GTK_A11Y=none
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$schema_dir
export XDG_RUNTIME_DIR=$tmp/run XDG_CACHE_HOME=$tmp/cache XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
exec $gloss "\$@"
WRAPPER
chmod +x "$tmp/gloss"
# An annotator is known, so the article opens without the first-run question.
mkdir -p "$tmp/config/glib-2.0/settings"
printf "[%s]\nannotator-id='tester'\n" "$(sed -n 's/^Name=//p' "$service" | tr . /)" \
  >"$tmp/config/glib-2.0/settings/keyfile"
grep -q -- ' --gapplication-service$' "$service"
sed "s|^Exec=[^ ]*|Exec=$tmp/gloss|" "$service" >"$tmp/share/dbus-1/services/$(basename "$service")"
app_id=$(sed -n 's/^Name=//p' "$service")
object_path=/$(echo "$app_id" | tr . /)

export TMP_DIR=$tmp DISPLAY=$display APP_ID=$app_id OBJECT_PATH=$object_path NAME=$name
XDG_DATA_DIRS=$tmp/share dbus-run-session -- sh -eu -c '
  gdbus call --session --dest "$APP_ID" --object-path "$OBJECT_PATH" \
    --method org.freedesktop.Application.Open "[\"file://$TMP_DIR/corpus/$NAME\"]" "{}"
  # Waits for the window (meson'"'"'s timeout ends a run that never shows one).
  xdotool search --sync --onlyvisible --name "^$NAME\$" >/dev/null
  echo "ok: activated over D-Bus, a window shows $NAME"
  gdbus call --session --dest "$APP_ID" --object-path "$OBJECT_PATH" \
    --method org.freedesktop.Application.ActivateAction quit "[]" "{}"
'
