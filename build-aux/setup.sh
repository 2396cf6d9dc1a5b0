#!/usr/bin/env bash
# One-step set-up for a fresh Debian 12 machine.
#
#   build-aux/setup.sh run    install what is missing, build, open Gloss on the sample
#   build-aux/setup.sh test   install what is missing, build, run the whole test suite
#   build-aux/setup.sh asan   the test suite again in an address/undefined-sanitizer build
#
# Packages are installed with apt-get (through sudo when not root); nothing is
# downloaded from anywhere else.
set -euo pipefail

cd "$(dirname "$0")/.."
SOURCE_DIR=$(pwd)
BUILD_DIR=${GLOSS_BUILD_DIR:-build}
ASAN_BUILD_DIR=${GLOSS_ASAN_BUILD_DIR:-build-asan}

# What the build, the tests and the sanitizer run need.
PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libpango1.0-dev
  libgtk-4-dev libadwaita-1-dev desktop-file-utils appstream libxml2-utils
  xvfb xauth xdotool imagemagick
  fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji
  python3 python3-jsonschema python3-nltk python3-sklearn
  python3-pyld
  # dkpro-cassis's dependencies, for cli-uima-json's check with GLOSS_CASSIS_SRC
  python3-attr python3-lxml python3-sortedcontainers python3-toposort
  python3-more-itertools python3-deprecation python3-importlib-resources
  clang libclang-rt-14-dev
  nodejs
  flatpak-builder yelp-tools itstool bash-completion groff-base
)

log () { printf '==> %s\n' "$*" >&2; }

install_missing () {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "all required packages are installed"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  log "installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure () {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
}

# meson prints "Ok: N / Fail: N"; end with the plain line CI tools read.
summarise () {
  local dir=$1
  python3 - "$dir/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8"):
    result = json.loads(line).get("result")
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
}

run_tests () {
  local dir=$1
  local status=0
  meson test -C "$dir" --print-errorlogs --num-processes 2 || status=$?
  summarise "$dir"
  return $status
}

command=${1:-run}
[ $# -gt 0 ] && shift
case "$command" in
  run)
    install_missing
    configure "$BUILD_DIR"
    ninja -C "$BUILD_DIR"
    # Run from the build tree, with the schema compiled there. With no
    # argument, the bundled sample article of this clone (writable here;
    # launched from the app grid, Gloss shows its welcome page instead).
    [ $# -eq 0 ] && set -- "$SOURCE_DIR/data/samples/harbour-bridge-vote.txt"
    GSETTINGS_SCHEMA_DIR="$BUILD_DIR/data" exec "$BUILD_DIR/src/app/gloss" "$@"
    ;;
  test)
    install_missing
    configure "$BUILD_DIR"
    ninja -C "$BUILD_DIR"
    run_tests "$BUILD_DIR"
    ;;
  asan)
    install_missing
    CC=clang configure "$ASAN_BUILD_DIR" -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
    ninja -C "$ASAN_BUILD_DIR"
    # No GL under sanitizers (TESTING.md): Mesa floods them and can deadlock.
    GDK_DEBUG=gl-disable \
    ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1:fast_unwind_on_malloc=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions=$SOURCE_DIR/tests/lsan.supp \
      run_tests "$ASAN_BUILD_DIR"
    ;;
  *)
    echo "usage: $0 run|test|asan" >&2
    exit 2
    ;;
esac
