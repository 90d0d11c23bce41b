// Parker: one thread sleeps in park() until another calls unpark(), on a raw futex. Unlike a
// condition variable, the woken thread does not re-take a mutex that the waker may still hold,
// so a hand-off costs exactly one FUTEX_WAKE and one FUTEX_WAIT (docs/rpc.md "Threads").
#pragma once

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

namespace nodevirt::rpc {

class Parker {
  public:
    // Returns after an unpark() that happened before or during the call (one token).
    void park() {
        uint32_t expected = kToken;
        if (state_.compare_exchange_strong(expected, kEmpty)) return;
        expected = kEmpty;
        if (state_.compare_exchange_strong(expected, kParked)) {
            // Bounded by unpark(): it replaces kParked with kToken before waking us.
            while (state_.load() == kParked) futex(FUTEX_WAIT_PRIVATE, kParked);
        }
        state_.store(kEmpty);
    }
    void unpark() {
        if (state_.exchange(kToken) == kParked) futex(FUTEX_WAKE_PRIVATE, 1);
    }

  private:
    static constexpr uint32_t kEmpty = 0;
    static constexpr uint32_t kToken = 1;
    static constexpr uint32_t kParked = 2;
    static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t));

    void futex(int op, uint32_t value) {
        ::syscall(SYS_futex, reinterpret_cast<uint32_t*>(&state_), op, value, nullptr, nullptr,
                  0);
    }

    std::atomic<uint32_t> state_{kEmpty};
};

}  // namespace nodevirt::rpc
