#include "model/scenario/ExpectationParser.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace eventbench::model {

namespace {

struct StatName {
    const char *name;
    Expectation::Stat stat;
};
constexpr std::array<StatName, 8> kStats = {{{"final", Expectation::Stat::Final},
                                             {"max", Expectation::Stat::Max},
                                             {"min", Expectation::Stat::Min},
                                             {"mean", Expectation::Stat::Mean},
                                             {"total", Expectation::Stat::Total},
                                             {"p50", Expectation::Stat::P50},
                                             {"p95", Expectation::Stat::P95},
                                             {"p99", Expectation::Stat::P99}}};

struct OpName {
    const char *text;
    Expectation::Op op;
};
// Two-character operators first so that `<=` is not read as `<`.
constexpr std::array<OpName, 6> kOps = {{{"<=", Expectation::Op::LessEq},
                                         {">=", Expectation::Op::GreaterEq},
                                         {"==", Expectation::Op::Equal},
                                         {"!=", Expectation::Op::NotEqual},
                                         {"<", Expectation::Op::Less},
                                         {">", Expectation::Op::Greater}}};

// value = number * multiply / divide; sub-second units divide by an exact power of ten so
// that `250ms` is exactly the double nearest 0.25 s.
struct UnitFactor {
    const char *unit;
    double multiply;
    double divide;
};
constexpr std::array<UnitFactor, 19> kUnits = {{
    {"ns", 1, 1e9},
    {"us", 1, 1e6},
    {"ms", 1, 1e3},
    {"s", 1, 1},
    {"m", 60, 1},
    {"h", 3600, 1},
    {"d", 86400, 1},
    {"k", 1e3, 1},
    {"M", 1e6, 1},
    {"G", 1e9, 1},
    {"B", 1, 1},
    {"KB", 1e3, 1},
    {"MB", 1e6, 1},
    {"GB", 1e9, 1},
    {"TB", 1e12, 1},
    {"KiB", 1024.0, 1},
    {"MiB", 1048576.0, 1},
    {"GiB", 1073741824.0, 1},
    {"TiB", 1099511627776.0, 1},
}};

bool isAlpha(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool isRefChar(char c) {
    return isAlpha(c) || isDigit(c) || c == '_' || c == '.' || c == '-';
}

// A failed parse: message and 0-based offset.
struct Failure {
    std::string message;
    std::size_t offset = 0;
};

class Parser {
  public:
    explicit Parser(std::string_view text) : m_text(text) {}

    std::optional<Expectation> parse(Failure &fail) {
        Expectation e;
        std::size_t p = skip(0);
        if (p == m_text.size())
            return failAt(fail, "empty expectation", p);
        std::size_t w = p;
        while (w < m_text.size() && (isAlpha(m_text[w]) || isDigit(m_text[w])))
            ++w;
        const std::size_t paren = skip(w);
        std::string head;
        if (w > p && paren < m_text.size() && m_text[paren] == '(') {
            const std::string_view word = m_text.substr(p, w - p);
            bool known = false;
            for (const auto &s : kStats)
                if (word == s.name) {
                    e.stat = s.stat;
                    known = true;
                }
            if (!known)
                return failAt(fail,
                              "unknown statistic '" + std::string(word) +
                                  "' (expected final, max, min, mean, total, p50, p95 or p99)",
                              p);
            p = skip(paren + 1);
            if (!parseRef(p, e, fail))
                return std::nullopt;
            p = skip(p);
            if (p >= m_text.size() || m_text[p] != ')')
                return failAt(fail, "expected ')'", p);
            p = skip(p + 1);
            head = std::string(word) + "(" + e.node + "." + e.metric + ")";
        } else {
            if (!parseRef(p, e, fail))
                return std::nullopt;
            p = skip(p);
            head = e.node + "." + e.metric;
        }

        std::string opText;
        for (const auto &o : kOps)
            if (m_text.substr(p).starts_with(o.text)) {
                e.op = o.op;
                opText = o.text;
                break;
            }
        if (opText.empty())
            return failAt(fail, "expected a comparison operator (<, <=, >, >=, == or !=)", p);
        p = skip(p + opText.size());

        const std::size_t valueStart = p;
        if (!parseValue(p, e.value, fail))
            return std::nullopt;
        const std::string valueText(m_text.substr(valueStart, p - valueStart));
        p = skip(p);
        if (p != m_text.size())
            return failAt(fail, "unexpected text after the value", p);

        e.text = head + " " + opText + " " + valueText;
        return e;
    }

  private:
    std::size_t skip(std::size_t p) const {
        while (p < m_text.size() && isSpace(m_text[p]))
            ++p;
        return p;
    }

    static std::nullopt_t failAt(Failure &fail, std::string message, std::size_t offset) {
        fail.message = std::move(message);
        fail.offset = offset;
        return std::nullopt;
    }

    // NODE.METRIC: node ids may contain dots, so the metric is what follows the last dot.
    bool parseRef(std::size_t &p, Expectation &e, Failure &fail) const {
        const std::size_t start = p;
        std::size_t end = p;
        while (end < m_text.size() && isRefChar(m_text[end]))
            ++end;
        const std::string_view token = m_text.substr(start, end - start);
        const std::size_t dot = token.rfind('.');
        if (token.empty() || dot == std::string_view::npos) {
            failAt(fail, "expected NODE.METRIC", start);
            return false;
        }
        const std::string_view node = token.substr(0, dot);
        const std::string_view metric = token.substr(dot + 1);
        if (node.empty() || !isAlpha(node.front())) {
            failAt(fail, "invalid node id '" + std::string(node) + "'", start);
            return false;
        }
        bool metricOk = !metric.empty();
        for (char c : metric)
            metricOk = metricOk && ((c >= 'a' && c <= 'z') || c == '_');
        if (!metricOk) {
            failAt(fail, "invalid metric name '" + std::string(metric) + "'", start + dot + 1);
            return false;
        }
        e.node = std::string(node);
        e.metric = std::string(metric);
        p = end;
        return true;
    }

    bool parseValue(std::size_t &p, double &value, Failure &fail) const {
        const std::size_t start = p;
        std::size_t q = p;
        bool negative = false;
        if (q < m_text.size() && (m_text[q] == '+' || m_text[q] == '-')) {
            negative = m_text[q] == '-';
            ++q;
        }
        if (q >= m_text.size() || !(isDigit(m_text[q]) || m_text[q] == '.')) {
            failAt(fail, q >= m_text.size() ? "expected a value" : "invalid value", start);
            return false;
        }
        double number = 0;
        const char *first = m_text.data() + q;
        const char *last = m_text.data() + m_text.size();
        const auto [ptr, ec] = std::from_chars(first, last, number);
        if (ec == std::errc::result_out_of_range) {
            failAt(fail, "value out of range", start);
            return false;
        }
        if (ec != std::errc()) {
            failAt(fail, "invalid value", start);
            return false;
        }
        q += static_cast<std::size_t>(ptr - first);
        const std::size_t unitStart = q;
        while (q < m_text.size() && isAlpha(m_text[q]))
            ++q;
        const std::string_view unit = m_text.substr(unitStart, q - unitStart);
        double multiply = 1, divide = 1;
        if (!unit.empty()) {
            bool known = false;
            for (const auto &u : kUnits)
                if (unit == u.unit) {
                    multiply = u.multiply;
                    divide = u.divide;
                    known = true;
                }
            if (!known) {
                failAt(fail, "unknown unit '" + std::string(unit) + "'", unitStart);
                return false;
            }
        }
        value = (negative ? -number : number) * multiply / divide;
        if (!std::isfinite(value)) {
            failAt(fail, "value out of range", start);
            return false;
        }
        p = q;
        return true;
    }

    std::string_view m_text;
};

bool compare(double measured, Expectation::Op op, double value) {
    switch (op) {
    case Expectation::Op::Less:
        return measured < value;
    case Expectation::Op::LessEq:
        return measured <= value;
    case Expectation::Op::Greater:
        return measured > value;
    case Expectation::Op::GreaterEq:
        return measured >= value;
    case Expectation::Op::Equal:
        return measured == value;
    case Expectation::Op::NotEqual:
        return measured != value;
    }
    return false;
}

} // namespace

std::optional<Expectation> parseExpectation(std::string_view text, std::string *error,
                                            int *errorOffset) {
    Failure fail;
    auto result = Parser(text).parse(fail);
    if (!result) {
        if (error)
            *error = fail.message;
        if (errorOffset)
            *errorOffset = static_cast<int>(fail.offset);
    }
    return result;
}

std::string statName(Expectation::Stat stat) {
    for (const auto &s : kStats)
        if (s.stat == stat)
            return s.name;
    return "total"; // Stat::None: a bare NODE.METRIC reads the run total
}

void evaluateExpectations(const Scenario &scenario, RunReport &report) {
    report.expectations.clear();
    report.expectations.reserve(scenario.expectations.size());
    for (const auto &e : scenario.expectations) {
        RunReport::ExpectationResult r;
        r.text = e.text;
        if (const auto *row = report.find(e.node, e.metric, statName(e.stat))) {
            r.measured = row->value;
            r.known = true;
            r.pass = compare(row->value, e.op, e.value);
        } else {
            r.measured = std::numeric_limits<double>::quiet_NaN();
            r.known = false;
            r.pass = false;
        }
        report.expectations.push_back(std::move(r));
    }
}

} // namespace eventbench::model
