// list: the domains of the connection, as a table or as names / UUIDs / ids.
#include <strings.h>

#include <algorithm>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/table.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

using Json = nlohmann::ordered_json;

struct Filter {
    const char* option;
    unsigned flag;
};

constexpr Filter kFilters[] = {
    {"persistent", lv::kConnectListDomainsPersistent},
    {"transient", lv::kConnectListDomainsTransient},
    {"with-managed-save", lv::kConnectListDomainsManagedsave},
    {"without-managed-save", lv::kConnectListDomainsNoManagedsave},
    {"autostart", lv::kConnectListDomainsAutostart},
    {"no-autostart", lv::kConnectListDomainsNoAutostart},
    {"with-snapshot", lv::kConnectListDomainsHasSnapshot},
    {"without-snapshot", lv::kConnectListDomainsNoSnapshot},
    {"with-checkpoint", lv::kConnectListDomainsHasCheckpoint},
    {"without-checkpoint", lv::kConnectListDomainsNoCheckpoint},
    {"state-running", lv::kConnectListDomainsRunning},
    {"state-paused", lv::kConnectListDomainsPaused},
    {"state-shutoff", lv::kConnectListDomainsShutoff},
    {"state-other", lv::kConnectListDomainsOther},
};

unsigned listFlags(const ParsedCommand& cmd) {
    unsigned flags = lv::kConnectListDomainsActive;
    if (cmd.has("inactive")) flags = lv::kConnectListDomainsInactive;
    if (cmd.has("all")) flags = lv::kConnectListDomainsActive | lv::kConnectListDomainsInactive;
    for (const Filter& f : kFilters) {
        if (cmd.has(f.option)) flags |= f.flag;
    }
    return flags;
}

// Running domains by id, then inactive ones by name (case-insensitive), as virsh sorts.
void sortDomains(std::vector<Domain>& doms) {
    std::sort(doms.begin(), doms.end(), [](const Domain& a, const Domain& b) {
        const bool ia = a.id() < 0, ib = b.id() < 0;
        if (ia != ib) return ib;
        if (!ia) return a.id() < b.id();
        return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
    });
}

// The title (or "" when there is none); nullopt after a real error.
std::optional<std::string> titleOf(Context& ctx, const Domain& dom) {
    auto md = dom.metadata(static_cast<int>(lv::kDomainMetadataTitle), std::nullopt, 0);
    if (md) return md->value_or("");
    if (md.error().code == ErrorCode::kNoDomainMetadata) return std::string();
    ctx.setLastError(md.error());
    return std::nullopt;
}

// The State column: "saved" for a shut-off domain with a managed save image (--managed-save).
std::optional<std::string> stateText(const Domain& dom, Context& ctx, bool managed) {
    auto st = queryDomainState(ctx, dom);
    if (!st) return std::nullopt;
    if (managed && st->state == DomainState::kShutoff) {
        if (auto has = dom.hasManagedSaveImage(); has && *has) return std::string("saved");
    }
    return std::string(domainStateName(st->state));
}

bool printJsonList(Context& ctx, const std::vector<Domain>& doms) {
    Json arr = Json::array();
    for (const Domain& d : doms) {
        auto st = queryDomainState(ctx, d);
        if (!st) {
            ctx.clearLastError();
            continue;  // gone meanwhile
        }
        Json j = domainIdentityJson(d);
        j["state"] = domainStateName(st->state);
        j["reason"] = domainStateReasonName(st->state, st->reason);
        auto persistent = d.isPersistent();
        j["persistent"] = persistent ? Json(*persistent) : Json();
        auto autostart = d.autostart();
        j["autostart"] = autostart ? Json(*autostart) : Json();
        auto managed = d.hasManagedSaveImage();
        j["managed_save"] = managed ? Json(*managed) : Json();
        auto title = titleOf(ctx, d);
        if (!title) return false;
        j["title"] = *title;
        arr.push_back(std::move(j));
    }
    printJson(ctx, {{"domains", arr}});
    return true;
}

bool printPlain(Context& ctx, const ParsedCommand& cmd, const std::vector<Domain>& doms) {
    const bool uuid = cmd.has("uuid"), id = cmd.has("id"), name = cmd.has("name");
    std::string out;
    for (const Domain& d : doms) {
        std::vector<std::string> fields;
        if (uuid) fields.push_back(d.uuidString());
        if (id) {
            // Ids alone are printed for running domains only.
            if (d.id() < 0 && !uuid && !name) continue;
            fields.push_back(d.id() >= 0 ? std::to_string(d.id()) : "-");
        }
        if (name) fields.push_back(d.name());
        for (size_t i = 0; i < fields.size(); ++i) out += (i ? " " : "") + fields[i];
        out += '\n';
    }
    ctx.print(out);
    return true;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    for (const char* other : {"name", "uuid", "id"}) {
        if (!checkExclusive(ctx, cmd, "table", other)) return false;
    }
    auto doms = ctx.conn().listAllDomains(listFlags(cmd));
    if (!doms) return failWith(ctx, doms.error(), "Failed to list domains");
    sortDomains(*doms);
    if (wantJson(ctx, cmd)) return printJsonList(ctx, *doms);
    if (cmd.has("uuid") || cmd.has("name") || cmd.has("id")) return printPlain(ctx, cmd, *doms);

    const bool with_title = cmd.has("title");
    Table table(with_title ? std::vector<std::string>{"Id", "Name", "State", "Title"}
                           : std::vector<std::string>{"Id", "Name", "State"});
    for (const Domain& d : *doms) {
        auto state = stateText(d, ctx, cmd.has("managed-save"));
        if (!state) {
            ctx.clearLastError();
            continue;  // removed meanwhile
        }
        std::vector<std::string> row{d.id() >= 0 ? std::to_string(d.id()) : "-", d.name(), *state};
        if (with_title) {
            auto title = titleOf(ctx, d);
            if (!title) return false;
            row.push_back(*title);
        }
        table.addRow(std::move(row));
    }
    ctx.print(table.render(!ctx.flags().quiet));
    return true;
}

}  // namespace

CommandDef listCommand() {
    std::vector<OptionDef> opts = {
        boolOpt("inactive", "list inactive domains"),
        boolOpt("all", "list inactive and active domains"),
        boolOpt("transient", "list transient domains"),
        boolOpt("persistent", "list persistent domains"),
        boolOpt("with-snapshot", "list domains that have snapshots"),
        boolOpt("without-snapshot", "list domains without snapshots"),
        boolOpt("with-checkpoint", "list domains that have checkpoints"),
        boolOpt("without-checkpoint", "list domains without checkpoints"),
        boolOpt("state-running", "list running domains"),
        boolOpt("state-paused", "list paused domains"),
        boolOpt("state-shutoff", "list shut off domains"),
        boolOpt("state-other", "list domains in other states"),
        boolOpt("autostart", "list domains that start at boot"),
        boolOpt("no-autostart", "list domains that do not start at boot"),
        boolOpt("with-managed-save", "list domains with a managed save image"),
        boolOpt("without-managed-save", "list domains without a managed save image"),
        boolOpt("uuid", "print UUIDs only"),
        boolOpt("name", "print names only"),
        boolOpt("id", "print ids only"),
        boolOpt("table", "print a table (the default)"),
        boolOpt("managed-save", "show inactive domains with a managed save image as 'saved'"),
        boolOpt("title", "add a Title column"),
        jsonOption(),
    };
    return {"list", CommandGroup::kMonitor, "list domains",
            "Lists the running domains, or with --all also the inactive ones; the filters "
            "combine.",
            std::move(opts), run};
}

}  // namespace nodevirt::cli
