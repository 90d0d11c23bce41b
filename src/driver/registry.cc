#include "driver/registry.h"

namespace nodevirt::driver {

void Registry::add(std::unique_ptr<ConnectionFactory> factory) {
    std::lock_guard lock(mutex_);
    factories_.push_back(std::move(factory));
}

Result<ConnectionPtr> Registry::open(const Uri& uri, unsigned flags) {
    ConnectionFactory* chosen = nullptr;
    {
        std::lock_guard lock(mutex_);
        for (auto& f : factories_) {
            if (f->accepts(uri)) {
                chosen = f.get();
                break;
            }
        }
    }
    if (!chosen) return fail(Error::make(ErrorCode::kNoConnect, ErrorDomain::kNone, uri.toString()));
    return chosen->open(uri, flags);
}

std::vector<std::string> Registry::names() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& f : factories_) out.emplace_back(f->name());
    return out;
}

}  // namespace nodevirt::driver
