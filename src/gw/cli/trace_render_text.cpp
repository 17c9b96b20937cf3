#include "gw/cli/trace_render_text.hpp"

#include "gw/cli/trace_tree.hpp"
#include "gw/collector/attribute_text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <variant>

namespace gw::cli {
namespace {

using collector::StoredSpan;
using telemetry::Attribute;

// SGR parameters of the reference's palette.
constexpr std::string_view kGuide = "38;2;91;90;92";
constexpr std::string_view kOffset = "38;2;148;156;153";
constexpr std::string_view kSpanName = "1;2;3;37";
constexpr std::string_view kKey = "38;2;164;169;170";
constexpr std::string_view kValue = "1;38;2;150;159;244";
constexpr std::string_view kError = "1;38;2;255;107;107";
constexpr std::string_view kOk = "32";
constexpr std::string_view kYellow = "33";
constexpr std::string_view kBold = "1";
constexpr std::string_view kDim = "2";

class Paint {
  public:
    explicit Paint(bool on) : on_(on) {}
    [[nodiscard]] std::string operator()(std::string_view text, std::string_view sgr) const {
        if (!on_ || text.empty()) return std::string(text);
        return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
    }

  private:
    bool on_;
};

// The first matching substring of the lowercased service name picks the colour.
std::string_view service_color(std::string_view service) {
    std::string lower(service);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kColors{{
        {"inbound", "1;38;2;72;96;250"},
        {"outbound", "1;38;2;87;217;169"},
        {"orchestrator", "1;38;2;150;159;244"},
        {"routing", "1;38;2;227;162;250"},
        {"agent", "1;36"},
        {"llm", "1;32"},
    }};
    for (const auto& [needle, sgr] : kColors) {
        if (lower.find(needle) != std::string::npos) return sgr;
    }
    return "1;37";
}

// Span data is whatever a client sent: control characters (a terminal escape sequence, a newline
// that would break the tree) are shown escaped instead.
std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (byte < 0x20 || byte == 0x7f) {
            out += fmt::format("\\x{:02x}", byte);
        } else {
            out += c;
        }
    }
    return out;
}

std::string value_text(const telemetry::AttributeValue& value) {
    if (const auto* items = std::get_if<telemetry::StringArray>(&value)) {
        std::string out = "[";
        for (const std::string& item : *items) {
            if (out.size() > 1) out += ", ";
            out += item;
        }
        return out + "]";
    }
    return collector::scalar_text(value).value_or("");
}

const Attribute* find_attribute(const StoredSpan& span, std::string_view key) {
    const auto it = std::find_if(span.attributes.begin(), span.attributes.end(),
                                 [&](const Attribute& a) { return a.key == key; });
    return it == span.attributes.end() ? nullptr : &*it;
}

// http.status_code as an integer, whether the client sent it as one or as text.
std::optional<std::int64_t> as_status_code(const telemetry::AttributeValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
    if (const auto* s = std::get_if<std::string>(&value)) {
        std::int64_t code = 0;
        const auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), code);
        if (ec == std::errc{} && ptr == s->data() + s->size()) return code;
    }
    return std::nullopt;
}

std::optional<std::int64_t> status_code(const StoredSpan& span) {
    const Attribute* a = find_attribute(span, "http.status_code");
    return a == nullptr ? std::nullopt : as_status_code(a->value);
}

std::string_view reason_phrase(std::int64_t code) {
    static constexpr std::array<std::pair<std::int64_t, std::string_view>, 15> kReasons{{
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {408, "Request Timeout"},
        {409, "Conflict"},
        {413, "Payload Too Large"},
        {422, "Unprocessable Entity"},
        {429, "Too Many Requests"},
        {500, "Internal Server Error"},
        {501, "Not Implemented"},
        {502, "Bad Gateway"},
        {503, "Service Unavailable"},
        {504, "Gateway Timeout"},
    }};
    for (const auto& [known, phrase] : kReasons) {
        if (known == code) return phrase;
    }
    return code >= 500 ? "Server Error" : "Client Error";
}

std::string_view status_emoji(std::int64_t code) {
    if (code >= 500) return " 💥";
    if (code == 429) return " 🚦";
    if (code == 404) return " 🔍";
    if (code == 403) return " 🚫";
    if (code == 401) return " 🔐";
    return " ⚠️";
}

