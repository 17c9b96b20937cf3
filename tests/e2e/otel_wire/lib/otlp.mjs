// OTLP receivers built only from independent, official pieces: the opentelemetry-proto .proto files
// (shipped in the npm tarball of @opentelemetry/otlp-grpc-exporter-base@0.38.0, installed under the
// alias `otlp-proto-files`), @grpc/grpc-js + @grpc/proto-loader for OTLP/gRPC and protobufjs for the
// OTLP/HTTP protobuf body. Nothing here shares code with the gateway's encoder.
import { createRequire } from 'node:module';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const require = createRequire(import.meta.url);
export const PROTO_DIR =
  process.env.OTLP_PROTO_DIR ??
  path.join(path.dirname(require.resolve('otlp-proto-files/package.json')), 'build', 'protos');
const TRACE_SERVICE_PROTO = 'opentelemetry/proto/collector/trace/v1/trace_service.proto';

// Same conversion for both transports: camelCase field names, 64-bit integers as decimal strings,
// enums by name, bytes as Buffers, and the name of the set oneof member (AnyValue.value).
const CONVERSION = { keepCase: false, longs: String, enums: String, oneofs: true, defaults: false };

let exportRequestType;
function exportRequest() {
  if (!exportRequestType) {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) =>
      path.isAbsolute(target) ? target : path.join(PROTO_DIR, target);
    root.loadSync(TRACE_SERVICE_PROTO, { keepCase: false });
    exportRequestType = root.lookupType(
      'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
    );
  }
  return exportRequestType;
}

export function decodeExportRequest(bytes) {
  const type = exportRequest();
  return type.toObject(type.decode(bytes), CONVERSION);
}

const hex = (b) => (b && b.length ? Buffer.from(b).toString('hex') : '');

// AnyValue -> { type, value }: type is the OTLP oneof member (stringValue, intValue, doubleValue,
// boolValue, arrayValue, kvlistValue, bytesValue), so tests can assert the wire type.
export function anyValue(v) {
  if (!v) return { type: 'none', value: undefined };
  const type =
    v.value ??
    ['stringValue', 'intValue', 'doubleValue', 'boolValue', 'arrayValue', 'kvlistValue', 'bytesValue'].find(
      (k) => v[k] !== undefined,
    );
  if (type === undefined) return { type: 'none', value: undefined };
  if (type === 'arrayValue') {
    return { type, value: (v.arrayValue.values ?? []).map((x) => anyValue(x)) };
  }
  return { type, value: v[type] };
}

function attributeMap(list) {
  const out = new Map();
  for (const kv of list ?? []) out.set(kv.key, anyValue(kv.value));
  return out;
}

// One flat record per span, with its resource's service.name.
export function flattenSpans(request) {
  const spans = [];
  for (const rs of request.resourceSpans ?? []) {
    const resource = attributeMap(rs.resource?.attributes);
    const service = resource.get('service.name')?.value;
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          service,
          resource,
          scope: ss.scope?.name ?? '',
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          parentSpanId: hex(s.parentSpanId),
          name: s.name,
          kind: s.kind ?? 'SPAN_KIND_UNSPECIFIED',
          startTimeUnixNano: s.startTimeUnixNano ?? '0',
          endTimeUnixNano: s.endTimeUnixNano ?? '0',
          status: { code: s.status?.code ?? 'STATUS_CODE_UNSET', message: s.status?.message ?? '' },
          attributes: attributeMap(s.attributes),
          events: (s.events ?? []).map((e) => ({ name: e.name, attributes: attributeMap(e.attributes) })),
        });
      }
    }
  }
  return spans;
}

// Collects what a receiver got; waitUntil polls a predicate (bounded), never a fixed sleep.
class Received {
  constructor() {
    this.exports = []; // { headers, path, contentType, spans }
  }
  get spans() {
    return this.exports.flatMap((e) => e.spans);
  }
  clear() {
    this.exports = [];
  }
  async waitUntil(predicate, what, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (predicate(this.spans)) return this.spans;
      if (Date.now() > deadline) {
        const seen = this.spans.map((s) => `${s.service} ${s.name} ${s.traceId}`).join('\n  ');
        throw new Error(`timed out waiting for ${what}; received ${this.spans.length} spans:\n  ${seen}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

// OTLP/gRPC TraceService on 127.0.0.1:0, the service definition loaded from the .proto files.
export async function startGrpcReceiver() {
  const definition = protoLoader.loadSync(TRACE_SERVICE_PROTO, { ...CONVERSION, includeDirs: [PROTO_DIR] });
  const pkg = grpc.loadPackageDefinition(definition);
  const received = new Received();
  const server = new grpc.Server();
  server.addService(pkg.opentelemetry.proto.collector.trace.v1.TraceService.service, {
    Export(call, callback) {
      received.exports.push({
        headers: call.metadata.getMap(),
        path: call.getPath(),
        spans: flattenSpans(call.request),
      });
      callback(null, {});
    },
  });
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

// OTLP/HTTP (protobuf) on 127.0.0.1:0: POST /v1/traces, body decoded with protobufjs.
export async function startHttpReceiver() {
  const received = new Received();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const entry = { headers: req.headers, path: req.url, contentType: req.headers['content-type'], spans: [] };
      try {
        if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
        entry.spans = flattenSpans(decodeExportRequest(body));
      } catch (e) {
        entry.error = String(e);
      }
      received.exports.push(entry);
      res.writeHead(entry.error ? 400 : 200, { 'content-type': 'application/x-protobuf' });
      res.end(); // an empty ExportTraceServiceResponse
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
