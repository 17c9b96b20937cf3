#include "gw/mock/fault_script.hpp"

#include <charconv>
#include <cstdint>

namespace gw::mock {
namespace {

constexpr uint64_t kMaxDelayMs = 60'000;
constexpr uint64_t kMaxChunks = 100'000;
constexpr uint64_t kMaxBodyBytes = 64ULL << 20;
constexpr uint64_t kMaxTokens = 1ULL << 40;

std::optional<uint64_t> number(const Headers& headers, std::string_view name, uint64_t max) {
    const auto text = headers.get(name);
    if (!text) return std::nullopt;
    uint64_t value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc{} || ptr != end) return std::nullopt;
    return value < max ? value : max;
}

std::chrono::milliseconds millis(const Headers& headers, std::string_view name) {
    const auto ms = number(headers, name, kMaxDelayMs).value_or(0);
    return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(ms));
}

std::optional<std::string> text(const Headers& headers, std::string_view name) {
    const auto value = headers.get(name);
    if (!value) return std::nullopt;
    return std::string(*value);
}

}  // namespace

FaultScript parse_fault_script(const Headers& headers) {
    FaultScript script;
    if (const auto status = number(headers, "x-mock-status", 599); status && *status >= 100) {
        script.status = static_cast<unsigned>(*status);
    }
    script.delay = millis(headers, "x-mock-delay-ms");
    script.chunk_delay = millis(headers, "x-mock-chunk-delay-ms");
    // Zero pieces cannot carry a reply.
    if (const auto chunks = number(headers, "x-mock-chunks", kMaxChunks); chunks != 0U) {
        script.chunks = chunks;
    }
    script.break_after = number(headers, "x-mock-break-after", kMaxChunks);
    script.body_bytes = number(headers, "x-mock-body-bytes", kMaxBodyBytes).value_or(0);
    script.tool_call = text(headers, "x-mock-tool-call");
    script.tool_args = text(headers, "x-mock-tool-args");
    script.cached_tokens = number(headers, "x-mock-cached-tokens", kMaxTokens);
    return script;
}

}  // namespace gw::mock
