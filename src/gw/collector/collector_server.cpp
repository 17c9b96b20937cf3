#include "gw/collector/collector_server.hpp"

#include "gw/collector/otlp_grpc_receiver.hpp"
#include "gw/collector/otlp_http_receiver.hpp"
#include "gw/collector/port_probe.hpp"
#include "gw/http/request_handler.hpp"
#include "gw/http/server.hpp"
#include "gw/net/worker_pool.hpp"

#include <thread>
#include <utility>

namespace gw::collector {

struct CollectorServer::Impl {
    Impl(std::unique_ptr<TraceStore> store, CollectorOptions opts)
        : options(std::move(opts)),
          queue(std::move(store), options.ingest),
          http_handler(make_otlp_http_handler(queue, HttpReceiverOptions{})) {}

    Result<void> start_http() {
        http::ServerOptions server_options;
        server_options.address = options.host;
        server_options.port = options.http_port;
        server_options.max_body_bytes = options.max_body_bytes;
        http_server = std::make_unique<http::HttpServer>(workers, server_options, *http_handler);
        Result<std::uint16_t> port = http_server->start();
        if (!port) return port.error();
        ports.http = *port;
        workers.start();
        workers_started = true;
        return {};
    }

    Result<void> start_grpc() {
        GrpcReceiverOptions grpc_options{options.host, options.grpc_port, options.max_body_bytes};
        auto receiver = OtlpGrpcReceiver::start(grpc_options, queue);
        if (!receiver) return receiver.error();
        grpc_receiver = std::move(*receiver);
        ports.grpc = grpc_receiver->port();
        return {};
    }

    void stop_http(std::chrono::milliseconds grace) {
        if (!workers_started) return;
        http_server->begin_drain();
        auto deadline = std::chrono::steady_clock::now() + grace;
        // Exports in progress are short (decode + enqueue); polling keeps the workers free of
        // shutdown bookkeeping, as the gateway does.
        while (http_server->open_connections() > 0 && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        workers.stop();
        workers.join();
        workers_started = false;
    }

    CollectorOptions options;
    IngestQueue queue;
    std::unique_ptr<http::RequestHandler> http_handler;
    // One worker: an export costs a decode and a queue push, far below what a socket delivers.
    net::WorkerPool workers{1};
    bool workers_started = false;
    std::unique_ptr<http::HttpServer> http_server;
    std::unique_ptr<OtlpGrpcReceiver> grpc_receiver;
    CollectorPorts ports;
    bool stopped = false;
};

CollectorServer::CollectorServer(std::unique_ptr<TraceStore> store, CollectorOptions options)
    : impl_(std::make_unique<Impl>(std::move(store), std::move(options))) {}

CollectorServer::~CollectorServer() { stop(); }

Result<CollectorPorts> CollectorServer::start() {
    for (std::uint16_t port : {impl_->options.grpc_port, impl_->options.http_port}) {
        if (Result<void> free = check_port_free(impl_->options.host, port); !free) {
            return free.error();
        }
    }
    impl_->queue.start();
    if (Result<void> http = impl_->start_http(); !http) {
        stop();
        return http.error();
    }
    if (Result<void> grpc = impl_->start_grpc(); !grpc) {
        stop();
        return grpc.error();
    }
    return impl_->ports;
}

void CollectorServer::stop(std::chrono::milliseconds grace) {
    if (impl_->stopped) return;
    impl_->stopped = true;
    if (impl_->grpc_receiver) {
        impl_->grpc_receiver->shutdown(std::chrono::system_clock::now() + grace);
    }
    impl_->stop_http(grace);
    impl_->queue.stop();
}

IngestStats CollectorServer::stats() const { return impl_->queue.stats(); }

IngestQueue& CollectorServer::queue() { return impl_->queue; }

}  // namespace gw::collector
