// Entry points for the node device <device> document (nodedev-dumpxml, nodedev-create,
// test driver node files): parse, strict validation, format.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "conf/common/parse_options.h"
#include "conf/node_device/node_device_def.h"
#include "util/result.h"

namespace nodevirt::conf {

// Parses <device>. With opts.live the driver-reported fields libvirt otherwise ignores
// (<driver>, vport counters, block sizes) are kept.
Result<std::shared_ptr<NodeDeviceDef>> parseNodeDeviceXml(std::string_view xml,
                                                          const ParseOptions& opts);
// Strict checks: a name, WWN syntax, at most one capability of each kind.
Status validateNodeDeviceDef(const NodeDeviceDef& def);
std::string formatNodeDeviceXml(const NodeDeviceDef& def, unsigned flags = 0);

}  // namespace nodevirt::conf
