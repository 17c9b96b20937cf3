#include "gw/collector/gzip.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <zlib.h>

namespace gw::collector {
namespace {

// zlib's stream must be ended on every path; this owns it.
class Inflater {
  public:
    Inflater() {
        // 16 + MAX_WBITS: expect the gzip wrapper, not raw zlib.
        ok_ = inflateInit2(&stream_, 16 + MAX_WBITS) == Z_OK;
    }
    ~Inflater() {
        if (ok_) inflateEnd(&stream_);
    }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    [[nodiscard]] bool ok() const { return ok_; }
    z_stream& stream() { return stream_; }

  private:
    z_stream stream_{};
    bool ok_ = false;
};

}  // namespace

Result<std::string> gunzip(std::string_view compressed, std::size_t max_bytes) {
    Inflater inflater;
    if (!inflater.ok()) return Error::internal("cannot initialise zlib");
    z_stream& z = inflater.stream();
    // zlib's API is not const-correct; it never writes through next_in.
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    z.avail_in = static_cast<uInt>(compressed.size());
    if (compressed.size() != z.avail_in) return Error::limit("gzip body too large");

    std::string out;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        std::size_t used = out.size();
        if (used >= max_bytes) {
            return Error::limit(fmt::format("gzip body inflates to more than {} bytes", max_bytes));
        }
        std::size_t grow =
            std::min<std::size_t>(std::max<std::size_t>(used, 16 * 1024), max_bytes - used);
        out.resize(used + grow);
        z.next_out = reinterpret_cast<Bytef*>(out.data() + used);
        z.avail_out = static_cast<uInt>(grow);
        status = inflate(&z, Z_NO_FLUSH);
        out.resize(used + grow - z.avail_out);
        // With fresh output space every round, "no progress possible" means the input ran out.
        if (status == Z_BUF_ERROR) return Error::protocol("gzip body is truncated");
        if (status != Z_OK && status != Z_STREAM_END) {
            return Error::protocol(fmt::format("gzip body is corrupt: {}",
                                               z.msg != nullptr ? z.msg : "inflate failed"));
        }
    }
    if (z.avail_in != 0) return Error::protocol("bytes after the end of the gzip stream");
    return out;
}

}  // namespace gw::collector
