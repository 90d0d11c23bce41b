// Resolving the object a command names, the way virsh does: domains by id, then UUID, then
// name; networks and pools by UUID then name; volumes by name in --pool, key, then path.
// On failure virsh's "failed to get ..." line is printed (plus the library's error for
// everything but domains) and nullopt returned.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli/context.h"
#include "cli/parsed_command.h"
#include "nodevirt/connection.h"

namespace nodevirt::cli {

inline constexpr unsigned kById = 1;
inline constexpr unsigned kByUuid = 2;
inline constexpr unsigned kByName = 4;
inline constexpr unsigned kByAny = kById | kByUuid | kByName;

// The text the user typed for `option` is stored in `given` (when not null), for messages
// that quote it.
std::optional<Domain> lookupDomain(Context& ctx, const ParsedCommand& cmd,
                                   std::string* given = nullptr, unsigned by = kByAny,
                                   std::string_view option = "domain");
std::optional<Domain> lookupDomainText(Context& ctx, const std::string& text, unsigned by = kByAny);

std::optional<Network> lookupNetwork(Context& ctx, const ParsedCommand& cmd,
                                     std::string* given = nullptr,
                                     std::string_view option = "network",
                                     unsigned by = kByUuid | kByName);
std::optional<StoragePool> lookupPool(Context& ctx, const ParsedCommand& cmd,
                                      std::string* given = nullptr,
                                      std::string_view option = "pool",
                                      unsigned by = kByUuid | kByName);
// `pool_option` empty: the command has no --pool option.
std::optional<StorageVolume> lookupVolume(Context& ctx, const ParsedCommand& cmd,
                                          std::string* given = nullptr,
                                          std::string_view option = "vol",
                                          std::string_view pool_option = "pool");
std::optional<NodeDevice> lookupNodeDevice(Context& ctx, const ParsedCommand& cmd,
                                           std::string_view option = "device");
std::optional<Interface> lookupInterface(Context& ctx, const ParsedCommand& cmd,
                                         std::string* given = nullptr,
                                         std::string_view option = "interface");
std::optional<Secret> lookupSecret(Context& ctx, const ParsedCommand& cmd,
                                   std::string* given = nullptr,
                                   std::string_view option = "secret");

}  // namespace nodevirt::cli
