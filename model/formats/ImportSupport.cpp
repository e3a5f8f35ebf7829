#include "model/formats/ImportSupport.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioWriter.h"

namespace eventbench::model {

namespace {

void add(Diagnostics &out, const std::string &file, Diagnostic::Severity severity,
         const SourcePos &where, const std::string &message) {
    Diagnostic d;
    d.severity = severity;
    d.file = file;
    d.where = where;
    d.where.origin = -1;
    d.message = message;
    out.push_back(std::move(d));
}

} // namespace

void ImportLog::warn(const SourcePos &where, const std::string &message) {
    add(m_diagnostics, m_file, Diagnostic::Severity::Warning, where, message);
}

void ImportLog::error(const SourcePos &where, const std::string &message) {
    add(m_diagnostics, m_file, Diagnostic::Severity::Error, where, message);
}

std::optional<YamlNode> parseImportDocument(const std::string &text, ImportLog &log) {
    YamlReadResult read = readYaml(text);
    if (!read.root) {
        log.error(read.errorPos, read.error);
        return std::nullopt;
    }
    if (!read.root->isMap()) {
        log.error(read.root->pos,
                  "the document must be a map of keys, found " + describeType(*read.root));
        return std::nullopt;
    }
    return std::move(read.root);
}

std::optional<YamlNode> readImportDocument(const std::string &path, ImportLog &log) {
    std::string text;
    if (std::string error = readScenarioFile(path, text); !error.empty()) {
        log.error(SourcePos{}, error);
        return std::nullopt;
    }
    return parseImportDocument(text, log);
}

std::string uniqueNodeId(const std::string &name, std::set<std::string> &taken) {
    std::string id;
    for (const unsigned char c : name) {
        const bool ok = std::isalnum(c) || c == '_' || c == '.' || c == '-';
        if (ok)
            id += static_cast<char>(c);
        else if (!id.empty() && id.back() != '-')
            id += '-';
        if (id.size() >= 120)
            break;
    }
    while (!id.empty() && id.back() == '-')
        id.pop_back();
    if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0])))
        id = "n-" + id;
    if (id == "ledger" || id == "run")
        id += "-node";
    std::string candidate = id;
    for (int n = 2; taken.count(candidate); ++n)
        candidate = id + "-" + std::to_string(n);
    taken.insert(candidate);
    return candidate;
}

Edge plainEdge(const std::string &from, const std::string &to) {
    Edge e;
    e.from = from;
    e.to = to;
    return e;
}

ImportResult finishImport(Scenario scenario, ImportLog &log) {
    ImportResult result;
    if (!log.failed()) {
        const LoadResult back = loadScenarioText(writeScenarioYaml(scenario), log.file());
        for (const Diagnostic &d : back.diagnostics)
            if (d.severity == Diagnostic::Severity::Error)
                log.error(SourcePos{1, 1}, "the converted scenario is not valid: " + d.message);
        if (!log.failed())
            result.scenario = std::move(scenario);
    }
    result.diagnostics = log.take();
    return result;
}

std::optional<long long> scalarInteger(const YamlNode &node) {
    if (!node.isScalar() || node.scalar.empty())
        return std::nullopt;
    const std::string &s = node.scalar;
    long long v = 0;
    const char *first = s.data() + (s[0] == '+' ? 1 : 0);
    const auto [end, ec] = std::from_chars(first, s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::optional<double> scalarNumber(const YamlNode &node) {
    if (!node.isScalar() || node.scalar.empty() || node.scalar.size() > 64)
        return std::nullopt;
    char *end = nullptr;
    const double v = std::strtod(node.scalar.c_str(), &end);
    if (end != node.scalar.c_str() + node.scalar.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<bool> scalarBool(const YamlNode &node) {
    if (!node.isScalar() || node.quoted)
        return std::nullopt;
    if (node.scalar == "true" || node.scalar == "True" || node.scalar == "TRUE")
        return true;
    if (node.scalar == "false" || node.scalar == "False" || node.scalar == "FALSE")
        return false;
    return std::nullopt;
}

} // namespace eventbench::model
