// UniqueFunction<void()>: a move-only type-erased callable (std::move_only_function is C++23).
// Work items carry move-only state (UniqueFd, calls holding an in-flight slot), which
// std::function cannot hold.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace nodevirt::rpc {

class UniqueFunction {
  public:
    UniqueFunction() = default;
    template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>,
                                                                       UniqueFunction>>>
    UniqueFunction(F&& f)  // NOLINT(google-explicit-constructor): used like std::function
        : impl_(std::make_unique<Model<std::decay_t<F>>>(std::forward<F>(f))) {}

    UniqueFunction(UniqueFunction&&) noexcept = default;
    UniqueFunction& operator=(UniqueFunction&&) noexcept = default;

    explicit operator bool() const { return impl_ != nullptr; }
    void operator()() { impl_->call(); }

  private:
    struct Concept {
        virtual ~Concept() = default;
        virtual void call() = 0;
    };
    template <typename F>
    struct Model final : Concept {
        explicit Model(F&& f) : fn(std::move(f)) {}
        explicit Model(const F& f) : fn(f) {}
        void call() override { fn(); }
        F fn;
    };
    std::unique_ptr<Concept> impl_;
};

}  // namespace nodevirt::rpc
