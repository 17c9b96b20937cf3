#include "gw/exporter/exporter_config.hpp"

#include "gw/base/log.hpp"
#include "gw/exporter/endpoint.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <string_view>

namespace gw::exporter {
namespace {

constexpr std::string_view kDefaultGrpcEndpoint = "http://localhost:4317";
constexpr std::string_view kDefaultHttpEndpoint = "http://localhost:4318/v1/traces";
constexpr std::string_view kHttpTracesPath = "/v1/traces";

// Unset and empty are the same, as in the OpenTelemetry SDKs.
std::optional<std::string> lookup(const std::map<std::string, std::string>& env,
                                  const std::string& name) {
    auto it = env.find(name);
    if (it == env.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Malformed escapes are kept literally rather than rejecting a whole header.
std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

std::optional<std::uint64_t> parse_positive(std::string_view text) {
    text = trim(text);
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0) return std::nullopt;
    return value;
}

// Overwrites `out` with the variable's value when it is a positive integer.
template <class T>
void read_positive(const std::map<std::string, std::string>& env, const std::string& name, T& out) {
    auto text = lookup(env, name);
    if (!text) return;
    auto value = parse_positive(*text);
    if (!value) {
        log::warn("{}='{}' is not a positive integer; keeping the default", name, *text);
        return;
    }
    out = T(static_cast<typename T::rep>(*value));
}

void read_count(const std::map<std::string, std::string>& env, const std::string& name,
                std::size_t& out) {
    auto text = lookup(env, name);
    if (!text) return;
    auto value = parse_positive(*text);
    if (!value) {
        log::warn("{}='{}' is not a positive integer; keeping the default", name, *text);
        return;
    }
    out = static_cast<std::size_t>(*value);
}

Result<ExportProtocol> read_protocol(const std::map<std::string, std::string>& env) {
    auto text = lookup(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
    if (!text) text = lookup(env, "OTEL_EXPORTER_OTLP_PROTOCOL");
    if (!text || *text == "grpc") return ExportProtocol::Grpc;
    if (*text == "http/protobuf") return ExportProtocol::HttpProtobuf;
    if (*text == "http/json") {
        log::warn("OTLP protocol http/json is not supported; exporting http/protobuf instead");
        return ExportProtocol::HttpProtobuf;
    }
    return Error::invalid(fmt::format(
        "unsupported OTLP protocol '{}' (expected grpc, http/protobuf or http/json)", *text));
}

std::string append_traces_path(std::string_view base) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    return fmt::format("{}{}", base, kHttpTracesPath);
}

std::string choose_endpoint(ExportProtocol protocol,
                            const std::optional<std::string>& opentracing_grpc_endpoint,
                            const std::map<std::string, std::string>& env) {
    const bool http = protocol == ExportProtocol::HttpProtobuf;
    if (auto traces = lookup(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) return *traces;
    if (auto base = lookup(env, "OTEL_EXPORTER_OTLP_ENDPOINT")) {
        return http ? append_traces_path(*base) : *base;
    }
    if (http) return std::string(kDefaultHttpEndpoint);
    if (opentracing_grpc_endpoint && !opentracing_grpc_endpoint->empty()) {
        return *opentracing_grpc_endpoint;
    }
    return std::string(kDefaultGrpcEndpoint);
}

}  // namespace

Headers parse_otlp_headers(std::string_view text) {
    Headers headers;
    while (!text.empty()) {
        std::size_t comma = text.find(',');
        std::string_view entry = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        if (trim(entry).empty()) continue;
        std::size_t equals = entry.find('=');
        std::string_view key = trim(entry.substr(0, equals));
        if (equals == std::string_view::npos || key.empty()) {
            log::warn("ignoring malformed OTLP header entry '{}'", trim(entry));
            continue;
        }
        headers.add(std::string(key), percent_decode(trim(entry.substr(equals + 1))));
    }
    return headers;
}

Result<ExporterSettings> resolve_exporter_settings(
    std::optional<std::string> opentracing_grpc_endpoint,
    const std::map<std::string, std::string>& env) {
    ExporterSettings settings;
    auto protocol = read_protocol(env);
    if (!protocol) return protocol.error();
    settings.protocol = *protocol;
    settings.endpoint = choose_endpoint(settings.protocol, opentracing_grpc_endpoint, env);
    if (auto endpoint = parse_endpoint(settings.endpoint); !endpoint) return endpoint.error();

    auto headers = lookup(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS");
    if (!headers) headers = lookup(env, "OTEL_EXPORTER_OTLP_HEADERS");
    if (headers) settings.headers = parse_otlp_headers(*headers);

    read_count(env, "OTEL_BSP_MAX_QUEUE_SIZE", settings.queue_capacity);
    read_count(env, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", settings.max_batch);
    if (settings.max_batch > settings.queue_capacity) settings.max_batch = settings.queue_capacity;
    read_positive(env, "OTEL_BSP_SCHEDULE_DELAY", settings.schedule_delay);
    read_positive(env, "OTEL_BSP_EXPORT_TIMEOUT", settings.export_timeout);
    if (lookup(env, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT")) {
        read_positive(env, "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", settings.attempt_timeout);
    } else {
        read_positive(env, "OTEL_EXPORTER_OTLP_TIMEOUT", settings.attempt_timeout);
    }
    return settings;
}

}  // namespace gw::exporter
