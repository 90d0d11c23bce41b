// Shared by the golden tests of the XML families: finds the in/out document pairs and the
// error-case tables under tests/data/<family>/, and explains a mismatch by its first
// differing line.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace nodevirt::golden {

inline std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Names (without suffix) of the files in `dir` ending in `suffix`, sorted.
inline std::vector<std::string> listCases(const std::filesystem::path& dir,
                                          const std::string& suffix) {
    std::vector<std::string> out;
    if (!std::filesystem::is_directory(dir)) return out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        if (name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            out.push_back(name.substr(0, name.size() - suffix.size()));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// "line N: expected `...` got `...`" for the first differing line, empty when equal.
inline std::string firstDifference(const std::string& expected, const std::string& actual) {
    if (expected == actual) return {};
    std::istringstream e(expected), a(actual);
    std::string le, la;
    for (int line = 1;; ++line) {
        bool he = static_cast<bool>(std::getline(e, le));
        bool ha = static_cast<bool>(std::getline(a, la));
        if (!he && !ha) return "documents differ only in trailing newline";
        if (!he || !ha || le != la) {
            return "line " + std::to_string(line) + ": expected `" + (he ? le : "<eof>") +
                   "` got `" + (ha ? la : "<eof>") + "`\n--- full output ---\n" + actual;
        }
    }
}

struct ErrorCase {
    std::string file;
    int code = 0;
    std::string message;  // what our message must contain
};

// errors/expected.tsv (generated from libvirt: file, code, libvirt's message) with the
// substitutions from errors/overrides.tsv (hand-written: file, substring we check instead,
// for the few messages that come from a different XML library, e.g. malformed documents).
inline std::vector<ErrorCase> readErrorCases(const std::filesystem::path& dir) {
    std::map<std::string, std::string> overrides;
    std::ifstream ov(dir / "overrides.tsv");
    for (std::string line; std::getline(ov, line);) {
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        if (tab != std::string::npos) overrides[line.substr(0, tab)] = line.substr(tab + 1);
    }
    std::vector<ErrorCase> out;
    std::ifstream in(dir / "expected.tsv");
    for (std::string line; std::getline(in, line);) {
        auto t1 = line.find('\t');
        auto t2 = line.find('\t', t1 + 1);
        if (t1 == std::string::npos || t2 == std::string::npos) continue;
        ErrorCase c{line.substr(0, t1), std::stoi(line.substr(t1 + 1, t2 - t1 - 1)),
                    line.substr(t2 + 1)};
        while (!c.message.empty() && c.message.back() == ' ') c.message.pop_back();
        if (auto it = overrides.find(c.file); it != overrides.end()) c.message = it->second;
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace nodevirt::golden
