#include "driver/uri.h"

#include <fmt/format.h>

#include <cctype>

#include "util/strings.h"

namespace nodevirt::driver {
namespace {

// Query parameters only the client-side remote driver interprets.
constexpr const char* kClientOnlyParams[] = {"name",        "command", "socket",    "netcat",
                                             "keyfile",     "sshauth", "no_verify", "no_tty",
                                             "pkipath",     "known_hosts", "known_hosts_verify",
                                             "tls_priority", "mode",   "proxy",     "authtype"};

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string unescape(std::string_view s, bool plus_is_space = false) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
            out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
            i += 2;
        } else if (plus_is_space && s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string escapeParam(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/' || c == ':' || c == ',')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

Error badUri(const std::string& text, std::string_view why) {
    return Error::make(ErrorCode::kInvalidArg, ErrorDomain::kUri,
                       fmt::format("cannot parse URI '{}': {}", text, why));
}

}  // namespace

Result<Uri> Uri::parse(const std::string& text) {
    Uri u;
    auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0) return fail(badUri(text, "missing scheme"));
    u.scheme = text.substr(0, colon);
    for (char c : u.scheme) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
            return fail(badUri(text, "invalid character in scheme"));
    }
    auto plus = u.scheme.find('+');
    u.driver = u.scheme.substr(0, plus);
    if (plus != std::string::npos) u.transport = u.scheme.substr(plus + 1);
    std::string_view rest = std::string_view(text).substr(colon + 1);
    if (auto hash = rest.find('#'); hash != std::string_view::npos) {
        u.fragment = std::string(rest.substr(hash + 1));
        rest = rest.substr(0, hash);
    }
    std::string_view query;
    if (auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    if (str::startsWith(rest, "//")) {
        rest.remove_prefix(2);
        auto slash = rest.find('/');
        std::string_view authority = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
        if (auto at = authority.rfind('@'); at != std::string_view::npos) {
            u.user = unescape(authority.substr(0, at));
            authority = authority.substr(at + 1);
        }
        std::string_view host = authority;
        if (str::startsWith(authority, "[")) {
            auto close = authority.find(']');
            if (close == std::string_view::npos) return fail(badUri(text, "unterminated IPv6 address"));
            host = authority.substr(1, close - 1);
            authority = authority.substr(close + 1);
            if (!authority.empty() && authority[0] != ':') return fail(badUri(text, "junk after IPv6 address"));
        } else if (auto pc = authority.rfind(':'); pc != std::string_view::npos) {
            host = authority.substr(0, pc);
            authority = authority.substr(pc);
        } else {
            authority = {};
        }
        u.host = std::string(host);
        if (str::startsWith(authority, ":") && authority.size() > 1) {
            auto port = str::parseInt(authority.substr(1));
            if (!port || *port <= 0 || *port > 65535) return fail(badUri(text, "invalid port"));
            u.port = *port;
        }
    }
    u.path = unescape(rest);
    if (!query.empty()) {
        for (const auto& kv : str::split(query, '&')) {
            if (kv.empty()) continue;
            auto eq = kv.find('=');
            if (eq == std::string::npos)
                u.params.emplace_back(unescape(kv, true), "");
            else
                u.params.emplace_back(unescape(kv.substr(0, eq), true), unescape(kv.substr(eq + 1), true));
        }
    }
    return u;
}

std::string Uri::toString() const {
    std::string out = scheme + ":";
    if (!host.empty() || !user.empty() || port || str::startsWith(path, "/") || path.empty()) {
        out += "//";
        if (!user.empty()) out += user + "@";
        if (host.find(':') != std::string::npos)
            out += "[" + host + "]";
        else
            out += host;
        if (port) out += fmt::format(":{}", port);
    }
    out += path;
    for (size_t i = 0; i < params.size(); ++i) {
        out += i ? '&' : '?';
        out += escapeParam(params[i].first);
        out += '=';
        out += escapeParam(params[i].second);
    }
    if (!fragment.empty()) out += "#" + fragment;
    return out;
}

std::optional<std::string> Uri::param(const std::string& key) const {
    for (const auto& [k, v] : params)
        if (k == key) return v;
    return std::nullopt;
}

std::string Uri::serverName() const {
    Uri s;
    s.scheme = driver;
    s.driver = driver;
    s.path = path;
    s.fragment = fragment;
    for (const auto& kv : params) {
        bool client_only = false;
        for (const char* p : kClientOnlyParams)
            if (kv.first == p) client_only = true;
        if (!client_only) s.params.push_back(kv);
    }
    if (auto name = param("name")) return *name;
    return s.toString();
}

}  // namespace nodevirt::driver
