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

/// Where `text` stops being UTF-8 (an overlong form, a surrogate or a code point past U+10FFFF
/// count as not), or npos.
std::size_t firstNonUtf8(const std::string &text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        int more = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + static_cast<std::size_t>(more) >= text.size())
            return i;
        for (int k = 1; k <= more; ++k) {
            const auto t = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((t & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (t & 0x3F);
        }
        if ((more == 2 && cp < 0x800) || (more == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += static_cast<std::size_t>(more) + 1;
    }
    return std::string::npos;
}

/// The 1-based line and column of byte `at` of `text`.
SourcePos positionOf(const std::string &text, std::size_t at) {
    SourcePos pos{1, 1};
    for (std::size_t i = 0; i < at && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++pos.column;
        }
    }
    return pos;
}

} // namespace

void ImportLog::warn(const SourcePos &where, const std::string &message) {
    add(m_diagnostics, m_file, Diagnostic::Severity::Warning, where, message);
}

void ImportLog::error(const SourcePos &where, const std::string &message) {
    add(m_diagnostics, m_file, Diagnostic::Severity::Error, where, message);
}

std::optional<YamlNode> parseImportDocument(const std::string &text, ImportLog &log) {
    // YAML and JSON documents are Unicode; the schema checks and the JSON writer read text as
    // UTF-8 and must not be handed anything else.
    if (const std::size_t bad = firstNonUtf8(text); bad != std::string::npos) {
        static const char *hex = "0123456789ABCDEF";
        const auto b = static_cast<unsigned char>(text[bad]);
        log.error(positionOf(text, bad), std::string("the document is not UTF-8 text (byte 0x") +
                                             hex[b >> 4] + hex[b & 15] +
                                             " here); save it as UTF-8");
        return std::nullopt;
    }
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

std::string NodeIds::unique(const std::string &name) {
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
    int &next = m_nextSuffix.try_emplace(id, 2).first->second;
    while (m_taken.count(candidate))
        candidate = id + "-" + std::to_string(next++);
    m_taken.insert(candidate);
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
