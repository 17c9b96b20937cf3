// gw::json::JsonCursor against simdjson: whatever text the cursor reads whole, simdjson must
// accept too, with the same keys and strings in the same order.

#include "fuzz_util.hpp"
#include "support/json_cursor_walk.hpp"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto text = gw::fuzz::as_view(data, size);
    const auto ours = gw::testing::walk_with_cursor(text);
    if (!ours) return 0;
    const auto dom = gw::testing::walk_with_dom(text);
    gw::fuzz::check(dom.has_value());
    gw::fuzz::check(*ours == *dom);
    return 0;
}