// Why the span failed, or nothing: an HTTP error status, an error message attribute, or the
// OTLP span status ERROR.
std::optional<std::string> failure(const StoredSpan& span) {
    if (const auto code = status_code(span); code && *code >= 400) {
        return fmt::format("{} {}", *code, reason_phrase(*code));
    }
    for (const std::string_view key : {"error.message", "exception.message"}) {
        if (const Attribute* a = find_attribute(span, key)) return value_text(a->value);
    }
    if (span.status.code == telemetry::StatusCode::Error) {
        return span.status.message.empty() ? std::string("error") : span.status.message;
    }
    return std::nullopt;
}

// The reference's attribute order: errors first, then the request's story; the rest by key.
constexpr std::array<std::string_view, 24> kFirstKeys{
    "http.status_code",
    "error.type",
    "error.message",
    "error.stack",
    "exception.type",
    "exception.message",
    "http.method",
    "http.target",
    "guid:x-request-id",
    "request_size",
    "response_size",
    "routing.determination_ms",
    "route.selected_model",
    "selection.agents",
    "selection.agent_count",
    "agent.name",
    "agent.sequence",
    "duration_ms",
    "llm.model",
    "llm.is_streaming",
    "llm.time_to_first_token",
    "llm.duration_ms",
    "llm.response_bytes",
    "request_id",
};

// Shown without -v: the above plus what our own spans say about the model call.
constexpr std::array<std::string_view, 14> kMoreKeyAttributes{
    "http.path",
    "url.path",
    "server.address",
    "plano.route.name",
    "llm.provider",
    "gen_ai.operation.name",
    "gen_ai.provider.name",
    "gen_ai.request.model",
    "gen_ai.response.model",
    "gen_ai.usage.input_tokens",
    "gen_ai.usage.output_tokens",
    "gen_ai.response.finish_reasons",
    "llm.usage.total_tokens",
    "user.id",
};

std::size_t rank(std::string_view key) {
    const auto it = std::find(kFirstKeys.begin(), kFirstKeys.end(), key);
    return static_cast<std::size_t>(it - kFirstKeys.begin());
}

bool is_key_attribute(std::string_view key, const TextRenderOptions& options) {
    if (key == "service.name.override") return false;
    if (options.all_attributes) return true;
    return rank(key) < kFirstKeys.size() ||
           std::find(kMoreKeyAttributes.begin(), kMoreKeyAttributes.end(), key) !=
               kMoreKeyAttributes.end() ||
           std::find(options.extra_keys.begin(), options.extra_keys.end(), key) !=
               options.extra_keys.end();
}

std::vector<const Attribute*> shown_attributes(const StoredSpan& span,
                                               const TextRenderOptions& options) {
    std::vector<const Attribute*> shown;
    for (const Attribute& a : span.attributes) {
        if (is_key_attribute(a.key, options)) shown.push_back(&a);
    }
    std::stable_sort(shown.begin(), shown.end(), [](const Attribute* a, const Attribute* b) {
        const std::size_t ra = rank(a->key);
        const std::size_t rb = rank(b->key);
        return ra != rb ? ra < rb : (ra == kFirstKeys.size() && a->key.view() < b->key.view());
    });
    return shown;
}

std::string attribute_line(const Attribute& a, const Paint& paint) {
    std::string value = printable(value_text(a.value));
    std::string_view style = kValue;
    if (a.key == "http.status_code") {
        const std::optional<std::int64_t> code = as_status_code(a.value);
        const bool failed = code && *code >= 400;
        if (failed) value += status_emoji(*code);
        style = failed ? kError : kOk;
    } else if (a.key == "error.message" || a.key == "exception.message" || a.key == "error.type" ||
               a.key == "exception.type") {
        style = kError;
    }
    return paint(printable(a.key) + ":", kKey) + " " + paint(value, style);
}

