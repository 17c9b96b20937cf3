// Wire compatibility, part 2: the official OpenTelemetry JS SDK and exporters (OTLP/gRPC,
// OTLP/HTTP protobuf, OTLP/HTTP JSON) -> `planoai trace listen --foreground` -> the SQLite store in
// $PLANO_HOME. Skipped (with the reason printed) while the binary under test has no working
// `trace listen`; it turns on by itself once it does. Started by ../run_otel_wire_e2e.sh.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { WORK, canConnect, childEnv, runPlanoai, startProcess, takePort, waitFor } from './lib/procs.mjs';

const EXPORT_SUCCESS = 0; // ExportResultCode.SUCCESS of @opentelemetry/core

function collectorSkipReason() {
  const help = runPlanoai(['trace', 'listen', '--help'], childEnv({}));
  if (help.error) return `planoai trace listen --help failed to run: ${help.error.message}`;
  if (help.status !== 0) {
    return `this planoai has no 'trace listen' (exit ${help.status}): ${(help.stderr || help.stdout).trim().split('\n')[0]}`;
  }
  return null;
}
const skipReason = collectorSkipReason();
if (skipReason) console.log(`# SKIP official exporters -> planoai trace listen: ${skipReason}`);

// PLANO_E2E_NO_SQLITE=1 forces the `planoai trace --json` path (to exercise it where sqlite3 exists).
const hasSqlite =
  process.env.PLANO_E2E_NO_SQLITE !== '1' && spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;

// Three spans of one trace, made by the SDK: a SERVER root with attributes of every scalar type and
// a string array, an INTERNAL child with an event, and a CLIENT grandchild with status ERROR.
function makeSpans(service) {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment': 'e2e' }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('plano-e2e-otel-wire', '1.0.0');
  const root = tracer.startSpan('js root', {
    kind: SpanKind.SERVER,
    attributes: {
      'e2e.string': 'text',
      'e2e.int': 42,
      'e2e.double': 0.25,
      'e2e.bool': true,
      'e2e.array': ['a', 'b'],
    },
  });
  const middle = tracer.startSpan('js middle', { kind: SpanKind.INTERNAL }, trace.setSpan(ROOT_CONTEXT, root));
  middle.addEvent('e2e.event', { 'e2e.event.n': 7 });
  const leaf = tracer.startSpan('js leaf', { kind: SpanKind.CLIENT }, trace.setSpan(ROOT_CONTEXT, middle));
  leaf.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  leaf.end();
  middle.end();
  root.end();
  const spans = memory.getFinishedSpans();
  assert.equal(spans.length, 3);
  const byName = Object.fromEntries(spans.map((s) => [s.name, s.spanContext().spanId]));
  return { spans, traceId: root.spanContext().traceId, ids: byName };
}

