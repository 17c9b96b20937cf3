#pragma once
// Internal to gw_telemetry: field numbers of opentelemetry/proto/{collector/trace,trace,resource,
// common}/v1/*.proto, shared by the span encoder and the request framing.

#include <cstdint>

namespace gw::telemetry::otlp_field {

constexpr std::uint32_t kRequestResourceSpans = 1;
constexpr std::uint32_t kResourceSpansResource = 1, kResourceSpansScopeSpans = 2;
constexpr std::uint32_t kResourceAttributes = 1;
constexpr std::uint32_t kScopeSpansScope = 1, kScopeSpansSpans = 2;
constexpr std::uint32_t kScopeName = 1;
constexpr std::uint32_t kSpanTraceId = 1, kSpanSpanId = 2, kSpanTraceState = 3, kSpanParentId = 4,
                        kSpanName = 5, kSpanKind = 6, kSpanStart = 7, kSpanEnd = 8,
                        kSpanAttributes = 9, kSpanDroppedAttributes = 10, kSpanEvents = 11,
                        kSpanDroppedEvents = 12, kSpanStatus = 15;
constexpr std::uint32_t kEventTime = 1, kEventName = 2, kEventAttributes = 3,
                        kEventDroppedAttributes = 4;
constexpr std::uint32_t kStatusMessage = 2, kStatusCode = 3;
constexpr std::uint32_t kKeyValueKey = 1, kKeyValueValue = 2;
constexpr std::uint32_t kAnyString = 1, kAnyBool = 2, kAnyInt = 3, kAnyDouble = 4, kAnyArray = 5;
constexpr std::uint32_t kArrayValues = 1;

}  // namespace gw::telemetry::otlp_field
