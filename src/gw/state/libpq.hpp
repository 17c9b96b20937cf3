#pragma once
// libpq, opened on first use instead of linked. Linking it loads LDAP, GnuTLS, p11-kit, Kerberos
// and SASL into every planoai process at startup (about 3 MiB of resident pages, and GnuTLS's
// own initialisation), while only deployments with PostgreSQL state storage ever call it.
// Internal to gw_state: only pg_connection.cpp uses it.

#include "gw/base/result.hpp"

#include <libpq-fe.h>

namespace gw::state::pg {

// The libpq functions the store calls, with libpq's own signatures.
struct Libpq {
    decltype(&::PQclear) clear = nullptr;
    decltype(&::PQcmdTuples) cmd_tuples = nullptr;
    decltype(&::PQconnectdbParams) connectdb_params = nullptr;
    decltype(&::PQconninfoFree) conninfo_free = nullptr;
    decltype(&::PQconninfoParse) conninfo_parse = nullptr;
    decltype(&::PQerrorMessage) error_message = nullptr;
    decltype(&::PQexecParams) exec_params = nullptr;
    decltype(&::PQfinish) finish = nullptr;
    decltype(&::PQfreemem) freemem = nullptr;
    decltype(&::PQgetlength) get_length = nullptr;
    decltype(&::PQgetvalue) get_value = nullptr;
    decltype(&::PQntuples) ntuples = nullptr;
    decltype(&::PQresultErrorField) result_error_field = nullptr;
    decltype(&::PQresultErrorMessage) result_error_message = nullptr;
    decltype(&::PQresultStatus) result_status = nullptr;
    decltype(&::PQsetNoticeProcessor) set_notice_processor = nullptr;
    decltype(&::PQstatus) status = nullptr;
};

// Opens libpq once (thread-safe); every call returns the same table, or the same error naming
// the package to install.
Result<const Libpq*> load_libpq();

// The table of a successful load_libpq(): for objects that exist only after one.
const Libpq& loaded_libpq();

namespace detail {
// What load_libpq() does once, for the library file `soname`; tests name missing or unsuitable
// files to see the errors a user without libpq5 gets.
Result<Libpq> open_libpq(const char* soname);
}  // namespace detail

}  // namespace gw::state::pg
