#pragma once
// Internal to gw_json. simdjson needs SIMDJSON_PADDING readable bytes after its input, and its
// parsers keep their largest allocation forever. ParseInput gives a padded copy of the bytes and
// a parser: small inputs reuse per-thread buffers and parsers (no allocation on the hot path);
// large ones get their own, freed afterwards, so one huge body does not pin memory for the life
// of the thread.

#include <simdjson.h>

#include <cstring>
#include <memory>
#include <string_view>

namespace gw::json::detail {

inline constexpr size_t kReusedInputLimit = 256 * 1024;

// Thread-affine. Values parsed through it die when another ParseInput of the same Parser type is
// made on this thread, so finish with one document before starting the next.
template <class Parser>
class ParseInput {
  public:
    explicit ParseInput(std::string_view bytes) {
        const size_t needed = bytes.size() + simdjson::SIMDJSON_PADDING;
        char* buffer = nullptr;
        size_t capacity = 0;
        if (needed > kReusedInputLimit) {
            owned_buffer_ = std::make_unique_for_overwrite<char[]>(needed);
            owned_parser_ = std::make_unique<Parser>();
            buffer = owned_buffer_.get();
            capacity = needed;
            parser_ = owned_parser_.get();
        } else {
            thread_local std::unique_ptr<char[]> reused =
                std::make_unique_for_overwrite<char[]>(kReusedInputLimit);
            thread_local Parser reused_parser;
            buffer = reused.get();
            capacity = kReusedInputLimit;
            parser_ = &reused_parser;
        }
        std::memcpy(buffer, bytes.data(), bytes.size());
        std::memset(buffer + bytes.size(), 0, simdjson::SIMDJSON_PADDING);
        view_ = simdjson::padded_string_view(buffer, bytes.size(), capacity);
    }

    [[nodiscard]] Parser& parser() { return *parser_; }
    [[nodiscard]] const simdjson::padded_string_view& view() const { return view_; }
    // Byte offset of `inner`, a view into view(), from the start of the input.
    [[nodiscard]] size_t offset_of(std::string_view inner) const {
        return static_cast<size_t>(inner.data() - view_.data());
    }

  private:
    std::unique_ptr<char[]> owned_buffer_;
    std::unique_ptr<Parser> owned_parser_;
    Parser* parser_ = nullptr;
    simdjson::padded_string_view view_;
};

}  // namespace gw::json::detail
