// Printing XML documents for the *-dumpxml commands, with the client-side --xpath / --wrap
// filter virsh offers: the matching nodes (or the value of a scalar expression) instead of
// the whole document.
#pragma once

#include <string>
#include <string_view>

#include "cli/command_def.h"

namespace nodevirt::cli {

class Context;
class ParsedCommand;

// Escaping for text placed in a single-quoted XML attribute / in element content.
std::string xmlAttr(std::string_view s);
std::string xmlText(std::string_view s);

// --xpath (named only) and --wrap, for a command's option table.
OptionDef xpathOption();
OptionDef wrapOption();

// Prints `xml` whole, or filtered by the command's --xpath; false after an error.
bool printXml(Context& ctx, const ParsedCommand& cmd, const std::string& xml);

}  // namespace nodevirt::cli
