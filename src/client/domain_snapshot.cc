// Domain snapshots: creation and listing on a Domain, and the DomainSnapshot handle
// (virDomainSnapshot*).
#include "client/domain_common.h"
#include "nodevirt/constants.h"
#include "nodevirt/domain.h"

namespace nodevirt {

using client::call;
using client::kRead;
using client::kWrite;
using client::snapshots;
using detail::ConnectionState;
using detail::HandleAccess;
using DomRef = driver::DomainRef;
using SnapRef = driver::DomainSnapshotRef;

namespace {
constexpr const client::Family& kDomFam = client::kDomainFamily;
constexpr const client::Family& kFam = client::kSnapshotFamily;
constexpr ErrorDomain kErrDom = ErrorDomain::kDomainSnapshot;

auto makeSnapshot() {
    return [](const detail::StatePtr& s, const SnapRef& r) { return HandleAccess::snapshot(s, r); };
}
}  // namespace

// --- on a Domain

Result<DomainSnapshot> Domain::snapshotCreateXml(const std::string& xml, unsigned flags) const {
    return call(*this, client::Family{kDomFam.invalid_code, kDomFam.invalid_domain, kErrDom},
                "virDomainSnapshotCreateXML", kWrite, [&](ConnectionState& st, const DomRef& ref) {
                    return client::wrap(conn_, snapshots(st).createXml(ref, xml, flags),
                                        makeSnapshot());
                });
}

Result<std::vector<DomainSnapshot>> Domain::listAllSnapshots(unsigned flags) const {
    return call(*this, kDomFam, "virDomainListAllSnapshots", kRead,
                [&](ConnectionState& st, const DomRef& ref) {
                    return client::wrapList<DomainSnapshot>(
                        conn_, snapshots(st).listAll(ref, flags), makeSnapshot());
                });
}

Result<int> Domain::snapshotNum(unsigned flags) const {
    return call(
        *this, kDomFam, "virDomainSnapshotNum", kRead,
        [&](ConnectionState& st, const DomRef& ref) { return snapshots(st).num(ref, flags); });
}

Result<std::vector<std::string>> Domain::snapshotListNames(int max, unsigned flags) const {
    constexpr std::string_view kApi = "virDomainSnapshotListNames";
    return call(*this, kDomFam, kApi, kRead,
                [&](ConnectionState& st, const DomRef& ref) -> Result<std::vector<std::string>> {
                    if (max < 0) return fail(client::argNonNegative(kApi, "nameslen", kErrDom));
                    return snapshots(st).listNames(ref, max, flags);
                });
}

Result<DomainSnapshot> Domain::snapshotLookupByName(const std::string& name, unsigned flags) const {
    return call(*this, kDomFam, "virDomainSnapshotLookupByName", kRead,
                [&](ConnectionState& st, const DomRef& ref) {
                    return client::wrap(conn_, snapshots(st).lookupByName(ref, name, flags),
                                        makeSnapshot());
                });
}

Result<bool> Domain::hasCurrentSnapshot(unsigned flags) const {
    return call(*this, kDomFam, "virDomainHasCurrentSnapshot", kRead,
                [&](ConnectionState& st, const DomRef& ref) {
                    return snapshots(st).hasCurrent(ref, flags);
                });
}

Result<DomainSnapshot> Domain::currentSnapshot(unsigned flags) const {
    return call(*this, kDomFam, "virDomainSnapshotCurrent", kRead,
                [&](ConnectionState& st, const DomRef& ref) {
                    return client::wrap(conn_, snapshots(st).current(ref, flags), makeSnapshot());
                });
}

// --- DomainSnapshot

Result<std::vector<DomainSnapshot>> DomainSnapshot::listAllChildren(unsigned flags) const {
    return call(*this, kFam, "virDomainSnapshotListAllChildren", kRead,
                [&](ConnectionState& st, const SnapRef& ref) {
                    return client::wrapList<DomainSnapshot>(HandleAccess::state(*this),
                                                            snapshots(st).listChildren(ref, flags),
                                                            makeSnapshot());
                });
}

Result<int> DomainSnapshot::numChildren(unsigned flags) const {
    return call(*this, kFam, "virDomainSnapshotNumChildren", kRead,
                [&](ConnectionState& st, const SnapRef& ref) {
                    return snapshots(st).numChildren(ref, flags);
                });
}

Result<std::vector<std::string>> DomainSnapshot::listChildrenNames(int max, unsigned flags) const {
    constexpr std::string_view kApi = "virDomainSnapshotListChildrenNames";
    return call(*this, kFam, kApi, kRead,
                [&](ConnectionState& st, const SnapRef& ref) -> Result<std::vector<std::string>> {
                    if (max < 0) return fail(client::argNonNegative(kApi, "nameslen", kErrDom));
                    return snapshots(st).listChildrenNames(ref, max, flags);
                });
}

Result<DomainSnapshot> DomainSnapshot::parent(unsigned flags) const {
    return call(*this, kFam, "virDomainSnapshotGetParent", kRead,
                [&](ConnectionState& st, const SnapRef& ref) {
                    return client::wrap(HandleAccess::state(*this),
                                        snapshots(st).getParent(ref, flags), makeSnapshot());
                });
}

Result<std::string> DomainSnapshot::xmlDesc(unsigned flags) const {
    constexpr std::string_view kApi = "virDomainSnapshotGetXMLDesc";
    return call(*this, kFam, kApi, kRead,
                [&](ConnectionState& st, const SnapRef& ref) -> Result<std::string> {
                    if (st.readOnly() && (flags & lv::kDomainSnapshotXmlSecure)) {
                        return fail(client::secureFlagDenied(kApi, kErrDom));
                    }
                    return snapshots(st).getXmlDesc(ref, flags);
                });
}

Result<bool> DomainSnapshot::isCurrent(unsigned flags) const {
    return call(*this, kFam, "virDomainSnapshotIsCurrent", kRead,
                [&](ConnectionState& st, const SnapRef& ref) {
                    return snapshots(st).isCurrent(ref, flags);
                });
}

Result<bool> DomainSnapshot::hasMetadata(unsigned flags) const {
    return call(*this, kFam, "virDomainSnapshotHasMetadata", kRead,
                [&](ConnectionState& st, const SnapRef& ref) {
                    return snapshots(st).hasMetadata(ref, flags);
                });
}

Status DomainSnapshot::revert(unsigned flags) const {
    return call(
        *this, kFam, "virDomainRevertToSnapshot", kWrite,
        [&](ConnectionState& st, const SnapRef& ref) { return snapshots(st).revert(ref, flags); });
}

Status DomainSnapshot::remove(unsigned flags) const {
    return call(
        *this, kFam, "virDomainSnapshotDelete", kWrite,
        [&](ConnectionState& st, const SnapRef& ref) { return snapshots(st).remove(ref, flags); });
}

}  // namespace nodevirt
