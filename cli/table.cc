#include "cli/table.h"

#include <algorithm>
#include <cstdint>

namespace nodevirt::cli {
namespace {

// Decodes one UTF-8 sequence at `i`; invalid bytes count as one column each.
char32_t decode(std::string_view s, size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int extra = 0;
    char32_t cp = b0;
    if (b0 >= 0xF0 && b0 < 0xF8) {
        extra = 3;
        cp = b0 & 0x07;
    } else if (b0 >= 0xE0) {
        extra = 2;
        cp = b0 & 0x0F;
    } else if (b0 >= 0xC0) {
        extra = 1;
        cp = b0 & 0x1F;
    }
    if (b0 >= 0x80 && extra == 0) {
        ++i;
        return 0xFFFD;
    }
    if (extra > 0 && i + extra >= s.size()) {  // truncated sequence
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k <= extra; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    i += 1 + extra;
    return cp;
}

bool isCombining(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B;
}

bool isWide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

void appendRow(std::string& out, const std::vector<std::string>& cells,
               const std::vector<size_t>& widths) {
    out += ' ';
    for (size_t c = 0; c < widths.size(); ++c) {
        const std::string cell = c < cells.size() ? cells[c] : std::string();
        out += cell;
        if (c + 1 == widths.size()) break;
        out.append(widths[c] - std::min(widths[c], displayWidth(cell)), ' ');
        out += "   ";
    }
    out += '\n';
}

}  // namespace

size_t displayWidth(std::string_view text) {
    size_t width = 0;
    for (size_t i = 0; i < text.size();) {
        const char32_t c = decode(text, i);
        if (isCombining(c)) continue;
        width += isWide(c) ? 2 : 1;
    }
    return width;
}

std::string Table::render(bool with_header) const {
    std::vector<size_t> widths(header_.size(), 0);
    // Quiet mode sizes the columns by the rows alone, as virsh does.
    if (with_header) {
        for (size_t c = 0; c < header_.size(); ++c) widths[c] = displayWidth(header_[c]);
    }
    for (const auto& row : rows_) {
        for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
            widths[c] = std::max(widths[c], displayWidth(row[c]));
        }
    }
    std::string out;
    if (with_header) {
        appendRow(out, header_, widths);
        size_t total = 1;
        for (size_t w : widths) total += w + 3;
        // The dash line is as wide as the padded header line plus two.
        out.append(total - 3 + 2, '-');
        out += '\n';
    }
    for (const auto& row : rows_) appendRow(out, row, widths);
    return out;
}

}  // namespace nodevirt::cli
