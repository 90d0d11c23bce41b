#include "cli/line_reader.h"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <istream>
#include <ostream>

namespace nodevirt::cli {
namespace {

constexpr size_t kMaxHistory = 500;
constexpr size_t kMaxLine = 64 * 1024;

// Restores the terminal mode when the line is done, whatever happens.
class RawMode {
public:
    explicit RawMode(int fd) : fd_(fd) {
        if (tcgetattr(fd_, &saved_) != 0) return;
        termios raw = saved_;
        raw.c_lflag &= static_cast<tcflag_t>(~(ECHO | ICANON | ISIG | IEXTEN));
        raw.c_iflag &= static_cast<tcflag_t>(~(IXON | ICRNL));
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        active_ = tcsetattr(fd_, TCSAFLUSH, &raw) == 0;
    }
    ~RawMode() {
        if (active_) tcsetattr(fd_, TCSAFLUSH, &saved_);
    }
    RawMode(const RawMode&) = delete;
    RawMode& operator=(const RawMode&) = delete;
    [[nodiscard]] bool active() const { return active_; }

private:
    int fd_;
    termios saved_{};
    bool active_ = false;
};

bool isWordChar(char c) { return c != ' ' && c != '\t'; }

}  // namespace

std::optional<std::string> StreamLineReader::readLine(std::string_view prompt) {
    out_ << prompt;
    out_.flush();
    std::string line;
    if (!std::getline(in_, line)) return std::nullopt;
    out_ << line << '\n';
    return line;
}

LineEditor::Action LineEditor::historyMove(int delta) {
    if (history_.empty()) return Action::kBell;
    size_t pos = history_pos_;
    if (delta < 0) {
        if (pos == 0) return Action::kBell;
        if (pos == static_cast<size_t>(-1)) {
            saved_ = text_;
            pos = history_.size();
        }
        --pos;
    } else {
        if (pos == static_cast<size_t>(-1)) return Action::kBell;
        ++pos;
        if (pos >= history_.size()) pos = static_cast<size_t>(-1);
    }
    history_pos_ = pos;
    text_ = pos == static_cast<size_t>(-1) ? saved_ : history_[pos];
    cursor_ = text_.size();
    return Action::kRedraw;
}

LineEditor::Action LineEditor::feedEscape(char c) {
    if (escape_state_ == 1) {
        escape_state_ = (c == '[' || c == 'O') ? 2 : 0;
        return Action::kNone;
    }
    if (escape_state_ == 3) {  // ESC [ digit ~
        escape_state_ = 0;
        if (c != '~') return Action::kNone;
        if (escape_digit_ == '3' && cursor_ < text_.size()) {  // Delete
            text_.erase(cursor_, 1);
            return Action::kRedraw;
        }
        if (escape_digit_ == '1' || escape_digit_ == '7') cursor_ = 0;
        if (escape_digit_ == '4' || escape_digit_ == '8') cursor_ = text_.size();
        return Action::kRedraw;
    }
    escape_state_ = 0;
    switch (c) {
        case 'A': return historyMove(-1);
        case 'B': return historyMove(+1);
        case 'C':
            if (cursor_ < text_.size()) ++cursor_;
            return Action::kRedraw;
        case 'D':
            if (cursor_ > 0) --cursor_;
            return Action::kRedraw;
        case 'H': cursor_ = 0; return Action::kRedraw;
        case 'F': cursor_ = text_.size(); return Action::kRedraw;
        default:
            if (c >= '0' && c <= '9') {
                escape_state_ = 3;
                escape_digit_ = c;
            }
            return Action::kNone;
    }
}

LineEditor::Action LineEditor::feed(char c) {
    if (escape_state_ != 0) return feedEscape(c);
    switch (c) {
        case '\r':
        case '\n': return Action::kAccept;
        case 0x1b: escape_state_ = 1; return Action::kNone;
        case 0x04:  // Ctrl-D: end of input on an empty line, else delete forward
            if (text_.empty()) return Action::kEof;
            if (cursor_ < text_.size()) text_.erase(cursor_, 1);
            return Action::kRedraw;
        case 0x03:  // Ctrl-C: abandon the line
            text_.clear();
            cursor_ = 0;
            return Action::kRedraw;
        case 0x7f:
        case 0x08:
            if (cursor_ == 0) return Action::kBell;
            text_.erase(--cursor_, 1);
            return Action::kRedraw;
        case 0x01: cursor_ = 0; return Action::kRedraw;             // Ctrl-A
        case 0x05: cursor_ = text_.size(); return Action::kRedraw;  // Ctrl-E
        case 0x02: if (cursor_ > 0) --cursor_; return Action::kRedraw;  // Ctrl-B
        case 0x06: if (cursor_ < text_.size()) ++cursor_; return Action::kRedraw;  // Ctrl-F
        case 0x0b: text_.erase(cursor_); return Action::kRedraw;  // Ctrl-K
        case 0x15:                                                 // Ctrl-U
            text_.erase(0, cursor_);
            cursor_ = 0;
            return Action::kRedraw;
        case 0x17: {  // Ctrl-W: delete the word before the cursor
            size_t start = cursor_;
            while (start > 0 && !isWordChar(text_[start - 1])) --start;
            while (start > 0 && isWordChar(text_[start - 1])) --start;
            text_.erase(start, cursor_ - start);
            cursor_ = start;
            return Action::kRedraw;
        }
        case 0x10: return historyMove(-1);  // Ctrl-P
        case 0x0e: return historyMove(+1);  // Ctrl-N
        default:
            if (static_cast<unsigned char>(c) < 0x20 || text_.size() >= kMaxLine) return Action::kBell;
            text_.insert(cursor_++, 1, c);
            return Action::kRedraw;
    }
}

void TerminalLineReader::write(std::string_view s) {
    // Short writes to a terminal are retried; errors end the attempt (nothing to report to).
    for (size_t done = 0, tries = 0; done < s.size() && tries < 64; ++tries) {
        const ssize_t n = ::write(out_fd_, s.data() + done, s.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<size_t>(n);
    }
}

void TerminalLineReader::redraw(std::string_view prompt, const LineEditor& editor) {
    std::string s = "\r";
    s += prompt;
    s += editor.text();
    s += "\x1b[K";  // clear to the end of the line
    const size_t back = editor.text().size() - editor.cursor();
    if (back > 0) s += "\x1b[" + std::to_string(back) + "D";
    write(s);
}

std::optional<std::string> TerminalLineReader::readLine(std::string_view prompt) {
    RawMode raw(in_fd_);
    write(prompt);
    LineEditor editor(history_);
    // One byte per iteration; a line is bounded by kMaxLine, the loop by end of input.
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(in_fd_, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (editor.text().empty()) return std::nullopt;
            write("\r\n");
            return editor.text();
        }
        switch (editor.feed(c)) {
            case LineEditor::Action::kAccept: {
                write("\r\n");
                std::string line = editor.text();
                if (!line.empty() && (history_.empty() || history_.back() != line)) {
                    history_.push_back(line);
                    if (history_.size() > kMaxHistory) history_.erase(history_.begin());
                }
                return line;
            }
            case LineEditor::Action::kEof: return std::nullopt;
            case LineEditor::Action::kRedraw: redraw(prompt, editor); break;
            case LineEditor::Action::kBell: write("\a"); break;
            case LineEditor::Action::kNone: break;
        }
    }
}

}  // namespace nodevirt::cli
