// Domain snapshots (virDomainSnapshot*). Defaults: "not supported".
#pragma once

#include <string>
#include <vector>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class DomainSnapshotOps {
public:
    virtual ~DomainSnapshotOps() = default;

    virtual Result<DomainSnapshotRef> createXml(const DomainRef& /*dom*/, const std::string& /*xml*/,
                                                unsigned /*flags*/) {
        return unsupported("virDomainSnapshotCreateXML", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<std::vector<DomainSnapshotRef>> listAll(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainListAllSnapshots", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<std::vector<DomainSnapshotRef>> listChildren(const DomainSnapshotRef& /*snap*/,
                                                                unsigned /*flags*/) {
        return unsupported("virDomainSnapshotListAllChildren", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<int> num(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainSnapshotNum", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<std::vector<std::string>> listNames(const DomainRef& /*dom*/, int /*max*/, unsigned /*flags*/) {
        return unsupported("virDomainSnapshotListNames", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<int> numChildren(const DomainSnapshotRef& /*snap*/, unsigned /*flags*/) {
        return unsupported("virDomainSnapshotNumChildren", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<std::vector<std::string>> listChildrenNames(const DomainSnapshotRef& /*snap*/, int /*max*/,
                                                               unsigned /*flags*/) {
        return unsupported("virDomainSnapshotListChildrenNames", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<DomainSnapshotRef> lookupByName(const DomainRef& /*dom*/, const std::string& /*name*/,
                                                   unsigned /*flags*/) {
        return unsupported("virDomainSnapshotLookupByName", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<bool> hasCurrent(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainHasCurrentSnapshot", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<DomainSnapshotRef> current(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainSnapshotCurrent", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<DomainSnapshotRef> getParent(const DomainSnapshotRef& /*snap*/, unsigned /*flags*/) {
        return unsupported("virDomainSnapshotGetParent", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<std::string> getXmlDesc(const DomainSnapshotRef& /*snap*/, unsigned /*flags*/) {
        return unsupported("virDomainSnapshotGetXMLDesc", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<bool> isCurrent(const DomainSnapshotRef& /*snap*/, unsigned /*flags*/) {
        return unsupported("virDomainSnapshotIsCurrent", ErrorDomain::kDomainSnapshot);
    }
    virtual Result<bool> hasMetadata(const DomainSnapshotRef& /*snap*/, unsigned /*flags*/) {
        return unsupported("virDomainSnapshotHasMetadata", ErrorDomain::kDomainSnapshot);
    }
    virtual Status revert(const DomainSnapshotRef& /*snap*/, unsigned /*flags*/) {
        return unsupported("virDomainRevertToSnapshot", ErrorDomain::kDomainSnapshot);
    }
    virtual Status remove(const DomainSnapshotRef& /*snap*/, unsigned /*flags*/) {
        return unsupported("virDomainSnapshotDelete", ErrorDomain::kDomainSnapshot);
    }
};

}  // namespace nodevirt::driver
