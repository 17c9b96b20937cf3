#pragma once
// An ordered list of HTTP header fields with case-insensitive lookup. Order and original case are
// kept so that forwarded requests look exactly like what the client sent.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gw {

bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);
std::string to_lower(std::string_view text);

class Headers {
  public:
    using Field = std::pair<std::string, std::string>;

    // Returns the first value of `name`, or nullopt.
    [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
    [[nodiscard]] bool contains(std::string_view name) const { return get(name).has_value(); }
    // Replaces every field named `name` by one field with `value`, keeping the first position.
    void set(std::string_view name, std::string_view value);
    void add(std::string name, std::string value) {
        fields_.emplace_back(std::move(name), std::move(value));
    }
    void remove(std::string_view name);

    [[nodiscard]] const std::vector<Field>& fields() const { return fields_; }
    [[nodiscard]] bool empty() const { return fields_.empty(); }
    [[nodiscard]] size_t size() const { return fields_.size(); }
    // Bytes of every field written as a `Name: value\r\n` line: what a message head reserves.
    [[nodiscard]] size_t wire_size() const;

  private:
    std::vector<Field> fields_;
};

}  // namespace gw
