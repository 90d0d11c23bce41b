// Domain definition and state changes: define/undefine, create/start, shutdown/destroy,
// reboot/reset, suspend/resume, power management, keys, save/restore/managed save, core dumps.
#include "remote/common/convert.h"
#include "remote/server/call_context.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

driver::DomainLifecycleOps& ops(CallContext& ctx) { return ctx.driver().domainLifecycle(); }

void bindDefinition(Handlers& h) {
    on<pr::DomainDefineXml>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainDefineXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ops(ctx).defineXml(a.xml, 0));
        return p::DomainDefineXmlRet{toWire(ref)};
    });
    on<pr::DomainDefineXmlFlags>(h, [](CallContext& ctx, const auto& a)
                                        -> Result<p::DomainDefineXmlFlagsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ops(ctx).defineXml(a.xml, a.flags));
        return p::DomainDefineXmlFlagsRet{toWire(ref)};
    });
    on<pr::DomainUndefine>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).undefine(fromWire(a.dom), 0));
    });
    on<pr::DomainUndefineFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).undefine(fromWire(a.dom), a.flags));
    });
    on<pr::DomainCreateXml>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainCreateXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ops(ctx).createXml(a.xml_desc, a.flags));
        return p::DomainCreateXmlRet{toWire(ref)};
    });
    on<pr::DomainCreate>(h, [](CallContext& ctx, const auto& a) -> Result<p::Void> {
        NODEVIRT_TRY(ops(ctx).create(fromWire(a.dom), 0));
        return p::Void{};
    });
    on<pr::DomainCreateWithFlags>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::DomainCreateWithFlagsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ops(ctx).create(fromWire(a.dom), a.flags));
        return p::DomainCreateWithFlagsRet{toWire(ref)};
    });
}

void bindStateChanges(Handlers& h) {
    on<pr::DomainShutdown>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).shutdown(fromWire(a.dom), 0));
    });
    on<pr::DomainShutdownFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).shutdown(fromWire(a.dom), a.flags));
    });
    on<pr::DomainDestroy>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).destroy(fromWire(a.dom), 0));
    });
    on<pr::DomainDestroyFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).destroy(fromWire(a.dom), a.flags));
    });
    on<pr::DomainReboot>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).reboot(fromWire(a.dom), a.flags));
    });
    on<pr::DomainReset>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).reset(fromWire(a.dom), a.flags));
    });
    on<pr::DomainSuspend>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).suspend(fromWire(a.dom)));
    });
    on<pr::DomainResume>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).resume(fromWire(a.dom)));
    });
    on<pr::DomainPmSuspendForDuration>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).pmSuspendForDuration(fromWire(a.dom), a.target, a.duration, a.flags));
    });
    on<pr::DomainPmWakeup>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).pmWakeup(fromWire(a.dom), a.flags));
    });
    on<pr::DomainInjectNmi>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).injectNmi(fromWire(a.dom), a.flags));
    });
    on<pr::DomainSendKey>(h, [](CallContext& ctx, const auto& a) {
        std::vector<unsigned> keys(a.keycodes.begin(), a.keycodes.end());
        return done(ops(ctx).sendKey(fromWire(a.dom), a.codeset, a.holdtime, keys, a.flags));
    });
    on<pr::DomainAbortJob>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).abortJob(fromWire(a.dom)));
    });
}

void bindSaveRestore(Handlers& h) {
    on<pr::DomainSave>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).save(fromWire(a.dom), a.to, std::nullopt, 0));
    });
    on<pr::DomainSaveFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).save(fromWire(a.dom), a.to, a.dxml, a.flags));
    });
    on<pr::DomainRestore>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).restore(a.from, std::nullopt, 0));
    });
    on<pr::DomainRestoreFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).restore(a.from, a.dxml, a.flags));
    });
    on<pr::DomainSaveImageGetXmlDesc>(h, [](CallContext& ctx, const auto& a)
                                             -> Result<p::DomainSaveImageGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml, ops(ctx).saveImageGetXmlDesc(a.file, a.flags));
        return p::DomainSaveImageGetXmlDescRet{xml};
    });
    on<pr::DomainSaveImageDefineXml>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).saveImageDefineXml(a.file, a.dxml, a.flags));
    });
    on<pr::DomainManagedSave>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).managedSave(fromWire(a.dom), a.flags));
    });
    on<pr::DomainHasManagedSaveImage>(h, [](CallContext& ctx, const auto& a)
                                             -> Result<p::DomainHasManagedSaveImageRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool has, ops(ctx).hasManagedSaveImage(fromWire(a.dom), a.flags));
        return p::DomainHasManagedSaveImageRet{has ? 1 : 0};
    });
    on<pr::DomainManagedSaveRemove>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).managedSaveRemove(fromWire(a.dom), a.flags));
    });
    on<pr::DomainManagedSaveGetXmlDesc>(h, [](CallContext& ctx, const auto& a)
                                               -> Result<p::DomainManagedSaveGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml,
                                  ops(ctx).managedSaveGetXmlDesc(fromWire(a.dom), a.flags));
        return p::DomainManagedSaveGetXmlDescRet{xml};
    });
    on<pr::DomainCoreDump>(h, [](CallContext& ctx, const auto& a) {
        // virDomainCoreDump is the raw format (VIR_DOMAIN_CORE_DUMP_FORMAT_RAW = 0).
        return done(ops(ctx).coreDump(fromWire(a.dom), a.to, 0, a.flags));
    });
    on<pr::DomainCoreDumpWithFormat>(h, [](CallContext& ctx, const auto& a) {
        return done(ops(ctx).coreDump(fromWire(a.dom), a.to, a.dumpformat, a.flags));
    });
}

}  // namespace

void bindDomainLifecycleHandlers(Handlers& h) {
    bindDefinition(h);
    bindStateChanges(h);
    bindSaveRestore(h);
}

}  // namespace nodevirt::remote
