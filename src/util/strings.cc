#include "util/strings.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>

namespace nodevirt::str {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        size_t pos = s.find(sep, start);
        if (pos == std::string_view::npos) {
            out.emplace_back(s.substr(start));
            break;
        }
        out.emplace_back(s.substr(start, pos - start));
        start = pos + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out.append(sep);
        out.append(parts[i]);
    }
    return out;
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string toLower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<int64_t> parseInt64(std::string_view s, int base) {
    if (s.empty() || std::isspace(static_cast<unsigned char>(s.front()))) return std::nullopt;
    std::string buf(s);
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(buf.c_str(), &end, base);
    if (errno != 0 || end != buf.c_str() + buf.size()) return std::nullopt;
    return static_cast<int64_t>(v);
}

std::optional<uint64_t> parseUint64(std::string_view s, int base) {
    if (s.empty() || s.front() == '-' || std::isspace(static_cast<unsigned char>(s.front())))
        return std::nullopt;
    std::string buf(s);
    errno = 0;
    char* end = nullptr;
    unsigned long long v = std::strtoull(buf.c_str(), &end, base);
    if (errno != 0 || end != buf.c_str() + buf.size()) return std::nullopt;
    return static_cast<uint64_t>(v);
}

std::optional<int> parseInt(std::string_view s, int base) {
    auto v = parseInt64(s, base);
    if (!v || *v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
        return std::nullopt;
    return static_cast<int>(*v);
}

std::optional<unsigned> parseUint(std::string_view s, int base) {
    auto v = parseUint64(s, base);
    if (!v || *v > std::numeric_limits<unsigned>::max()) return std::nullopt;
    return static_cast<unsigned>(*v);
}

std::optional<double> parseDouble(std::string_view s) {
    if (s.empty()) return std::nullopt;
    std::string buf(s);
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(buf.c_str(), &end);
    if (errno != 0 || end != buf.c_str() + buf.size()) return std::nullopt;
    return v;
}

std::optional<uint64_t> unitScale(std::string_view unit, uint64_t default_scale) {
    if (unit.empty()) return default_scale;
    std::string u = toLower(unit);
    if (u == "b" || u == "byte" || u == "bytes") return 1;
    static constexpr char kPrefixes[] = "kmgtpe";
    char p = u[0];
    const char* at = std::char_traits<char>::find(kPrefixes, 6, p);
    if (!at) return std::nullopt;
    int power = static_cast<int>(at - kPrefixes) + 1;
    uint64_t base;
    std::string_view rest = std::string_view(u).substr(1);
    if (rest.empty() || rest == "ib") {
        base = 1024;
    } else if (rest == "b") {
        base = 1000;
    } else {
        return std::nullopt;
    }
    uint64_t scale = 1;
    for (int i = 0; i < power; ++i) scale *= base;
    return scale;
}

std::optional<uint64_t> scaleToUnit(uint64_t value, std::string_view unit, uint64_t default_scale,
                                    uint64_t result_scale) {
    auto scale = unitScale(unit, default_scale);
    if (!scale) return std::nullopt;
    if (value && *scale > std::numeric_limits<uint64_t>::max() / value) return std::nullopt;
    uint64_t bytes = value * *scale;
    // Round up to the result unit, as libvirt does for memory sizes.
    uint64_t out = bytes / result_scale + (bytes % result_scale ? 1 : 0);
    return out;
}

}  // namespace nodevirt::str
