#pragma once
// Errors as values: every fallible operation on the data path returns Result<T>.

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <string>
#include <utility>

namespace gw {

// An error that carries a human-readable message next to a category code, so callers can both
// branch on the kind of failure and show the user what went wrong.
struct Error {
    enum class Kind {
        InvalidArgument,
        NotFound,
        Io,
        Timeout,
        Protocol,
        LimitExceeded,
        Cancelled,
        Internal,
    };
    Kind kind = Kind::Internal;
    std::string message;

    static Error invalid(std::string msg) { return {Kind::InvalidArgument, std::move(msg)}; }
    static Error not_found(std::string msg) { return {Kind::NotFound, std::move(msg)}; }
    static Error io(std::string msg) { return {Kind::Io, std::move(msg)}; }
    static Error timeout(std::string msg) { return {Kind::Timeout, std::move(msg)}; }
    static Error protocol(std::string msg) { return {Kind::Protocol, std::move(msg)}; }
    static Error limit(std::string msg) { return {Kind::LimitExceeded, std::move(msg)}; }
    static Error cancelled(std::string msg) { return {Kind::Cancelled, std::move(msg)}; }
    static Error internal(std::string msg) { return {Kind::Internal, std::move(msg)}; }
};

// Required by boost::system::result to report value() on an error (a programming bug).
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

template <class T>
using Result = boost::system::result<T, Error>;

}  // namespace gw
