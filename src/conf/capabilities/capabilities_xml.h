// Entry points for the <capabilities> document: format (what drivers mostly need), and
// parse/validate so that clients and tests can read one back.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "conf/capabilities/capabilities_def.h"
#include "conf/common/parse_options.h"
#include "util/result.h"

namespace nodevirt::conf {

Result<std::shared_ptr<Capabilities>> parseCapabilitiesXml(std::string_view xml,
                                                           const ParseOptions& opts);
// Consistency checks: cell ids unique, cpu counts within cells unique, guests with a domain.
Status validateCapabilities(const Capabilities& caps);
std::string formatCapabilitiesXml(const Capabilities& caps, unsigned flags = 0);

}  // namespace nodevirt::conf
