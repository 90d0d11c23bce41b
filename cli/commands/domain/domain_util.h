// Helpers shared by the domain commands: the JSON identity of a domain, and the live state
// query with virsh's fallback from virDomainGetState to virDomainGetInfo.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "cli/command_def.h"
#include "cli/context.h"
#include "cli/parsed_command.h"
#include "nodevirt/domain.h"

namespace nodevirt::cli {

// {"id": N|null, "name": ..., "uuid": ...}
nlohmann::ordered_json domainIdentityJson(const Domain& dom);

// The state and reason; nullopt (with the library error kept in ctx) when neither call works.
std::optional<DomainStateReason> queryDomainState(Context& ctx, const Domain& dom);

// Looks up --domain, runs `op` and prints `done` (informational) or `failed` (an error
// followed by the library's); both are fmt patterns with one {} for the domain as typed.
bool runDomainAction(Context& ctx, const ParsedCommand& cmd,
                     const std::function<Status(const Domain&)>& op, std::string_view done,
                     std::string_view failed);

// Looks up --domain and parses its XML (flags: lv::kDomainXml*); false after an error.
bool loadDomainXml(Context& ctx, const ParsedCommand& cmd, unsigned flags, pugi::xml_document& doc);

// The string value of an XPath expression evaluated at `node` ("" when it is empty or
// malformed).
std::string xpathString(const pugi::xml_node& node, const char* expr);

// attach-device / detach-device / update-device: --persistent/--config/--live/--current
// handling, reading the XML file and virsh's messages ("Device attached successfully").
// `verb` is "attach", "detach" or "update".
bool runDeviceChange(Context& ctx, const ParsedCommand& cmd,
                     const std::function<Status(const Domain&, const std::string&, unsigned)>& op,
                     std::string_view verb);
// Their option table; `with_force` adds update-device's --force.
std::vector<OptionDef> deviceChangeOptions(bool with_force);
// The flags for --persistent/--config/--live/--current of device commands; nullopt after an
// error. `dom` decides whether --persistent also affects the live domain.
std::optional<unsigned> deviceAffectFlags(Context& ctx, const ParsedCommand& cmd, const Domain& dom);
bool deviceOptionsExclusive(Context& ctx, const ParsedCommand& cmd);

// Parses a shutdown/reboot --mode list ("acpi,agent") into flags; nullopt after an error.
std::optional<unsigned> parseShutdownModes(Context& ctx, const ParsedCommand& cmd, bool reboot);

}  // namespace nodevirt::cli
