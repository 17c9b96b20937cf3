#!/usr/bin/env bash
# Runs the OpenAI-SDK end-to-end suite (openai_sdk/) against the real binaries:
# plano-mock (upstream) <- planoai up --foreground (gateway) <- node --test (official `openai` package).
# Env: PLANOAI_BIN, PLANO_MOCK_BIN (ctest sets them; otherwise a local build tree is searched).
# Exit 0 on success, 77 (ctest SKIP) when node/npm are not installed, anything else on failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUITE="$HERE/openai_sdk"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

for tool in node npm curl timeout; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    [[ $tool == node || $tool == npm ]] && { e2e_log "SKIP: $tool not installed"; exit 77; }
    e2e_log "required tool missing: $tool"; exit 1
  fi
done
e2e_find_bins

WORK="$(mktemp -d "${TMPDIR:-/tmp}/plano-e2e-node.XXXXXX")"
cleanup() {
  local rc=$?
  e2e_cleanup_pids
  if ((rc != 0)); then
    for f in mock.err gw.err; do
      [[ -s "$WORK/$f" ]] && { e2e_log "---- $f ----"; tail -n 50 "$WORK/$f" >&2; }
    done
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

e2e_npm_ci "$SUITE"

# --- processes ---
e2e_start_mock "$WORK"
GW_PORT="$(e2e_free_port)"
e2e_write_config "$WORK/config.yaml" "$GW_PORT" "$MOCK_PORT"
export MOCK_KEY="mock-key-e2e"
e2e_start_gateway "$WORK" "$WORK/config.yaml" "$GW_PORT"
e2e_log "mock on :$MOCK_PORT, gateway on :$GW_PORT"

# --- tests ---
export PLANO_GATEWAY_URL="http://127.0.0.1:$GW_PORT"
export PLANO_MOCK_URL="http://127.0.0.1:$MOCK_PORT"
export PLANO_MOCK_KEY="$MOCK_KEY"
cd "$SUITE"
# Bounded: node's own per-test timeout plus an outer hard limit.
timeout 120 node --test --test-timeout=20000 --test-reporter=spec ./*.test.mjs </dev/null
