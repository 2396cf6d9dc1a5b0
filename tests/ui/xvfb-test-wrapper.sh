#!/bin/sh
# Run one UI test under its own private Xvfb server.
#
#   xvfb-test-wrapper.sh TEST [ARGS...]
#
# Every invocation starts its own X server and lets it pick a free display
# number (-displayfd), so meson can run UI tests in parallel without races.
# The test gets a private, empty set of XDG folders and HOME, in-memory
# GSettings, and no session bus (so it never talks to a Gloss the user is
# running); everything is removed, and the server stopped, when it ends. The
# test's exit status is passed on.
#
# Environment read:
#   GLOSS_SCHEMA_DIR     the build's compiled GSettings schemas (<builddir>/data);
#                        an existing GSETTINGS_SCHEMA_DIR is kept if this is unset
#   GLOSS_TEST_WRAPPER   optional command put around the test, inside the X
#                        session, e.g. "valgrind --error-exitcode=1 ..."
#                        (split on blanks)
#   GLOSS_TEST_KEEP_DBUS set to 1 to keep the caller's DBUS_SESSION_BUS_ADDRESS,
#                        e.g. when run under dbus-run-session for AT-SPI tests
#   GLOSS_XVFB_TIMEOUT   seconds to wait for Xvfb to start (default 20)
#   GDK_DEBUG            extra flags, added to default-settings
#
# If Xvfb is not installed, the test is skipped (TAP "1..0 # SKIP", status 0).

set -u

if [ $# -eq 0 ]; then
  echo "usage: $0 TEST [ARGS...]" >&2
  exit 99
fi

if ! command -v Xvfb >/dev/null 2>&1; then
  echo "1..0 # SKIP Xvfb not installed"
  exit 0
fi

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/gloss-ui-test.XXXXXX") || exit 99
chmod 700 "$tmpdir"
xvfb_pid=
test_pid=

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup () {
  if [ -n "$test_pid" ]; then
    kill -TERM "$test_pid" 2>/dev/null
    wait "$test_pid" 2>/dev/null
  fi
  if [ -n "$xvfb_pid" ]; then
    kill -TERM "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  rm -rf "$tmpdir"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Start the server; it writes its display number, then a newline, to fd 3 once
# it accepts connections. Its chatter goes to a log, shown only on failure,
# so that it never mixes with the test's TAP output.
: >"$tmpdir/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp \
  3>"$tmpdir/display" >"$tmpdir/xvfb.log" 2>&1 </dev/null &
xvfb_pid=$!

timeout=${GLOSS_XVFB_TIMEOUT:-20}
ticks=0
display=
while :; do
  # Complete once the newline is there.
  if [ "$(wc -l <"$tmpdir/display")" -ge 1 ]; then
    display=$(head -n 1 "$tmpdir/display")
    break
  fi
  if ! kill -0 "$xvfb_pid" 2>/dev/null; then
    wait "$xvfb_pid" 2>/dev/null
    xvfb_pid=
    break
  fi
  if [ "$ticks" -ge $((timeout * 10)) ]; then
    break
  fi
  sleep 0.1
  ticks=$((ticks + 1))
done

case $display in
  ''|*[!0-9]*)
    echo "xvfb-test-wrapper: Xvfb did not start; its output:" >&2
    sed 's/^/  /' "$tmpdir/xvfb.log" >&2
    exit 99
    ;;
esac

mkdir -m 700 "$tmpdir/home" "$tmpdir/runtime" "$tmpdir/cache" \
  "$tmpdir/config" "$tmpdir/data" "$tmpdir/state"

export DISPLAY=":$display"
unset WAYLAND_DISPLAY XAUTHORITY SESSION_MANAGER
export GDK_BACKEND=x11
export GSK_RENDERER=cairo
export GTK_A11Y=test
export NO_AT_BRIDGE=1
export GSETTINGS_BACKEND=memory
# Kept: flags the caller adds, e.g. gl-disable for a valgrind run.
export GDK_DEBUG="default-settings${GDK_DEBUG:+,$GDK_DEBUG}"
export LC_ALL=C.UTF-8
export GIO_USE_VFS=local
export GIO_USE_VOLUME_MONITOR=unix
export HOME="$tmpdir/home"
export XDG_RUNTIME_DIR="$tmpdir/runtime"
export XDG_CACHE_HOME="$tmpdir/cache"
export XDG_CONFIG_HOME="$tmpdir/config"
export XDG_DATA_HOME="$tmpdir/data"
export XDG_STATE_HOME="$tmpdir/state"
if [ -n "${GLOSS_SCHEMA_DIR:-}" ]; then
  export GSETTINGS_SCHEMA_DIR="$GLOSS_SCHEMA_DIR"
fi
if [ "${GLOSS_TEST_KEEP_DBUS:-0}" != 1 ]; then
  # An address no client can use: GApplication then runs without a bus, as a
  # non-unique application, and nothing tries to autolaunch a bus on X11.
  export DBUS_SESSION_BUS_ADDRESS="disabled:"
fi

# The test runs as a child, not by exec, so that the traps above still stop
# the server and remove the folder. A background job's stdin would be
# /dev/null, so pass ours on explicitly.
exec 4<&0
set -f
# shellcheck disable=SC2086 # GLOSS_TEST_WRAPPER is split into words on purpose
${GLOSS_TEST_WRAPPER:-} "$@" <&4 4<&- &
test_pid=$!
set +f
exec 4<&-

wait "$test_pid"
status=$?
test_pid=
exit "$status"
