// Line input for the interactive shell. On a terminal a small line editor (cursor keys,
// history, Ctrl-A/E/K/U/W, Ctrl-D at an empty line = end); otherwise plain lines, with the
// prompt and the line echoed so a transcript reads like a terminal session.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nodevirt::cli {

class LineReader {
public:
    virtual ~LineReader() = default;
    // The next line without its newline; nullopt at end of input.
    virtual std::optional<std::string> readLine(std::string_view prompt) = 0;
};

// Reads from a stream that is not a terminal.
class StreamLineReader : public LineReader {
public:
    StreamLineReader(std::istream& in, std::ostream& out) : in_(in), out_(out) {}
    std::optional<std::string> readLine(std::string_view prompt) override;

private:
    std::istream& in_;
    std::ostream& out_;
};

// The editing state of one line; separate from the terminal so it can be tested.
class LineEditor {
public:
    explicit LineEditor(const std::vector<std::string>& history) : history_(history) {}

    enum class Action { kNone, kRedraw, kAccept, kEof, kBell };
    // Feeds one input byte (escape sequences arrive byte by byte).
    Action feed(char c);

    [[nodiscard]] const std::string& text() const { return text_; }
    [[nodiscard]] size_t cursor() const { return cursor_; }

private:
    Action feedEscape(char c);
    Action historyMove(int delta);

    const std::vector<std::string>& history_;
    std::string text_;
    size_t cursor_ = 0;
    int escape_state_ = 0;  // 0 none, 1 after ESC, 2 after ESC [ (3: ESC [ digit)
    char escape_digit_ = 0;
    size_t history_pos_ = static_cast<size_t>(-1);  // -1: editing a new line
    std::string saved_;                              // the new line while browsing history
};

// A line editor on a terminal file descriptor (raw mode only while reading a line).
class TerminalLineReader : public LineReader {
public:
    TerminalLineReader(int in_fd, int out_fd) : in_fd_(in_fd), out_fd_(out_fd) {}
    std::optional<std::string> readLine(std::string_view prompt) override;

private:
    void redraw(std::string_view prompt, const LineEditor& editor);
    void write(std::string_view s);

    int in_fd_;
    int out_fd_;
    std::vector<std::string> history_;
};

}  // namespace nodevirt::cli
