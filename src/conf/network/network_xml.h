// Entry points for the <network> document: parse (with libvirt's parse-time defaults),
// strict validation, formatting, and the defaults a network driver adds when it takes a
// definition (generated bridge name and bridge MAC).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "conf/common/parse_options.h"
#include "conf/network/network_def.h"
#include "util/result.h"

namespace nodevirt::conf {

// Parses a <network> document. Unknown elements are dropped unless opts.validate, which
// also runs validateNetworkDef(). A missing <uuid> is generated.
Result<std::shared_ptr<NetworkDef>> parseNetworkXml(std::string_view xml, const ParseOptions& opts);

// Checks that go beyond what libvirt's parser enforces but which its network driver rejects
// at define time (one default portgroup, unique portgroup names, one IPv4 DHCP range owner...).
Status validateNetworkDef(const NetworkDef& def);

// Prints the definition exactly as libvirt does. kFormatInactive drops live-only data.
std::string formatNetworkXml(const NetworkDef& def, unsigned flags = 0);

// Driver-side defaults (libvirt's network driver, not its test driver): networks that own a
// bridge get "virbrN" (lowest N for which in_use() is false, honouring a user "%d" template)
// and a random 52:54:00 MAC for the bridge when none was given.
using BridgeInUse = std::function<bool(std::string_view)>;
Status assignNetworkBridgeName(NetworkDef& def, const BridgeInUse& in_use);
void assignNetworkBridgeMac(NetworkDef& def);

}  // namespace nodevirt::conf
