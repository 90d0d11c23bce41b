// Where host facts come from: the few /proc and /sys files the capabilities document needs,
// read through this seam so tests can point it at a fixture tree instead of the real host.
#pragma once

#include <string>
#include <vector>

#include "util/result.h"

namespace nodevirt::qemu::caps {

class HostSource {
  public:
    virtual ~HostSource() = default;
    // Whole file contents ("/proc/cpuinfo"); an error if it cannot be read.
    virtual Result<std::string> readFile(const std::string& path) const = 0;
    // Entry names of a directory, sorted; empty if it does not exist.
    virtual std::vector<std::string> listDir(const std::string& path) const = 0;
};

// Reads below `root`: "/" for the real host, a fixture directory in tests
// (tests/data/qemu_caps_xml/hosts/<name>/proc/cpuinfo ...).
class RootedHostSource : public HostSource {
  public:
    explicit RootedHostSource(std::string root = "/");
    Result<std::string> readFile(const std::string& path) const override;
    std::vector<std::string> listDir(const std::string& path) const override;

  private:
    std::string root_;
};

}  // namespace nodevirt::qemu::caps
