// secret-undefine: delete a secret.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/secret/secret_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string uuid;
    auto secret = lookupSecret(ctx, cmd, &uuid);
    if (!secret) return false;
    if (auto st = secret->undefine(); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to delete secret {}", uuid));
    }
    ctx.printExtra(fmt::format("Secret {} deleted\n", uuid));
    return true;
}

}  // namespace

CommandDef secretUndefineCommand() {
    return {"secret-undefine", CommandGroup::kSecret, "undefine a secret",
            "Deletes a secret and its value.", {dataOpt("secret", "secret UUID")}, run};
}

}  // namespace nodevirt::cli
