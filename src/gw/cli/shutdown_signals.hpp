#pragma once
// SIGINT/SIGTERM for the long-running commands (`up --foreground`, `trace listen --foreground`):
// taken synchronously by the main thread with sigwait().

#include <signal.h>

namespace gw::cli {

// Blocks SIGINT and SIGTERM for the calling thread and returns the set. Call it before any other
// thread exists, so that every worker (and gRPC's threads) inherit the mask and none of them is
// interrupted.
sigset_t block_shutdown_signals();

}  // namespace gw::cli
