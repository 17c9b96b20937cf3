#include "gw/state/libpq.hpp"

#include <cassert>
#include <dlfcn.h>
#include <string>

namespace gw::state::pg {
namespace {

// The soname of Debian's libpq5 package (and of every libpq since PostgreSQL 8.2).
constexpr const char* kLibrary = "libpq.so.5";

template <class Function>
bool bind(void* library, const char* name, Function& out) {
    out = reinterpret_cast<Function>(dlsym(library, name));
    return out != nullptr;
}

}  // namespace

namespace detail {

Result<Libpq> open_libpq(const char* soname) {
    void* library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* why = dlerror();
        return Error::io(std::string("PostgreSQL state storage needs ") + soname +
                         " (Debian package libpq5): " + (why != nullptr ? why : "not found"));
    }
    Libpq api;
    const bool complete =
        bind(library, "PQclear", api.clear) && bind(library, "PQcmdTuples", api.cmd_tuples) &&
        bind(library, "PQconnectdbParams", api.connectdb_params) &&
        bind(library, "PQconninfoFree", api.conninfo_free) &&
        bind(library, "PQconninfoParse", api.conninfo_parse) &&
        bind(library, "PQerrorMessage", api.error_message) &&
        bind(library, "PQexecParams", api.exec_params) && bind(library, "PQfinish", api.finish) &&
        bind(library, "PQfreemem", api.freemem) && bind(library, "PQgetlength", api.get_length) &&
        bind(library, "PQgetvalue", api.get_value) && bind(library, "PQntuples", api.ntuples) &&
        bind(library, "PQresultErrorField", api.result_error_field) &&
        bind(library, "PQresultErrorMessage", api.result_error_message) &&
        bind(library, "PQresultStatus", api.result_status) &&
        bind(library, "PQsetNoticeProcessor", api.set_notice_processor) &&
        bind(library, "PQstatus", api.status);
    if (!complete) {
        dlclose(library);
        return Error::io(std::string(soname) +
                         " lacks a function planoai needs; install "
                         "a current libpq5");
    }
    // Never closed: connections and results may live until exit.
    return api;
}

}  // namespace detail

namespace {

const Result<Libpq>& the_libpq() {
    static const Result<Libpq> loaded = detail::open_libpq(kLibrary);
    return loaded;
}

}  // namespace

Result<const Libpq*> load_libpq() {
    const Result<Libpq>& loaded = the_libpq();
    if (!loaded) return loaded.error();
    return &*loaded;
}

const Libpq& loaded_libpq() {
    const Result<Libpq>& loaded = the_libpq();
    assert(loaded);
    return *loaded;
}

}  // namespace gw::state::pg