function exportWith(exporter, spans) {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

// The stored rows of one trace, from SQLite directly (types via json_type) ...
function storedWithSqlite(db, traceId) {
  const sql = `SELECT span_id, coalesce(parent_span_id, '') AS parent, name, kind, service, status_code,
      status_message, json_extract(resource, '$."deployment.environment"') AS env,
      json_type(attributes, '$."e2e.string"') AS t_string, json_extract(attributes, '$."e2e.string"') AS v_string,
      json_type(attributes, '$."e2e.int"') AS t_int, json_extract(attributes, '$."e2e.int"') AS v_int,
      json_type(attributes, '$."e2e.double"') AS t_double, json_extract(attributes, '$."e2e.double"') AS v_double,
      json_type(attributes, '$."e2e.bool"') AS t_bool,
      json_type(attributes, '$."e2e.array"') AS t_array, json_extract(attributes, '$."e2e.array"') AS v_array,
      json_extract(events, '$[0].name') AS event
    FROM spans WHERE trace_id = '${traceId}'`;
  const r = spawnSync('sqlite3', ['-readonly', '-json', db, sql], { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) return [];
  const rows = r.stdout.trim() ? JSON.parse(r.stdout) : [];
  return rows.map((row) => ({
    spanId: row.span_id,
    parent: row.parent,
    name: row.name,
    kind: row.kind,
    service: row.service,
    status: { code: row.status_code, message: row.status_message },
    env: row.env,
    types: { string: row.t_string, int: row.t_int, double: row.t_double, bool: row.t_bool, array: row.t_array },
    values: { string: row.v_string, int: row.v_int, double: row.v_double, array: row.v_array && JSON.parse(row.v_array) },
    event: row.event,
  }));
}

// ... or through `planoai trace <id> --json` (OTLP/JSON-like attribute values) when sqlite3 is absent.
const JSON_TYPES = { stringValue: 'text', intValue: 'integer', doubleValue: 'real', arrayValue: 'array' };
function storedWithCli(home, traceId) {
  const r = runPlanoai(['trace', traceId, '--json', '--no-interactive'], childEnv({ PLANO_HOME: home, NO_COLOR: '1' }));
  if (r.status !== 0) return [];
  const spans = JSON.parse(r.stdout).traces?.[0]?.spans ?? [];
  return spans.map((s) => {
    const a = Object.fromEntries((s.attributes ?? []).map((x) => [x.key, x.value]));
    const typeOf = (v) => (v ? (v.boolValue !== undefined ? String(v.boolValue) : JSON_TYPES[Object.keys(v)[0]]) : null);
    return {
      spanId: s.spanId,
      parent: s.parentSpanId ?? '',
      name: s.name,
      service: s.service,
      types: {
        string: typeOf(a['e2e.string']),
        int: typeOf(a['e2e.int']),
        double: typeOf(a['e2e.double']),
        bool: typeOf(a['e2e.bool']),
        array: typeOf(a['e2e.array']),
      },
      values: {
        string: a['e2e.string']?.stringValue,
        int: a['e2e.int'] && Number(a['e2e.int'].intValue),
        double: a['e2e.double']?.doubleValue,
        array: a['e2e.array']?.arrayValue?.values?.map((v) => v.stringValue),
      },
    };
  });
}

describe('official OTel JS exporters -> planoai trace listen -> $PLANO_HOME/traces.db', { skip: skipReason ?? false }, () => {
  let home;
  let collector;
  let grpcPort;
  let httpPort;
  before(async () => {
    home = path.join(WORK, 'collector-home');
    fs.mkdirSync(home, { recursive: true });
    grpcPort = takePort('COLLECTOR');
    httpPort = takePort('COLLECTOR');
    collector = startProcess(
      'collector',
      ['trace', 'listen', '--foreground', '--host', '127.0.0.1', '--port', String(grpcPort), '--http-port', String(httpPort)],
      childEnv({ PLANO_HOME: home }),
    );
    await waitFor('the collector to accept on both ports', async () => {
      if (!collector.alive()) throw new Error(`collector exited early:\n${collector.stderr()}`);
      return (await canConnect(grpcPort)) && (await canConnect(httpPort));
    });
  });
  after(async () => {
    await collector?.stop();
  });

  const transports = [
    ['grpc', () => new GrpcExporter({ url: `http://127.0.0.1:${grpcPort}` })],
    ['http-protobuf', () => new ProtoExporter({ url: `http://127.0.0.1:${httpPort}/v1/traces` })],
    ['http-json', () => new JsonExporter({ url: `http://127.0.0.1:${httpPort}/v1/traces` })],
  ];
  for (const [transport, makeExporter] of transports) {
    test(`OTLP ${transport}: accepted, stored with names, kinds, parents, status and typed attributes`, async () => {
      const service = `otel-js-${transport}`;
      const made = makeSpans(service);
      const exporter = makeExporter();
      try {
        const result = await exportWith(exporter, made.spans);
        assert.equal(result.code, EXPORT_SUCCESS, `export failed: ${result.error}`);
      } finally {
        await exporter.shutdown();
      }

      const db = path.join(home, 'traces.db');
      const read = () => (hasSqlite ? storedWithSqlite(db, made.traceId) : storedWithCli(home, made.traceId));
      let rows = [];
      await waitFor(`3 stored spans of trace ${made.traceId}`, async () => {
        rows = fs.existsSync(db) ? read() : [];
        return rows.length >= 3;
      });
      assert.equal(rows.length, 3);
      const by = Object.fromEntries(rows.map((r) => [r.name, r]));
      for (const row of rows) assert.equal(row.service, service);
      assert.equal(by['js root'].spanId, made.ids['js root']);
      assert.equal(by['js root'].parent, '');
      assert.equal(by['js middle'].parent, made.ids['js root']);
      assert.equal(by['js leaf'].parent, made.ids['js middle']);
      assert.deepEqual(by['js root'].types, { string: 'text', int: 'integer', double: 'real', bool: 'true', array: 'array' });
      assert.deepEqual(by['js root'].values, { string: 'text', int: 42, double: 0.25, array: ['a', 'b'] });
      if (hasSqlite) {
        assert.equal(by['js root'].kind, 2); // SPAN_KIND_SERVER
        assert.equal(by['js middle'].kind, 1); // SPAN_KIND_INTERNAL
        assert.equal(by['js leaf'].kind, 3); // SPAN_KIND_CLIENT
        assert.deepEqual(by['js leaf'].status, { code: 2, message: 'boom' }); // STATUS_CODE_ERROR
        assert.equal(by['js root'].status.code, 0);
        assert.equal(by['js middle'].event, 'e2e.event');
        assert.equal(by['js root'].env, 'e2e');
      }
    });
  }
});
