#pragma once
// The text output of `planoai trace`: a trace as a tree nested by parent/child, the id list of
// `--list`, the picker's menu and one-line notices. Pure: strings in, strings out; the caller
// decides about colour (trace_options.hpp use_color()) and time zones.

#include "gw/collector/trace_store.hpp"

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gw::cli {

struct TextRenderOptions {
    bool color = false;  // ANSI colours (24-bit, as the reference draws)
    // Every attribute (-v, or --filter chose them); otherwise the key attributes only: status,
    // errors, HTTP, routing, model and token counts, plus `extra_keys`.
    bool all_attributes = false;
    std::vector<std::string> extra_keys;  // e.g. the --where keys, so a match is visible
};

// "\nTrace: <id> (<T>ms total)\n\n" then one line per span, nested under its parent:
// `<offset>ms <service> <name> (<duration>)`, then ` ✗ <why>` for a failed span, with the
// span's attributes (`key: value`) and child spans below it. An empty trace says so.
[[nodiscard]] std::string render_trace_text(const collector::StoredTrace& trace,
                                            const TextRenderOptions& options);

// "\nTrace IDs:\n  - <8-char id>\n..." (or "No trace IDs found.").
[[nodiscard]] std::string render_trace_id_list(std::span<const collector::TraceSummary> traces,
                                               bool color);

struct PickerEntry {
    collector::TraceSummary summary;
    std::string started;  // the earliest span start, formatted by the caller (local time)
};

// A numbered menu, one trace per line: `  1) <8-char id>  <T>ms total • <started>  <root>`;
// `more`: older traces matched too but are not offered.
[[nodiscard]] std::string render_picker(std::span<const PickerEntry> entries, bool more,
                                        bool color);

// One line in yellow (warnings, "No traces found.").
[[nodiscard]] std::string render_notice(std::string_view text, bool color);

// Whole milliseconds below 10 s ("0ms", "798ms"), one decimal below 10 ms ("2.5ms"), seconds
// with one decimal from 10 s ("12.3s").
[[nodiscard]] std::string format_duration(std::chrono::nanoseconds duration);

}  // namespace gw::cli
