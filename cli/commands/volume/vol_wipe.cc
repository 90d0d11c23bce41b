// vol-wipe: overwrite a volume's data.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

// virStorageVolWipeAlgorithm values, by name.
std::optional<unsigned> algorithm(std::string_view name) {
    static constexpr std::string_view kNames[] = {"zero",     "nnsa",      "dod",
                                                  "bsi",      "gutmann",   "schneier",
                                                  "pfitzner7", "pfitzner33", "random", "trim"};
    for (unsigned i = 0; i < std::size(kNames); ++i) {
        if (kNames[i] == name) return i;
    }
    return std::nullopt;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto vol = lookupVolume(ctx, cmd, &name);
    if (!vol) return false;
    std::optional<std::string> alg_name;
    if (!cmd.getString(ctx, "algorithm", alg_name)) return false;
    unsigned alg = 0;
    if (alg_name) {
        auto a = algorithm(*alg_name);
        if (!a) {
            ctx.error(fmt::format("Unsupported algorithm '{}'", *alg_name));
            return false;
        }
        alg = *a;
    }
    if (auto st = vol->wipe(alg); !st) return failWith(ctx, st.error(), fmt::format("Failed to wipe vol {}", name));
    ctx.printExtra(fmt::format("Vol {} wiped\n", name));
    return true;
}

}  // namespace

CommandDef volWipeCommand() {
    return {"vol-wipe", CommandGroup::kVolume, "wipe a vol",
            "Overwrites the data of a volume (zeros by default, or --algorithm).",
            {dataOpt("vol", "volume name, key or path"), stringOpt("pool", "pool name or UUID"),
             stringOpt("algorithm", "zero, nnsa, dod, bsi, gutmann, schneier, pfitzner7, "
                                    "pfitzner33, random or trim")},
            run};
}

}  // namespace nodevirt::cli
