#pragma once
// Writes one of the CLI's text outputs (sweep.csv, replications.csv, a shard's files) whole,
// reporting `FILE: error: cannot write the file` on stderr when it cannot.
#include <filesystem>
#include <string>

namespace eventbench::app {

/// Replaces the file at `path` with `text`; false (reported) when it cannot be written.
bool writeTextFile(const std::filesystem::path &path, const std::string &text);

} // namespace eventbench::app
