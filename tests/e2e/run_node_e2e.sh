#!/usr/bin/env bash
# Runs one official-SDK end-to-end suite against the real binaries:
# plano-mock (upstream) <- planoai up --foreground (gateway) <- node --test (the SDK package).
# Usage: run_node_e2e.sh [SUITE]   SUITE = openai_sdk (default) or anthropic_sdk, a directory here.
# Env: PLANOAI_BIN, PLANO_MOCK_BIN (ctest sets them; otherwise a local build tree is searched).
# Exit 0 on success, 77 (ctest SKIP) when node/npm are not installed, anything else on failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUITE="$HERE/${1:-openai_sdk}"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
[[ -f "$SUITE/package-lock.json" ]] || { e2e_log "no SDK suite at $SUITE"; exit 1; }

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

# One provider per upstream API, all served by the one mock (it answers any path prefix): the names
# and aliases are the ones openai_sdk/e2e_shared.mjs lists. groq has no base_url path, so its default
# prefix stays and the mock is asked at /openai/v1/chat/completions, as Groq would be.
# $1 = path, $2 = gateway port, $3 = mock port.
write_providers_config() {
  e2e_write_config "$1" "$2" "$3" "  - model: anthropic/claude-sonnet-4-5
    access_key: \$MOCK_KEY
    base_url: http://127.0.0.1:$3
  - model: groq/llama-3.3-70b
    access_key: \$MOCK_KEY
    base_url: http://127.0.0.1:$3" "  smart:
    target: anthropic/claude-sonnet-4-5
  open:
    target: groq/llama-3.3-70b"
}

# --- processes ---
e2e_start_mock "$WORK"
GW_PORT="$(e2e_free_port)"
write_providers_config "$WORK/config.yaml" "$GW_PORT" "$MOCK_PORT"
export MOCK_KEY="mock-key-e2e"
e2e_start_gateway "$WORK" "$WORK/config.yaml" "$GW_PORT"
e2e_log "mock on :$MOCK_PORT, gateway on :$GW_PORT"

# --- tests ---
export PLANO_GATEWAY_URL="http://127.0.0.1:$GW_PORT"
export PLANO_MOCK_URL="http://127.0.0.1:$MOCK_PORT"
export PLANO_MOCK_KEY="$MOCK_KEY"
cd "$SUITE"
# Bounded: node's own per-test timeout plus an outer hard limit.
timeout 180 node --test --test-timeout=20000 --test-reporter=spec ./*.test.mjs </dev/null
