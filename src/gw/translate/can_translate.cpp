#include "gw/translate/translate.hpp"

namespace gw::translate {

bool can_translate(llm::ApiFormat from, llm::ApiFormat to) {
    using llm::ApiFormat;
    if (from == ApiFormat::BedrockConverse || to == ApiFormat::BedrockConverse) return false;
    // Upstreams are only ever asked in Chat or Messages when the client's API differs; a
    // Responses upstream serves Responses clients natively.
    return from != to && to != ApiFormat::OpenAiResponses;
}

}  // namespace gw::translate
