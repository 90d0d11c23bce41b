// NetworkOps of the test driver: networks are definitions with active/persistent/autostart
// flags; nothing is created on the host.
#include <fmt/format.h>

#include "conf/network/network_xml.h"
#include "core/event_bus.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/facets_infra.h"
#include "drivers/test/network_update.h"

namespace nodevirt::drivers::test {
namespace {

using Networks = core::ObjectList<conf::NetworkDef>;
using NetObj = Networks::Obj;

Error noNetworkByName(std::string_view name) {
    return testError(ErrorCode::kNoNetwork, fmt::format("no network with matching name '{}'", name));
}

NetworkRef refOf(const NetObj& o) { return {o.name, o.uuid}; }

void lifecycle(core::PendingEvents& ev, const NetworkRef& ref, unsigned event) {
    driver::NetworkEvent e;
    e.event_id = static_cast<int>(lv::kNetworkEventIdLifecycle);
    e.net = ref;
    e.event = static_cast<int>(event);
    ev.add(std::move(e));
}

bool pairPasses(unsigned flags, unsigned yes, unsigned no, bool value) {
    bool want_yes = flags & yes, want_no = flags & no;
    return want_yes == want_no || value == want_yes;
}

bool matches(const NetObj& o, unsigned flags) {
    using namespace lv;
    return pairPasses(flags, kConnectListNetworksActive, kConnectListNetworksInactive, o.active) &&
           pairPasses(flags, kConnectListNetworksPersistent, kConnectListNetworksTransient, o.persistent) &&
           pairPasses(flags, kConnectListNetworksAutostart, kConnectListNetworksNoAutostart, o.autostart);
}

// libvirt's add-or-update rules for networks (same shape as for domains).
Result<NetworkRef> assignNetwork(Networks& list, std::shared_ptr<conf::NetworkDef> def, bool live) {
    return list.locked([&](Networks::Objects& objs) -> Result<NetworkRef> {
        if (NetObj* o = Networks::find(objs, def->uuid)) {
            if (o->name != def->name) {
                return fail(operationFailed(fmt::format("network '{}' is already defined with uuid {}",
                                                        o->name, def->uuid.toString()),
                                            ErrorDomain::kNetwork));
            }
            if (live) {
                if (o->active) {
                    return fail(operationInvalid(fmt::format("network '{}' is already active", def->name),
                                                 ErrorDomain::kNetwork));
                }
                if (o->persistent && !o->next_def) o->next_def = o->def;
                o->def = std::move(def);
            } else if (o->active) {
                o->next_def = std::move(def);
                o->persistent = true;
            } else {
                o->def = std::move(def);
                o->persistent = true;
            }
            return refOf(*o);
        }
        if (NetObj* o = Networks::find(objs, def->name)) {
            return fail(operationFailed(fmt::format("network '{}' already exists with uuid {}", def->name,
                                                    o->uuid.toString()),
                                        ErrorDomain::kNetwork));
        }
        NetObj o;
        o.name = def->name;
        o.uuid = def->uuid;
        o.def = std::move(def);
        o.persistent = !live;
        objs.push_back(std::move(o));
        return refOf(objs.back());
    });
}

}  // namespace

Result<std::vector<NetworkRef>> TestNetworks::listAll(unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0x3f, "testConnectListAllNetworks"));
    std::vector<NetworkRef> out;
    for (const auto& o : ctx_.state().networks.all()) {
        if (matches(o, flags)) out.push_back(refOf(o));
    }
    return out;
}

Result<int> TestNetworks::numOfNetworks() {
    NODEVIRT_ASSIGN_OR_RETURN(auto nets, listAll(lv::kConnectListNetworksActive));
    return static_cast<int>(nets.size());
}

Result<std::vector<std::string>> TestNetworks::listNetworks(int max) {
    NODEVIRT_ASSIGN_OR_RETURN(auto nets, listAll(lv::kConnectListNetworksActive));
    std::vector<std::string> out;
    for (auto& n : nets) {
        if (static_cast<int>(out.size()) >= max) break;
        out.push_back(std::move(n.name));
    }
    return out;
}

