// secret-get-value: print a secret's value (base64, or raw with --plain).
#include "cli/command_util.h"
#include "cli/commands/secret/base64.h"
#include "cli/commands/secret/secret_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto secret = lookupSecret(ctx, cmd);
    if (!secret) return false;
    auto value = secret->value();
    if (!value) return failWith(ctx, value.error());
    // No final newline, as in virsh: the value is printed exactly.
    ctx.print(cmd.has("plain") ? *value : base64Encode(*value));
    return true;
}

}  // namespace

CommandDef secretGetValueCommand() {
    return {"secret-get-value", CommandGroup::kSecret, "Output a secret value",
            "Prints the value of a secret, base64-encoded unless --plain.",
            {dataOpt("secret", "secret UUID"), boolOpt("plain", "print the raw bytes")}, run};
}

}  // namespace nodevirt::cli
