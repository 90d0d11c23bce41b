// StateDir: a driver's directory of persistent object configs ("<name>.xml") with an
// "autostart/" subdirectory of marker files, all written crash-safely (util/file_io.h).
// Loading is lenient: an unreadable file is reported and skipped, never fatal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nodevirt::core {

class StateDir {
  public:
    struct Entry {
        std::string name;     // file name without ".xml"
        std::string content;  // the saved XML
    };
    struct LoadResult {
        std::vector<Entry> entries;   // sorted by name
        std::vector<Error> problems;  // files that could not be read
    };

    explicit StateDir(std::string root) : root_(std::move(root)) {}

    // Creates the directory and its autostart/ subdirectory.
    Status init() const;
    [[nodiscard]] const std::string& root() const { return root_; }
    [[nodiscard]] std::string configPath(std::string_view name) const;
    [[nodiscard]] std::string autostartPath(std::string_view name) const;

    Status save(std::string_view name, std::string_view xml) const;
    // Removes the config and its autostart marker (absent files are fine).
    Status remove(std::string_view name) const;
    [[nodiscard]] LoadResult loadAll() const;

    Status setAutostart(std::string_view name, bool on) const;
    [[nodiscard]] bool isAutostart(std::string_view name) const;

    // Object names become file names: refuse empty names, '/', and leading '.'.
    static Status checkName(std::string_view name);

  private:
    std::string root_;
};

}  // namespace nodevirt::core
