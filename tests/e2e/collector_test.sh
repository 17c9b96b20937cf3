#!/usr/bin/env bash
# Each test runs in its own ( subshell ) on purpose: its variables and processes die with it.
# shellcheck disable=SC2030,SC2031
# End-to-end tests of the built-in trace collector against the real binaries:
# `planoai trace listen --foreground` ingesting the gateway's spans (OTLP/gRPC) and a curl'd OTLP/JSON
# export (OTLP/HTTP) into $PLANO_HOME/traces.db, SIGTERM (exit 0, ports freed), a restart keeping
# the traces, a taken port (exit 1 with a clear message), and the background mode with `trace down`.
# Env: PLANOAI_BIN, PLANO_MOCK_BIN (ctest sets them; otherwise a local build tree is searched).
# Prints "ok - NAME" / "not ok - NAME" per test and a final "N passed, M failed" line; exit 1 on failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

for tool in curl timeout sqlite3; do
  command -v "$tool" >/dev/null 2>&1 || { e2e_log "required tool missing: $tool"; exit 1; }
done
e2e_find_bins

ROOT="$(mktemp -d "${TMPDIR:-/tmp}/plano-e2e-collector.XXXXXX")"
trap 'rm -rf "$ROOT"' EXIT

E2E_OWN_PLANO_HOME=1

# ---------------------------------------------------------------------------------------------
# helpers

e2e_port_accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Start `planoai trace listen --foreground` on GRPC_PORT / HTTP_PORT (picked here unless set);
# sets COLLECTOR_PID. $1 = log file name.
start_collector() {
  local log=${1:-collector.err}
  GRPC_PORT=${GRPC_PORT:-$(e2e_free_port)}
  HTTP_PORT=${HTTP_PORT:-$(e2e_free_port)}
  "$PLANOAI_BIN" trace listen --foreground --port "$GRPC_PORT" --http-port "$HTTP_PORT" \
    </dev/null >collector.out 2>"$log" &
  COLLECTOR_PID=$!
  E2E_PIDS+=("$COLLECTOR_PID")
  local deadline=$((SECONDS + 15))
  until e2e_http_ok "http://127.0.0.1:$HTTP_PORT/healthz" 2>/dev/null && e2e_port_accepts "$GRPC_PORT"; do
    if ! e2e_alive "$COLLECTOR_PID" || ((SECONDS >= deadline)); then
      show "$log" collector; fail "collector did not come up on $GRPC_PORT/$HTTP_PORT"
    fi
    sleep 0.05
  done
}

stop_collector() {
  kill -TERM "$COLLECTOR_PID"
  e2e_wait_exit "$COLLECTOR_PID" 20 || fail "collector did not exit within 20s of SIGTERM"
  ((WAIT_RC == 0)) || { show collector.err collector; fail "collector exited $WAIT_RC after SIGTERM, want 0"; }
  e2e_port_is_free "$GRPC_PORT" || fail "gRPC port $GRPC_PORT still bound after exit"
  e2e_port_is_free "$HTTP_PORT" || fail "HTTP port $HTTP_PORT still bound after exit"
}

db_query() { sqlite3 -readonly "$PLANO_HOME/traces.db" "$1"; }

llm_spans_at_least() { (($(db_query "SELECT count(*) FROM spans WHERE service = 'plano(llm)'") >= $1)); }

json_export() {
  printf '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"curl-svc"}}]},'
  printf '"scopeSpans":[{"spans":[{"traceId":"%s","spanId":"eee19b7ec3c1b174","name":"curl span","kind":2,' "$1"
  printf '"startTimeUnixNano":"%s000000000","endTimeUnixNano":"%s500000000",' "$(date +%s)" "$(date +%s)"
  printf '"attributes":[{"key":"http.status_code","value":{"intValue":"200"}}]}]}]}]}'
}

# ---------------------------------------------------------------------------------------------
# tests

