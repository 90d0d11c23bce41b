// Per-domain state of the test driver that the domain definition cannot hold: NUMA tuning
// (virDomainSetNumaParameters), until the domain model grows a <numatune> section.
#pragma once

#include <string>

#include "core/domain_obj.h"

namespace nodevirt::drivers::test {

struct NumaTuning {
    int mode = 0;  // virDomainNumatuneMemMode
    std::string nodeset;
};

class TestDomainPrivate : public core::DomainPrivate {
public:
    NumaTuning numa;
};

// Reads the tuning (defaults when never set). The private data is only written under the
// domain's job and read here as a whole copy.
NumaTuning domainNuma(const core::DomainObj& obj);
void setDomainNuma(const core::JobGuard& job, const NumaTuning& numa);

}  // namespace nodevirt::drivers::test
