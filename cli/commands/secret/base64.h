// Base64 (RFC 4648, with padding) for secret values on the command line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nodevirt::cli {

std::string base64Encode(std::string_view data);
// nullopt for text that is not valid base64 (blanks and newlines are ignored).
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace nodevirt::cli
