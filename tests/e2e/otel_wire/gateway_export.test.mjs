// Wire compatibility, part 1: the gateway's own OTLP exporters against independent receivers.
// `planoai up --foreground` (random_sampling: 100) sits in front of plano-mock (through a recording
// tap); its spans go once over OTLP/gRPC (tracing.opentracing_grpc_endpoint) to a @grpc/grpc-js
// TraceService and once over OTLP/HTTP protobuf (OTEL_EXPORTER_OTLP_* variables) to a node:http
// server decoding with protobufjs. Both load the official opentelemetry-proto files.
// Started by ../run_otel_wire_e2e.sh.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startGrpcReceiver, startHttpReceiver } from './lib/otlp.mjs';
import { MOCK_URL, WORK, childEnv, startProcess, startUpstreamTap, takePort, waitFor } from './lib/procs.mjs';

const MOCK_KEY = process.env.PLANO_MOCK_KEY ?? 'mock-key-e2e';
const MESSAGES = [{ role: 'user', content: 'hello there, tracing' }];
const GRPC_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
// Sent as OTEL_EXPORTER_OTLP_HEADERS; values are percent-decoded by the exporter (OTel spec).
const EXPORT_HEADERS_ENV = 'x-plano-e2e=abc%2C123,x-plano-tenant=acme';
const EXPECTED_EXPORT_HEADERS = { 'x-plano-e2e': 'abc,123', 'x-plano-tenant': 'acme' };

function gatewayConfig(port, upstreamUrl, grpcEndpoint) {
  const endpoint = grpcEndpoint ? `  opentracing_grpc_endpoint: ${grpcEndpoint}\n` : '';
  return `version: v0.4.0
listeners:
  - name: llm
    type: model
    port: ${port}
    address: 127.0.0.1
model_providers:
  - model: openai/gpt-4o-mini
    access_key: $MOCK_KEY
    base_url: ${upstreamUrl}/v1
    default: true
model_aliases:
  fast:
    target: openai/gpt-4o-mini
tracing:
  random_sampling: 100
${endpoint}  span_attributes:
    header_prefixes: [x-e2e-]
    static:
      environment: e2e
      user.id: static-user
`;
}

