#include "model/yaml/FieldReader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "model/scenario/Units.h"

namespace eventbench::model {

namespace {

// Optimal string alignment distance: edits and swaps of neighbours, case-insensitive.
std::size_t editDistance(std::string_view a, std::string_view b) {
    auto lower = [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    };
    const std::size_t w = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * w);
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i * w] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            std::size_t v = std::min(
                {d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1]))
                v = std::min(v, d[(i - 2) * w + j - 2] + 1);
            d[i * w + j] = v;
        }
    }
    return d[a.size() * w + b.size()];
}

std::string quote(std::string_view s) {
    // Keep messages one line and short whatever the file holds.
    std::string out;
    for (char c : s.substr(0, 60))
        out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (s.size() > 60)
        out += "...";
    return "'" + out + "'";
}

} // namespace

std::string closestMatch(std::string_view word, const std::vector<std::string_view> &candidates) {
    std::string_view best;
    std::size_t bestDistance = 3;
    for (auto c : candidates) {
        if (word.size() > c.size() + 2 || c.size() > word.size() + 2)
            continue; // too far apart to be a typo (and keeps junk keys cheap)
        const std::size_t d = editDistance(word, c);
        const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(2, c.size() / 3));
        if (d <= limit && d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return std::string(best);
}

std::string didYouMean(std::string_view word, const std::vector<std::string_view> &candidates) {
    const std::string m = closestMatch(word, candidates);
    return m.empty() ? std::string() : " (did you mean '" + m + "'?)";
}

FieldReader::FieldReader(std::string fileName, std::vector<std::string> overrides, Diagnostics &out)
    : m_fileName(std::move(fileName)), m_overrides(std::move(overrides)), m_out(out) {}

void FieldReader::error(const YamlNode &at, const std::string &message) {
    error(at.pos, at.origin, message);
}

void FieldReader::error(SourcePos at, int origin, const std::string &message) {
    if (origin < 0)
        origin = at.origin;
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.nodeId = m_currentNode;
    if (origin >= 0 && static_cast<std::size_t>(origin) < m_overrides.size()) {
        d.file = "--set";
        d.message =
            printableText("in '" + m_overrides[static_cast<std::size_t>(origin)] + "': " + message);
    } else {
        d.file = m_fileName;
        d.where = at;
        d.message = printableText(message);
    }
    m_out.push_back(std::move(d));
    ++m_errors;
}

void FieldReader::readFields(const YamlNode &map, const std::string &what,
                             const std::vector<Field> &fields,
                             const std::function<std::string(std::string_view)> &elsewhere) {
    if (!map.isMap())
        return;
    for (std::size_t i = 0; i < map.keys.size(); ++i) {
        const YamlNode &keyNode = map.keys[i];
        const std::string &key = keyNode.scalar;
        const int first = map.indexOf(key);
        if (first >= 0 && static_cast<std::size_t>(first) < i) {
            const int line = map.keys[static_cast<std::size_t>(first)].pos.line;
            error(keyNode, "duplicate key " + quote(key) + " in " + what +
                               (line > 0 ? " (first given on line " + std::to_string(line) + ")"
                                         : std::string()));
            continue;
        }
        auto field = std::find_if(fields.begin(), fields.end(),
                                  [&](const Field &f) { return f.name == key; });
        if (field != fields.end()) {
            if (field->read)
                field->read(map.values[i]);
            continue;
        }
        std::string hint = elsewhere ? elsewhere(key) : std::string();
        if (hint.empty()) {
            std::vector<std::string_view> names;
            for (const auto &f : fields)
                names.push_back(f.name);
            hint = didYouMean(key, names);
        }
        error(keyNode, "unknown key " + quote(key) + " in " + what + hint);
    }
}

bool FieldReader::require(const YamlNode &map, std::string_view key, const std::string &what,
                          const YamlNode &at) {
    if (!map.isMap() || map.find(key))
        return true;
    error(at, what + " is missing the required key '" + std::string(key) + "'");
    return false;
}

bool FieldReader::expectMap(const YamlNode &node, const std::string &what) {
    if (node.isMap())
        return true;
    error(node, what + ": expected a map ({key: value, ...}), found " + describeType(node));
    return false;
}

std::optional<std::string> FieldReader::scalarOf(const YamlNode &n, const std::string &what,
                                                 const char *expected) {
    if (n.isScalar())
        return n.scalar;
    error(n, what + ": expected " + expected + ", found " + describeType(n));
    return std::nullopt;
}

std::optional<std::string> FieldReader::text(const YamlNode &n, const std::string &what) {
    if (n.isNull())
        return std::string(); // `description:` with nothing after it
    return scalarOf(n, what, "a text");
}

std::optional<std::string> FieldReader::nodeId(const YamlNode &n, const std::string &what) {
    auto s = scalarOf(n, what, "a node id");
    if (s && s->empty()) {
        error(n, what + ": expected a node id, found an empty text");
        return std::nullopt;
    }
    return s;
}

std::optional<bool> FieldReader::boolean(const YamlNode &n, const std::string &what) {
    auto s = scalarOf(n, what, "true or false");
    if (!s)
        return std::nullopt;
    std::string lower = *s;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "true" || lower == "yes" || lower == "on")
        return true;
    if (lower == "false" || lower == "no" || lower == "off")
        return false;
    error(n, what + ": expected true or false, found " + quote(*s));
    return std::nullopt;
}

