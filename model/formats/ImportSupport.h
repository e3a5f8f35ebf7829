#pragma once
// What the importers of other formats (`eventbench import omb|asyncapi`, README.md#importing-
// and-exporting) share: reading the document with the scenario loader's bounds, the log of
// positioned warnings and errors about it, and node ids made from names that the scenario
// format would refuse. Pure functions and plain values; no Qt.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

/// What an import produced: the scenario (when there is no error) and every diagnostic about
/// the source document, warnings included.
struct ImportResult {
    std::optional<Scenario> scenario;
    Diagnostics diagnostics;
};

/// Collects the diagnostics of one import, all about the document `file`.
class ImportLog {
  public:
    explicit ImportLog(std::string file) : m_file(std::move(file)) {}
    void warn(const SourcePos &where, const std::string &message);
    void warn(const YamlNode &node, const std::string &message) { warn(node.pos, message); }
    void error(const SourcePos &where, const std::string &message);
    void error(const YamlNode &node, const std::string &message) { error(node.pos, message); }
    bool failed() const { return hasErrors(m_diagnostics); }
    const std::string &file() const { return m_file; }
    Diagnostics take() { return std::move(m_diagnostics); }

  private:
    std::string m_file;
    Diagnostics m_diagnostics;
};

/// Reads and parses the document at `path` (YAML or JSON) within the loader's bounds; an
/// unreadable or malformed document is an error in `log`.
std::optional<YamlNode> readImportDocument(const std::string &path, ImportLog &log);
/// The same for a document already in memory.
std::optional<YamlNode> parseImportDocument(const std::string &text, ImportLog &log);

/// The node ids one conversion has given out, so that each new one is unique.
class NodeIds {
  public:
    /// A valid node id made from `name` (letters, digits, '_', '.', '-', starting with a
    /// letter), not given out before and not reserved.
    std::string unique(const std::string &name);

  private:
    std::set<std::string> m_taken;
    // The suffix to try next for a base id: many nodes of one name cost one probe each, not
    // one per node already named so.
    std::map<std::string, int> m_nextSuffix;
};

/// A plain edge `from -> to`.
Edge plainEdge(const std::string &from, const std::string &to);

/// Checks the finished scenario with the scenario validator (by writing it out and loading it
/// back, as the user will): what the validator refuses is an error at the document's start.
ImportResult finishImport(Scenario scenario, ImportLog &log);

/// A scalar as a whole number, when it is one (decimal, optional sign).
std::optional<long long> scalarInteger(const YamlNode &node);
/// A scalar as a number, when it is one.
std::optional<double> scalarNumber(const YamlNode &node);
/// A scalar as a boolean (true/false), when it is one.
std::optional<bool> scalarBool(const YamlNode &node);

} // namespace eventbench::model
