#include "remote/server/session.h"

#include <utility>

#include "util/logging.h"

namespace nodevirt::remote {

bool ClientSession::readOnly() const {
    if (socket_read_only_) return true;
    std::lock_guard lock(mutex_);
    return open_read_only_;
}

OpenConnectionPtr ClientSession::connection() const {
    std::lock_guard lock(mutex_);
    return conn_;
}

Status ClientSession::adopt(OpenConnectionPtr conn, bool read_only) {
    {
        std::lock_guard lock(mutex_);
        if (!conn_) {
            conn_ = std::move(conn);
            open_read_only_ = read_only;
            return ok();
        }
    }
    closeConnection();
    return fail(Error::make(ErrorCode::kInternalError, ErrorDomain::kRpc, "connection already open"));
}

void ClientSession::closeConnection() {
    OpenConnectionPtr conn;
    std::map<int32_t, EventRegistration> regs;
    {
        std::lock_guard lock(mutex_);
        conn = std::move(conn_);
        conn_.reset();
        regs = std::move(registrations_);
        registrations_.clear();
        for (auto& [event_id, reg] : legacy_) regs.emplace(-1 - event_id, std::move(reg));
        legacy_.clear();
        close_callback_ = false;
    }
    if (conn) dropRegistrations(*conn, std::move(regs));
}

void ClientSession::dropRegistrations(OpenConnection& conn,
                                      std::map<int32_t, EventRegistration> regs) {
    driver::EventOps& events = conn.get().events();
    for (const auto& [key, reg] : regs) {
        Status st = ok();
        switch (reg.family) {
            case EventFamily::kDomain:
            case EventFamily::kDomainLegacy:
                st = events.deregisterDomainEvent(reg.driver_id);
                break;
            case EventFamily::kNetwork: st = events.deregisterNetworkEvent(reg.driver_id); break;
            case EventFamily::kStoragePool:
                st = events.deregisterStoragePoolEvent(reg.driver_id);
                break;
            case EventFamily::kNodeDevice:
                st = events.deregisterNodeDeviceEvent(reg.driver_id);
                break;
            case EventFamily::kSecret: st = events.deregisterSecretEvent(reg.driver_id); break;
        }
        if (!st) log::debug("dropping event registration {}: {}", key, st.error().message);
    }
}

int32_t ClientSession::nextCallbackId() {
    std::lock_guard lock(mutex_);
    return next_callback_id_++;
}

bool ClientSession::hasRegistration(EventFamily family, int event_id,
                                    const std::optional<std::string>& filter) const {
    std::lock_guard lock(mutex_);
    const auto& table = family == EventFamily::kDomainLegacy ? legacy_ : registrations_;
    for (const auto& [key, reg] : table) {
        if (reg.family == family && reg.event_id == event_id && reg.filter == filter) return true;
    }
    return false;
}

void ClientSession::addRegistration(int32_t callback_id, EventRegistration reg) {
    std::lock_guard lock(mutex_);
    if (reg.family == EventFamily::kDomainLegacy) {
        legacy_[reg.event_id] = std::move(reg);
    } else {
        registrations_[callback_id] = std::move(reg);
    }
}

std::optional<EventRegistration> ClientSession::takeRegistration(EventFamily family,
                                                                 int32_t key) {
    std::lock_guard lock(mutex_);
    auto& table = family == EventFamily::kDomainLegacy ? legacy_ : registrations_;
    auto it = table.find(key);
    if (it == table.end() || it->second.family != family) return std::nullopt;
    EventRegistration reg = std::move(it->second);
    table.erase(it);
    return reg;
}

void ClientSession::setCloseCallback(bool registered) {
    std::lock_guard lock(mutex_);
    close_callback_ = registered;
}

bool ClientSession::closeCallbackRegistered() const {
    std::lock_guard lock(mutex_);
    return close_callback_;
}

}  // namespace nodevirt::remote
