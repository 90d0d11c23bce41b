// virDomainQemuMonitorCommand of the QEMU driver: a QMP command given as JSON text is passed
// to the domain's monitor and QEMU's reply (return or error) comes back as JSON text; with the
// HMP flag the text is an HMP command line run through human-monitor-command.
#pragma once

#include <string>

#include "driver/qemu_ops.h"
#include "drivers/qemu/driver/qemu_facets.h"

namespace nodevirt::qemu {

class QemuMonitorOps : public QemuOps {
  public:
    explicit QemuMonitorOps(QemuContext& ctx) : ctx_(ctx) {}
    Result<std::string> monitorCommand(const DomainRef& dom, const std::string& cmd,
                                       unsigned flags) override;

  private:
    QemuContext& ctx_;
};

}  // namespace nodevirt::qemu
