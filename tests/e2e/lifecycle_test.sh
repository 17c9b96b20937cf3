#!/usr/bin/env bash
# Each test runs in its own ( subshell ) on purpose: its variables and processes die with it.
# shellcheck disable=SC2030,SC2031
# End-to-end tests of the planoai lifecycle commands against the real binaries: `up` in the
# background (daemon) with plano-mock, `logs`, a second `up` refused, `down`; invalid config and a
# taken port refused before daemonizing; zero-config defaults; `init` of every template, then
# `validate`; `up --with-tracing` (when `planoai trace listen` exists) with the trace in the store.
# Every test has its own PLANO_HOME, so its daemons never meet another test's.
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

ROOT="$(mktemp -d "${TMPDIR:-/tmp}/plano-e2e-life.XXXXXX")"
trap 'rm -rf "$ROOT"' EXIT

E2E_OWN_PLANO_HOME=1
E2E_TEST_CLEANUP=cleanup_test

# Stops whatever daemons the test left behind (its own PLANO_HOME only), then its processes.
cleanup_test() {
  timeout 60 "$PLANOAI_BIN" down </dev/null >/dev/null 2>&1 || true
  timeout 30 "$PLANOAI_BIN" trace down </dev/null >/dev/null 2>&1 || true
  e2e_cleanup_pids
}

# ---------------------------------------------------------------------------------------------
# helpers

chat() {
  curl -fsS --max-time 10 "http://127.0.0.1:$1/v1/chat/completions" \
    -H 'content-type: application/json' \
    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello lifecycle"}]}'
}

pid_file() { echo "$PLANO_HOME/run/$1.pid"; }

# A port P such that P and P+1 are both free now (the collector's gRPC and HTTP ports).
free_port_pair() {
  local p i
  for ((i = 0; i < 50; i++)); do
    p="$(e2e_free_port)"
    if ((p < 65535)) && e2e_port_is_free $((p + 1)); then echo "$p"; return 0; fi
  done
  return 1
}

# up CONFIG...: `planoai up` in the background mode; sets UP_RC, output in up.out / up.err.
up() {
  UP_RC=0
  MOCK_KEY=mock-key timeout 60 "$PLANOAI_BIN" up "$@" </dev/null >up.out 2>up.err || UP_RC=$?
}

start_mock_and_config() {
  e2e_start_mock "$TDIR"
  GW_PORT="$(e2e_free_port)"
  e2e_write_config config.yaml "$GW_PORT" "$MOCK_PORT"
}

# ---------------------------------------------------------------------------------------------
# tests

t_up_logs_down() {
  start_mock_and_config
  LOG_LEVEL=debug up config.yaml
  ((UP_RC == 0)) || { show up.err stderr; fail "up exited $UP_RC, want 0"; }
  grep -q "Plano is running" up.out || { show up.out stdout; fail "up did not say it runs"; }
  grep -q "http://127.0.0.1:$GW_PORT" up.out || { show up.out stdout; fail "up did not say where it listens"; }
  # up returned: /healthz must answer right away, no polling
  e2e_http_ok "http://127.0.0.1:$GW_PORT/healthz" || fail "/healthz not ready when up returned"
  [[ -s "$(pid_file plano)" ]] || fail "no pid file $(pid_file plano)"
  local pid
  pid="$(cat "$(pid_file plano)")"
  e2e_alive "$pid" || fail "pid $pid of the pid file is not running"

  chat "$GW_PORT" >reply.json || fail "request through the daemon failed"
  grep -q 'Hello from plano-mock' reply.json || { show reply.json reply; fail "unexpected reply"; }

  timeout 10 "$PLANOAI_BIN" logs </dev/null >logs.out 2>logs.err || { show logs.err stderr; fail "logs failed"; }
  grep -q "listening on http://127.0.0.1:$GW_PORT" logs.out || { show logs.out logs; fail "logs lack the start-up line"; }
  grep -q "opened upstream connection to http://127.0.0.1:$MOCK_PORT" logs.out \
    || { show logs.out logs; fail "logs do not show the request reaching the provider"; }

  up config.yaml
  ((UP_RC == 1)) || fail "second up exited $UP_RC, want 1"
  grep -q "already running (pid $pid)" up.err || { show up.err stderr; fail "second up did not name the running pid"; }

  local rc=0
  timeout 60 "$PLANOAI_BIN" down </dev/null >down.out 2>down.err || rc=$?
  ((rc == 0)) || { show down.err stderr; fail "down exited $rc"; }
  grep -q "Plano stopped" down.out || { show down.out stdout; fail "down did not say it stopped Plano"; }
  e2e_alive "$pid" && fail "pid $pid still runs after down"
  e2e_port_is_free "$GW_PORT" || fail "port $GW_PORT still bound after down"
  [[ ! -e "$(pid_file plano)" ]] || fail "pid file left after down"

  rc=0
  timeout 30 "$PLANOAI_BIN" down </dev/null >down.out 2>down.err || rc=$?
  ((rc == 0)) || fail "down with nothing running exited $rc, want 0"
  grep -q "No Plano instance was running" down.out || { show down.out stdout; fail "down did not say nothing ran"; }
}