t_ingest_restart_sigterm() {
  start_collector
  # The gateway exports its spans over OTLP/gRPC to the collector.
  e2e_start_mock "$TDIR"
  local gw_port
  gw_port="$(e2e_free_port)"
  e2e_write_config config.yaml "$gw_port" "$MOCK_PORT"
  cat >>config.yaml <<YAML
tracing:
  random_sampling: 100
  opentracing_grpc_endpoint: http://127.0.0.1:$GRPC_PORT
YAML
  OTEL_BSP_SCHEDULE_DELAY=20 MOCK_KEY=mock-key e2e_start_gateway "$TDIR" config.yaml "$gw_port"
  local i
  for i in 1 2 3; do
    curl -fsS --max-time 10 "http://127.0.0.1:$gw_port/v1/chat/completions" -H 'content-type: application/json' \
      -d '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"trace me"}]}' >/dev/null \
      || fail "chat request $i failed"
  done
  kill -TERM "$GW_PID"  # flushes its spans
  e2e_wait_exit "$GW_PID" 20 || fail "gateway did not exit"

  # And a hand-written OTLP/JSON export over OTLP/HTTP.
  local code
  code=$(curl -sS --max-time 10 -o json.out -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/v1/traces" \
    -H 'content-type: application/json' -d "$(json_export 5b8efff798038103d269b633813fc60c)")
  [[ $code == 200 ]] || { show json.out body; fail "OTLP/JSON export answered $code, want 200"; }
  code=$(curl -sS --max-time 10 -o bad.out -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/v1/traces" \
    -H 'content-type: application/json' -d '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":7}]}]}]}')
  [[ $code == 400 ]] || fail "malformed export answered $code, want 400"

  e2e_wait_for 10 "the gateway's llm spans in traces.db" llm_spans_at_least 3
  local llm curl_spans
  llm=$(db_query "SELECT count(*) FROM spans WHERE service = 'plano(llm)'")
  ((llm == 3)) || fail "want 3 plano(llm) spans, found $llm"
  curl_spans=$(db_query "SELECT count(*) FROM spans WHERE service = 'curl-svc' AND name = 'curl span'")
  ((curl_spans == 1)) || fail "want the curl span stored once, found $curl_spans"
  db_query "SELECT attributes FROM spans WHERE service = 'plano(llm)' LIMIT 1" | grep -q 'gpt-4o-mini' \
    || fail "the llm span lacks its model attribute"

  stop_collector
  local before
  before=$(db_query "SELECT count(*) FROM spans")

  # A restart on the same PLANO_HOME keeps everything and keeps ingesting.
  start_collector collector2.err
  code=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/v1/traces" \
    -H 'content-type: application/json' -d "$(json_export 5b8efff798038103d269b633813fc60d)")
  [[ $code == 200 ]] || fail "export after restart answered $code"
  stop_collector
  local after
  after=$(db_query "SELECT count(*) FROM spans")
  ((after == before + 1)) || fail "after a restart: $after spans, want $before + 1"
}

t_sigint_exits_zero() {
  start_collector
  kill -INT "$COLLECTOR_PID"
  e2e_wait_exit "$COLLECTOR_PID" 20 || fail "collector did not exit after SIGINT"
  ((WAIT_RC == 0)) || fail "collector exited $WAIT_RC after SIGINT, want 0"
}

