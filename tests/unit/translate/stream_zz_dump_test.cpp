#include "stream_cases.hpp"
#include <iostream>
namespace gw::translate::testing {
TEST(Dump, All) {
    struct C { const char* n; ApiFormat f, t; const std::string* in; };
    const C cs[] = {
        {"chat_text->messages", ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, &kChatText},
        {"chat_tools->messages", ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, &kChatToolCalls},
        {"chat_error->messages", ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, &kChatError},
        {"chat_unterm->messages", ApiFormat::OpenAiChat, ApiFormat::AnthropicMessages, &kChatUnterminated},
        {"msg_full->chat", ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, &kMessagesFull},
        {"msg_error->chat", ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, &kMessagesError},
        {"msg_unterm->chat", ApiFormat::AnthropicMessages, ApiFormat::OpenAiChat, &kMessagesUnterminated},
        {"chat_text->responses", ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, &kChatText},
        {"chat_tools->responses", ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, &kChatToolCalls},
        {"chat_error->responses", ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, &kChatError},
        {"msg_full->responses", ApiFormat::AnthropicMessages, ApiFormat::OpenAiResponses, &kMessagesFull},
        {"msg_error->responses", ApiFormat::AnthropicMessages, ApiFormat::OpenAiResponses, &kMessagesError},
        {"msg_unterm->responses", ApiFormat::AnthropicMessages, ApiFormat::OpenAiResponses, &kMessagesUnterminated},
    };
    for (auto& c : cs) std::cout << "=== " << c.n << "\n" << without_stamped_time(translate_whole(c.f, c.t, *c.in));
}
}
