#include "gw/net/tls_context.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace gw::net {
namespace {

using ::testing::HasSubstr;

TEST(ClientTls, BuildsOneContextOnFirstUseAndHandsOutThatOne) {
    const ClientTls tls(std::nullopt);
    std::vector<boost::asio::ssl::context*> seen(4, nullptr);
    std::vector<std::thread> threads;
    for (auto& slot : seen) {
        threads.emplace_back([&tls, &slot] {
            auto context = tls.context();
            if (context) slot = context->get();
        });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_NE(seen[0], nullptr);
    for (auto* context : seen) EXPECT_EQ(context, seen[0]);
}

TEST(ClientTls, AMissingCaBundleIsTheSameClearErrorEveryTime) {
    const ClientTls tls(std::string("/nonexistent/ca.pem"));
    for (int i = 0; i < 2; ++i) {
        auto context = tls.context();
        ASSERT_FALSE(context);
        EXPECT_THAT(context.error().message,
                    HasSubstr("cannot load CA bundle /nonexistent/ca.pem"));
    }
}

}  // namespace
}  // namespace gw::net
