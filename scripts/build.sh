#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release) with a persistent ccache.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
# Relative paths in the cache key: every clone of the repo shares one warm cache.
export CCACHE_BASEDIR="$PWD"
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
scripts/fetch-otlp-proto.sh third_party/otlp-proto
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
