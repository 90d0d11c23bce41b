// Domain lookups and listings: LOOKUP_BY_*, LIST_ALL_DOMAINS and the old NUM_OF/LIST calls
// clients fall back to (census §5.2).
#include "remote/common/convert.h"
#include "remote/server/call_context.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

}  // namespace

void bindDomainLookupHandlers(Handlers& h) {
    on<pr::DomainLookupById>(h, [](CallContext& ctx, const auto& a)
                                    -> Result<p::DomainLookupByIdRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ctx.driver().domainLifecycle().lookupById(a.id));
        return p::DomainLookupByIdRet{toWire(ref)};
    });
    on<pr::DomainLookupByName>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::DomainLookupByNameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ctx.driver().domainLifecycle().lookupByName(a.name));
        return p::DomainLookupByNameRet{toWire(ref)};
    });
    on<pr::DomainLookupByUuid>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::DomainLookupByUuidRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ctx.driver().domainLifecycle().lookupByUuid(a.uuid));
        return p::DomainLookupByUuidRet{toWire(ref)};
    });
    on<pr::ConnectListAllDomains>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::ConnectListAllDomainsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto refs, ctx.driver().domainLifecycle().listAll(a.flags));
        p::ConnectListAllDomainsRet ret;
        ret.ret = static_cast<uint32_t>(refs.size());
        if (a.need_results) ret.domains = toWireList(refs);
        return ret;
    });
    on<pr::ConnectNumOfDomains>(h, [](CallContext& ctx, const p::Void&)
                                       -> Result<p::ConnectNumOfDomainsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, ctx.driver().domainLifecycle().numOfDomains());
        return p::ConnectNumOfDomainsRet{n};
    });
    on<pr::ConnectListDomains>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::ConnectListDomainsRet> {
        NODEVIRT_TRY(checkMax(a.maxids, p::kDomainListMax, "maxids > REMOTE_DOMAIN_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto ids, ctx.driver().domainLifecycle().listDomainIds(a.maxids));
        return p::ConnectListDomainsRet{std::vector<int32_t>(ids.begin(), ids.end())};
    });
    on<pr::ConnectNumOfDefinedDomains>(h, [](CallContext& ctx, const p::Void&)
                                              -> Result<p::ConnectNumOfDefinedDomainsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, ctx.driver().domainLifecycle().numOfDefinedDomains());
        return p::ConnectNumOfDefinedDomainsRet{n};
    });
    on<pr::ConnectListDefinedDomains>(h, [](CallContext& ctx, const auto& a)
                                             -> Result<p::ConnectListDefinedDomainsRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kDomainListMax, "maxnames > REMOTE_DOMAIN_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names,
                                  ctx.driver().domainLifecycle().listDefinedDomains(a.maxnames));
        return p::ConnectListDefinedDomainsRet{names};
    });
}

}  // namespace nodevirt::remote
