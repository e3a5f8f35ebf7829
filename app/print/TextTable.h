#pragma once
// Column-aligned text tables for the `runs` commands: rows of cells, each column as wide as
// its widest cell, optional marked rows (a `*` in front and, on a colour terminal, bold).
#include <cstdio>
#include <string>
#include <vector>

namespace eventbench::app {

class TextTable {
  public:
    explicit TextTable(std::vector<std::string> header, bool marks = false);

    void addRow(std::vector<std::string> cells, bool marked = false);
    bool empty() const { return m_rows.empty(); }
    /// Prints the header and rows; `colour` highlights marked rows with ANSI bold yellow.
    void print(std::FILE *out, bool colour) const;

    /// True when `out` is a terminal and NO_COLOR is unset.
    static bool colourFor(std::FILE *out);

  private:
    struct Row {
        std::vector<std::string> cells;
        bool marked = false;
    };
    std::vector<std::string> m_header;
    std::vector<Row> m_rows;
    bool m_marks;
};

} // namespace eventbench::app
