# shellcheck shell=bash disable=SC2034  # WAIT_RC, MOCK_PORT, GW_PID are read by the callers
# Shared helpers for the e2e shell scripts. Source it; do not execute it.
# Everything here is bounded: every wait has a deadline, every started process is tracked and killed.

E2E_PIDS=()

e2e_log() { printf '[e2e] %s\n' "$*" >&2; }

# Resolve the binaries: env (set by ctest) first, then a local build tree for manual runs.
e2e_find_bins() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [[ -z "${PLANOAI_BIN:-}" ]]; then
    for d in build/h-e2e/bin build/bin build/debug/bin; do
      [[ -x "$root/$d/planoai" ]] && { PLANOAI_BIN="$root/$d/planoai"; break; }
    done
  fi
  if [[ -z "${PLANO_MOCK_BIN:-}" ]]; then
    for d in build/h-e2e/bin build/bin build/debug/bin; do
      [[ -x "$root/$d/plano-mock" ]] && { PLANO_MOCK_BIN="$root/$d/plano-mock"; break; }
    done
  fi
  [[ -x "${PLANOAI_BIN:-}" ]] || { e2e_log "planoai binary not found (set PLANOAI_BIN)"; return 1; }
  [[ -x "${PLANO_MOCK_BIN:-}" ]] || { e2e_log "plano-mock binary not found (set PLANO_MOCK_BIN)"; return 1; }
  export PLANOAI_BIN PLANO_MOCK_BIN
}

# Ports in use, in any TCP state, as decimal numbers one per line (from /proc: no python start-up,
# which takes a second on a loaded CI machine).
e2e_used_ports() {
  local f
  for f in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $f ]] || continue
    while read -r _ local _; do
      [[ $local == *:* ]] && echo $((16#${local##*:}))
    done <"$f"
  done
}

# Print a port that is free now. Picked below the kernel's ephemeral range, so it can never collide
# with the source port of an outgoing connection (curl, the gateway's upstream calls); falls back to
# python binding port 0 when that range is too small.
e2e_free_port() {
  local low=32768 _high used port i
  read -r low _high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  if ((low >= 12000)); then
    used=" $(e2e_used_ports | tr '\n' ' ') "
    for ((i = 0; i < 200; i++)); do
      port=$((10000 + (RANDOM * 32768 + RANDOM) % (low - 10000)))
      [[ $used == *" $port "* ]] || { echo "$port"; return 0; }
    done
  fi
  python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Succeeds when nothing listens on PORT (no socket in LISTEN state, IPv4 or IPv6).
e2e_port_is_free() {
  local want f hex
  want=$(printf '%04X' "$1")
  for f in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $f ]] || continue
    while read -r _ local _ st _; do
      hex=${local##*:}
      [[ $hex == "$want" && $st == 0A ]] && return 1
    done <"$f"
  done
  return 0
}

# e2e_wait_for TIMEOUT_S DESCRIPTION CMD...: poll CMD every 50 ms until it succeeds or time runs out.
e2e_wait_for() {
  local timeout_s=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout_s))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then e2e_log "timed out after ${timeout_s}s waiting for: $what"; return 1; fi
    sleep 0.05
  done
}

e2e_http_ok() { curl -fsS --max-time 1 -o /dev/null "$1"; }

e2e_alive() { kill -0 "$1" 2>/dev/null; }

# e2e_wait_exit PID TIMEOUT_S: wait for a child of THIS shell to exit and set WAIT_RC to its exit
# status; fails on timeout. (Not usable inside $(...): a subshell cannot wait for its parent's child.)
e2e_wait_exit() {
  local pid=$1 timeout_s=$2 deadline=$((SECONDS + $2))
  WAIT_RC=
  while e2e_alive "$pid"; do
    if ((SECONDS >= deadline)); then e2e_log "pid $pid still running after ${timeout_s}s"; return 1; fi
    sleep 0.05
  done
  WAIT_RC=0
  wait "$pid" 2>/dev/null || WAIT_RC=$?
}

# Start plano-mock on an OS-chosen port; sets MOCK_PID and MOCK_PORT. $1 = work dir for its logs.
e2e_start_mock() {
  local dir=$1
  "$PLANO_MOCK_BIN" --host 127.0.0.1 --port 0 </dev/null >"$dir/mock.out" 2>"$dir/mock.err" &
  MOCK_PID=$!
  E2E_PIDS+=("$MOCK_PID")
  e2e_wait_for 10 "plano-mock to print its port" grep -q 'listening on http://' "$dir/mock.out" || {
    cat "$dir/mock.out" "$dir/mock.err" >&2; return 1; }
  MOCK_PORT=$(sed -n 's|.*listening on http://[^:]*:\([0-9][0-9]*\).*|\1|p' "$dir/mock.out" | head -n1)
  [[ -n "$MOCK_PORT" ]] || { e2e_log "could not parse the mock port"; return 1; }
  e2e_wait_for 10 "plano-mock /healthz" e2e_http_ok "http://127.0.0.1:$MOCK_PORT/healthz"
}

