// Compiles Asio, Asio SSL and Beast once for the whole program (separate compilation), so the
// many TUs that include them only instantiate templates instead of compiling the library again.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
