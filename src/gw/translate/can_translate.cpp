#include "gw/translate/translate.hpp"

namespace gw::translate {

// Bedrock Converse is an upstream only (dataplane.md §3.1): client requests are encoded for it and
// its answers decoded for the client, never the other way round, and never Converse to Converse.
bool can_translate(llm::ApiFormat from, llm::ApiFormat to) {
    using llm::ApiFormat;
    if (from == to) return false;
    if (from == ApiFormat::BedrockConverse || to == ApiFormat::BedrockConverse) return true;
    // Upstreams are only ever asked in Chat or Messages when the client's API differs; a
    // Responses upstream serves Responses clients natively.
    return to != ApiFormat::OpenAiResponses;
}

}  // namespace gw::translate
