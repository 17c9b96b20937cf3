#include "gw/config/read.hpp"

namespace gw::config::detail {
namespace {

constexpr std::string_view kTracingKeys[] = {"random_sampling", "trace_arch_internal",
                                             "opentracing_grpc_endpoint", "span_attributes",
                                             "exporters"};
constexpr std::string_view kSpanAttributeKeys[] = {"header_prefixes", "static"};

SpanAttributes read_span_attributes(const YAML::Node& node, NodeReader& reader) {
    SpanAttributes out;
    const std::string path = "tracing.span_attributes";
    if (!node.IsDefined() || !reader.expect_map(node, path, kSpanAttributeKeys)) return out;
    if (auto prefixes =
            reader.string_list(node["header_prefixes"], child_path(path, "header_prefixes"))) {
        out.header_prefixes = *prefixes;
    }
    if (auto statics = reader.string_map(node["static"], child_path(path, "static"))) {
        out.static_attributes = *statics;
    }
    return out;
}

}  // namespace

std::optional<Tracing> read_tracing(const YAML::Node& node, NodeReader& reader) {
    if (!reader.expect_map(node, "tracing", kTracingKeys)) return std::nullopt;
    Tracing out;
    if (auto sampling =
            reader.number(node["random_sampling"], "tracing.random_sampling", 0.0, 100.0)) {
        out.random_sampling = *sampling;
    }
    if (auto internal =
            reader.boolean(node["trace_arch_internal"], "tracing.trace_arch_internal")) {
        out.trace_arch_internal = *internal;
    }
    out.opentracing_grpc_endpoint =
        reader.string(node["opentracing_grpc_endpoint"], "tracing.opentracing_grpc_endpoint");
    out.span_attributes = read_span_attributes(node["span_attributes"], reader);
    // Exporters (PostHog) are not modelled yet: only their shape is checked.
    if (node["exporters"].IsDefined()) reader.expect_list(node["exporters"], "tracing.exporters");
    return out;
}

}  // namespace gw::config::detail