Result<int> TestNetworks::numOfDefinedNetworks() {
    NODEVIRT_ASSIGN_OR_RETURN(auto nets, listAll(lv::kConnectListNetworksInactive));
    return static_cast<int>(nets.size());
}

Result<std::vector<std::string>> TestNetworks::listDefinedNetworks(int max) {
    NODEVIRT_ASSIGN_OR_RETURN(auto nets, listAll(lv::kConnectListNetworksInactive));
    std::vector<std::string> out;
    for (auto& n : nets) {
        if (static_cast<int>(out.size()) >= max) break;
        out.push_back(std::move(n.name));
    }
    return out;
}

Result<NetworkRef> TestNetworks::lookupByName(const std::string& name) {
    auto o = ctx_.state().networks.byName(name);
    if (!o) return fail(noNetworkByName(name));
    return refOf(*o);
}

Result<NetworkRef> TestNetworks::lookupByUuid(const Uuid& uuid) {
    auto o = ctx_.state().networks.byUuid(uuid);
    if (!o) {
        return fail(testError(ErrorCode::kNoNetwork,
                              fmt::format("no network with matching uuid '{}'", uuid.toString())));
    }
    return refOf(*o);
}

Result<NetworkRef> TestNetworks::defineXml(const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kNetworkDefineValidate, "testNetworkDefineXMLFlags"));
    conf::ParseOptions opts;
    opts.validate = flags & lv::kNetworkDefineValidate;
    NODEVIRT_ASSIGN_OR_RETURN(auto def, conf::parseNetworkXml(xml, opts));
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto ref, assignNetwork(ctx_.state().networks, std::move(def), false));
    lifecycle(ev, ref, lv::kNetworkEventDefined);
    return ref;
}

Result<NetworkRef> TestNetworks::createXml(const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kNetworkCreateValidate, "testNetworkCreateXMLFlags"));
    conf::ParseOptions opts;
    opts.validate = flags & lv::kNetworkCreateValidate;
    NODEVIRT_ASSIGN_OR_RETURN(auto def, conf::parseNetworkXml(xml, opts));
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto ref, assignNetwork(ctx_.state().networks, std::move(def), true));
    ctx_.state().networks.locked([&](Networks::Objects& objs) {
        if (NetObj* o = Networks::find(objs, ref.uuid)) o->active = true;
    });
    lifecycle(ev, ref, lv::kNetworkEventStarted);
    return ref;
}

Status TestNetworks::undefine(const NetworkRef& net) {
    core::PendingEvents ev(ctx_.state().events);
    return ctx_.state().networks.locked([&](Networks::Objects& objs) -> Status {
        NetObj* o = Networks::find(objs, net.name);
        if (!o) return fail(noNetworkByName(net.name));
        if (o->active) {
            return fail(testError(ErrorCode::kOperationInvalid,
                                  fmt::format("Network '{}' is still running", o->name)));
        }
        lifecycle(ev, refOf(*o), lv::kNetworkEventUndefined);
        Networks::erase(objs, o->uuid);
        return ok();
    });
}

Status TestNetworks::create(const NetworkRef& net) {
    core::PendingEvents ev(ctx_.state().events);
    return ctx_.state().networks.locked([&](Networks::Objects& objs) -> Status {
        NetObj* o = Networks::find(objs, net.name);
        if (!o) return fail(noNetworkByName(net.name));
        if (o->active) {
            return fail(testError(ErrorCode::kOperationInvalid,
                                  fmt::format("Network '{}' is already running", o->name)));
        }
        o->active = true;
        lifecycle(ev, refOf(*o), lv::kNetworkEventStarted);
        return ok();
    });
}

