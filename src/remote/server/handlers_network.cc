// Virtual networks: listing (LIST_ALL and the NUM_OF/LIST fallbacks), lookups, definition,
// lifecycle, updates, XML, autostart, DHCP leases.
#include "remote/server/list_all.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

driver::NetworkOps& nets(CallContext& ctx) { return ctx.driver().networks(); }

void bindListing(Handlers& h) {
    bindListAll<pr::ConnectListAllNetworks>(
        h, [](CallContext& ctx, const auto& a) { return nets(ctx).listAll(a.flags); });
    on<pr::ConnectNumOfNetworks>(h, [](CallContext& ctx, const p::Void&)
                                        -> Result<p::ConnectNumOfNetworksRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, nets(ctx).numOfNetworks());
        return p::ConnectNumOfNetworksRet{n};
    });
    on<pr::ConnectListNetworks>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::ConnectListNetworksRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kNetworkListMax, "maxnames > REMOTE_NETWORK_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names, nets(ctx).listNetworks(a.maxnames));
        return p::ConnectListNetworksRet{names};
    });
    on<pr::ConnectNumOfDefinedNetworks>(h, [](CallContext& ctx, const p::Void&)
                                               -> Result<p::ConnectNumOfDefinedNetworksRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, nets(ctx).numOfDefinedNetworks());
        return p::ConnectNumOfDefinedNetworksRet{n};
    });
    on<pr::ConnectListDefinedNetworks>(h, [](CallContext& ctx, const auto& a)
                                              -> Result<p::ConnectListDefinedNetworksRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kNetworkListMax, "maxnames > REMOTE_NETWORK_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names, nets(ctx).listDefinedNetworks(a.maxnames));
        return p::ConnectListDefinedNetworksRet{names};
    });
    on<pr::NetworkLookupByName>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::NetworkLookupByNameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, nets(ctx).lookupByName(a.name));
        return p::NetworkLookupByNameRet{toWire(ref)};
    });
    on<pr::NetworkLookupByUuid>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::NetworkLookupByUuidRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, nets(ctx).lookupByUuid(a.uuid));
        return p::NetworkLookupByUuidRet{toWire(ref)};
    });
}

void bindLifecycle(Handlers& h) {
    on<pr::NetworkDefineXml>(h, [](CallContext& ctx, const auto& a) -> Result<p::NetworkDefineXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, nets(ctx).defineXml(a.xml, 0));
        return p::NetworkDefineXmlRet{toWire(ref)};
    });
    on<pr::NetworkDefineXmlFlags>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::NetworkDefineXmlFlagsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, nets(ctx).defineXml(a.xml, a.flags));
        return p::NetworkDefineXmlFlagsRet{toWire(ref)};
    });
    on<pr::NetworkCreateXml>(h, [](CallContext& ctx, const auto& a) -> Result<p::NetworkCreateXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, nets(ctx).createXml(a.xml, 0));
        return p::NetworkCreateXmlRet{toWire(ref)};
    });
    on<pr::NetworkCreateXmlFlags>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::NetworkCreateXmlFlagsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, nets(ctx).createXml(a.xml, a.flags));
        return p::NetworkCreateXmlFlagsRet{toWire(ref)};
    });
    on<pr::NetworkUndefine>(h, [](CallContext& ctx, const auto& a) {
        return done(nets(ctx).undefine(fromWire(a.net)));
    });
    on<pr::NetworkCreate>(h, [](CallContext& ctx, const auto& a) {
        return done(nets(ctx).create(fromWire(a.net)));
    });
    on<pr::NetworkDestroy>(h, [](CallContext& ctx, const auto& a) {
        return done(nets(ctx).destroy(fromWire(a.net)));
    });
    on<pr::NetworkUpdate>(h, [](CallContext& ctx, const auto& a) {
        return done(nets(ctx).update(fromWire(a.net), a.command, a.section, a.parent_index, a.xml,
                                     a.flags));
    });
    on<pr::NetworkSetAutostart>(h, [](CallContext& ctx, const auto& a) {
        return done(nets(ctx).setAutostart(fromWire(a.net), a.autostart != 0));
    });
}

void bindQueries(Handlers& h) {
    on<pr::NetworkGetXmlDesc>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::NetworkGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml, nets(ctx).getXmlDesc(fromWire(a.net), a.flags));
        return p::NetworkGetXmlDescRet{xml};
    });
    on<pr::NetworkGetBridgeName>(h, [](CallContext& ctx, const auto& a)
                                        -> Result<p::NetworkGetBridgeNameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string name, nets(ctx).getBridgeName(fromWire(a.net)));
        return p::NetworkGetBridgeNameRet{name};
    });
    on<pr::NetworkGetAutostart>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::NetworkGetAutostartRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, nets(ctx).getAutostart(fromWire(a.net)));
        return p::NetworkGetAutostartRet{v ? 1 : 0};
    });
    on<pr::NetworkIsActive>(h, [](CallContext& ctx, const auto& a) -> Result<p::NetworkIsActiveRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, nets(ctx).isActive(fromWire(a.net)));
        return p::NetworkIsActiveRet{v ? 1 : 0};
    });
    on<pr::NetworkIsPersistent>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::NetworkIsPersistentRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, nets(ctx).isPersistent(fromWire(a.net)));
        return p::NetworkIsPersistentRet{v ? 1 : 0};
    });
    on<pr::NetworkGetDhcpLeases>(h, [](CallContext& ctx, const auto& a)
                                        -> Result<p::NetworkGetDhcpLeasesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto leases,
                                  nets(ctx).getDhcpLeases(fromWire(a.net), a.mac, a.flags));
        p::NetworkGetDhcpLeasesRet ret;
        ret.ret = static_cast<uint32_t>(leases.size());
        if (a.need_results) {
            for (const NetworkDhcpLease& l : leases) ret.leases.push_back(toWire(l));
        }
        return ret;
    });
}

}  // namespace

void bindNetworkHandlers(Handlers& h) {
    bindListing(h);
    bindLifecycle(h);
    bindQueries(h);
}

}  // namespace nodevirt::remote
