// secret-define: define or modify a secret from an XML file.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/secret/secret_commands.h"

namespace nodevirt::cli {
namespace {

constexpr unsigned kDefineValidate = 1;  // VIR_SECRET_DEFINE_VALIDATE

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "file", file)) return false;
    auto xml = readFileArg(ctx, *file);
    if (!xml) return false;
    auto secret = ctx.conn().defineSecretXml(*xml, cmd.has("validate") ? kDefineValidate : 0);
    if (!secret) return failWith(ctx, secret.error(), fmt::format("Failed to set attributes from {}", *file));
    ctx.printExtra(fmt::format("Secret {} created\n", secret->uuidString()));
    return true;
}

}  // namespace

CommandDef secretDefineCommand() {
    return {"secret-define", CommandGroup::kSecret, "define or modify a secret from an XML file",
            "Defines a secret (its attributes; the value is set with secret-set-value).",
            {dataOpt("file", "XML file describing the secret"),
             boolOpt("validate", "check the XML against the schema first")},
            run};
}

}  // namespace nodevirt::cli
