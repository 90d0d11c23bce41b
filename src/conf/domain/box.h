// Box<T>: an optional heap-held value with value semantics (deep copy, deep compare). Rarely
// used sections of a definition live in a Box so that a minimal definition stays small: an
// empty Box costs one pointer and no allocation.
#pragma once

#include <memory>
#include <utility>

namespace nodevirt::conf {

template <typename T>
class Box {
  public:
    Box() = default;
    Box(const Box& other) : ptr_(other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr) {}
    Box(Box&&) noexcept = default;
    Box& operator=(const Box& other) {
        if (this != &other) ptr_ = other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr;
        return *this;
    }
    Box& operator=(Box&&) noexcept = default;
    ~Box() = default;

    [[nodiscard]] bool has() const { return ptr_ != nullptr; }
    explicit operator bool() const { return has(); }
    // Read access; null when the section is absent.
    [[nodiscard]] const T* get() const { return ptr_.get(); }
    const T* operator->() const { return ptr_.get(); }
    const T& operator*() const { return *ptr_; }
    // Write access: creates a default value on first use.
    T& mut() {
        if (!ptr_) ptr_ = std::make_unique<T>();
        return *ptr_;
    }
    void reset() { ptr_.reset(); }

    friend bool operator==(const Box& a, const Box& b) {
        if (!a.ptr_ || !b.ptr_) return a.ptr_ == b.ptr_;
        return *a.ptr_ == *b.ptr_;
    }

  private:
    std::unique_ptr<T> ptr_;
};

}  // namespace nodevirt::conf
