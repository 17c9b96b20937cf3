#pragma once
// A StreamEncoder that writes each call it receives as one line ("text| hello"), so two decoders
// can be compared event for event (the fast path of a decoder against its DOM path).

#include "gw/translate/stream_ir.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace gw::testing {

class RecordingStreamEncoder final : public translate::StreamEncoder {
  public:
    void start(const translate::StreamStart& s, std::string& out) override {
        out += fmt::format("start|{}|{}|{}\n", s.id, s.model, s.created);
    }
    void text(std::string_view delta, std::string& out) override {
        out += fmt::format("text|{}\n", delta);
    }
    void thinking(std::string_view delta, std::string& out) override {
        out += fmt::format("thinking|{}\n", delta);
    }
    void thinking_signature(std::string_view signature, std::string& out) override {
        out += fmt::format("signature|{}\n", signature);
    }
    void tool_call_start(int index, std::string_view id, std::string_view name,
                         std::string& out) override {
        out += fmt::format("call|{}|{}|{}\n", index, id, name);
    }
    void tool_call_arguments(int index, std::string_view fragment, std::string& out) override {
        out += fmt::format("arguments|{}|{}\n", index, fragment);
    }
    void finish_reason(translate::FinishReason reason, std::string& out) override {
        out += fmt::format("finish|{}\n", static_cast<int>(reason));
    }
    void usage(const llm::Usage& u, std::string& out) override {
        out += fmt::format(
            "usage|{}|{}|{}|{}|{}|{}\n", u.input_tokens.value_or(-1), u.output_tokens.value_or(-1),
            u.total_tokens.value_or(-1), u.cached_input_tokens.value_or(-1),
            u.cache_creation_input_tokens.value_or(-1), u.reasoning_tokens.value_or(-1));
    }
    void error(std::string_view type, std::string_view message, std::string& out) override {
        out += fmt::format("error|{}|{}\n", type, message);
    }
    void end(std::string& out) override { out += "end\n"; }
};

}  // namespace gw::testing
