#pragma once
// A forward-only reader of one small JSON text, for hot paths that want a few members of a
// document of known shape without building a DOM, and that can resume past a prefix an earlier
// text shared (a stream's repeated envelope), which a DOM parser cannot. It accepts a strict subset
// of JSON: keys without escapes, integers of up to 18 digits, fractions and exponents of bounded
// length, no lone surrogates. Anything outside it, or anything the caller does not navigate (it can
// only skip scalars), makes the cursor fail; the caller then reads the text with the DOM, which
// decides. A cursor that ends at_end() has seen a complete, valid JSON text.
//
//   JsonCursor cursor(data, scratch);
//   std::string_view key, text;
//   if (cursor.enter_object())
//       while (cursor.next_key(key)) key == "text" ? cursor.string(text) : cursor.skip_scalar();
//   if (!cursor.at_end()) /* read it the slow way */;

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::json {

class JsonCursor {
  public:
    enum class Kind { Object, Array, String, Number, Literal, Invalid };

    // A place inside the root object, before a member's separator: where a later text that
    // starts with the same bytes may be resumed, those bytes being known to read the same.
    struct RootMember {
        size_t offset = 0;
        bool after_member = false;  // members precede it (a ',' is due)
    };

    // Unescaped strings are written to `scratch`, reserved (at the first escape) for the whole
    // text so that every view handed out stays valid while the cursor lives (and until
    // `scratch` is next modified).
    JsonCursor(std::string_view json, std::string& scratch);
    // Starts at `resume` inside the root object, json[0, resume.offset) taken as read: the
    // caller checked that an earlier cursor read those very bytes up to there. Repeated
    // envelopes (the id and model every chunk of a stream repeats) are then not read again.
    JsonCursor(std::string_view json, std::string& scratch, RootMember resume);

    // The kind of the next value, without consuming it.
    [[nodiscard]] Kind peek();
    // Consume '{' / '['.
    bool enter_object();
    bool enter_array();
    // The key of the open object's next member, the cursor then at its value; false when the
    // object closed (consumed) or the cursor failed.
    bool next_key(std::string_view& key);
    // True when the open array has another element, the cursor then at it; false when the
    // array closed (consumed) or the cursor failed.
    bool next_element();

    // A string value, unescaped (a view into the input when it had no escapes).
    bool string(std::string_view& value);
    // An integer value without fraction or exponent.
    bool integer(int64_t& value);
    // Any value but an object or array.
    bool skip_scalar();

    // Byte offsets of the last string token read, from its opening quote to past its closing one.
    struct Span {
        size_t begin = 0;
        size_t end = 0;
    };
    [[nodiscard]] Span last_string() const { return last_string_; }

    // Reads the string token that starts at json[offset] (a '"') as string() does; the end of
    // the token, or nullopt when there is no valid string there.
    static std::optional<size_t> read_string_at(std::string_view json, size_t offset,
                                                std::string& scratch, std::string_view& value);

    // Where the member last returned by next_key in the root object begins.
    [[nodiscard]] RootMember last_root_member() const { return last_root_member_; }

    // Whether the whole text was read, nothing but whitespace follows, and nothing failed.
    [[nodiscard]] bool at_end();
    [[nodiscard]] bool failed() const { return failed_; }

  private:
    static constexpr int kMaxDepth = 32;

    bool fail();
    void skip_whitespace();
    // Consumes the separator before a member or element: nothing first, ',' after.
    bool separator();
    bool close(char bracket);
    bool push();
    bool scan_string(std::string_view& value);
    bool unescape(std::string_view raw, std::string_view& value);
    [[nodiscard]] bool next_is(char c) const { return pos_ < end_ && *pos_ == c; }
    bool scan_number(bool& is_integer);
    bool scan_literal();

    // Loops copy the position to a local: the compiler cannot keep a member in a register while
    // it reads chars, which may alias anything.
    const char* begin_;
    const char* pos_;
    const char* end_;
    std::string& scratch_;
    uint32_t has_members_ = 0;  // bit d: the container at depth d has had a member
    int depth_ = 0;
    RootMember last_root_member_;
    Span last_string_;
    bool complete_ = false;  // the root container closed
    bool failed_ = false;
};

}  // namespace gw::json
