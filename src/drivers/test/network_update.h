// virNetworkUpdate on a definition: applies one add/delete/modify command to one section
// (DHCP hosts and ranges, DNS hosts, port groups, ...) and returns the new definition. The
// change is made on the formatted document and re-parsed, so the network model stays the only
// place that knows the XML.
#pragma once

#include <memory>
#include <string>

#include "conf/network/network_def.h"
#include "util/result.h"

namespace nodevirt::drivers::test {

Result<std::shared_ptr<conf::NetworkDef>> updateNetworkDef(const conf::NetworkDef& def,
                                                           unsigned command, unsigned section,
                                                           int parent_index,
                                                           const std::string& xml);

}  // namespace nodevirt::drivers::test