Status TestNetworks::destroy(const NetworkRef& net) {
    // Like libvirt's test driver: no "not running" check, and a pending redefinition is not
    // applied (the next-boot definition stays where it is).
    core::PendingEvents ev(ctx_.state().events);
    return ctx_.state().networks.locked([&](Networks::Objects& objs) -> Status {
        NetObj* o = Networks::find(objs, net.name);
        if (!o) return fail(noNetworkByName(net.name));
        o->active = false;
        lifecycle(ev, refOf(*o), lv::kNetworkEventStopped);
        if (!o->persistent) Networks::erase(objs, o->uuid);
        return ok();
    });
}

Status TestNetworks::update(const NetworkRef& net, unsigned command, unsigned section, int index,
                            const std::string& xml, unsigned flags) {
    unsigned affect = lv::kNetworkUpdateAffectLive | lv::kNetworkUpdateAffectConfig;
    NODEVIRT_TRY(checkFlags(flags, affect, "testNetworkUpdate"));
    return ctx_.state().networks.locked([&](Networks::Objects& objs) -> Status {
        NetObj* o = Networks::find(objs, net.name);
        if (!o) return fail(noNetworkByName(net.name));
        unsigned f = flags;
        if (!(f & affect)) f |= o->active ? lv::kNetworkUpdateAffectLive : lv::kNetworkUpdateAffectConfig;
        if ((f & lv::kNetworkUpdateAffectLive) && !o->active) {
            return fail(operationInvalid("network is not running", ErrorDomain::kNetwork));
        }
        // Compute both results before touching anything, so a failure changes nothing.
        std::shared_ptr<conf::NetworkDef> live, config;
        if (f & lv::kNetworkUpdateAffectLive) {
            NODEVIRT_ASSIGN_OR_RETURN(live, updateNetworkDef(*o->def, command, section, index, xml));
        }
        if (f & lv::kNetworkUpdateAffectConfig) {
            const auto& base = o->active && o->persistent ? o->inactiveDef() : o->def;
            NODEVIRT_ASSIGN_OR_RETURN(config, updateNetworkDef(*base, command, section, index, xml));
        }
        if (live) o->def = std::move(live);
        if (config) {
            if (o->active) o->next_def = std::move(config);
            else o->def = std::move(config);
        }
        return ok();
    });
}

Result<std::string> TestNetworks::getXmlDesc(const NetworkRef& net, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testNetworkGetXMLDesc"));
    auto o = ctx_.state().networks.byName(net.name);
    if (!o) return fail(noNetworkByName(net.name));
    return conf::formatNetworkXml(*o->def, 0);
}

Result<std::string> TestNetworks::getBridgeName(const NetworkRef& net) {
    auto o = ctx_.state().networks.byName(net.name);
    if (!o) return fail(noNetworkByName(net.name));
    if (!o->def->bridge.name) {
        return fail(testError(ErrorCode::kInternalError,
                              fmt::format("network '{}' does not have a bridge name.", o->name)));
    }
    return *o->def->bridge.name;
}

Result<bool> TestNetworks::getAutostart(const NetworkRef& net) {
    auto o = ctx_.state().networks.byName(net.name);
    if (!o) return fail(noNetworkByName(net.name));
    return o->autostart;
}

Status TestNetworks::setAutostart(const NetworkRef& net, bool autostart) {
    return ctx_.state().networks.locked([&](Networks::Objects& objs) -> Status {
        NetObj* o = Networks::find(objs, net.name);
        if (!o) return fail(noNetworkByName(net.name));
        o->autostart = autostart;
        return ok();
    });
}

Result<bool> TestNetworks::isActive(const NetworkRef& net) {
    auto o = ctx_.state().networks.byName(net.name);
    if (!o) return fail(noNetworkByName(net.name));
    return o->active;
}

Result<bool> TestNetworks::isPersistent(const NetworkRef& net) {
    auto o = ctx_.state().networks.byName(net.name);
    if (!o) return fail(noNetworkByName(net.name));
    return o->persistent;
}

}  // namespace nodevirt::drivers::test
