#include "gw/json/usage.hpp"

#include "gw/json/padded_input.hpp"

#include <simdjson.h>

#include <array>
#include <utility>

namespace gw::json {
namespace {

namespace ondemand = simdjson::ondemand;
using Count = std::optional<int64_t>;

// Every counter any supported provider reports, as named on the wire.
struct RawUsage {
    Count prompt_tokens;
    Count input_tokens;
    Count completion_tokens;
    Count output_tokens;
    Count total_tokens;
    Count details_cached_tokens;  // prompt_tokens_details / input_tokens_details
    Count cache_read_input_tokens;
    Count cached_content_token_count;
    Count cache_creation_input_tokens;
    Count details_reasoning_tokens;  // completion_tokens_details / output_tokens_details
    Count thoughts_token_count;
};

using CountField = std::pair<std::string_view, Count RawUsage::*>;

constexpr std::array<CountField, 8> kUsageCounts{{
    {"prompt_tokens", &RawUsage::prompt_tokens},
    {"input_tokens", &RawUsage::input_tokens},
    {"completion_tokens", &RawUsage::completion_tokens},
    {"output_tokens", &RawUsage::output_tokens},
    {"total_tokens", &RawUsage::total_tokens},
    {"cache_read_input_tokens", &RawUsage::cache_read_input_tokens},
    {"cached_content_token_count", &RawUsage::cached_content_token_count},
    {"cache_creation_input_tokens", &RawUsage::cache_creation_input_tokens},
}};
constexpr std::array<CountField, 1> kInputDetails{{
    {"cached_tokens", &RawUsage::details_cached_tokens},
}};
constexpr std::array<CountField, 1> kOutputDetails{{
    {"reasoning_tokens", &RawUsage::details_reasoning_tokens},
}};

// Calls on_member(key, value) for each member; stops at the first error it or the parser reports.
template <class Fn>
simdjson::error_code for_each_member(ondemand::value& value, Fn&& on_member) {
    ondemand::object obj;
    if (auto error = value.get_object().get(obj)) return error;
    for (auto member : obj) {
        std::string_view key;
        if (auto error = member.error()) return error;
        ondemand::field& field = member.value_unsafe();
        if (auto error = field.unescaped_key().get(key)) return error;
        if (auto error = on_member(key, field.value())) return error;
    }
    return simdjson::SUCCESS;
}

// A member of an unexpected type is skipped; anything else (malformed JSON) stops the read.
simdjson::error_code unless_wrong_type(simdjson::error_code error) {
    return error == simdjson::INCORRECT_TYPE ? simdjson::SUCCESS : error;
}

template <size_t N>
simdjson::error_code read_counts(ondemand::value& value, const std::array<CountField, N>& fields,
                                 RawUsage& out) {
    return for_each_member(value, [&](std::string_view key, ondemand::value& v) {
        for (const auto& [name, member] : fields) {
            int64_t count = 0;
            if (key == name && v.get_int64().get(count) == simdjson::SUCCESS) out.*member = count;
        }
        return simdjson::SUCCESS;
    });
}

simdjson::error_code read_usage(ondemand::value& value, RawUsage& out) {
    return for_each_member(value, [&](std::string_view key, ondemand::value& v) {
        if (key == "prompt_tokens_details" || key == "input_tokens_details") {
            return unless_wrong_type(read_counts(v, kInputDetails, out));
        } else if (key == "completion_tokens_details" || key == "output_tokens_details") {
            return unless_wrong_type(read_counts(v, kOutputDetails, out));
        } else if (key == "thoughts_token_count") {
            int64_t count = 0;
            if (v.get_int64().get(count) == simdjson::SUCCESS) out.thoughts_token_count = count;
        } else {
            for (const auto& [name, member] : kUsageCounts) {
                int64_t count = 0;
                if (key == name && v.get_int64().get(count) == simdjson::SUCCESS) {
                    out.*member = count;
                }
            }
        }
        return simdjson::SUCCESS;
    });
}

Count first_of(Count a, Count b, Count c = std::nullopt) { return a ? a : (b ? b : c); }

llm::Usage to_usage(const RawUsage& raw) {
    llm::Usage usage;
    usage.input_tokens = first_of(raw.prompt_tokens, raw.input_tokens);
    usage.output_tokens = first_of(raw.completion_tokens, raw.output_tokens);
    usage.total_tokens = raw.total_tokens;
    if (!usage.total_tokens && (usage.input_tokens || usage.output_tokens)) {
        usage.total_tokens = usage.input_tokens.value_or(0) + usage.output_tokens.value_or(0);
    }
    usage.cached_input_tokens = first_of(raw.details_cached_tokens, raw.cache_read_input_tokens,
                                         raw.cached_content_token_count);
    usage.cache_creation_input_tokens = raw.cache_creation_input_tokens;
    usage.reasoning_tokens = first_of(raw.details_reasoning_tokens, raw.thoughts_token_count);
    return usage;
}

std::optional<std::string> read_string(ondemand::value& value) {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
    return std::string(text);
}

void fill_missing(ResponseMeta& meta, ResponseMeta&& nested) {
    if (!meta.model) meta.model = std::move(nested.model);
    if (!meta.id) meta.id = std::move(nested.id);
    if (!meta.usage) meta.usage = nested.usage;
    if (meta.finish_reasons.empty()) meta.finish_reasons = std::move(nested.finish_reasons);
}

void add_reason(ondemand::value& value, std::vector<std::string>& out) {
    if (auto reason = read_string(value)) out.push_back(std::move(*reason));
}

simdjson::error_code read_choice_reasons(ondemand::value& value, std::vector<std::string>& out) {
    ondemand::array choices;
    if (auto error = value.get_array().get(choices)) return error;
    for (auto choice : choices) {
        ondemand::value item;
        if (auto error = choice.get(item)) return error;
        auto error = for_each_member(item, [&](std::string_view key, ondemand::value& v) {
            if (key == "finish_reason") add_reason(v, out);
            return simdjson::SUCCESS;
        });
        if (auto skipped = unless_wrong_type(error)) return skipped;
    }
    return simdjson::SUCCESS;
}

simdjson::error_code read_delta_reason(ondemand::value& value, std::vector<std::string>& out) {
    return for_each_member(value, [&](std::string_view key, ondemand::value& v) {
        if (key == "stop_reason") add_reason(v, out);
        return simdjson::SUCCESS;
    });
}

// `nested_allowed`: the envelope objects ("response", "message") are looked into one level deep.
simdjson::error_code read_meta(ondemand::value& value, bool nested_allowed, ResponseMeta& out) {
    ResponseMeta nested;
    const auto error = for_each_member(value, [&](std::string_view key, ondemand::value& v) {
        if (key == "model") {
            out.model = read_string(v);
        } else if (key == "id") {
            out.id = read_string(v);
        } else if (key == "usage") {
            RawUsage raw;
            const auto usage_error = read_usage(v, raw);
            if (usage_error == simdjson::SUCCESS) out.usage = to_usage(raw);
            return unless_wrong_type(usage_error);
        } else if (key == "choices") {
            return unless_wrong_type(read_choice_reasons(v, out.finish_reasons));
        } else if (key == "stop_reason") {
            add_reason(v, out.finish_reasons);
        } else if (key == "delta") {
            return unless_wrong_type(read_delta_reason(v, out.finish_reasons));
        } else if (nested_allowed && (key == "response" || key == "message")) {
            return unless_wrong_type(read_meta(v, false, nested));
        }
        return simdjson::SUCCESS;
    });
    fill_missing(out, std::move(nested));
    return error;
}

}  // namespace

std::optional<ResponseMeta> read_response_meta(std::string_view json_object) {
    detail::ParseInput<ondemand::parser> input(json_object);
    ondemand::document doc;
    ondemand::value root;
    if (input.parser().iterate(input.view()).get(doc) != simdjson::SUCCESS ||
        doc.get_value().get(root) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    ResponseMeta meta;
    if (read_meta(root, true, meta) != simdjson::SUCCESS) return std::nullopt;
    return meta;
}

bool states_finish_reason(std::string_view json_object) {
    for (std::size_t at = json_object.find("_reason\""); at != std::string_view::npos;
         at = json_object.find("_reason\"", at + 1)) {
        std::size_t i = at + 8;
        while (i < json_object.size() && (json_object[i] == ' ' || json_object[i] == ':')) ++i;
        if (i < json_object.size() && json_object[i] == '"') return true;
    }
    return false;
}

std::optional<llm::Usage> extract_usage(std::string_view json_object) {
    auto meta = read_response_meta(json_object);
    return meta ? meta->usage : std::nullopt;
}

std::optional<std::string> response_model(std::string_view json_object) {
    auto meta = read_response_meta(json_object);
    return meta ? std::move(meta->model) : std::nullopt;
}

}  // namespace gw::json
