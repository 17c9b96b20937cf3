#!/usr/bin/env bash
# End-to-end test of `planoai trace` (querying the store; no collector runs): the real binary
# against an SQLite store filled by the test helper trace_store_fill.
# Env: PLANOAI_BIN, TRACE_STORE_FILL_BIN (ctest sets them; otherwise build/*/bin is searched).
# Prints "ok - NAME" / "not ok - NAME" per check and a final "N passed, M failed" line.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

find_bin() {
  local name=$1 root d
  root="$(cd "$HERE/../.." && pwd)"
  for d in build/h-tracecli/bin build/ci/bin build/bin build/debug/bin; do
    [[ -x "$root/$d/$name" ]] && { echo "$root/$d/$name"; return 0; }
  done
  return 1
}
PLANOAI_BIN=${PLANOAI_BIN:-$(find_bin planoai || true)}
TRACE_STORE_FILL_BIN=${TRACE_STORE_FILL_BIN:-$(find_bin trace_store_fill || true)}
[[ -x "$PLANOAI_BIN" ]] || { e2e_log "planoai binary not found (set PLANOAI_BIN)"; exit 1; }
[[ -x "$TRACE_STORE_FILL_BIN" ]] || { e2e_log "trace_store_fill not found (set TRACE_STORE_FILL_BIN)"; exit 1; }

ROOT="$(mktemp -d "${TMPDIR:-/tmp}/plano-e2e-trace.XXXXXX")"
trap 'rm -rf "$ROOT"' EXIT
export PLANO_HOME="$ROOT/plano-home"
mkdir -p "$PLANO_HOME"
unset NO_COLOR

PASSED=0
FAILED=0

# True when stdout or stderr of the last run matches the extended regex $1. grep reads the files
# itself: `cat | grep -q` under pipefail fails at random when grep exits early and cat gets SIGPIPE.
output_matches() { grep -Eq -- "$1" "$ROOT/out" "$ROOT/err"; }

# check NAME EXPECTED_RC PATTERN ARGS...: run `planoai trace ARGS`; the exit code must be
# EXPECTED_RC and stdout+stderr must match the extended regex PATTERN.
check() {
  local name=$1 want_rc=$2 pattern=$3 rc=0
  shift 3
  "$PLANOAI_BIN" trace "$@" </dev/null >"$ROOT/out" 2>"$ROOT/err" || rc=$?
  if ((rc == want_rc)) && output_matches "$pattern"; then
    PASSED=$((PASSED + 1)); echo "ok - $name"
  else
    FAILED=$((FAILED + 1)); echo "not ok - $name (exit $rc, wanted $want_rc and /$pattern/)"
    sed 's/^/    | /' "$ROOT/out" "$ROOT/err" >&2
  fi
}

# refute NAME PATTERN: the output of the last check must not match PATTERN.
refute() {
  if output_matches "$2"; then
    FAILED=$((FAILED + 1)); echo "not ok - $1 (matched /$2/)"
  else
    PASSED=$((PASSED + 1)); echo "ok - $1"
  fi
}

check "missing store tells how to collect" 0 'planoai trace listen' 
check "missing store, --json is still JSON" 0 '"traces": \[\]' --json

"$TRACE_STORE_FILL_BIN" "$PLANO_HOME/traces.db" success

check "last trace is drawn nested" 0 '^        ┗━━ 10ms plano\(agent\) weather_agent'
check "last trace header" 0 '^Trace: 86f2b1c0d4e5f60718293a4b5c6d143b \(250ms total\)$'
refute "no colour when stdout is not a terminal" $'\x1b'
check "list honours limit" 0 '^  - 86f2b1c0$' --list --limit 1 --no-interactive
refute "list stops at the limit" '^  - 12345678$'
check "full id" 0 '^Trace: 1234567890abcdef1234567890abcdef' 1234567890abcdef1234567890abcdef

# On a terminal (script(1) gives one): colours, unless NO_COLOR is set.
if command -v script >/dev/null 2>&1; then
  tty_run() { script -qec "$*" /dev/null </dev/null >"$ROOT/out" 2>&1 || true; }
  tty_run "'$PLANOAI_BIN' trace --no-interactive"
  if grep -q $'\x1b\\[' "$ROOT/out"; then PASSED=$((PASSED + 1)); echo "ok - colour on a terminal"
  else FAILED=$((FAILED + 1)); echo "not ok - colour on a terminal"; fi
  tty_run "NO_COLOR=1 '$PLANOAI_BIN' trace --no-interactive"
  if ! grep -q $'\x1b\\[' "$ROOT/out" && grep -q 'Trace: 86f2b1c0' "$ROOT/out"; then
    PASSED=$((PASSED + 1)); echo "ok - NO_COLOR on a terminal"
  else FAILED=$((FAILED + 1)); echo "not ok - NO_COLOR on a terminal"; sed 's/^/    | /' "$ROOT/out" >&2; fi
else
  e2e_log "script(1) missing: terminal checks skipped"
fi

"$TRACE_STORE_FILL_BIN" "$PLANO_HOME/traces.db" failure

check "short id" 0 '"trace_id": "a1b2c3d4e5f60718293a4b5c6d7e8f90"' a1b2c3d4 --json
check "unknown id" 0 '^No traces found\.$' deadbeef
check "bad target" 1 'Trace ID must be 8 or 32 hex characters\.' abc
check "where match" 0 '"trace_id": "b2c3d4e5f60718293a4b5c6d7e8f9001"' any --where http.status_code=500 --json
check "where unknown key" 1 'Unknown --where key\(s\): no.such.key' --where no.such.key=1
check "where bad syntax" 1 'Invalid --where filter\(s\): oops\. Use key=value\.' --where oops
check "since rejects garbage (usage error)" 2 "Invalid --since value 'soon'" --since soon
check "since window in seconds" 0 '^No trace IDs found\.$' --since 30 --list --no-interactive
check "since window in days" 0 '^  - a1b2c3d4$' --since 100000d --list --no-interactive
check "filter keeps matching keys" 0 '"key": "http.method"' --filter 'http.m*' --json
refute "filter drops the others" '"key": "llm.model"'
check "help lists the options" 0 '--no-interactive' --help

echo "$PASSED passed, $FAILED failed"
((FAILED == 0))
