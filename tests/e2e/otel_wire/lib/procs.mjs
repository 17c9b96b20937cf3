// Process and network helpers for the suite: the binaries under test are started here (their ports
// come from the runner, which picks them outside the ephemeral range) and every child's pid is
// appended to $PLANO_E2E_PID_FILE so that the runner can stop them even if node dies.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const PLANOAI = process.env.PLANOAI_BIN;
export const MOCK_URL = process.env.PLANO_MOCK_URL;
export const WORK = process.env.PLANO_E2E_WORK;
if (!PLANOAI || !MOCK_URL || !WORK) {
  throw new Error('PLANOAI_BIN, PLANO_MOCK_URL and PLANO_E2E_WORK must be set (run ../run_otel_wire_e2e.sh)');
}

// Ports for listeners whose port must be in a config or on a command line, picked by the runner
// outside the ephemeral range: PLANO_E2E_PORTS_<POOL>, a space-separated list per test file.
const pools = new Map();
export function takePort(pool) {
  if (!pools.has(pool)) {
    const list = (process.env[`PLANO_E2E_PORTS_${pool}`] ?? '').split(/\s+/).filter(Boolean).map(Number);
    pools.set(pool, list);
  }
  const port = pools.get(pool).shift();
  if (!port) throw new Error(`PLANO_E2E_PORTS_${pool} has no port left`);
  return port;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitFor(what, check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

// A started child: output goes to files in WORK (the runner prints them on failure).
export function startProcess(name, args, env) {
  const out = fs.openSync(path.join(WORK, `${name}.out`), 'w');
  const err = fs.openSync(path.join(WORK, `${name}.err`), 'w');
  const child = spawn(PLANOAI, args, { env, stdio: ['ignore', out, err] });
  fs.closeSync(out);
  fs.closeSync(err);
  if (process.env.PLANO_E2E_PID_FILE) fs.appendFileSync(process.env.PLANO_E2E_PID_FILE, `${child.pid}\n`);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    stderr: () => fs.readFileSync(path.join(WORK, `${name}.err`), 'utf8'),
    alive: () => child.exitCode === null && child.signalCode === null,
    // SIGTERM, then wait (bounded); SIGKILL as a last resort. Returns the exit status.
    async stop(timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = sleep(timeoutMs).then(() => null);
      const result = await Promise.race([exited, timer]);
      if (result) return result;
      child.kill('SIGKILL');
      await exited;
      return { code: null, signal: 'SIGKILL', timedOut: true };
    },
  };
}

// The environment for a child: ours, minus every OTEL_* variable, plus `extra`.
export function childEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OTEL_')) env[k] = v;
  return { ...env, ...extra };
}

export function runPlanoai(args, env, timeoutMs = 15_000) {
  return spawnSync(PLANOAI, args, { env, encoding: 'utf8', timeout: timeoutMs });
}

// A recording pass-through between the gateway and plano-mock: keeps the path and headers of every
// upstream request (plano-mock only records in-process), forwards everything, streams replies.
export async function startUpstreamTap(targetUrl) {
  const target = new URL(targetUrl);
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, path: req.url, headers: { ...req.headers } });
    const headers = { ...req.headers, host: target.host };
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (reply) => {
        res.writeHead(reply.statusCode, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`tap: ${e.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