async function startGateway(name, configText, port, env) {
  const configPath = path.join(WORK, `${name}.yaml`);
  fs.writeFileSync(configPath, configText);
  const gw = startProcess(
    name,
    ['up', configPath, '--foreground'],
    childEnv({ MOCK_KEY, PLANO_HOME: path.join(WORK, `${name}-home`), OTEL_BSP_SCHEDULE_DELAY: '50', ...env }),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${name} /healthz`, async () => {
      if (!gw.alive()) throw new Error(`${name} exited early:\n${gw.stderr()}`);
      try {
        return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
      } catch {
        return false;
      }
    });
  } catch (e) {
    await gw.stop();
    throw e;
  }
  return { ...gw, url };
}

const newTraceId = () => crypto.randomBytes(16).toString('hex');
const newSpanId = () => crypto.randomBytes(8).toString('hex');

async function chat(gatewayUrl, body, headers = {}) {
  const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer client-key', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, text: await response.text() };
}

// The requests every run sends; returns what the assertions need to know about them.
async function exercise(gatewayUrl) {
  const plain = { traceId: newTraceId(), parentId: newSpanId() };
  const r1 = await chat(
    gatewayUrl,
    { model: 'fast', messages: MESSAGES, temperature: 0.7, max_tokens: 50 },
    {
      traceparent: `00-${plain.traceId}-${plain.parentId}-01`,
      tracestate: 'e2e=wire',
      'x-e2e-user-id': 'u-1',
      'X-E2E-Tenant-Name': 'acme',
    },
  );
  assert.equal(r1.status, 200, r1.text);
  plain.response = JSON.parse(r1.text);

  const stream = { traceId: newTraceId(), parentId: newSpanId() };
  const r2 = await chat(
    gatewayUrl,
    { model: 'openai/gpt-4o-mini', messages: MESSAGES, stream: true, stream_options: { include_usage: true } },
    { traceparent: `00-${stream.traceId}-${stream.parentId}-01` },
  );
  assert.equal(r2.status, 200, r2.text);
  const events = r2.text
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => JSON.parse(l.slice(6)));
  stream.usage = events.find((e) => e.usage)?.usage;
  assert.ok(stream.usage, 'the stream delivered a usage chunk');

  const failing = { traceId: newTraceId(), parentId: newSpanId() };
  const r3 = await chat(
    gatewayUrl,
    { model: 'gpt-4o-mini', messages: MESSAGES },
    { traceparent: `00-${failing.traceId}-${failing.parentId}-01`, 'x-mock-status': '500' },
  );
  assert.equal(r3.status, 500, r3.text);

  const root = {};
  const r4 = await chat(gatewayUrl, { model: 'gpt-4o-mini', messages: MESSAGES });
  assert.equal(r4.status, 200, r4.text);

  return { plain, stream, failing, root };
}

const llmOf = (spans, traceId) => spans.filter((s) => s.service === 'plano(llm)' && s.traceId === traceId);
const outboundOf = (spans, traceId) =>
  spans.filter((s) => s.service === 'plano(outbound)' && s.traceId === traceId);

function attr(span, key, type) {
  const a = span.attributes.get(key);
  assert.ok(a, `${span.service} span '${span.name}' has attribute ${key}`);
  assert.equal(a.type, type, `${key} is an OTLP ${type} (got ${a.type} ${JSON.stringify(a.value)})`);
  return a.value;
}

// The root request has no traceparent: its trace id is the one the upstream saw and not one of ours.
function rootTraceId(tap, known) {
  const ids = tap.requests
    .map((r) => r.headers.traceparent?.split('-')[1])
    .filter((id) => id && !known.includes(id));
  return ids.length === 1 ? ids[0] : undefined;
}

async function waitForAll(received, tap, sent) {
  const known = [sent.plain.traceId, sent.stream.traceId, sent.failing.traceId];
  return received.waitUntil((spans) => {
    sent.root.traceId ??= rootTraceId(tap, known);
    return [...known, sent.root.traceId].every(
      (t) => t && llmOf(spans, t).length === 1 && outboundOf(spans, t).length >= 1,
    );
  }, 'the llm and outbound spans of all four requests');
}

function checkCommonShape(spans, tap, traceId, parentId) {
  const [llm] = llmOf(spans, traceId);
  const outbound = outboundOf(spans, traceId);
  assert.equal(llm.kind, 'SPAN_KIND_SERVER');
  assert.equal(llm.resource.get('service.name').type, 'stringValue');
  assert.equal(llm.parentSpanId, parentId ?? '', 'llm span parent = the client span (or none)');
  assert.match(llm.spanId, /^[0-9a-f]{16}$/);
  assert.notEqual(llm.spanId, '0'.repeat(16));
  assert.ok(BigInt(llm.startTimeUnixNano) > 0n && BigInt(llm.startTimeUnixNano) <= BigInt(llm.endTimeUnixNano));
  assert.equal(attr(llm, 'http.method', 'stringValue'), 'POST');
  assert.equal(attr(llm, 'http.path', 'stringValue'), '/v1/chat/completions');
  assert.equal(attr(llm, 'gen_ai.operation.name', 'stringValue'), 'chat');
  for (const span of outbound) {
    assert.equal(span.kind, 'SPAN_KIND_CLIENT');
    assert.equal(span.traceId, traceId, 'trace id continuity');
    assert.equal(span.parentSpanId, llm.spanId, 'outbound parent = llm span');
    assert.equal(span.name, 'POST 127.0.0.1/v1/chat/completions');
    assert.equal(attr(span, 'server.address', 'stringValue'), '127.0.0.1');
    assert.equal(attr(span, 'server.port', 'intValue'), new URL(tap.url).port);
    assert.equal(attr(span, 'url.path', 'stringValue'), '/v1/chat/completions');
    // the static custom attribute is on every span of the request
    assert.equal(attr(span, 'environment', 'stringValue'), 'e2e');
  }
  assert.equal(attr(llm, 'environment', 'stringValue'), 'e2e');
  // Every upstream attempt carried the traceparent of its own outbound span, sampled.
  const upstream = tap.requests
    .filter((r) => r.headers.traceparent?.split('-')[1] === traceId)
    .map((r) => r.headers.traceparent)
    .sort();
  assert.deepEqual(upstream, outbound.map((s) => `00-${traceId}-${s.spanId}-01`).sort());
  return { llm, outbound };
}

function checkSpans(spans, tap, sent) {
  // Every span exported belongs to one of the two span families.
  assert.deepEqual([...new Set(spans.map((s) => s.service))].sort(), ['plano(llm)', 'plano(outbound)']);

  // 1. alias, non-streaming, custom attributes, types
  {
    const { traceId, parentId, response } = sent.plain;
    const { llm, outbound } = checkCommonShape(spans, tap, traceId, parentId);
    assert.equal(outbound.length, 1);
    assert.equal(llm.name, 'POST /v1/chat/completions fast -> openai/gpt-4o-mini');
    assert.notEqual(llm.status.code, 'STATUS_CODE_ERROR');
    assert.equal(attr(llm, 'http.status_code', 'intValue'), '200');
    assert.equal(attr(llm, 'llm.is_streaming', 'boolValue'), false);
    assert.equal(attr(llm, 'gen_ai.request.temperature', 'doubleValue'), 0.7);
    assert.equal(attr(llm, 'llm.temperature', 'stringValue'), '0.7'); // the reference's string
    assert.equal(attr(llm, 'gen_ai.request.max_tokens', 'intValue'), '50');
    assert.equal(attr(llm, 'gen_ai.provider.name', 'stringValue'), 'openai');
    assert.equal(attr(llm, 'gen_ai.request.model', 'stringValue'), 'gpt-4o-mini');
    assert.equal(attr(llm, 'gen_ai.response.id', 'stringValue'), response.id);
    assert.equal(attr(llm, 'gen_ai.usage.input_tokens', 'intValue'), String(response.usage.prompt_tokens));
    assert.equal(attr(llm, 'gen_ai.usage.output_tokens', 'intValue'), String(response.usage.completion_tokens));
    assert.equal(attr(llm, 'llm.usage.total_tokens', 'intValue'), String(response.usage.total_tokens));
    const reasons = attr(llm, 'gen_ai.response.finish_reasons', 'arrayValue');
    assert.deepEqual(reasons, [{ type: 'stringValue', value: 'stop' }]);
    // header_prefixes: prefix stripped, '-' -> '.', header beats the static value
    for (const span of [llm, outbound[0]]) {
      assert.equal(attr(span, 'user.id', 'stringValue'), 'u-1');
      assert.equal(attr(span, 'tenant.name', 'stringValue'), 'acme');
      assert.equal(attr(span, 'http.status_code', 'intValue'), '200');
    }
    const upstream = tap.requests.find((r) => r.headers.traceparent?.includes(traceId));
    assert.equal(upstream.headers.tracestate, 'e2e=wire');
  }

  // 2. streaming
  {
    const { traceId, parentId, usage } = sent.stream;
    const { llm } = checkCommonShape(spans, tap, traceId, parentId);
    assert.equal(llm.name, 'POST /v1/chat/completions openai/gpt-4o-mini');
    assert.equal(attr(llm, 'llm.is_streaming', 'boolValue'), true);
    assert.equal(attr(llm, 'http.status_code', 'intValue'), '200');
    assert.equal(attr(llm, 'gen_ai.usage.input_tokens', 'intValue'), String(usage.prompt_tokens));
    assert.equal(attr(llm, 'gen_ai.usage.output_tokens', 'intValue'), String(usage.completion_tokens));
    assert.ok(Number(attr(llm, 'llm.response_bytes', 'intValue')) > 0);
    // the llm span is not decorated with another request's custom headers
    assert.equal(attr(llm, 'user.id', 'stringValue'), 'static-user');
  }

  // 3. upstream failure: status ERROR on the llm span and on every attempt
  {
    const { traceId, parentId } = sent.failing;
    const { llm, outbound } = checkCommonShape(spans, tap, traceId, parentId);
    assert.equal(llm.status.code, 'STATUS_CODE_ERROR');
    assert.equal(attr(llm, 'http.status_code', 'intValue'), '500');
    assert.ok(attr(llm, 'error.type', 'stringValue').length > 0);
    for (const span of outbound) {
      assert.equal(span.status.code, 'STATUS_CODE_ERROR');
      assert.equal(attr(span, 'http.status_code', 'intValue'), '500');
    }
  }

  // 4. no client traceparent: the llm span is a root, the trace id still reaches the upstream
  {
    const { traceId } = sent.root;
    const { llm } = checkCommonShape(spans, tap, traceId, undefined);
    assert.equal(llm.name, 'POST /v1/chat/completions gpt-4o-mini');
  }
}

describe('gateway -> OTLP/gRPC (opentracing_grpc_endpoint) -> @grpc/grpc-js receiver', () => {
  let receiver;
  let tap;
  let gw;
  before(async () => {
    receiver = await startGrpcReceiver();
    tap = await startUpstreamTap(MOCK_URL);
    const port = takePort('GATEWAY');
    gw = await startGateway('gw-grpc', gatewayConfig(port, tap.url, receiver.endpoint), port, {
      OTEL_EXPORTER_OTLP_HEADERS: EXPORT_HEADERS_ENV,
    });
  });
  after(async () => {
    await gw?.stop();
    await tap?.close();
    await receiver?.close();
  });

  test('spans decode with the official protos: resources, names, kinds, parents, types, errors', async () => {
    const sent = await exercise(gw.url);
    const spans = await waitForAll(receiver.received, tap, sent);
    checkSpans(spans, tap, sent);
    for (const e of receiver.received.exports) {
      assert.equal(e.path, GRPC_EXPORT_PATH);
      for (const [k, v] of Object.entries(EXPECTED_EXPORT_HEADERS)) assert.equal(e.headers[k], v, `metadata ${k}`);
    }
  });

  test('SIGTERM flushes and exits 0', async () => {
    const status = await gw.stop();
    assert.deepEqual(status, { code: 0, signal: null });
  });
});

describe('gateway -> OTLP/HTTP protobuf (OTEL_EXPORTER_OTLP_*) -> node:http + protobufjs receiver', () => {
  let receiver;
  let tap;
  let gw;
  before(async () => {
    receiver = await startHttpReceiver();
    tap = await startUpstreamTap(MOCK_URL);
    const port = takePort('GATEWAY');
    // No opentracing_grpc_endpoint: the standard variables alone choose transport and endpoint.
    gw = await startGateway('gw-http', gatewayConfig(port, tap.url, null), port, {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_HEADERS: EXPORT_HEADERS_ENV,
    });
  });
  after(async () => {
    await gw?.stop();
    await tap?.close();
    await receiver?.close();
  });

  test('spans decode with the official protos: resources, names, kinds, parents, types, errors', async () => {
    const sent = await exercise(gw.url);
    const spans = await waitForAll(receiver.received, tap, sent);
    checkSpans(spans, tap, sent);
    assert.ok(receiver.received.exports.length >= 1);
    for (const e of receiver.received.exports) {
      assert.equal(e.error, undefined, `body decodes as ExportTraceServiceRequest: ${e.error}`);
      assert.equal(e.path, '/v1/traces', 'OTEL_EXPORTER_OTLP_ENDPOINT gets /v1/traces appended');
      assert.equal(e.contentType, 'application/x-protobuf');
      for (const [k, v] of Object.entries(EXPECTED_EXPORT_HEADERS)) assert.equal(e.headers[k], v, `header ${k}`);
    }
  });

  test('SIGTERM flushes and exits 0', async () => {
    const status = await gw.stop();
    assert.deepEqual(status, { code: 0, signal: null });
  });
});
