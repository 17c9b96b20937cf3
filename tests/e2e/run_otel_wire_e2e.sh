#!/usr/bin/env bash
# Runs the OTLP wire-compatibility suite (otel_wire/) against the real binaries:
#   1. planoai up --foreground (in front of plano-mock) exporting over OTLP/gRPC and OTLP/HTTP to
#      receivers built from @grpc/grpc-js, protobufjs and the official opentelemetry-proto files;
#   2. the official OpenTelemetry JS exporters -> planoai trace listen --foreground (skipped, with
#      the reason printed, while the binary has no working `trace listen`).
# Node starts the gateway and the collector itself (their receivers listen on port 0 first); this
# script picks their fixed ports, starts plano-mock and stops every pid node recorded.
# Env: PLANOAI_BIN, PLANO_MOCK_BIN (ctest sets them; otherwise a local build tree is searched).
# Exit 0 on success, 77 (ctest SKIP) when node/npm are not installed, anything else on failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUITE="$HERE/otel_wire"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

for tool in node npm curl timeout; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    [[ $tool == node || $tool == npm ]] && { e2e_log "SKIP: $tool not installed"; exit 77; }
    e2e_log "required tool missing: $tool"; exit 1
  fi
done
e2e_find_bins

WORK="$(mktemp -d "${TMPDIR:-/tmp}/plano-e2e-otel.XXXXXX")"
PID_FILE="$WORK/node-children.pids"
: >"$PID_FILE"
cleanup() {
  local rc=$?
  # Children node started (gateway, collector) in case node died before stopping them.
  local pid
  while read -r pid; do
    [[ -n $pid ]] && e2e_alive "$pid" && E2E_PIDS+=("$pid")
  done <"$PID_FILE"
  e2e_cleanup_pids
  if ((rc != 0)); then
    for f in "$WORK"/*.err; do
      [[ -s "$f" ]] && { e2e_log "---- $(basename "$f") ----"; tail -n 40 "$f" >&2; }
    done
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

e2e_npm_ci "$SUITE"

# --- ports for listeners that need a fixed one (config / command line), all distinct ---
ports=()
while ((${#ports[@]} < 4)); do
  port="$(e2e_free_port)"
  [[ " ${ports[*]} " == *" $port "* ]] || ports+=("$port")
done
export PLANO_E2E_PORTS_GATEWAY="${ports[0]} ${ports[1]}"
export PLANO_E2E_PORTS_COLLECTOR="${ports[2]} ${ports[3]}"

# --- processes ---
e2e_start_mock "$WORK"
e2e_log "mock on :$MOCK_PORT; gateway ports $PLANO_E2E_PORTS_GATEWAY; collector ports $PLANO_E2E_PORTS_COLLECTOR"

# --- tests ---
export PLANO_MOCK_URL="http://127.0.0.1:$MOCK_PORT"
export PLANO_MOCK_KEY="mock-key-e2e"
export PLANO_E2E_WORK="$WORK"
export PLANO_E2E_PID_FILE="$PID_FILE"
cd "$SUITE"
# One file at a time (2 shared cores); node's per-test timeout plus an outer hard limit.
timeout 300 node --test --test-concurrency=1 --test-timeout=90000 --test-reporter=spec ./*.test.mjs </dev/null