t_port_in_use() {
  start_collector
  local rc=0 other
  other=$(e2e_free_port)
  timeout 20 "$PLANOAI_BIN" trace listen --foreground --port "$GRPC_PORT" --http-port "$other" \
    </dev/null >out 2>err || rc=$?
  ((rc == 1)) || { show err stderr; fail "second collector on a taken gRPC port exited $rc, want 1"; }
  grep -q "port $GRPC_PORT is already in use on 127.0.0.1" err || { show err stderr; fail "no clear port-in-use message"; }
  grep -q 'planoai trace down' err || fail "the message does not say how to stop the other collector"
  e2e_port_is_free "$other" || fail "the failed collector left port $other bound"
  rc=0
  timeout 20 "$PLANOAI_BIN" trace listen --foreground --port "$other" --http-port "$HTTP_PORT" \
    </dev/null >out 2>err || rc=$?
  ((rc == 1)) || { show err stderr; fail "second collector on a taken HTTP port exited $rc, want 1"; }
  grep -q "port $HTTP_PORT is already in use" err || { show err stderr; fail "no clear message for the HTTP port"; }
  e2e_alive "$COLLECTOR_PID" || fail "the first collector died"
}

t_bad_flags() {
  local rc=0
  timeout 10 "$PLANOAI_BIN" trace listen --foreground --max-age soon </dev/null >out 2>err || rc=$?
  ((rc == 2)) || { show err stderr; fail "--max-age soon exited $rc, want 2"; }
  grep -q "invalid max age 'soon'" err || { show err stderr; fail "no message naming the bad age"; }
}

t_background_and_down() {
  local grpc_port http_port rc=0
  grpc_port=$(e2e_free_port)
  http_port=$(e2e_free_port)
  timeout 30 "$PLANOAI_BIN" trace listen --port "$grpc_port" --http-port "$http_port" </dev/null >out 2>err || rc=$?
  ((rc == 0)) || { show err stderr; show out stdout; fail "trace listen (background) exited $rc"; }
  grep -q 'Trace collector started' out || { show out stdout; fail "no start message"; }
  [[ -s "$PLANO_HOME/run/collector.pid" ]] || fail "no pid file"
  local pid
  pid=$(cat "$PLANO_HOME/run/collector.pid")
  e2e_alive "$pid" || fail "pid $pid from the pid file is not running"
  E2E_PIDS+=("$pid")
  e2e_http_ok "http://127.0.0.1:$http_port/healthz" || fail "background collector does not answer"

  rc=0
  timeout 30 "$PLANOAI_BIN" trace listen --port "$grpc_port" --http-port "$http_port" </dev/null >out2 2>err2 || rc=$?
  ((rc == 1)) || { show err2 stderr; fail "a second background collector exited $rc, want 1"; }
  grep -q 'already running' err2 || { show err2 stderr; fail "no 'already running' message"; }

  rc=0
  timeout 30 "$PLANOAI_BIN" trace down </dev/null >down.out 2>down.err || rc=$?
  ((rc == 0)) || { show down.err stderr; fail "trace down exited $rc"; }
  grep -q 'Trace collector stopped' down.out || { show down.out stdout; fail "no stop message"; }
  e2e_alive "$pid" && fail "collector pid $pid still alive after trace down"
  [[ ! -e "$PLANO_HOME/run/collector.pid" ]] || fail "pid file left behind"
  e2e_port_is_free "$grpc_port" || fail "gRPC port still bound"
  e2e_port_is_free "$http_port" || fail "HTTP port still bound"
  grep -q 'trace collector stopped' "$PLANO_HOME/run/collector.log" || fail "the log does not record a clean stop"

  rc=0
  timeout 10 "$PLANOAI_BIN" trace down </dev/null >down2.out 2>&1 || rc=$?
  ((rc == 0)) || fail "trace down with nothing running exited $rc, want 0"
  grep -q 'No background trace collector running' down2.out || { show down2.out out; fail "no 'not running' message"; }
}

run_test "trace listen --foreground stores gateway (gRPC) and curl (HTTP/JSON) spans; SIGTERM exits 0; restart keeps them" t_ingest_restart_sigterm
run_test "trace listen --foreground: SIGINT exits 0" t_sigint_exits_zero
run_test "trace listen on a taken port: exit 1 with a clear message" t_port_in_use
run_test "trace listen with a bad --max-age: exit 2" t_bad_flags
run_test "trace listen in the background, then trace down" t_background_and_down

e2e_report
