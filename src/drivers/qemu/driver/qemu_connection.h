// The QEMU driver's entry point: QemuConnectionFactory accepts qemu:///system (a privileged
// daemon) and qemu:///session, and hands every connection the one shared QemuDriver, created
// on first use (or eagerly, by initialize(), so guests are re-attached at daemon start).
#pragma once

#include <memory>
#include <mutex>

#include "driver/registry.h"
#include "drivers/qemu/driver/qemu_driver.h"

namespace nodevirt::qemu {

class QemuConnectionFactory : public driver::ConnectionFactory {
  public:
    explicit QemuConnectionFactory(QemuDriverOptions options) : options_(std::move(options)) {}
    [[nodiscard]] std::string_view name() const override { return "QEMU"; }
    [[nodiscard]] bool accepts(const driver::Uri& uri) const override;
    Result<driver::ConnectionPtr> open(const driver::Uri& uri, unsigned flags) override;

    // Creates the driver now (re-attach, autostart); a failure is returned, and open() will
    // try again.
    Result<QemuDriverPtr> initialize();

  private:
    QemuDriverOptions options_;
    std::mutex mu_;
    QemuDriverPtr driver_;
};

}  // namespace nodevirt::qemu
