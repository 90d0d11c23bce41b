#include "drivers/qemu/driver/qemu_connection.h"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>

#include "drivers/qemu/caps_xml/caps_xml.h"
#include "drivers/qemu/driver/qemu_facets.h"
#include "drivers/qemu/driver/qemu_monitor_command.h"
#include "drivers/qemu/driver/qemu_stats_ops.h"

namespace nodevirt::qemu {
namespace {

constexpr int kDomainEventIdLast = 27;  // one past libvirt 9.0's last domain event id

class QemuConnection : public driver::Connection {
  public:
    QemuConnection(QemuDriverPtr driver, std::string uri)
        : ctx_(std::move(driver), std::move(uri)),
          connect_(ctx_),
          lifecycle_(ctx_),
          config_(ctx_),
          stats_(ctx_),
          monitor_(ctx_),
          events_(ctx_),
          devices_(ctx_) {}
    ~QemuConnection() override { close(); }

    ConnectOps& connect() override { return connect_; }
    DomainLifecycleOps& domainLifecycle() override { return lifecycle_; }
    DomainConfigOps& domainConfig() override { return config_; }
    DomainStatsOps& domainStats() override { return stats_; }
    QemuOps& qemu() override { return monitor_; }
    EventOps& events() override { return events_; }
    DomainDeviceOps& domainDevices() override { return devices_; }

    void close() override {
        std::call_once(closed_, [this] {
            for (int id : ctx_.takeCallbacks()) ctx_.driver().events().unsubscribe(id);
        });
    }

  private:
    QemuContext ctx_;
    std::once_flag closed_;
    QemuConnect connect_;
    QemuDomainLifecycle lifecycle_;
    QemuDomainConfig config_;
    QemuDomainStats stats_;
    QemuMonitorOps monitor_;
    QemuEvents events_;
    QemuDomainDevices devices_;
};

Error qemuError(ErrorCode code, std::string_view detail) {
    return Error::make(code, ErrorDomain::kQemu, detail);
}

}  // namespace

bool QemuConnectionFactory::accepts(const driver::Uri& uri) const {
    return uri.driver == "qemu" && !uri.isRemote();
}

Result<QemuDriverPtr> QemuConnectionFactory::initialize() {
    std::lock_guard lock(mu_);
    if (!driver_) {
        NODEVIRT_ASSIGN_OR_RETURN(driver_, QemuDriver::create(options_));
        // Probe the host now: getCapabilities is a fast call, answered on the I/O thread.
        (void)driver_->hostCaps().get(hostSourceOr(options_.host_source));
    }
    return driver_;
}

Result<driver::ConnectionPtr> QemuConnectionFactory::open(const driver::Uri& uri, unsigned /*flags*/) {
    if (options_.privileged) {
        if (uri.path != "/system" && uri.path != "/session") {
            return fail(qemuError(ErrorCode::kInternalError,
                                  fmt::format("unexpected QEMU URI path '{}', try qemu:///system",
                                              uri.path)));
        }
    } else if (uri.path != "/session") {
        return fail(qemuError(ErrorCode::kInternalError,
                              fmt::format("unexpected QEMU URI path '{}', try qemu:///session",
                                          uri.path)));
    }
    NODEVIRT_ASSIGN_OR_RETURN(QemuDriverPtr driver, initialize());
    return driver::ConnectionPtr(std::make_shared<QemuConnection>(driver, "qemu://" + uri.path));
}

Result<core::DomainObjPtr> QemuContext::find(const DomainRef& ref) const {
    core::DomainObjPtr obj = driver_->domains().findByUuid(ref.uuid);
    if (!obj) {
        return fail(qemuError(ErrorCode::kNoDomain,
                              fmt::format("no domain with matching uuid '{}' ({})",
                                          ref.uuid.toString(), ref.name)));
    }
    return obj;
}

Result<core::JobGuard> QemuContext::beginJob(const DomainRef& ref) const {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, find(ref));
    return core::beginJob(obj);
}

void QemuContext::addCallback(int id) {
    std::lock_guard lock(mu_);
    callbacks_.push_back(id);
}

bool QemuContext::removeCallback(int id) {
    std::lock_guard lock(mu_);
    auto it = std::find(callbacks_.begin(), callbacks_.end(), id);
    if (it == callbacks_.end()) return false;
    callbacks_.erase(it);
    return true;
}

std::vector<int> QemuContext::takeCallbacks() {
    std::lock_guard lock(mu_);
    return std::exchange(callbacks_, {});
}

Status checkQemuFlags(unsigned flags, unsigned allowed, std::string_view function) {
    if (flags & ~allowed) return fail(unsupportedFlags(flags & ~allowed, function, ErrorDomain::kQemu));
    return ok();
}

Result<uint64_t> QemuConnect::getVersion() {
    QemuDriver& d = ctx_.driver();
    NODEVIRT_ASSIGN_OR_RETURN(auto caps, d.caps(d.options().default_emulator));
    return caps->version.number();
}

Result<std::string> QemuConnect::getHostname() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) < 0) {
        return fail(systemError(errno, "failed to determine host name"));
    }
    return std::string(buf);
}

Result<int> QemuConnect::getMaxVcpus(const std::optional<std::string>& type) {
    if (type && *type != "qemu" && *type != "kvm" && *type != "tcg") {
        return fail(invalidArg(fmt::format("unknown type '{}'", *type)));
    }
    QemuDriver& d = ctx_.driver();
    NODEVIRT_ASSIGN_OR_RETURN(auto caps, d.caps(d.options().default_emulator));
    int max = 1;
    for (const QemuMachine& m : caps->machines) max = std::max(max, m.max_cpus);
    return max;
}

// getCapabilities and getDomainCapabilities: qemu_connect_caps.cc.

Result<int> QemuEvents::registerDomainEvent(int event_id, const std::optional<DomainRef>& dom,
                                            DomainEventCallback cb) {
    if (event_id < 0 || event_id >= kDomainEventIdLast) {
        return fail(invalidArg(fmt::format(
            "eventID in virConnectDomainEventRegisterAny must be less than {}", kDomainEventIdLast)));
    }
    std::optional<Uuid> key;
    if (dom) key = dom->uuid;
    int id = ctx_.driver().events().domains().subscribe(event_id, key, std::move(cb));
    ctx_.addCallback(id);
    return id;
}

Status QemuEvents::deregisterDomainEvent(int callback_id) {
    if (!ctx_.removeCallback(callback_id)) {
        return fail(invalidArg(
            fmt::format("could not find event callback {} for deletion", callback_id)));
    }
    ctx_.driver().events().unsubscribe(callback_id);
    return ok();
}

}  // namespace nodevirt::qemu