# Write the standard gateway config. $1 = path, $2 = gateway port, $3 = mock port; optional
# $4 = more model_providers entries, $5 = more model_aliases entries (YAML lines, indented).
e2e_write_config() {
  cat >"$1" <<YAML
version: v0.4.0
listeners:
  - name: llm
    type: model
    port: $2
    address: 127.0.0.1
model_providers:
  - model: openai/gpt-4o-mini
    access_key: \$MOCK_KEY
    base_url: http://127.0.0.1:$3/v1
    default: true
${4:-}
model_aliases:
  fast:
    target: openai/gpt-4o-mini
${5:-}
YAML
}

# Start `planoai up CONFIG --foreground`; sets GW_PID. $1 = work dir, $2 = config, $3 = gateway port.
e2e_start_gateway() {
  local dir=$1 config=$2 port=$3
  MOCK_KEY=${MOCK_KEY:-mock-key} PLANO_HOME="$dir/plano-home" \
    "$PLANOAI_BIN" up "$config" --foreground </dev/null >"$dir/gw.out" 2>"$dir/gw.err" &
  GW_PID=$!
  E2E_PIDS+=("$GW_PID")
  local deadline=$((SECONDS + 15))
  until e2e_http_ok "http://127.0.0.1:$port/healthz" 2>/dev/null; do
    if ! e2e_alive "$GW_PID" || ((SECONDS >= deadline)); then
      e2e_log "planoai did not serve /healthz on port $port (exited early or 15s timeout); stderr:"
      cat "$dir/gw.err" >&2
      return 1
    fi
    sleep 0.05
  done
}

# Kill every process we started (TERM, then KILL after 5 s). Safe to call more than once.
e2e_cleanup_pids() {
  local pid
  for pid in "${E2E_PIDS[@]}"; do e2e_alive "$pid" && kill -TERM "$pid" 2>/dev/null; done
  for pid in "${E2E_PIDS[@]}"; do
    local deadline=$((SECONDS + 5))
    while e2e_alive "$pid" && ((SECONDS < deadline)); do sleep 0.05; done
    e2e_alive "$pid" && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
  done
  E2E_PIDS=()
}

# ---- Test harness of the e2e scripts -------------------------------------------------------
# A script sets ROOT (its temp dir), calls run_test per case and e2e_report at the end.
# E2E_TEST_CLEANUP: function run when each test ends, pass or fail (default: kill its processes).
# E2E_OWN_PLANO_HOME=1: each test gets its own PLANO_HOME under its temp dir.
PASSED=0
FAILED=0
FAILED_NAMES=()

# fail MESSAGE...: print why and fail the current test (errexit ends the test's subshell).
fail() { printf '    FAIL: %s\n' "$*" >&2; return 1; }

# show FILE LABEL: dump a file indented, for diagnostics.
show() { [[ -s "$1" ]] && { printf '    ---- %s ----\n' "$2" >&2; sed 's/^/    | /' "$1" >&2; }; return 0; }

# run_test NAME FUNCTION: runs FUNCTION in a subshell with errexit in its own temp dir ($TDIR).
run_test() {
  local t0=$SECONDS
  local name=$1 fn=$2 rc=0
  local dir
  dir="$(mktemp -d "${ROOT:?set ROOT before run_test}/t.XXXXXX")"
  set +e
  (
    set -euo pipefail
    E2E_PIDS=()
    [[ ${E2E_OWN_PLANO_HOME:-0} == 1 ]] && export PLANO_HOME="$dir/plano-home"
    # shellcheck disable=SC2064  # the cleanup function is chosen now, deliberately
    trap "${E2E_TEST_CLEANUP:-e2e_cleanup_pids}" EXIT
    cd "$dir"
    TDIR="$dir"
    "$fn"
  )
  rc=$?
  set -e
  if ((rc == 0)); then
    PASSED=$((PASSED + 1)); echo "ok - $name ($((SECONDS - t0))s)"
  else
    FAILED=$((FAILED + 1)); FAILED_NAMES+=("$name"); echo "not ok - $name (exit $rc, $((SECONDS - t0))s)"
  fi
}

# e2e_report: the summary line; exits 1 when a test failed.
e2e_report() {
  echo "$PASSED passed, $FAILED failed"
  if ((FAILED > 0)); then
    printf 'failed: %s\n' "${FAILED_NAMES[@]}"
    exit 1
  fi
}

# e2e_npm_ci SUITE_DIR: `npm ci` only when node_modules is missing or does not match
# package-lock.json (a stamp file records the lock's hash). Exits 1 when the install fails.
e2e_npm_ci() {
  local suite=$1 lock_sum stamp
  lock_sum="$(sha256sum "$suite/package-lock.json" | cut -d' ' -f1)"
  stamp="$suite/node_modules/.plano-e2e-lock.sha256"
  if [[ -f "$stamp" && "$(cat "$stamp" 2>/dev/null)" == "$lock_sum" ]]; then
    e2e_log "node_modules up to date, skipping npm ci"
    return 0
  fi
  e2e_log "installing node dependencies (npm ci)"
  (cd "$suite" && timeout 300 npm ci --no-audit --no-fund --loglevel=error </dev/null) || {
    e2e_log "npm ci failed (no registry access?); install once with: (cd $suite && npm ci)"; exit 1; }
  echo "$lock_sum" >"$stamp"
}
