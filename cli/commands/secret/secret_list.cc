// secret-list: the secrets (UUID and usage).
#include <algorithm>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/secret/secret_commands.h"
#include "cli/json_output.h"
#include "cli/table.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

std::string_view usageName(int type) {
    static constexpr std::string_view kNames[] = {"none", "volume", "ceph", "iscsi", "tls", "vtpm"};
    return type >= 0 && static_cast<size_t>(type) < std::size(kNames) ? kNames[type] : "unknown";
}

// The secrets, falling back to the old count-then-list calls when the server lacks the
// newer one.
std::optional<std::vector<Secret>> collect(Context& ctx, unsigned flags) {
    auto all = ctx.conn().listAllSecrets(flags);
    if (all) return std::move(*all);
    if (all.error().code != ErrorCode::kNoSupport || flags != 0) {
        failWith(ctx, all.error(), "Failed to list secrets");
        return std::nullopt;
    }
    auto n = ctx.conn().numOfSecrets();
    if (!n) {
        failWith(ctx, n.error(), "Failed to count secrets");
        return std::nullopt;
    }
    auto uuids = ctx.conn().listSecrets(*n);
    if (!uuids) {
        failWith(ctx, uuids.error(), "Failed to list secrets");
        return std::nullopt;
    }
    std::vector<Secret> out;
    for (const std::string& u : *uuids) {
        if (auto s = ctx.conn().lookupSecretByUuidString(u)) out.push_back(*s);
    }
    return out;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    unsigned flags = 0;
    if (cmd.has("ephemeral")) flags |= lv::kConnectListSecretsEphemeral;
    if (cmd.has("no-ephemeral")) flags |= lv::kConnectListSecretsNoEphemeral;
    if (cmd.has("private")) flags |= lv::kConnectListSecretsPrivate;
    if (cmd.has("no-private")) flags |= lv::kConnectListSecretsNoPrivate;
    auto secrets = collect(ctx, flags);
    if (!secrets) return false;
    std::sort(secrets->begin(), secrets->end(),
              [](const Secret& a, const Secret& b) { return a.uuidString() < b.uuidString(); });
    Table table({"UUID", "Usage"});
    auto arr = nlohmann::ordered_json::array();
    for (const Secret& s : *secrets) {
        const std::string usage = fmt::format("{} {}", usageName(s.usageType()), s.usageId());
        table.addRow({s.uuidString(), usage});
        arr.push_back({{"uuid", s.uuidString()}, {"usage_type", usageName(s.usageType())},
                       {"usage_id", s.usageId()}});
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"secrets", arr}});
    } else {
        ctx.print(table.render(!ctx.flags().quiet));
    }
    return true;
}

}  // namespace

CommandDef secretListCommand() {
    return {"secret-list", CommandGroup::kSecret, "list secrets",
            "Lists the secrets with their usage.",
            {boolOpt("ephemeral", "list ephemeral secrets"),
             boolOpt("no-ephemeral", "list non-ephemeral secrets"),
             boolOpt("private", "list private secrets"),
             boolOpt("no-private", "list non-private secrets"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
