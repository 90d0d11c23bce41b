// Checks every registered command's option table against virsh 9.0's, as recorded in
// tests/cli/virsh_options.txt: same names, order, types, required and named-only options.
// nodevirt's own additions (--json, aliases) are not part of virsh's tables.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/registry.h"

namespace nodevirt::cli {
namespace {

std::string describe(const OptionDef& o) {
    static const char* const kTypes[] = {"bool", "string", "int", "data", "argv", "alias"};
    std::string s = o.name + ":" + kTypes[static_cast<int>(o.type)];
    if ((o.flags & kOptRequired) != 0) s += "!";
    if (o.type != OptionType::kBool && (o.flags & kOptNamedOnly) != 0) s += "N";
    return s;
}

TEST(OptionsTableTest, MatchesVirsh) {
    CommandRegistry reg;
    registerAllCommands(reg);
    std::ifstream in("tests/cli/virsh_options.txt");
    ASSERT_TRUE(in) << "run from the source tree root";
    std::string line;
    int checked = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string name;
        words >> name;
        std::vector<std::string> expected;
        for (std::string w; words >> w;) expected.push_back(w);
        const CommandDef* def = reg.find(name);
        ASSERT_NE(def, nullptr) << "command not registered: " << name;
        std::vector<std::string> actual;
        for (const OptionDef& o : def->options) {
            if (o.type == OptionType::kAlias || o.name == "json") continue;
            actual.push_back(describe(o));
        }
        EXPECT_EQ(actual, expected) << "options of " << name;
        ++checked;
    }
    EXPECT_GT(checked, 100);
}

TEST(OptionsTableTest, EveryCommandHasHelpAndAHandler) {
    CommandRegistry reg;
    registerAllCommands(reg);
    for (const CommandDef& def : reg.all()) {
        EXPECT_FALSE(def.summary.empty()) << def.name;
        EXPECT_FALSE(def.description.empty()) << def.name;
        EXPECT_NE(def.handler, nullptr) << def.name;
        for (const OptionDef& o : def.options) EXPECT_FALSE(o.help.empty()) << def.name << " --" << o.name;
    }
}

}  // namespace
}  // namespace nodevirt::cli
