#pragma once
// A byte buffer that grows without zeroing the new bytes: extend() hands out room the caller
// fills at once (an attribute's encoded field). std::string and std::vector<char> would clear
// every byte first, which cost more than the encoding itself.

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <utility>

namespace gw::telemetry {

class ByteBuffer {
  public:
    ByteBuffer() = default;
    ByteBuffer(const ByteBuffer& other) { *this = other; }
    ByteBuffer& operator=(const ByteBuffer& other) {
        if (this == &other) return *this;
        size_ = 0;
        if (other.size_ > capacity_) {
            data_ = std::make_unique_for_overwrite<char[]>(other.size_);
            capacity_ = other.size_;
        }
        if (other.size_ > 0) std::memcpy(data_.get(), other.data_.get(), other.size_);
        size_ = other.size_;
        return *this;
    }
    ByteBuffer(ByteBuffer&& other) noexcept
        : data_(std::move(other.data_)),
          size_(std::exchange(other.size_, 0)),
          capacity_(std::exchange(other.capacity_, 0)) {}
    ByteBuffer& operator=(ByteBuffer&& other) noexcept {
        data_ = std::move(other.data_);
        size_ = std::exchange(other.size_, 0);
        capacity_ = std::exchange(other.capacity_, 0);
        return *this;
    }
    ~ByteBuffer() = default;

    // Grows the size by `n` and returns the first of the new, unset bytes.
    char* extend(std::size_t n) {
        if (!has_room(n)) [[unlikely]]
            grow_for(n);
        char* first = data_.get() + size_;
        size_ += n;
        return first;
    }
    // Whether extend(n) fits in the capacity, i.e. allocates nothing.
    [[nodiscard]] bool has_room(std::size_t n) const { return capacity_ - size_ >= n; }
    void reserve(std::size_t capacity) {
        if (capacity <= capacity_) return;
        auto grown = std::make_unique_for_overwrite<char[]>(capacity);
        if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
        data_ = std::move(grown);
        capacity_ = capacity;
    }

    [[nodiscard]] char* data() { return data_.get(); }
    [[nodiscard]] const char* data() const { return data_.get(); }
    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] bool empty() const { return size_ == 0; }

  private:
    // Out of line, so an inlined extend() stays a compare and an add.
    [[gnu::noinline]] void grow_for(std::size_t n) { reserve(std::max(2 * capacity_, size_ + n)); }

    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace gw::telemetry
