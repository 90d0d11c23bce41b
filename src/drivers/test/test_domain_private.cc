#include "drivers/test/test_domain_private.h"

#include <mutex>

namespace nodevirt::drivers::test {
namespace {

// Guards the private data of all test domains; reads and writes are tiny copies.
std::mutex& privateMutex() {
    static std::mutex m;
    return m;
}

}  // namespace

NumaTuning domainNuma(const core::DomainObj& obj) {
    std::lock_guard lock(privateMutex());
    auto* priv = dynamic_cast<TestDomainPrivate*>(obj.priv());
    return priv ? priv->numa : NumaTuning{};
}

void setDomainNuma(const core::JobGuard& job, const NumaTuning& numa) {
    std::lock_guard lock(privateMutex());
    auto* priv = dynamic_cast<TestDomainPrivate*>(job->priv());
    if (!priv) {
        auto fresh = std::make_unique<TestDomainPrivate>();
        priv = fresh.get();
        job->setPriv(std::move(fresh));
    }
    priv->numa = numa;
}

}  // namespace nodevirt::drivers::test
