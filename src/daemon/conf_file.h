// A parser for libvirtd.conf-style files: `key = value` lines where a value is an integer, a
// quoted string ("..." or '...') or a list of strings `[ "a", "b" ]` that may span lines;
// `#` starts a comment. Errors name the file, line and what was wrong.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nodevirt::daemon {

struct ConfValue {
    enum class Kind { kInt, kString, kList };
    Kind kind = Kind::kInt;
    int64_t number = 0;
    std::string text;
    std::vector<std::string> list;
};

struct ConfEntry {
    std::string key;
    ConfValue value;
    int line = 0;
};

struct ConfFile {
    std::string name;  // file name, for messages
    std::vector<ConfEntry> entries;  // in file order; a repeated key keeps every occurrence
};

Result<ConfFile> parseConf(std::string_view text, std::string name);
Result<ConfFile> loadConf(const std::string& path);

}  // namespace nodevirt::daemon
