#include "cli/json_output.h"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/context.h"
#include "cli/parsed_command.h"
#include "cli/registry.h"

namespace nodevirt::cli {
namespace {

TEST(JsonOutputTest, RequestedGloballyOrPerCommand) {
    std::ostringstream out, err;
    CommandRegistry reg;
    Context ctx(out, err, reg);
    CommandDef with_json{"list", CommandGroup::kMonitor, "", "", {jsonOption()}, nullptr};
    CommandDef without{"uri", CommandGroup::kHost, "", "", {}, nullptr};
    ParsedCommand plain(&with_json);
    EXPECT_FALSE(wantJson(ctx, plain));
    ParsedCommand asked(&with_json);
    asked.add(0, std::nullopt);
    EXPECT_TRUE(wantJson(ctx, asked));
    ctx.flags().json = true;
    EXPECT_TRUE(wantJson(ctx, plain));
    EXPECT_FALSE(wantJson(ctx, ParsedCommand(&without)));
}

TEST(JsonOutputTest, PrintsOneDocumentAndMarksIt) {
    std::ostringstream out, err;
    CommandRegistry reg;
    Context ctx(out, err, reg);
    nlohmann::ordered_json doc;
    doc["b"] = 1;
    doc["a"] = "x\xff";
    EXPECT_FALSE(ctx.jsonEmitted());
    printJson(ctx, doc);
    EXPECT_TRUE(ctx.jsonEmitted());
    EXPECT_EQ(out.str(), "{\n  \"b\": 1,\n  \"a\": \"x\xef\xbf\xbd\"\n}\n");
}

}  // namespace
}  // namespace nodevirt::cli
