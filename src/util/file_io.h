// Whole-file reads and crash-safe writes (temp file, fsync, rename, fsync of the directory),
// so an acknowledged change survives kill -9 and power loss.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace nodevirt::file {

Result<std::string> readAll(const std::string& path, size_t max_bytes = 64u << 20);
Status writeAtomic(const std::string& path, std::string_view content, unsigned mode = 0600);
Status removeFile(const std::string& path);  // ok if it did not exist
Status makeDirs(const std::string& path, unsigned mode = 0755);
bool exists(const std::string& path);

}  // namespace nodevirt::file