t_logs_follow() {
  start_mock_and_config
  up config.yaml
  ((UP_RC == 0)) || { show up.err stderr; fail "up exited $UP_RC"; }
  "$PLANOAI_BIN" logs --follow </dev/null >follow.out 2>follow.err &
  local follow_pid=$!
  E2E_PIDS+=("$follow_pid")
  e2e_wait_for 10 "logs --follow to print the existing log" grep -q 'listening on' follow.out
  timeout 60 "$PLANOAI_BIN" down </dev/null >/dev/null 2>&1 || fail "down failed"
  # the daemon's shutdown lines are appended after --follow started
  e2e_wait_for 10 "logs --follow to print the shutdown" grep -q 'received SIGTERM' follow.out \
    || { show follow.out follow; fail "--follow did not print appended lines"; }
  kill -INT "$follow_pid"
  e2e_wait_exit "$follow_pid" 10 || fail "logs --follow ignored SIGINT"
  ((WAIT_RC == 0)) || fail "logs --follow exited $WAIT_RC on SIGINT, want 0"
}

t_logs_without_daemon() {
  local rc=0
  timeout 10 "$PLANOAI_BIN" logs </dev/null >out 2>err || rc=$?
  ((rc == 1)) || fail "logs without a log file exited $rc, want 1"
  grep -q 'planoai up' err || { show err stderr; fail "logs did not say how to start Plano"; }
}

t_up_invalid_config() {
  local port
  port="$(e2e_free_port)"
  e2e_write_config bad.yaml "$port" 1
  sed -i 's/^    port: .*/    port: notaport/' bad.yaml
  up bad.yaml
  ((UP_RC == 1)) || { show up.err stderr; fail "up with an invalid config exited $UP_RC, want 1"; }
  grep -q 'listeners\[0\]\.port' up.err || { show up.err stderr; fail "the error does not name the key"; }
  [[ ! -e "$(pid_file plano)" ]] || fail "a pid file was written for an invalid config"
  [[ ! -e "$PLANO_HOME/run/plano.log" ]] || fail "a daemon was started (its log exists) for an invalid config"
  e2e_port_is_free "$port" || fail "port $port is bound"
}

t_up_port_taken() {
  start_mock_and_config
  MOCK_KEY=mock-key e2e_start_gateway "$TDIR" config.yaml "$GW_PORT"
  up config.yaml
  ((UP_RC == 1)) || { show up.err stderr; fail "up on a taken port exited $UP_RC, want 1"; }
  grep -q "already in use" up.err || { show up.err stderr; fail "the error does not say the port is taken"; }
  grep -q "$GW_PORT" up.err || { show up.err stderr; fail "the error does not name the port"; }
  [[ ! -e "$(pid_file plano)" ]] || fail "a pid file was left behind"
  e2e_alive "$GW_PID" || fail "the gateway holding the port died"
}

t_up_zero_config() {
  local port
  port="$(e2e_free_port)"
  mkdir empty
  up --path empty --listener-port "$port"
  ((UP_RC == 0)) || { show up.err stderr; fail "zero-config up exited $UP_RC, want 0"; }
  grep -q "No plano config found; using defaults" up.err || { show up.err stderr; fail "no zero-config notice"; }
  e2e_http_ok "http://127.0.0.1:$port/healthz" || fail "zero-config gateway not serving on $port"
  timeout 60 "$PLANOAI_BIN" down </dev/null >/dev/null 2>&1 || fail "down failed"
  e2e_port_is_free "$port" || fail "port $port still bound after down"
}

