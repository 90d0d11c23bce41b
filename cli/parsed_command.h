// One parsed command: its definition plus the option values given on the command line, with
// typed getters that report bad values with virsh's wording ("Numeric value 'x' for <count>
// option is malformed or out of range") before the command does anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/command_def.h"

namespace nodevirt::cli {

class Context;

class ParsedCommand {
public:
    ParsedCommand() = default;
    explicit ParsedCommand(const CommandDef* def) : def_(def) {}

    [[nodiscard]] const CommandDef& def() const { return *def_; }
    [[nodiscard]] const std::string& name() const { return def_->name; }

    // Records a value (nullopt for a flag) for the option at `index` in def().options.
    void add(size_t index, std::optional<std::string> value);

    // True when the option was given (flag or value).
    [[nodiscard]] bool has(std::string_view option) const;
    // The raw text of the first occurrence, nullptr when absent or a flag.
    [[nodiscard]] const std::string* raw(std::string_view option) const;
    // Every value of an argv option, in order.
    [[nodiscard]] std::vector<std::string> all(std::string_view option) const;

    // Typed getters: true on success (out stays nullopt when the option is absent); false
    // after printing the error through ctx when the value is unusable.
    bool getString(Context& ctx, std::string_view option, std::optional<std::string>& out) const;
    bool getInt(Context& ctx, std::string_view option, std::optional<int>& out) const;
    bool getUint(Context& ctx, std::string_view option, std::optional<unsigned>& out) const;
    bool getUlong(Context& ctx, std::string_view option, std::optional<uint64_t>& out) const;
    // A size with an optional unit suffix (K, MiB, GB, ...); `scale` is the unit of a bare
    // number, the result is in bytes and must not exceed `max`.
    bool getScaled(Context& ctx, std::string_view option, uint64_t scale, uint64_t max,
                   std::optional<uint64_t>& out) const;

private:
    [[nodiscard]] const std::string* valueFor(std::string_view option) const;

    const CommandDef* def_ = nullptr;
    std::vector<std::pair<size_t, std::optional<std::string>>> values_;
};

}  // namespace nodevirt::cli
