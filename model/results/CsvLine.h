#pragma once
// Splits one line of the CSV files eventbench writes (RFC 4180 quoting, no line break inside
// a field), keeping each field's column for diagnostics. Used by the readers of shard files
// and of reports (ShardFiles, ReportReader). Pure function.
#include <string>
#include <vector>

namespace eventbench::model {

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
