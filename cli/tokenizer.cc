#include "cli/tokenizer.h"

namespace nodevirt::cli {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

Token StringTokenizer::next() {
    const size_t n = line_.size();
    // Skip blanks and escaped newlines (a line continuation).
    while (pos_ < n) {
        if (isBlank(line_[pos_])) {
            ++pos_;
        } else if (line_[pos_] == '\\' && pos_ + 1 < n && line_[pos_ + 1] == '\n') {
            pos_ += 2;
        } else {
            break;
        }
    }
    if (pos_ >= n) return {TokenKind::kEnd, {}};
    char c = line_[pos_];
    if (c == ';' || c == '\n') {
        ++pos_;
        return {TokenKind::kCommandEnd, {}};
    }
    if (c == '#') {  // a comment runs to the end of the line
        while (pos_ < n && line_[pos_] != '\n') ++pos_;
        if (pos_ < n) ++pos_;
        return {TokenKind::kCommandEnd, {}};
    }

    std::string text;
    bool in_single = false;
    bool in_double = false;
    while (pos_ < n) {
        c = line_[pos_];
        if (!in_single && !in_double && (isBlank(c) || c == ';' || c == '\n')) break;
        if (!in_double && c == '\'') {
            in_single = !in_single;
            ++pos_;
            continue;
        }
        if (!in_single && c == '\\') {
            // As in the shell: a backslash escapes inside "..." too, but not inside '...'.
            ++pos_;
            if (pos_ >= n) return {TokenKind::kError, "dangling \\"};
            if (line_[pos_] == '\n') {
                ++pos_;
                continue;
            }
            text.push_back(line_[pos_++]);
            continue;
        }
        if (!in_single && c == '"') {
            in_double = !in_double;
            ++pos_;
            continue;
        }
        text.push_back(c);
        ++pos_;
    }
    if (in_double) return {TokenKind::kError, "missing \""};
    return {TokenKind::kArg, std::move(text)};
}

Token ArgvTokenizer::next() {
    if (pos_ >= words_.size()) return {TokenKind::kEnd, {}};
    return {TokenKind::kArg, words_[pos_++]};
}

}  // namespace nodevirt::cli
