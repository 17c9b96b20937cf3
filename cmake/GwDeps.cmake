# Every find_package of the project lives here.
find_package(Threads REQUIRED)
find_package(Boost 1.81 CONFIG REQUIRED COMPONENTS json url)
find_package(OpenSSL REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)
find_package(simdjson CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
# Debian ships no protobuf CMake config: module mode.
find_package(Protobuf REQUIRED)
find_package(SQLite3 REQUIRED)
# libpq: the PostgreSQL conversation store (gw_state) and its test server (tests/support).
find_package(PostgreSQL REQUIRED)
# gzip bodies of OTLP/HTTP exports (the collector); gRPC links zlib anyway.
find_package(ZLIB REQUIRED)
# hiredis 0.14 installs no CMake target (only HIREDIS_LIBRARIES); its pkg-config file works.
find_package(PkgConfig REQUIRED)
pkg_check_modules(hiredis REQUIRED IMPORTED_TARGET hiredis)
# gRPC's config looks Protobuf up itself, so it comes after it.
find_package(gRPC CONFIG REQUIRED)
if(GW_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
endif()
if(GW_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()
