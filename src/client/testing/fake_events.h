// A driver EventOps double that keeps registrations and lets a test publish events from any
// thread, the way a driver publishes them (synchronously, on the publishing thread).
#pragma once

#include <map>
#include <mutex>
#include <optional>

#include "driver/event_ops.h"

namespace nodevirt::client::testing {

class FakeEventOps : public driver::EventOps {
  public:
    Result<int> registerDomainEvent(int event_id, const std::optional<driver::DomainRef>& dom,
                                    driver::DomainEventCallback cb) override {
        std::lock_guard lock(mutex_);
        int id = next_id_++;
        domain_[id] = DomainReg{event_id, dom, std::move(cb)};
        return id;
    }
    Status deregisterDomainEvent(int callback_id) override {
        std::lock_guard lock(mutex_);
        if (domain_.erase(callback_id) == 0) return fail(invalidArg("no such driver callback"));
        ++deregistrations;
        return ok();
    }
    Result<int> registerNetworkEvent(int event_id, const std::optional<driver::NetworkRef>&,
                                     driver::NetworkEventCallback cb) override {
        std::lock_guard lock(mutex_);
        int id = next_id_++;
        network_[id] = {event_id, std::move(cb)};
        return id;
    }
    Status deregisterNetworkEvent(int callback_id) override {
        std::lock_guard lock(mutex_);
        network_.erase(callback_id);
        return ok();
    }

    // Publishes to every matching domain registration, on the calling thread.
    void publish(const driver::DomainEvent& ev) {
        std::map<int, DomainReg> regs;
        {
            std::lock_guard lock(mutex_);
            regs = domain_;
        }
        for (auto& [id, reg] : regs) {
            if (reg.event_id != ev.event_id) continue;
            if (reg.dom && reg.dom->uuid != ev.dom.uuid) continue;
            reg.cb(ev);
        }
    }
    void publish(const driver::NetworkEvent& ev) {
        std::map<int, std::pair<int, driver::NetworkEventCallback>> regs;
        {
            std::lock_guard lock(mutex_);
            regs = network_;
        }
        for (auto& [id, reg] : regs) {
            if (reg.first == ev.event_id) reg.second(ev);
        }
    }
    size_t domainRegistrations() {
        std::lock_guard lock(mutex_);
        return domain_.size();
    }
    std::optional<driver::DomainRef> lastFilter() {
        std::lock_guard lock(mutex_);
        return domain_.empty() ? std::nullopt : domain_.rbegin()->second.dom;
    }

    int deregistrations = 0;

  private:
    struct DomainReg {
        int event_id = 0;
        std::optional<driver::DomainRef> dom;
        driver::DomainEventCallback cb;
    };
    std::mutex mutex_;
    int next_id_ = 100;
    std::map<int, DomainReg> domain_;
    std::map<int, std::pair<int, driver::NetworkEventCallback>> network_;
};

}  // namespace nodevirt::client::testing
