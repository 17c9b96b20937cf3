#!/usr/bin/env bash
# Each test runs in its own ( subshell ) on purpose: its variables and processes die with it.
# shellcheck disable=SC2030,SC2031
# End-to-end tests of the planoai command line against the real binaries:
# validate (good / broken / missing env var), up with a bad config, --help, unknown subcommand,
# and graceful drain of an in-flight stream on SIGTERM and SIGINT.
# Env: PLANOAI_BIN, PLANO_MOCK_BIN (ctest sets them; otherwise a local build tree is searched).
# Prints "ok - NAME" / "not ok - NAME" per test and a final "N passed, M failed" line; exit 1 on failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

for tool in curl timeout; do
  command -v "$tool" >/dev/null 2>&1 || { e2e_log "required tool missing: $tool"; exit 1; }
done
e2e_find_bins

ROOT="$(mktemp -d "${TMPDIR:-/tmp}/plano-e2e-cli.XXXXXX")"
trap 'rm -rf "$ROOT"' EXIT
export PLANO_HOME="$ROOT/plano-home"


# ---------------------------------------------------------------------------------------------
# fixtures

write_good_config() { e2e_write_config "$1" "${2:-18080}" "${3:-18081}"; }

write_broken_config() {
  # line 5: wrong type; line 6: typo'd key (did-you-mean); line 10: typo'd key.
  cat >"$1" <<'YAML'
version: v0.4.0
listeners:
  - name: llm
    type: model
    port: notaport
    adress: 127.0.0.1
model_providers:
  - model: openai/gpt-4o-mini
    access_key: abc
    defualt: true
YAML
}

# ---------------------------------------------------------------------------------------------
# tests

t_help() {
  local rc=0
  timeout 10 "$PLANOAI_BIN" --help </dev/null >out 2>err || rc=$?
  ((rc == 0)) || { show err stderr; fail "--help exited $rc, want 0"; }
  grep -qi 'usage' out || { show out stdout; fail "--help printed no usage on stdout"; }
  grep -q 'validate' out || fail "--help does not list the validate subcommand"
  grep -q 'up' out || fail "--help does not list the up subcommand"
}

t_unknown_subcommand() {
  local rc=0
  timeout 10 "$PLANOAI_BIN" frobnicate </dev/null >out 2>err || rc=$?
  ((rc == 2)) || { show err stderr; fail "unknown subcommand exited $rc, want 2 (usage error)"; }
  [[ -s err ]] || fail "unknown subcommand printed nothing on stderr"
}

t_no_subcommand() {
  local rc=0
  timeout 10 "$PLANOAI_BIN" </dev/null >out 2>err || rc=$?
  ((rc == 2)) || fail "no subcommand exited $rc, want 2 (usage error)"
}

t_validate_good() {
  write_good_config good.yaml
  local rc=0
  MOCK_KEY=k timeout 10 "$PLANOAI_BIN" validate good.yaml </dev/null >out 2>err || rc=$?
  ((rc == 0)) || { show err stderr; fail "validate exited $rc, want 0"; }
  grep -q 'good.yaml: valid' out || { show out stdout; fail "stdout lacks 'good.yaml: valid'"; }
}

t_validate_broken() {
  write_broken_config bad.yaml
  local rc=0
  timeout 10 "$PLANOAI_BIN" validate bad.yaml </dev/null >out 2>err || rc=$?
  ((rc == 1)) || { show err stderr; fail "validate exited $rc, want 1"; }
  [[ ! -s out ]] || grep -qv ': valid$' out || fail "stdout claims the file is valid"
  # one file:line:col: key: message line per error, every error reported
  grep -Eq '^bad\.yaml:6:[0-9]+: listeners\[0\]\.adress: ' err || { show err stderr; fail "no file:line:col for listeners[0].adress"; }
  grep -q "did you mean 'address'" err || { show err stderr; fail "no did-you-mean hint for 'adress'"; }
  grep -Eq '^bad\.yaml:5:[0-9]+: listeners\[0\]\.port: ' err || { show err stderr; fail "no file:line:col for listeners[0].port"; }
  grep -Eq '^bad\.yaml:10:[0-9]+: model_providers\[0\]\.defualt: ' err || { show err stderr; fail "no file:line:col for model_providers[0].defualt"; }
}

