#include "cli/commands/domain/domain_util.h"

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {

nlohmann::ordered_json domainIdentityJson(const Domain& dom) {
    return {{"id", dom.id() >= 0 ? nlohmann::ordered_json(dom.id()) : nlohmann::ordered_json()},
            {"name", dom.name()},
            {"uuid", dom.uuidString()}};
}

std::optional<DomainStateReason> queryDomainState(Context& ctx, const Domain& dom) {
    auto st = dom.state();
    if (st) return *st;
    // Older servers lack virDomainGetState: the state alone comes from virDomainGetInfo.
    if (st.error().code == ErrorCode::kNoSupport) {
        if (auto info = dom.info()) return DomainStateReason{info->state, 0};
    }
    ctx.setLastError(st.error());
    return std::nullopt;
}

bool runDomainAction(Context& ctx, const ParsedCommand& cmd,
                     const std::function<Status(const Domain&)>& op, std::string_view done,
                     std::string_view failed) {
    std::string name;
    auto dom = lookupDomain(ctx, cmd, &name);
    if (!dom) return false;
    if (auto st = op(*dom); !st) {
        return failWith(ctx, st.error(), fmt::format(fmt::runtime(failed), name));
    }
    ctx.printExtra(fmt::format(fmt::runtime(done), name));
    return true;
}

bool loadDomainXml(Context& ctx, const ParsedCommand& cmd, unsigned flags, pugi::xml_document& doc) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto xml = dom->xmlDesc(flags);
    if (!xml) return failWith(ctx, xml.error());
    if (!doc.load_string(xml->c_str())) {
        ctx.error("Failed to parse domain XML");
        return false;
    }
    return true;
}

std::string xpathString(const pugi::xml_node& node, const char* expr) {
    // pugixml signals a malformed expression by throwing; the expressions here are fixed.
    try {
        pugi::xpath_query query(expr);
        return query.evaluate_string(node);
    } catch (const pugi::xpath_exception&) {
        return {};
    }
}

bool deviceOptionsExclusive(Context& ctx, const ParsedCommand& cmd) {
    return checkExclusive(ctx, cmd, "persistent", "current") &&
           checkExclusive(ctx, cmd, "current", "live") &&
           checkExclusive(ctx, cmd, "current", "config");
}

std::optional<unsigned> deviceAffectFlags(Context& ctx, const ParsedCommand& cmd, const Domain& dom) {
    unsigned flags = 0;
    if (cmd.has("config") || cmd.has("persistent")) flags |= lv::kDomainAffectConfig;
    if (cmd.has("live")) flags |= lv::kDomainAffectLive;
    if (cmd.has("force")) flags |= lv::kDomainDeviceModifyForce;
    // --persistent means "the definition, and the running domain if there is one".
    if (cmd.has("persistent")) {
        auto active = dom.isActive();
        if (!active) {
            ctx.setLastError(active.error());
            return std::nullopt;
        }
        if (*active) flags |= lv::kDomainAffectLive;
    }
    return flags;
}

bool runDeviceChange(Context& ctx, const ParsedCommand& cmd,
                     const std::function<Status(const Domain&, const std::string&, unsigned)>& op,
                     std::string_view verb) {
    if (!deviceOptionsExclusive(ctx, cmd)) return false;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto flags = deviceAffectFlags(ctx, cmd, *dom);
    if (!flags) return false;
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "file", file)) return false;
    auto xml = readFileArg(ctx, *file);
    if (!xml) return false;
    if (auto st = op(*dom, *xml, *flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to {} device from {}", verb, *file));
    }
    const std::string_view done = verb == "attach" ? "attached" : verb == "detach" ? "detached" : "updated";
    ctx.printExtra(fmt::format("Device {} successfully\n", done));
    return true;
}

std::vector<OptionDef> deviceChangeOptions(bool with_force) {
    std::vector<OptionDef> opts = {
        domainOpt(),
        dataOpt("file", "XML file describing the device"),
        boolOpt("persistent", "change the definition too (and the running domain if any)"),
        configOpt(),
        liveOpt(),
        currentOpt(),
    };
    if (with_force) opts.push_back(boolOpt("force", "force the change (e.g. eject a locked medium)"));
    return opts;
}

std::optional<unsigned> parseShutdownModes(Context& ctx, const ParsedCommand& cmd, bool reboot) {
    std::optional<std::string> modes;
    if (!cmd.getString(ctx, "mode", modes)) return std::nullopt;
    unsigned flags = 0;
    if (!modes) return flags;
    size_t start = 0;
    // One iteration per comma-separated word.
    while (start <= modes->size()) {
        size_t end = modes->find(',', start);
        if (end == std::string::npos) end = modes->size();
        const std::string mode = modes->substr(start, end - start);
        if (mode == "acpi") {
            flags |= reboot ? lv::kDomainRebootAcpiPowerBtn : lv::kDomainShutdownAcpiPowerBtn;
        } else if (mode == "agent") {
            flags |= reboot ? lv::kDomainRebootGuestAgent : lv::kDomainShutdownGuestAgent;
        } else if (mode == "initctl") {
            flags |= reboot ? lv::kDomainRebootInitctl : lv::kDomainShutdownInitctl;
        } else if (mode == "signal") {
            flags |= reboot ? lv::kDomainRebootSignal : lv::kDomainShutdownSignal;
        } else if (mode == "paravirt") {
            flags |= reboot ? lv::kDomainRebootParavirt : lv::kDomainShutdownParavirt;
        } else {
            ctx.error(fmt::format("Unknown mode {} value, expecting 'acpi', 'agent', 'initctl', "
                                  "'signal', or 'paravirt'",
                                  mode));
            return std::nullopt;
        }
        start = end + 1;
    }
    return flags;
}

}  // namespace nodevirt::cli
