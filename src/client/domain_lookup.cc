// Connection-level domain calls: lookup, listing, define/create, restore and bulk stats
// (virDomainLookupBy*, virConnectListAllDomains, virDomainDefineXML, ...).
#include "client/domain_common.h"
#include "nodevirt/connection.h"

namespace nodevirt {

using client::callConn;
using client::kRead;
using client::kWrite;
using client::lifecycle;
using client::pickApi;
using detail::ConnectionState;
using detail::HandleAccess;

namespace {
constexpr const client::Family& kFam = client::kDomainFamily;
constexpr ErrorDomain kErrDom = ErrorDomain::kDomain;

auto makeDomain() {
    return [](const detail::StatePtr& s, const driver::DomainRef& r) {
        return HandleAccess::domain(s, r);
    };
}
}  // namespace

Result<std::vector<Domain>> Connection::listAllDomains(unsigned flags) const {
    return callConn(state_, kFam, "virConnectListAllDomains", kRead, [&](ConnectionState& st) {
        return client::wrapList<Domain>(state_, lifecycle(st).listAll(flags), makeDomain());
    });
}

Result<int> Connection::numOfDomains() const {
    return callConn(state_, kFam, "virConnectNumOfDomains", kRead,
                    [](ConnectionState& st) { return lifecycle(st).numOfDomains(); });
}

Result<std::vector<int>> Connection::listDomainIds(int max) const {
    constexpr std::string_view kApi = "virConnectListDomains";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<int>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxids", kErrDom));
                        return lifecycle(st).listDomainIds(max);
                    });
}

Result<int> Connection::numOfDefinedDomains() const {
    return callConn(state_, kFam, "virConnectNumOfDefinedDomains", kRead,
                    [](ConnectionState& st) { return lifecycle(st).numOfDefinedDomains(); });
}

Result<std::vector<std::string>> Connection::listDefinedDomains(int max) const {
    constexpr std::string_view kApi = "virConnectListDefinedDomains";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<std::string>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxnames", kErrDom));
                        return lifecycle(st).listDefinedDomains(max);
                    });
}

Result<Domain> Connection::lookupDomainById(int id) const {
    constexpr std::string_view kApi = "virDomainLookupByID";
    return callConn(state_, kFam, kApi, kRead, [&](ConnectionState& st) -> Result<Domain> {
        if (id < 0) return fail(client::argNonNegative(kApi, "id", kErrDom));
        return client::wrap(state_, lifecycle(st).lookupById(id), makeDomain());
    });
}

Result<Domain> Connection::lookupDomainByName(const std::string& name) const {
    return callConn(state_, kFam, "virDomainLookupByName", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, lifecycle(st).lookupByName(name), makeDomain());
    });
}

Result<Domain> Connection::lookupDomainByUuid(const Uuid& uuid) const {
    return callConn(state_, kFam, "virDomainLookupByUUID", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, lifecycle(st).lookupByUuid(uuid), makeDomain());
    });
}

Result<Domain> Connection::lookupDomainByUuidString(std::string_view uuid) const {
    return callConn(
        state_, kFam, "virDomainLookupByUUIDString", kRead,
        [&](ConnectionState& st) -> Result<Domain> {
            auto parsed = Uuid::parse(uuid);
            // libvirt words this one check differently from its other UUID lookups.
            if (!parsed) return fail(Error::raw(ErrorCode::kInvalidArg, kErrDom, "Invalid UUID"));
            return client::wrap(state_, lifecycle(st).lookupByUuid(*parsed), makeDomain());
        });
}

Result<Domain> Connection::defineDomainXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam, pickApi(flags, "virDomainDefineXML", "virDomainDefineXMLFlags"),
                    kWrite, [&](ConnectionState& st) {
                        return client::wrap(state_, lifecycle(st).defineXml(xml, flags),
                                            makeDomain());
                    });
}

Result<Domain> Connection::createDomainXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam, "virDomainCreateXML", kWrite, [&](ConnectionState& st) {
        return client::wrap(state_, lifecycle(st).createXml(xml, flags), makeDomain());
    });
}

Status Connection::restoreDomain(const std::string& path, const std::optional<std::string>& dxml,
                                 unsigned flags) const {
    std::string_view api = (flags != 0 || dxml) ? "virDomainRestoreFlags" : "virDomainRestore";
    return callConn(state_, kFam, api, kWrite,
                    [&](ConnectionState& st) { return lifecycle(st).restore(path, dxml, flags); });
}

Result<std::string> Connection::saveImageXmlDesc(const std::string& path, unsigned flags) const {
    // The image may hold secrets, so libvirt allows this only on read-write connections.
    return callConn(state_, kFam, "virDomainSaveImageGetXMLDesc", kWrite, [&](ConnectionState& st) {
        return lifecycle(st).saveImageGetXmlDesc(path, flags);
    });
}

Status Connection::saveImageDefineXml(const std::string& path, const std::string& xml,
                                      unsigned flags) const {
    return callConn(state_, kFam, "virDomainSaveImageDefineXML", kWrite, [&](ConnectionState& st) {
        return lifecycle(st).saveImageDefineXml(path, xml, flags);
    });
}

namespace {
Result<std::vector<DomainStatsRecord>> wrapStats(const detail::StatePtr& state,
                                                 Result<std::vector<driver::DomainStatsRecord>> r) {
    if (!r) return fail(std::move(r).error());
    std::vector<DomainStatsRecord> out;
    out.reserve(r->size());
    for (auto& rec : *r)
        out.push_back(
            DomainStatsRecord{HandleAccess::domain(state, rec.dom), std::move(rec.params)});
    return out;
}
}  // namespace

Result<std::vector<DomainStatsRecord>> Connection::getAllDomainStats(unsigned stats,
                                                                     unsigned flags) const {
    return callConn(state_, kFam, "virConnectGetAllDomainStats", kRead, [&](ConnectionState& st) {
        return wrapStats(state_, client::stats(st).getAllDomainStats({}, stats, flags));
    });
}

Result<std::vector<DomainStatsRecord>> Connection::domainListGetStats(
    const std::vector<Domain>& domains, unsigned stats, unsigned flags) const {
    constexpr std::string_view kApi = "virDomainListGetStats";
    return callConn(
        state_, kFam, kApi, kRead,
        [&](ConnectionState& st) -> Result<std::vector<DomainStatsRecord>> {
            if (domains.empty()) {
                return fail(client::invalidArgument(kApi, "doms array",
                                                    "must contain at least one domain", kErrDom));
            }
            std::vector<driver::DomainRef> refs;
            refs.reserve(domains.size());
            for (const auto& d : domains) {
                if (HandleAccess::state(d) != state_) {
                    return fail(Error::raw(
                        ErrorCode::kInvalidArg, kErrDom,
                        "domains in virDomainListGetStats must be from a single connection"));
                }
                refs.push_back(HandleAccess::ref(d));
            }
            return wrapStats(state_, client::stats(st).getAllDomainStats(refs, stats, flags));
        });
}

}  // namespace nodevirt
