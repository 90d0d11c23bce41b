// Column tables as virsh prints them: a header, a dash line, then rows; every column as wide
// as its widest cell (in terminal columns), cells joined by three spaces, every cell but the
// last of a line padded. With -q the header and dash line are left out and do not count
// towards the column widths.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nodevirt::cli {

class Table {
public:
    explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
    void addRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    [[nodiscard]] size_t rowCount() const { return rows_.size(); }
    // The formatted table; `with_header` false for quiet mode.
    [[nodiscard]] std::string render(bool with_header = true) const;

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

// The number of terminal columns `text` occupies (UTF-8; East Asian wide characters count
// two, combining marks zero).
size_t displayWidth(std::string_view text);

}  // namespace nodevirt::cli
