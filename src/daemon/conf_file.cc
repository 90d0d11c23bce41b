#include "daemon/conf_file.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "util/strings.h"

namespace nodevirt::daemon {
namespace {

// A cursor over the text that tracks the line for messages.
class Scanner {
  public:
    Scanner(std::string_view text, const std::string& name) : text_(text), name_(name) {}

    [[nodiscard]] bool atEnd() const { return pos_ >= text_.size(); }
    [[nodiscard]] char peek() const { return atEnd() ? '\0' : text_[pos_]; }
    [[nodiscard]] int line() const { return line_; }
    char take() {
        char c = text_[pos_++];
        if (c == '\n') ++line_;
        return c;
    }
    // Skips blanks and comments; newlines too when `newlines`.
    void skipSpace(bool newlines) {
        while (!atEnd()) {
            char c = peek();
            if (c == '#') {
                while (!atEnd() && peek() != '\n') take();
            } else if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
                take();
            } else {
                return;
            }
        }
    }
    Error error(std::string_view what) const {
        return invalidArg(fmt::format("{}:{}: {}", name_, line_, what));
    }

  private:
    std::string_view text_;
    const std::string& name_;
    size_t pos_ = 0;
    int line_ = 1;
};

bool isKeyStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isKeyChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

Result<std::string> parseString(Scanner& s) {
    char quote = s.take();
    std::string out;
    while (true) {
        if (s.atEnd() || s.peek() == '\n') return fail(s.error("unterminated string"));
        char c = s.take();
        if (c == quote) return out;
        out.push_back(c);
    }
}

Result<int64_t> parseNumber(Scanner& s) {
    std::string digits;
    if (s.peek() == '-' || s.peek() == '+') digits.push_back(s.take());
    while (!s.atEnd() && std::isalnum(static_cast<unsigned char>(s.peek()))) digits.push_back(s.take());
    std::optional<int64_t> n = str::parseInt64(digits);
    if (!n) return fail(s.error(fmt::format("expected a number, a string or a list, got '{}'", digits)));
    return *n;
}

Result<std::vector<std::string>> parseList(Scanner& s) {
    s.take();  // '['
    std::vector<std::string> out;
    while (true) {
        s.skipSpace(true);
        if (s.atEnd()) return fail(s.error("unterminated list"));
        if (s.peek() == ']') {
            s.take();
            return out;
        }
        if (s.peek() != '"' && s.peek() != '\'') return fail(s.error("list items must be strings"));
        NODEVIRT_ASSIGN_OR_RETURN(std::string item, parseString(s));
        out.push_back(std::move(item));
        s.skipSpace(true);
        if (s.peek() == ',') {
            s.take();
        } else if (s.peek() != ']') {
            return fail(s.error("expected ',' or ']' in list"));
        }
    }
}

Result<ConfValue> parseValue(Scanner& s) {
    ConfValue v;
    char c = s.peek();
    if (c == '"' || c == '\'') {
        v.kind = ConfValue::Kind::kString;
        NODEVIRT_ASSIGN_OR_RETURN(v.text, parseString(s));
    } else if (c == '[') {
        v.kind = ConfValue::Kind::kList;
        NODEVIRT_ASSIGN_OR_RETURN(v.list, parseList(s));
    } else {
        v.kind = ConfValue::Kind::kInt;
        NODEVIRT_ASSIGN_OR_RETURN(v.number, parseNumber(s));
    }
    return v;
}

}  // namespace

Result<ConfFile> parseConf(std::string_view text, std::string name) {
    ConfFile out;
    out.name = std::move(name);
    Scanner s(text, out.name);
    while (true) {
        s.skipSpace(true);
        if (s.atEnd()) return out;
        if (!isKeyStart(s.peek())) return fail(s.error(fmt::format("unexpected '{}'", s.peek())));
        ConfEntry entry;
        entry.line = s.line();
        while (!s.atEnd() && isKeyChar(s.peek())) entry.key.push_back(s.take());
        s.skipSpace(false);
        if (s.peek() != '=') return fail(s.error(fmt::format("expected '=' after '{}'", entry.key)));
        s.take();
        s.skipSpace(false);
        if (s.atEnd() || s.peek() == '\n') {
            return fail(s.error(fmt::format("missing value for '{}'", entry.key)));
        }
        NODEVIRT_ASSIGN_OR_RETURN(entry.value, parseValue(s));
        s.skipSpace(false);
        if (!s.atEnd() && s.peek() != '\n') {
            return fail(s.error(fmt::format("unexpected text after the value of '{}'", entry.key)));
        }
        out.entries.push_back(std::move(entry));
    }
}

Result<ConfFile> loadConf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(systemError(errno, "cannot read configuration file " + path));
    std::ostringstream buf;
    buf << in.rdbuf();
    return parseConf(buf.str(), path);
}

}  // namespace nodevirt::daemon
