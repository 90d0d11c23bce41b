// Entry points for <domainCapabilities>: format (what drivers produce for virsh
// domcapabilities) and parse, so clients and tests can read one back.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "conf/capabilities/domain_caps_def.h"
#include "conf/common/parse_options.h"
#include "util/result.h"

namespace nodevirt::conf {

Result<std::shared_ptr<DomainCapabilities>> parseDomainCapabilitiesXml(std::string_view xml, const ParseOptions& opts);
std::string formatDomainCapabilitiesXml(const DomainCapabilities& caps, unsigned flags = 0);

}  // namespace nodevirt::conf
