// Reverter: collects undo steps while a multi-step operation proceeds; unless commit() is
// called, the steps run in reverse order when it goes out of scope, so nothing is left half
// done on failure.
#pragma once

#include <functional>
#include <utility>
#include <vector>

namespace nodevirt {

class Reverter {
public:
    Reverter() = default;
    Reverter(const Reverter&) = delete;
    Reverter& operator=(const Reverter&) = delete;
    ~Reverter() {
        if (committed_) return;
        for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)();
    }

    void add(std::function<void()> undo) { steps_.push_back(std::move(undo)); }
    void commit() { committed_ = true; }

private:
    std::vector<std::function<void()>> steps_;
    bool committed_ = false;
};

}  // namespace nodevirt
