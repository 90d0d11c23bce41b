// Splits a command line into tokens the way virsh does: blanks separate tokens, ';' or a
// newline ends a command, quotes and backslashes protect characters, '#' starts a comment.
// Tokens are produced one at a time so that parse errors come out in virsh's order.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nodevirt::cli {

enum class TokenKind {
    kArg,         // one argument (text holds it, quotes removed)
    kCommandEnd,  // ';', newline or comment: the current command is complete
    kEnd,         // nothing left
    kError,       // malformed quoting; text holds the message ("missing \"")
};

struct Token {
    TokenKind kind = TokenKind::kEnd;
    std::string text;
};

// A source of tokens for the command parser.
class TokenSource {
public:
    virtual ~TokenSource() = default;
    virtual Token next() = 0;
};

// Tokens of one command string (`nodevirt 'cmd a; cmd b'`, or a line of the shell).
class StringTokenizer : public TokenSource {
public:
    explicit StringTokenizer(std::string_view line) : line_(line) {}
    Token next() override;

private:
    std::string_view line_;
    size_t pos_ = 0;
};

// Tokens of an argv vector (`nodevirt domstate test --reason`): each word is one token,
// verbatim; the words form a single command.
class ArgvTokenizer : public TokenSource {
public:
    explicit ArgvTokenizer(std::vector<std::string> words) : words_(std::move(words)) {}
    Token next() override;

private:
    std::vector<std::string> words_;
    size_t pos_ = 0;
};

}  // namespace nodevirt::cli