t_validate_yaml_syntax() {
  printf 'version: v0.4.0\nlisteners: [\n' >syntax.yaml
  local rc=0
  timeout 10 "$PLANOAI_BIN" validate syntax.yaml </dev/null >out 2>err || rc=$?
  ((rc == 1)) || { show err stderr; fail "validate exited $rc, want 1"; }
  grep -Eq '^syntax\.yaml:[0-9]+:[0-9]+: ' err || { show err stderr; fail "no file:line:col: on a YAML syntax error"; }
}

t_validate_missing_env() {
  write_good_config good.yaml
  local rc=0
  env -u MOCK_KEY timeout 10 "$PLANOAI_BIN" validate good.yaml </dev/null >out 2>err || rc=$?
  ((rc == 1)) || { show err stderr; fail "validate with MOCK_KEY unset exited $rc, want 1"; }
  grep -q 'MOCK_KEY' err || { show err stderr; fail "stderr does not name MOCK_KEY"; }
  grep -Eq '^good\.yaml:[0-9]+:[0-9]+: model_providers\[0\]\.access_key' err \
    || { show err stderr; fail "error not located at model_providers[0].access_key"; }
}

t_up_missing_env() {
  local port rc=0
  port="$(e2e_free_port)"
  write_good_config good.yaml "$port" 1
  env -u MOCK_KEY timeout 10 "$PLANOAI_BIN" up good.yaml --foreground </dev/null >out 2>err || rc=$?
  ((rc == 1)) || { show err stderr; fail "up with MOCK_KEY unset exited $rc, want 1"; }
  grep -q 'MOCK_KEY' err || { show err stderr; fail "stderr does not name MOCK_KEY"; }
  e2e_port_is_free "$port" || fail "port $port is bound after a failed up"
}

t_up_bad_config() {
  local port rc=0
  port="$(e2e_free_port)"
  write_broken_config bad.yaml
  # a valid port for the listener so a (wrong) start would really bind it
  sed -i "s/port: notaport/port: $port/" bad.yaml
  timeout 10 "$PLANOAI_BIN" up bad.yaml --foreground </dev/null >out 2>err || rc=$?
  ((rc != 124)) || fail "up with a bad config kept running (killed by timeout)"
  ((rc == 1)) || { show err stderr; fail "up with a bad config exited $rc, want 1"; }
  grep -q 'adress' err || { show err stderr; fail "stderr does not name the bad key"; }
  grep -q 'listening on' err && fail "up with a bad config claims to listen"
  e2e_port_is_free "$port" || fail "port $port is bound after a failed up"
  if curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$port/healthz"; then fail "something answers on $port"; fi
}

# drain_test SIGNAL: a slow stream is in flight when SIGNAL arrives; it must finish with [DONE],
# planoai must exit 0, and the port must be free afterwards.
drain_test() {
  local sig=$1 gw_port rc curl_pid curl_rc
  e2e_start_mock "$TDIR"
  gw_port="$(e2e_free_port)"
  e2e_write_config config.yaml "$gw_port" "$MOCK_PORT"
  MOCK_KEY=mock-key e2e_start_gateway "$TDIR" config.yaml "$gw_port"

  # 20 chunks x 50 ms: about a second of streaming.
  curl -sS -N --max-time 30 "http://127.0.0.1:$gw_port/v1/chat/completions" \
    -H 'content-type: application/json' -H 'x-mock-chunks: 20' -H 'x-mock-chunk-delay-ms: 50' \
    -d '{"model":"openai/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"drain me"}]}' \
    </dev/null >stream.out 2>curl.err &
  curl_pid=$!
  E2E_PIDS+=("$curl_pid")

  e2e_wait_for 10 "first streamed bytes" test -s stream.out || { show "$TDIR/gw.err" planoai; fail "no bytes streamed"; }
  e2e_alive "$curl_pid" || fail "stream finished before the signal could be sent (test too fast)"
  grep -q 'data: \[DONE\]' stream.out && fail "stream already complete before the signal"

  kill "-$sig" "$GW_PID"

  e2e_wait_exit "$GW_PID" 40 || { show "$TDIR/gw.err" planoai; fail "planoai did not exit within 40s of SIG$sig"; }; rc=$WAIT_RC
  e2e_wait_exit "$curl_pid" 30 || fail "curl did not finish"; curl_rc=$WAIT_RC

  ((rc == 0)) || { show "$TDIR/gw.err" planoai; fail "planoai exited $rc after SIG$sig, want 0"; }
  ((curl_rc == 0)) || { show curl.err curl; show stream.out stream; fail "curl exited $curl_rc (stream cut?)"; }
  local last
  last="$(grep -v '^[[:space:]]*$' stream.out | tail -n 1)"
  [[ "$last" == "data: [DONE]" ]] || { show stream.out stream; fail "stream does not end with 'data: [DONE]' (last: '$last')"; }
  local frames
  frames="$(grep -c '^data: {' stream.out || true)"
  ((frames >= 20)) || { show stream.out stream; fail "only $frames data frames, want >= 20"; }
  grep -q '"finish_reason":"stop"' stream.out || fail "no finish_reason stop in the drained stream"
  e2e_wait_for 5 "port $gw_port to be free" e2e_port_is_free "$gw_port" || fail "port $gw_port still bound after exit"
}