std::int64_t whole_ms(std::chrono::nanoseconds d) { return (d.count() + 500'000) / 1'000'000; }

std::string span_line(const StoredSpan& span, telemetry::UnixTime trace_start, const Paint& paint) {
    const std::string service =
        printable(span.service_name.empty() ? "plano(unknown)" : span.service_name);
    const std::string offset = fmt::format("{}ms", whole_ms(span.start_time - trace_start));
    const std::string duration =
        format_duration(std::max(span.end_time - span.start_time, std::chrono::nanoseconds{0}));
    const std::optional<std::string> why = failure(span);
    if (why) {
        return paint(fmt::format("{} {} {} ({}) ✗ {}", offset, service, printable(span.name),
                                 duration, printable(*why)),
                     kError);
    }
    return paint(offset, kOffset) + " " + paint(service, service_color(service)) + " " +
           paint(printable(span.name), kSpanName) + " " + paint("(" + duration + ")", kDim);
}

// Depth-first with an explicit stack: a corrupt trace can be a chain thousands of spans deep.
struct Frame {
    std::size_t span;
    std::string prefix;
    bool last;
};

void draw_tree(const collector::StoredTrace& trace, const TextRenderOptions& options,
               std::string& out) {
    const Paint paint(options.color);
    const SpanTree tree = build_span_tree(trace.spans);
    const telemetry::UnixTime start = trace_extent(trace.spans).start;
    const auto branch = [&](bool last) { return paint(last ? "┗━━ " : "┣━━ ", kGuide); };

    std::vector<Frame> stack;
    const auto push_children = [&](const std::vector<std::size_t>& spans,
                                   const std::string& prefix) {
        for (std::size_t k = spans.size(); k-- > 0;) {
            stack.push_back({spans[k], prefix, k + 1 == spans.size()});
        }
    };
    push_children(tree.roots, "");
    while (!stack.empty()) {
        const Frame frame = std::move(stack.back());
        stack.pop_back();
        const StoredSpan& span = trace.spans[frame.span];
        out += frame.prefix + branch(frame.last) + span_line(span, start, paint) + "\n";

        const std::string inner = frame.prefix + paint(frame.last ? "    " : "┃   ", kGuide);
        const std::vector<const Attribute*> attributes = shown_attributes(span, options);
        const std::vector<std::size_t>& children = tree.children[frame.span];
        for (std::size_t k = 0; k < attributes.size(); ++k) {
            const bool last = k + 1 == attributes.size() && children.empty();
            out += inner + branch(last) + attribute_line(*attributes[k], paint) + "\n";
        }
        push_children(children, inner);
    }
}

}  // namespace

std::string format_duration(std::chrono::nanoseconds duration) {
    const auto ns = duration.count();
    if (ns < 10'000'000) return fmt::format("{:.1f}ms", static_cast<double>(ns) / 1e6);
    if (ns < 10'000'000'000) return fmt::format("{}ms", whole_ms(duration));
    return fmt::format("{:.1f}s", static_cast<double>(ns) / 1e9);
}

std::string render_trace_text(const collector::StoredTrace& trace,
                              const TextRenderOptions& options) {
    const Paint paint(options.color);
    if (trace.spans.empty()) return render_notice("No spans found for this trace.", options.color);
    const TraceExtent extent = trace_extent(trace.spans);
    std::string out =
        "\n" + paint("Trace:", kBold) + " " + trace.trace_id.to_hex() + " " +
        paint(fmt::format("({}ms total)", whole_ms(extent.end - extent.start)), kDim) + "\n\n";
    draw_tree(trace, options, out);
    return out;
}

std::string render_trace_id_list(std::span<const collector::TraceSummary> traces, bool color) {
    if (traces.empty()) return render_notice("No trace IDs found.", color);
    std::string out = "\n" + Paint(color)("Trace IDs:", kBold) + "\n";
    for (const collector::TraceSummary& t : traces) {
        out += "  - " + t.trace_id.to_hex().substr(0, 8) + "\n";
    }
    return out;
}

std::string render_picker(std::span<const PickerEntry> entries, bool more, bool color) {
    const Paint paint(color);
    std::string out = "\n" + paint("Select a trace to view:", kBold) + "\n";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const collector::TraceSummary& t = entries[i].summary;
        const std::string root = t.root_name.empty()
                                     ? std::string("(root span missing)")
                                     : printable(t.root_service + " " + t.root_name);
        out += fmt::format("  {:>2}) {}  {}  {}\n", i + 1, t.trace_id.to_hex().substr(0, 8),
                           paint(fmt::format("{}ms total • {}", whole_ms(t.end_time - t.start_time),
                                             entries[i].started),
                                 kDim),
                           root);
    }
    if (more) {
        out += paint(
                   "  … older traces not shown: narrow with --since, --where or --limit, or name "
                   "an id",
                   kDim) +
               "\n";
    }
    return out;
}

std::string render_notice(std::string_view text, bool color) {
    return Paint(color)(text, kYellow) + "\n";
}

}  // namespace gw::cli
