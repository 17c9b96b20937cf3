#include "gw/state/store_factory.hpp"

#include "gw/state/memory_conversation_store.hpp"
#include "gw/state/postgres_conversation_store.hpp"

namespace gw::state {

Result<std::unique_ptr<ConversationStore>> make_conversation_store(
    const config::StateStorage& storage) {
    if (storage.type == config::StateStorageType::Memory) {
        return std::make_unique<MemoryConversationStore>(
            MemoryStoreOptions{.max_conversations = storage.max_conversations, .ttl = storage.ttl});
    }
    auto store = PostgresConversationStore::connect(
        PostgresStoreOptions{.connection_string = storage.connection_string, .ttl = storage.ttl});
    if (!store) return Error{store.error().kind, "state_storage: " + store.error().message};
    return std::unique_ptr<ConversationStore>(std::move(*store));
}

}  // namespace gw::state
