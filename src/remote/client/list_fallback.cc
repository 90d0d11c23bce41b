#include "remote/client/list_fallback.h"

#include "driver/libvirt_constants.h"
#include "remote/client/call_helpers.h"
#include "util/error.h"

namespace nodevirt::remote {
namespace {

namespace pr = protocol::proc;

// An object that vanished between the listing and the query is simply left out.
bool vanished(const Error& e) {
    switch (e.code) {
        case ErrorCode::kNoDomain:
        case ErrorCode::kNoNetwork:
        case ErrorCode::kNoStoragePool:
            return true;
        default:
            return false;
    }
}

// Keeps `ref` when the pair of filter bits (`yes`, `no`) accepts `value`; neither bit set
// accepts everything.
bool accepts(unsigned flags, unsigned yes, unsigned no, bool value) {
    if ((flags & (yes | no)) == 0) return true;
    return value ? (flags & yes) != 0 : (flags & no) != 0;
}

// Runs `keep(ref)` (Result<bool>) for each ref; drops refs that vanished meanwhile.
template <typename Ref, typename Keep>
Result<std::vector<Ref>> filterEach(std::vector<Ref> refs, Keep keep) {
    std::vector<Ref> out;
    for (Ref& ref : refs) {
        Result<bool> k = keep(ref);
        if (!k) {
            if (vanished(k.error())) continue;
            return fail(k.error());
        }
        if (*k) out.push_back(std::move(ref));
    }
    return out;
}

constexpr unsigned kStateFilters = lv::kConnectListDomainsRunning | lv::kConnectListDomainsPaused |
                                   lv::kConnectListDomainsShutoff | lv::kConnectListDomainsOther;

bool stateAccepted(unsigned flags, DomainState state) {
    switch (state) {
        case DomainState::kRunning: return (flags & lv::kConnectListDomainsRunning) != 0;
        case DomainState::kPaused: return (flags & lv::kConnectListDomainsPaused) != 0;
        case DomainState::kShutoff: return (flags & lv::kConnectListDomainsShutoff) != 0;
        default: return (flags & lv::kConnectListDomainsOther) != 0;
    }
}

}  // namespace

ListFilter::ListFilter(unsigned flags)
    : ListFilter(flags, lv::kConnectListDomainsActive, lv::kConnectListDomainsInactive) {}

Result<std::vector<driver::DomainRef>> ListFilter::applyDomainFilters(
    driver::DomainLifecycleOps& ops, std::vector<driver::DomainRef> refs) {
    const unsigned f = flags_;
    if ((f & (lv::kConnectListDomainsHasCheckpoint | lv::kConnectListDomainsNoCheckpoint)) != 0) {
        return fail(noSupport("virConnectListAllDomains"));
    }
    Channel* ch = ch_;
    return filterEach(std::move(refs), [&](const driver::DomainRef& d) -> Result<bool> {
        using lv::kConnectListDomainsPersistent, lv::kConnectListDomainsTransient;
        if ((f & (kConnectListDomainsPersistent | kConnectListDomainsTransient)) != 0) {
            NODEVIRT_ASSIGN_OR_RETURN(bool p, ops.isPersistent(d));
            if (!accepts(f, kConnectListDomainsPersistent, kConnectListDomainsTransient, p))
                return false;
        }
        if ((f & kStateFilters) != 0) {
            NODEVIRT_ASSIGN_OR_RETURN(DomainStateReason st, ops.getState(d, 0));
            if (!stateAccepted(f, st.state)) return false;
        }
        if ((f & (lv::kConnectListDomainsManagedsave | lv::kConnectListDomainsNoManagedsave)) != 0) {
            NODEVIRT_ASSIGN_OR_RETURN(bool m, ops.hasManagedSaveImage(d, 0));
            if (!accepts(f, lv::kConnectListDomainsManagedsave,
                         lv::kConnectListDomainsNoManagedsave, m))
                return false;
        }
        if ((f & (lv::kConnectListDomainsAutostart | lv::kConnectListDomainsNoAutostart)) != 0) {
            NODEVIRT_ASSIGN_OR_RETURN(bool a, ops.getAutostart(d));
            if (!accepts(f, lv::kConnectListDomainsAutostart, lv::kConnectListDomainsNoAutostart, a))
                return false;
        }
        if (ch && (f & (lv::kConnectListDomainsHasSnapshot | lv::kConnectListDomainsNoSnapshot)) != 0) {
            NODEVIRT_ASSIGN_OR_RETURN(auto n, ch->call<pr::DomainSnapshotNum>({toWire(d), 0}));
            if (!accepts(f, lv::kConnectListDomainsHasSnapshot, lv::kConnectListDomainsNoSnapshot,
                         n.num > 0))
                return false;
        }
        return true;
    });
}

Result<std::vector<driver::NetworkRef>> ListFilter::applyNetworkFilters(
    driver::NetworkOps& ops, std::vector<driver::NetworkRef> refs) {
    const unsigned f = flags_;
    return filterEach(std::move(refs), [&](const driver::NetworkRef& n) -> Result<bool> {
        if ((f & (lv::kConnectListNetworksPersistent | lv::kConnectListNetworksTransient)) != 0) {
            NODEVIRT_ASSIGN_OR_RETURN(bool p, ops.isPersistent(n));
            if (!accepts(f, lv::kConnectListNetworksPersistent, lv::kConnectListNetworksTransient, p))
                return false;
        }
        if ((f & (lv::kConnectListNetworksAutostart | lv::kConnectListNetworksNoAutostart)) != 0) {
            NODEVIRT_ASSIGN_OR_RETURN(bool a, ops.getAutostart(n));
            if (!accepts(f, lv::kConnectListNetworksAutostart, lv::kConnectListNetworksNoAutostart, a))
                return false;
        }
        return true;
    });
}

Result<std::vector<driver::StoragePoolRef>> ListFilter::applyPoolFilters(
    driver::StorageOps& ops, std::vector<driver::StoragePoolRef> refs) {
    const unsigned f = flags_;
    // Bits from VIR_CONNECT_LIST_STORAGE_POOLS_DIR up select pool types, which only the XML
    // tells; the old calls cannot answer that cheaply.
    if (f >= lv::kConnectListStoragePoolsDir) return fail(noSupport("virConnectListAllStoragePools", ErrorDomain::kStorage));
    return filterEach(std::move(refs), [&](const driver::StoragePoolRef& pool) -> Result<bool> {
        using lv::kConnectListStoragePoolsPersistent, lv::kConnectListStoragePoolsTransient;
        if ((f & (kConnectListStoragePoolsPersistent | kConnectListStoragePoolsTransient)) != 0) {
            NODEVIRT_ASSIGN_OR_RETURN(bool p, ops.isPoolPersistent(pool));
            if (!accepts(f, kConnectListStoragePoolsPersistent, kConnectListStoragePoolsTransient, p))
                return false;
        }
        using lv::kConnectListStoragePoolsAutostart, lv::kConnectListStoragePoolsNoAutostart;
        if ((f & (kConnectListStoragePoolsAutostart | kConnectListStoragePoolsNoAutostart)) != 0) {
            NODEVIRT_ASSIGN_OR_RETURN(bool a, ops.getPoolAutostart(pool));
            if (!accepts(f, kConnectListStoragePoolsAutostart, kConnectListStoragePoolsNoAutostart, a))
                return false;
        }
        return true;
    });
}

}  // namespace nodevirt::remote
