#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to every test: installs dependencies, builds and runs
# the whole suite (unit, integration, end-to-end) with warnings as errors, then again under
# AddressSanitizer + UndefinedBehaviorSanitizer, then runs the libFuzzer targets of the parsers
# (scripts/fuzz.sh, GW_FUZZ_SECONDS each, 20 s by default here). Set GW_SKIP_ASAN=1 or
# GW_SKIP_FUZZ=1 to leave a lane out.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh ci
ctest --preset ci
if [[ "${GW_SKIP_ASAN:-0}" != 1 ]]; then
  scripts/build.sh asan
  ctest --preset asan -LE e2e
fi
if [[ "${GW_SKIP_FUZZ:-0}" != 1 ]]; then
  GW_FUZZ_SECONDS="${GW_FUZZ_SECONDS:-20}" scripts/fuzz.sh
fi
