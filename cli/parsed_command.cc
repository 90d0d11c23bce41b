#include "cli/parsed_command.h"

#include <fmt/format.h>

#include "cli/context.h"
#include "cli/numbers.h"

namespace nodevirt::cli {
namespace {

void numericError(Context& ctx, const std::string& text, std::string_view option) {
    ctx.error(fmt::format("Numeric value '{}' for <{}> option is malformed or out of range", text,
                          option));
}

}  // namespace

void ParsedCommand::add(size_t index, std::optional<std::string> value) {
    values_.emplace_back(index, std::move(value));
}

bool ParsedCommand::has(std::string_view option) const {
    for (const auto& [index, value] : values_) {
        if (def_->options[index].name == option) return true;
    }
    return false;
}

const std::string* ParsedCommand::valueFor(std::string_view option) const {
    for (const auto& [index, value] : values_) {
        if (def_->options[index].name == option && value) return &*value;
    }
    return nullptr;
}

const std::string* ParsedCommand::raw(std::string_view option) const { return valueFor(option); }

std::vector<std::string> ParsedCommand::all(std::string_view option) const {
    std::vector<std::string> out;
    for (const auto& [index, value] : values_) {
        if (def_->options[index].name == option && value) out.push_back(*value);
    }
    return out;
}

bool ParsedCommand::getString(Context& ctx, std::string_view option,
                              std::optional<std::string>& out) const {
    out.reset();
    const std::string* v = valueFor(option);
    if (v == nullptr) return true;
    const OptionDef* def = def_->findOption(option);
    if (v->empty() && (def == nullptr || (def->flags & kOptEmptyOk) == 0)) {
        ctx.error(fmt::format("Failed to get option '{}': Option argument is empty", option));
        return false;
    }
    out = *v;
    return true;
}

bool ParsedCommand::getInt(Context& ctx, std::string_view option, std::optional<int>& out) const {
    out.reset();
    const std::string* v = valueFor(option);
    if (v == nullptr) return true;
    out = parseInt(*v);
    if (!out) numericError(ctx, *v, option);
    return out.has_value();
}

bool ParsedCommand::getUint(Context& ctx, std::string_view option,
                            std::optional<unsigned>& out) const {
    out.reset();
    const std::string* v = valueFor(option);
    if (v == nullptr) return true;
    out = parseUint(*v);
    if (!out) numericError(ctx, *v, option);
    return out.has_value();
}

bool ParsedCommand::getUlong(Context& ctx, std::string_view option,
                             std::optional<uint64_t>& out) const {
    out.reset();
    const std::string* v = valueFor(option);
    if (v == nullptr) return true;
    out = parseUlong(*v);
    if (!out) numericError(ctx, *v, option);
    return out.has_value();
}

bool ParsedCommand::getScaled(Context& ctx, std::string_view option, uint64_t scale, uint64_t max,
                              std::optional<uint64_t>& out) const {
    out.reset();
    const std::string* v = valueFor(option);
    if (v == nullptr) return true;
    auto number = parseNumberPrefix(*v);
    std::optional<uint64_t> bytes;
    if (number) {
        ScaleResult scaled = scaleInteger(number->value, number->suffix, scale, max);
        // The library's own reason (unknown suffix, overflow) follows virsh's line.
        if (scaled.error) ctx.setLastError(*scaled.error);
        bytes = scaled.bytes;
    }
    if (!bytes) {
        ctx.error(fmt::format(
            "Scaled numeric value '{}' for <{}> option is malformed or out of range", *v, option));
        return false;
    }
    out = bytes;
    return true;
}

}  // namespace nodevirt::cli
