#pragma once
// The CSV of eventbench's files (RFC 4180 quoting): writing a field, and splitting one line
// (no line break inside a field) keeping each field's column for diagnostics. Used by every
// CSV writer and by the readers of shard files and reports. Pure functions.
#include <string>
#include <string_view>
#include <vector>

namespace eventbench::model {

/// Appends `field` to `out`, quoted (its quotes doubled) when it holds a comma, a quote or a
/// line break.
void appendCsvField(std::string &out, std::string_view field);

/// `field` as appendCsvField writes it.
std::string csvField(std::string_view field);

/// One field of a CSV line and the column (1-based) it starts at.
struct CsvField {
    std::string text;
    int column = 1;
};

/// The fields of `line`; false on a misplaced quote.
bool splitCsvLine(const std::string &line, std::vector<CsvField> *fields);

/// The lines of `text` without their "\n" (a final newline ends the last line).
std::vector<std::string> csvLinesOf(const std::string &text);

} // namespace eventbench::model
