#!/usr/bin/env bash
# Installs every Debian package the build, tests and benchmarks need. Idempotent: when everything is
# present it returns in well under a second and never touches apt.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build ccache mold pkgconf git curl ca-certificates openssl
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev zlib1g-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libyaml-cpp-dev libsimdjson-dev libfmt-dev libcli11-dev
  libsqlite3-dev libhiredis-dev libpq-dev postgresql redis-server libmimalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang clang-format libclang-rt-14-dev
  nginx-light wrk procps psmisc
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done
# The image's nodejs bundles npm and conflicts with Debian's npm package: test the command instead.
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]} == 0)); then
  echo "deps: all present"
  exit 0
fi
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
echo "deps: installing ${missing[*]}"
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
