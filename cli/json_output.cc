#include "cli/json_output.h"

#include "cli/context.h"
#include "cli/parsed_command.h"

namespace nodevirt::cli {

OptionDef jsonOption() {
    return {"json", OptionType::kBool, 0, "print the result as a JSON document"};
}

bool wantJson(const Context& ctx, const ParsedCommand& cmd) {
    if (!cmd.def().hasOption("json")) return false;
    return ctx.flags().json || cmd.has("json");
}

void printJson(Context& ctx, const nlohmann::ordered_json& doc) {
    // Invalid UTF-8 in names must not abort the program: replace it.
    ctx.print(doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    ctx.print("\n");
    ctx.markJsonEmitted();
}

}  // namespace nodevirt::cli
