// Entry points for the host <interface> document used by the virInterface API
// (iface-define, iface-dumpxml): parse, strict validation, format.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "conf/common/parse_options.h"
#include "conf/interface/interface_def.h"
#include "util/result.h"

namespace nodevirt::conf {

Result<std::shared_ptr<HostInterfaceDef>> parseHostInterfaceXml(std::string_view xml,
                                                                const ParseOptions& opts);
// Checks libvirt's parser leaves to the backend: IP addresses, prefixes, MAC syntax.
Status validateHostInterfaceDef(const HostInterfaceDef& def);
std::string formatHostInterfaceXml(const HostInterfaceDef& def, unsigned flags = 0);

}  // namespace nodevirt::conf
