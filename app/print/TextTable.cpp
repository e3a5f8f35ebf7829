#include "app/print/TextTable.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace eventbench::app {

TextTable::TextTable(std::vector<std::string> header, bool marks)
    : m_header(std::move(header)), m_marks(marks) {}

void TextTable::addRow(std::vector<std::string> cells, bool marked) {
    cells.resize(m_header.size());
    m_rows.push_back({std::move(cells), marked});
}

void TextTable::print(std::FILE *out, bool colour) const {
    std::vector<std::size_t> widths(m_header.size());
    for (std::size_t c = 0; c < m_header.size(); ++c) {
        widths[c] = m_header[c].size();
        for (const auto &r : m_rows)
            widths[c] = std::max(widths[c], r.cells[c].size());
    }
    auto line = [&](const std::vector<std::string> &cells, bool marked) {
        std::string s = m_marks ? (marked ? "* " : "  ") : "";
        for (std::size_t c = 0; c < cells.size(); ++c) {
            s += cells[c];
            // The last column is not padded: no trailing blanks.
            if (c + 1 < cells.size())
                s += std::string(widths[c] - cells[c].size() + 2, ' ');
        }
        while (!s.empty() && s.back() == ' ')
            s.pop_back();
        if (marked && colour)
            std::fprintf(out, "\033[1;33m%s\033[0m\n", s.c_str());
        else
            std::fprintf(out, "%s\n", s.c_str());
    };
    // A table of label/value pairs has no header to print.
    if (std::any_of(m_header.begin(), m_header.end(), [](const auto &h) { return !h.empty(); }))
        line(m_header, false);
    for (const auto &r : m_rows)
        line(r.cells, r.marked);
}

bool TextTable::colourFor(std::FILE *out) {
    const char *noColour = std::getenv("NO_COLOR");
    return isatty(fileno(out)) && !(noColour && *noColour);
}

} // namespace eventbench::app
