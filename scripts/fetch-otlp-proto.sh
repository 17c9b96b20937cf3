#!/usr/bin/env bash
# Unpacks the OTLP .proto files (Apache-2.0) into DEST (default third_party/otlp-proto), from the pinned
# npm tarball whose sha512 is checked; the last version of this package that still ships .proto files.
# Idempotent: a second run is a no-op. Needs npm, openssl and tar; nothing else is downloaded.
set -euo pipefail
PKG="@opentelemetry/otlp-grpc-exporter-base@0.38.0"   # last version that ships .proto files
SHA512="wwGxeJt80w+mIA0aE+K9OshkyEoYQrXuwXl1TNZBs9K7qE4AAiEuxU9cbd3VX3BTsp+xzNcDRWIb9WWkiU9+kA=="
dest="${1:-third_party/otlp-proto}"
[[ -f "$dest/opentelemetry/proto/trace/v1/trace.proto" ]] && exit 0
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
npm pack --silent --pack-destination "$tmp" "$PKG" >/dev/null 2>&1
tgz=("$tmp"/*.tgz)
[[ "$(openssl dgst -sha512 -binary "${tgz[0]}" | base64 -w0)" == "$SHA512" ]] \
  || { echo "integrity mismatch for $PKG" >&2; exit 1; }
tar -xzf "${tgz[0]}" -C "$tmp" package/build/protos package/LICENSE
mkdir -p "$dest" && cp -R "$tmp/package/build/protos/." "$dest/" && cp "$tmp/package/LICENSE" "$dest/"
