#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to every test: installs dependencies, builds and runs
# the whole suite (unit, integration, end-to-end) with warnings as errors, then again under
# AddressSanitizer + UndefinedBehaviorSanitizer. Set GW_SKIP_ASAN=1 to run the first lane only.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh ci
ctest --preset ci
if [[ "${GW_SKIP_ASAN:-0}" != 1 ]]; then
  scripts/build.sh asan
  ctest --preset asan -LE e2e
fi
