#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running gateway: installs dependencies, builds,
# starts the bundled mock provider and planoai in front of it, sends real requests through, then
# keeps serving until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
bin=build/release/bin

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export DEMO_PORT="${DEMO_PORT:-12000}"
if ! python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1',$DEMO_PORT))" 2>/dev/null; then
  DEMO_PORT=$(free_port)
fi
mock_port=$(free_port)
export PLANO_MOCK_URL="http://127.0.0.1:${mock_port}/v1"

"$bin/plano-mock" --port "$mock_port" >/tmp/plano-demo-mock.log 2>&1 &
mock_pid=$!
"$bin/planoai" up demo/plano_config.yaml --foreground &
gw_pid=$!
trap 'kill $gw_pid $mock_pid 2>/dev/null; wait 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:${DEMO_PORT}/healthz" >/dev/null && break
  sleep 0.1
done

url="http://127.0.0.1:${DEMO_PORT}/v1/chat/completions"
echo
echo "== POST $url (model: fast -> openai/gpt-4o-mini)"
curl -sS "$url" -H 'Content-Type: application/json' \
  -d '{"model":"fast","messages":[{"role":"user","content":"Hello, Plano!"}]}'
echo
echo
echo "== the same, streamed"
curl -sSN "$url" -H 'Content-Type: application/json' \
  -d '{"model":"fast","stream":true,"messages":[{"role":"user","content":"Hello, Plano!"}]}'
echo
echo
echo "== routed: a coding question goes to the code_generation route (openai/gpt-4o)"
curl -sS "http://127.0.0.1:${DEMO_PORT}/routing/v1/chat/completions" -H 'Content-Type: application/json' \
  -d '{"model":"fast","messages":[{"role":"user","content":"Please write Python source code"}]}'
echo
cat <<HINT

planoai is serving on http://127.0.0.1:${DEMO_PORT} (mock provider at ${PLANO_MOCK_URL}).
Try it:
  curl http://127.0.0.1:${DEMO_PORT}/v1/models
  curl http://127.0.0.1:${DEMO_PORT}/v1/chat/completions -H 'Content-Type: application/json' \\
       -d '{"model":"smart","messages":[{"role":"user","content":"hi"}]}'
  # OpenAI SDK (Python or Node): base_url="http://127.0.0.1:${DEMO_PORT}/v1", api_key="anything"
Press Ctrl-C to stop.
HINT
wait "$gw_pid"
