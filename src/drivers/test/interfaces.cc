// InterfaceOps of the test driver: host interfaces as definitions with an active flag, plus
// the begin/commit/rollback transaction (a saved copy of the list).
#include <fmt/format.h>

#include "conf/interface/interface_xml.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/facets_infra.h"
#include "util/strings.h"

namespace nodevirt::drivers::test {
namespace {

using Ifaces = core::ObjectList<conf::HostInterfaceDef>;
using IfaceObj = Ifaces::Obj;

Error noIface(std::string_view how, std::string_view what) {
    return testError(ErrorCode::kNoInterface, fmt::format("no interface with matching {} '{}'", how, what));
}

Error notValid() { return testError(ErrorCode::kOperationInvalid); }

InterfaceRef refOf(const IfaceObj& o) { return {o.name, o.def->mac.value_or("")}; }

std::vector<std::string> names(Ifaces& list, bool active, int max) {
    std::vector<std::string> out;
    for (const auto& o : list.all()) {
        if (o.active == active && static_cast<int>(out.size()) < max) out.push_back(o.name);
    }
    return out;
}

}  // namespace

Result<std::vector<InterfaceRef>> TestInterfaces::listAll(unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, kConnectListInterfacesActive | kConnectListInterfacesInactive,
                            "testConnectListAllInterfaces"));
    bool want_active = flags & kConnectListInterfacesActive;
    bool want_inactive = flags & kConnectListInterfacesInactive;
    std::vector<InterfaceRef> out;
    for (const auto& o : ctx_.state().interfaces.all()) {
        if (want_active == want_inactive || o.active == want_active) out.push_back(refOf(o));
    }
    return out;
}

Result<int> TestInterfaces::numOfInterfaces() {
    return static_cast<int>(names(ctx_.state().interfaces, true, INT32_MAX).size());
}

Result<std::vector<std::string>> TestInterfaces::listInterfaces(int max) {
    return names(ctx_.state().interfaces, true, max);
}

Result<int> TestInterfaces::numOfDefinedInterfaces() {
    return static_cast<int>(names(ctx_.state().interfaces, false, INT32_MAX).size());
}

Result<std::vector<std::string>> TestInterfaces::listDefinedInterfaces(int max) {
    return names(ctx_.state().interfaces, false, max);
}

Result<InterfaceRef> TestInterfaces::lookupByName(const std::string& name) {
    auto o = ctx_.state().interfaces.byName(name);
    if (!o) return fail(noIface("name", name));
    return refOf(*o);
}

Result<InterfaceRef> TestInterfaces::lookupByMac(const std::string& mac) {
    std::string want = str::toLower(mac);
    std::vector<InterfaceRef> found;
    for (const auto& o : ctx_.state().interfaces.all()) {
        if (o.def->mac && str::toLower(*o.def->mac) == want) found.push_back(refOf(o));
    }
    if (found.empty()) return fail(noIface("mac", mac));
    if (found.size() > 1) {
        return fail(testError(ErrorCode::kMultipleInterfaces, fmt::format("mac {}", mac)));
    }
    return found.front();
}

Result<std::string> TestInterfaces::getXmlDesc(const InterfaceRef& iface, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testInterfaceGetXMLDesc"));
    auto o = ctx_.state().interfaces.byName(iface.name);
    if (!o) return fail(noIface("name", iface.name));
    return conf::formatHostInterfaceXml(*o->def, 0);
}

Result<InterfaceRef> TestInterfaces::defineXml(const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kInterfaceDefineValidate, "testInterfaceDefineXML"));
    conf::ParseOptions opts;
    opts.validate = flags & lv::kInterfaceDefineValidate;
    NODEVIRT_ASSIGN_OR_RETURN(auto def, conf::parseHostInterfaceXml(xml, opts));
    return ctx_.state().interfaces.locked([&](Ifaces::Objects& objs) -> InterfaceRef {
        if (IfaceObj* o = Ifaces::find(objs, def->name)) {
            o->def = std::move(def);
            return refOf(*o);
        }
        IfaceObj o;
        o.name = def->name;
        o.def = std::move(def);
        o.persistent = true;
        objs.push_back(std::move(o));
        return refOf(objs.back());
    });
}

Status TestInterfaces::undefine(const InterfaceRef& iface) {
    return ctx_.state().interfaces.locked([&](Ifaces::Objects& objs) -> Status {
        auto it = std::find_if(objs.begin(), objs.end(), [&](const IfaceObj& o) { return o.name == iface.name; });
        if (it == objs.end()) return fail(noIface("name", iface.name));
        objs.erase(it);
        return ok();
    });
}

Status TestInterfaces::create(const InterfaceRef& iface, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testInterfaceCreate"));
    return ctx_.state().interfaces.locked([&](Ifaces::Objects& objs) -> Status {
        IfaceObj* o = Ifaces::find(objs, iface.name);
        if (!o) return fail(noIface("name", iface.name));
        if (o->active) return fail(notValid());
        o->active = true;
        return ok();
    });
}

Status TestInterfaces::destroy(const InterfaceRef& iface, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testInterfaceDestroy"));
    return ctx_.state().interfaces.locked([&](Ifaces::Objects& objs) -> Status {
        IfaceObj* o = Ifaces::find(objs, iface.name);
        if (!o) return fail(noIface("name", iface.name));
        if (!o->active) return fail(notValid());
        o->active = false;
        return ok();
    });
}

Result<bool> TestInterfaces::isActive(const InterfaceRef& iface) {
    auto o = ctx_.state().interfaces.byName(iface.name);
    if (!o) return fail(noIface("name", iface.name));
    return o->active;
}

Status TestInterfaces::changeBegin(unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testInterfaceChangeBegin"));
    std::lock_guard lock(ctx_.state().iface_txn_mutex);
    if (ctx_.state().iface_txn) {
        return fail(testError(ErrorCode::kOperationInvalid, "there is another transaction running."));
    }
    ctx_.state().iface_txn = ctx_.state().interfaces.all();
    return ok();
}

Status TestInterfaces::changeCommit(unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testInterfaceChangeCommit"));
    std::lock_guard lock(ctx_.state().iface_txn_mutex);
    if (!ctx_.state().iface_txn) {
        return fail(testError(ErrorCode::kOperationInvalid, "no transaction running, nothing to be committed."));
    }
    ctx_.state().iface_txn.reset();
    return ok();
}

Status TestInterfaces::changeRollback(unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testInterfaceChangeRollback"));
    std::lock_guard lock(ctx_.state().iface_txn_mutex);
    if (!ctx_.state().iface_txn) {
        return fail(testError(ErrorCode::kOperationInvalid, "no transaction running, nothing to rollback."));
    }
    ctx_.state().interfaces.locked([&](Ifaces::Objects& objs) { objs = std::move(*ctx_.state().iface_txn); });
    ctx_.state().iface_txn.reset();
    return ok();
}

}  // namespace nodevirt::drivers::test