std::optional<std::int64_t> FieldReader::integer(const YamlNode &n, const std::string &what,
                                                 std::int64_t min, std::int64_t max) {
    auto s = scalarOf(n, what, "a whole number");
    if (!s)
        return std::nullopt;
    std::string err;
    auto v = parseCount(*s, &err);
    if (!v) {
        error(n, what + ": " + err);
        return std::nullopt;
    }
    if (*v != std::floor(*v)) {
        error(n, what + ": expected a whole number, found " + quote(*s));
        return std::nullopt;
    }
    if (*v < static_cast<double>(min) || *v > static_cast<double>(max)) {
        error(n, what + ": must be between " + std::to_string(min) + " and " + std::to_string(max) +
                     ", found " + quote(*s));
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*v);
}

std::optional<double> FieldReader::number(const YamlNode &n, const std::string &what, double min,
                                          double max) {
    auto s = scalarOf(n, what, "a number");
    if (!s)
        return std::nullopt;
    std::string_view t = *s;
    while (!t.empty() && t.front() == ' ')
        t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ')
        t.remove_suffix(1);
    if (!t.empty() && t.front() == '+')
        t.remove_prefix(1);
    double v = 0;
    auto res = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || res.ec != std::errc() || res.ptr != t.data() + t.size() || !std::isfinite(v)) {
        error(n, what + ": expected a number, found " + quote(*s));
        return std::nullopt;
    }
    if (v < min || v > max) {
        const bool unit = min == 0.0 && max == 1.0;
        error(n, what +
                     (unit ? ": a probability must be between 0 and 1, found "
                           : ": must be between " + formatNumber(min) + " and " +
                                 formatNumber(max) + ", found ") +
                     quote(*s));
        return std::nullopt;
    }
    return v;
}

std::optional<int> FieldReader::choice(const YamlNode &n, const std::string &what,
                                       std::initializer_list<std::string_view> choices) {
    return choice(n, what, std::vector<std::string_view>(choices));
}

std::optional<int> FieldReader::choice(const YamlNode &n, const std::string &what,
                                       const std::vector<std::string_view> &names) {
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i)
        list += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + std::string(names[i]);
    auto s = scalarOf(n, what, ("one of " + list).c_str());
    if (!s)
        return std::nullopt;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (*s == names[i])
            return static_cast<int>(i);
    error(n, what + ": expected " + list + ", found " + quote(*s) + didYouMean(*s, names));
    return std::nullopt;
}

std::optional<SimTime> FieldReader::duration(const YamlNode &n, const std::string &what) {
    auto s = scalarOf(n, what, "a duration such as 250ms or 5m");
    if (!s)
        return std::nullopt;
    std::string err;
    auto v = parseDuration(*s, &err);
    if (!v)
        error(n, what + ": " + err);
    return v;
}

std::optional<SimTime> FieldReader::positiveDuration(const YamlNode &n, const std::string &what) {
    auto v = duration(n, what);
    if (v && *v <= 0) {
        error(n, what + ": must be greater than 0");
        return std::nullopt;
    }
    return v;
}

std::optional<double> FieldReader::rate(const YamlNode &n, const std::string &what) {
    auto s = scalarOf(n, what, "a rate such as 200/s");
    if (!s)
        return std::nullopt;
    std::string err;
    auto v = parseRate(*s, &err);
    if (!v)
        error(n, what + ": " + err);
    return v;
}

std::optional<double> FieldReader::size(const YamlNode &n, const std::string &what) {
    auto s = scalarOf(n, what, "a size such as 1KB");
    if (!s)
        return std::nullopt;
    std::string err;
    auto v = parseSize(*s, &err);
    if (!v)
        error(n, what + ": " + err);
    return v;
}

std::optional<double> FieldReader::count(const YamlNode &n, const std::string &what) {
    auto s = scalarOf(n, what, "a count such as 5000 or 5k");
    if (!s)
        return std::nullopt;
    std::string err;
    auto v = parseCount(*s, &err);
    if (!v)
        error(n, what + ": " + err);
    return v;
}

std::optional<RetrySpec> FieldReader::retry(const YamlNode &n, RetrySpec defaults,
                                            const std::string &what) {
    if (!expectMap(n, what))
        return std::nullopt;
    RetrySpec r = defaults;
    const std::size_t before = m_errors;
    readFields(n, what,
               {{"max_attempts",
                 [&](const YamlNode &v) {
                     assignIf(r.maxAttempts, integer(v, what + ".max_attempts", 1, 1'000'000));
                 }},
                {"backoff",
                 [&](const YamlNode &v) { assignIf(r.backoff, duration(v, what + ".backoff")); }},
                {"multiplier", [&](const YamlNode &v) {
                     assignIf(r.multiplier, number(v, what + ".multiplier", 0, 1000));
                 }}});
    if (m_errors != before)
        return std::nullopt;
    return r;
}

} // namespace eventbench::model