# After the signal, new connections must be refused while the in-flight stream still drains.
t_sigterm_stops_accepting() {
  local gw_port curl_pid rc
  e2e_start_mock "$TDIR"
  gw_port="$(e2e_free_port)"
  e2e_write_config config.yaml "$gw_port" "$MOCK_PORT"
  MOCK_KEY=mock-key e2e_start_gateway "$TDIR" config.yaml "$gw_port"
  curl -sS -N --max-time 30 "http://127.0.0.1:$gw_port/v1/chat/completions" \
    -H 'content-type: application/json' -H 'x-mock-chunks: 20' -H 'x-mock-chunk-delay-ms: 100' \
    -d '{"model":"openai/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"drain me"}]}' \
    </dev/null >stream.out 2>curl.err &
  curl_pid=$!
  E2E_PIDS+=("$curl_pid")
  e2e_wait_for 10 "first streamed bytes" test -s stream.out || fail "no bytes streamed"
  kill -TERM "$GW_PID"
  # within 1 s the listener must be closed (connection refused = curl exit 7)
  local deadline=$((SECONDS + 2)) refused=0 crc
  while ((SECONDS < deadline)); do
    crc=0; curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$gw_port/healthz" || crc=$?
    if ((crc == 7)); then refused=1; break; fi
    sleep 0.05
  done
  ((refused == 1)) || fail "new connections still accepted during drain"
  e2e_alive "$curl_pid" || fail "in-flight stream ended before the listener closed (test too fast)"
  e2e_wait_exit "$GW_PID" 40 || fail "planoai did not exit"; rc=$WAIT_RC
  ((rc == 0)) || fail "planoai exited $rc"
  [[ "$(grep -v '^[[:space:]]*$' stream.out | tail -n 1)" == "data: [DONE]" ]] || fail "stream not completed"
}

t_sigterm_drain() { drain_test TERM; }
t_sigint_drain() { drain_test INT; }

t_sigterm_idle() {
  local gw_port rc
  e2e_start_mock "$TDIR"
  gw_port="$(e2e_free_port)"
  e2e_write_config config.yaml "$gw_port" "$MOCK_PORT"
  MOCK_KEY=mock-key e2e_start_gateway "$TDIR" config.yaml "$gw_port"
  kill -TERM "$GW_PID"
  e2e_wait_exit "$GW_PID" 10 || fail "idle planoai did not exit within 10s of SIGTERM"; rc=$WAIT_RC
  ((rc == 0)) || fail "planoai exited $rc, want 0"
  e2e_port_is_free "$gw_port" || fail "port still bound"
}

# ---------------------------------------------------------------------------------------------

run_test "planoai --help exits 0 with usage" t_help
run_test "unknown subcommand exits 2" t_unknown_subcommand
run_test "no subcommand exits 2" t_no_subcommand
run_test "validate good config: exit 0, 'valid'" t_validate_good
run_test "validate broken config: exit 1, file:line:col: key per error" t_validate_broken
run_test "validate YAML syntax error: exit 1, file:line:col" t_validate_yaml_syntax
run_test "validate with access_key env var unset: exit 1 naming it" t_validate_missing_env
run_test "up with access_key env var unset: exit 1 naming it, nothing bound" t_up_missing_env
run_test "up with a bad config: exit 1, nothing started" t_up_bad_config
run_test "SIGTERM when idle: exit 0, port freed" t_sigterm_idle
run_test "SIGTERM drains an in-flight stream to [DONE], exit 0, port freed" t_sigterm_drain
run_test "SIGINT drains an in-flight stream to [DONE], exit 0, port freed" t_sigint_drain
run_test "SIGTERM stops accepting new connections while draining" t_sigterm_stops_accepting

e2e_report