t_init_templates() {
  local ids id rc
  timeout 10 "$PLANOAI_BIN" init --list-templates </dev/null >list.out || fail "--list-templates failed"
  mapfile -t ids < <(sed -n 's/^  \([a-z0-9_]*\)  - .*/\1/p' list.out)
  ((${#ids[@]} == 5)) || { show list.out stdout; fail "want 5 templates, got ${#ids[@]}"; }
  for id in "${ids[@]}"; do
    rc=0
    timeout 10 "$PLANOAI_BIN" init --template "$id" -o "$id/config.yaml" </dev/null >out 2>err || rc=$?
    ((rc == 0)) || { show err stderr; fail "init --template $id exited $rc"; }
    grep -q "Wrote $id/config.yaml ($id)" out || { show out stdout; fail "init $id did not say what it wrote"; }
    OPENAI_API_KEY=k ANTHROPIC_API_KEY=k timeout 10 "$PLANOAI_BIN" validate "$id/config.yaml" \
      </dev/null >out 2>err || { show err stderr; fail "template $id does not validate"; }
  done

  timeout 10 "$PLANOAI_BIN" init --clean -o clean.yaml </dev/null >/dev/null || fail "init --clean failed"
  [[ "$(od -An -c clean.yaml | tr -d ' ')" == '\n' ]] || fail "init --clean did not write a single newline"

  rc=0
  timeout 10 "$PLANOAI_BIN" init --template coding_agent_routing -o clean.yaml </dev/null >out 2>err || rc=$?
  ((rc == 1)) || fail "overwriting without --force exited $rc, want 1"
  grep -q "Refusing to overwrite" err || { show err stderr; fail "no refusal message"; }
  timeout 10 "$PLANOAI_BIN" init --template coding_agent_routing -o clean.yaml --force </dev/null >/dev/null \
    || fail "--force did not overwrite"
  grep -q 'model_providers:' clean.yaml || fail "--force wrote something else"

  rc=0
  timeout 10 "$PLANOAI_BIN" init --template nope </dev/null >out 2>err || rc=$?
  ((rc == 1)) || fail "unknown template exited $rc, want 1"
  grep -q "Unknown template: nope" err || { show err stderr; fail "no unknown-template message"; }
  rc=0
  timeout 10 "$PLANOAI_BIN" init --clean --template nope </dev/null >out 2>err || rc=$?
  ((rc == 2)) || fail "--clean with --template exited $rc, want 2"
  rc=0
  timeout 10 "$PLANOAI_BIN" init </dev/null >out 2>err || rc=$?
  ((rc == 1)) || fail "init without a TTY exited $rc, want 1"
  grep -q "requires a TTY" err || { show err stderr; fail "no TTY message"; }
}

t_up_with_tracing() {
  if ! timeout 10 "$PLANOAI_BIN" trace listen --help >/dev/null 2>&1; then
    e2e_log "skipped: this build has no 'planoai trace listen'"
    return 0
  fi
  local tport pid collector_pid
  start_mock_and_config
  tport="$(free_port_pair)" || fail "no free port pair for the collector"
  up config.yaml --with-tracing --tracing-port "$tport"
  ((UP_RC == 0)) || { show up.out stdout; show up.err stderr; fail "up --with-tracing exited $UP_RC"; }
  [[ -s "$(pid_file collector)" ]] || fail "no collector pid file"
  collector_pid="$(cat "$(pid_file collector)")"
  pid="$(cat "$(pid_file plano)")"

  chat "$GW_PORT" >/dev/null || fail "request 1 failed"
  chat "$GW_PORT" >/dev/null || fail "request 2 failed"
  if timeout 10 "$PLANOAI_BIN" trace --help 2>/dev/null | grep -q -- '--json'; then
    e2e_wait_for 30 "the request's trace in the store" \
      bash -c "'$PLANOAI_BIN' trace any --json --no-interactive | grep -q 'POST /v1/chat/completions gpt-4o-mini'" \
      || { "$PLANOAI_BIN" trace any --json --no-interactive >trace.out 2>&1; show trace.out trace; fail "no trace stored"; }
  fi

  timeout 60 "$PLANOAI_BIN" down </dev/null >down.out 2>down.err || { show down.err stderr; fail "down failed"; }
  grep -q "Trace collector stopped" down.out || { show down.out stdout; fail "down did not stop the collector"; }
  e2e_alive "$pid" && fail "gateway still runs after down"
  e2e_alive "$collector_pid" && fail "collector still runs after down"
  e2e_port_is_free "$GW_PORT" || fail "gateway port still bound"
  e2e_port_is_free "$tport" || fail "collector port $tport still bound"
  [[ ! -e "$(pid_file collector)" ]] || fail "collector pid file left behind"
}

t_down_keeps_a_user_collector() {
  if ! timeout 10 "$PLANOAI_BIN" trace listen --help >/dev/null 2>&1; then
    e2e_log "skipped: this build has no 'planoai trace listen'"
    return 0
  fi
  local tport collector_pid
  start_mock_and_config
  tport="$(free_port_pair)" || fail "no free port pair for the collector"
  timeout 60 "$PLANOAI_BIN" trace listen --port "$tport" --http-port $((tport + 1)) </dev/null >listen.out 2>&1 \
    || { show listen.out listen; fail "trace listen failed"; }
  collector_pid="$(cat "$(pid_file collector)")"
  up config.yaml --with-tracing --tracing-port "$tport"
  ((UP_RC == 0)) || { show up.err stderr; fail "up --with-tracing exited $UP_RC"; }
  grep -q "already running" up.out || { show up.out stdout; fail "up did not reuse the running collector"; }
  timeout 60 "$PLANOAI_BIN" down </dev/null >down.out 2>&1 || fail "down failed"
  e2e_alive "$collector_pid" || fail "down stopped a collector that up did not start"
}

# ---------------------------------------------------------------------------------------------

run_test "up daemonizes, serves, logs, refuses a second up; down frees port and pid file" t_up_logs_down
run_test "logs --follow prints appended lines and exits 0 on SIGINT" t_logs_follow
run_test "logs without a daemon: exit 1 with a hint" t_logs_without_daemon
run_test "up with an invalid config: exit 1 before daemonizing" t_up_invalid_config
run_test "up on a taken port: exit 1 naming the port" t_up_port_taken
run_test "up without a config serves the zero-config defaults" t_up_zero_config
run_test "init writes every template, each validates; clean, force, errors" t_init_templates
run_test "up --with-tracing starts the collector, traces land, down stops both" t_up_with_tracing
run_test "down leaves a collector started by 'trace listen' running" t_down_keeps_a_user_collector

e2e_report
