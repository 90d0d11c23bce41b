// The facets of one QEMU connection: connect (identity, capabilities), domain lookup and
// lifecycle, domain XML, and event subscriptions. They share a QemuContext: the driver plus
// what this connection registered.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "driver/connection.h"
#include "drivers/qemu/driver/qemu_driver.h"

namespace nodevirt::qemu {

using namespace nodevirt::driver;  // NOLINT: facet signatures use the driver's types

class QemuContext {
  public:
    QemuContext(QemuDriverPtr driver, std::string uri)
        : driver_(std::move(driver)), uri_(std::move(uri)) {}
    [[nodiscard]] QemuDriver& driver() const { return *driver_; }
    [[nodiscard]] const std::string& uri() const { return uri_; }

    // "Domain not found: no domain with matching uuid 'U' (NAME)".
    Result<core::DomainObjPtr> find(const DomainRef& ref) const;
    Result<core::JobGuard> beginJob(const DomainRef& ref) const;

    void addCallback(int id);
    bool removeCallback(int id);
    std::vector<int> takeCallbacks();

  private:
    QemuDriverPtr driver_;
    std::string uri_;
    std::mutex mu_;
    std::vector<int> callbacks_;
};

// "unsupported flags (0x..) in function NAME" (VIR_FROM_QEMU).
Status checkQemuFlags(unsigned flags, unsigned allowed, std::string_view function);

class QemuConnect : public ConnectOps {
  public:
    explicit QemuConnect(QemuContext& ctx) : ctx_(ctx) {}
    Result<std::string> getType() override { return std::string("QEMU"); }
    Result<uint64_t> getVersion() override;
    Result<uint64_t> getLibVersion() override { return uint64_t{9000000}; }
    Result<std::string> getHostname() override;
    Result<std::string> getUri() override { return ctx_.uri(); }
    Result<int> getMaxVcpus(const std::optional<std::string>& type) override;
    Result<std::string> getCapabilities() override;  // qemu_connect_caps.cc
    Result<std::string> getDomainCapabilities(const std::optional<std::string>& emulator,
                                              const std::optional<std::string>& arch,
                                              const std::optional<std::string>& machine,
                                              const std::optional<std::string>& virttype,
                                              unsigned flags) override;

  private:
    QemuContext& ctx_;
};

class QemuDomainLifecycle : public DomainLifecycleOps {
  public:
    explicit QemuDomainLifecycle(QemuContext& ctx) : ctx_(ctx) {}
    Result<DomainRef> lookupById(int id) override;
    Result<DomainRef> lookupByName(const std::string& name) override;
    Result<DomainRef> lookupByUuid(const Uuid& uuid) override;
    Result<std::vector<DomainRef>> listAll(unsigned flags) override;
    Result<int> numOfDomains() override;
    Result<std::vector<int>> listDomainIds(int max) override;
    Result<int> numOfDefinedDomains() override;
    Result<std::vector<std::string>> listDefinedDomains(int max) override;
    Result<DomainRef> defineXml(const std::string& xml, unsigned flags) override;
    Status undefine(const DomainRef& dom, unsigned flags) override;
    Result<DomainRef> createXml(const std::string& xml, unsigned flags) override;
    Result<DomainRef> create(const DomainRef& dom, unsigned flags) override;
    Status shutdown(const DomainRef& dom, unsigned flags) override;
    Status destroy(const DomainRef& dom, unsigned flags) override;
    Status reboot(const DomainRef& dom, unsigned flags) override;
    Status reset(const DomainRef& dom, unsigned flags) override;
    Status suspend(const DomainRef& dom) override;
    Status resume(const DomainRef& dom) override;
    Result<DomainInfo> getInfo(const DomainRef& dom) override;
    Result<DomainStateReason> getState(const DomainRef& dom, unsigned flags) override;
    Result<std::string> getOsType(const DomainRef& dom) override;
    Result<bool> isActive(const DomainRef& dom) override;
    Result<bool> isPersistent(const DomainRef& dom) override;
    Result<bool> isUpdated(const DomainRef& dom) override;
    Result<bool> getAutostart(const DomainRef& dom) override;
    Status setAutostart(const DomainRef& dom, bool autostart) override;

  private:
    // A monitor command on a running domain, under its job.
    Status simpleCommand(const DomainRef& dom, const char* command);
    QemuContext& ctx_;
};

class QemuDomainConfig : public DomainConfigOps {
  public:
    explicit QemuDomainConfig(QemuContext& ctx) : ctx_(ctx) {}
    Result<std::string> getXmlDesc(const DomainRef& dom, unsigned flags) override;
    Result<uint64_t> getMaxMemory(const DomainRef& dom) override;
    Result<int> getMaxVcpus(const DomainRef& dom) override;
    Result<int> getVcpusFlags(const DomainRef& dom, unsigned flags) override;
    // qemu_memory_vcpus.cc: the balloon (live) and the definition (config).
    Status setMemory(const DomainRef& dom, uint64_t kib, unsigned flags) override;
    Status setMaxMemory(const DomainRef& dom, uint64_t kib) override;
    Status setVcpus(const DomainRef& dom, unsigned n, unsigned flags) override;

  private:
    QemuContext& ctx_;
};

// Disk hot-plug and persistent device changes (qemu_hotplug.cc).
class QemuDomainDevices : public DomainDeviceOps {
  public:
    explicit QemuDomainDevices(QemuContext& ctx) : ctx_(ctx) {}
    Status attachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    Status detachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    Status detachDeviceAlias(const DomainRef& dom, const std::string& alias, unsigned flags) override;

  private:
    QemuContext& ctx_;
};

class QemuEvents : public EventOps {
  public:
    explicit QemuEvents(QemuContext& ctx) : ctx_(ctx) {}
    Result<int> registerDomainEvent(int event_id, const std::optional<DomainRef>& dom,
                                    DomainEventCallback cb) override;
    Status deregisterDomainEvent(int callback_id) override;

  private:
    QemuContext& ctx_;
};

}  // namespace nodevirt::qemu
