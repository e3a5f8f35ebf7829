#include "model/results/OpenMetricsWriter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "model/catalogue/MetricCatalogue.h"
#include "model/catalogue/OpenMetricsNames.h"
#include "model/results/ReportWriter.h"
#include "model/scenario/ExpectationParser.h"

namespace eventbench::model {

namespace {

constexpr const char *kLedgerNode = "ledger";

/// One sample line's worth of a family: its label text and values at the sample times (or
/// one value at the run's end).
struct Metric {
    std::string labels; // `{a="x",b="y"}` or empty
    const std::vector<double> *values = nullptr;
    bool cumulative = false;
    double atEnd = 0; // when values is null
};

struct Family {
    std::string name;
    MetricType type = MetricType::Gauge;
    bool seconds = false;
    std::string help;
    std::vector<Metric> metrics;
};

class Families {
  public:
    Family &get(const std::string &name) {
        const auto [it, added] = m_index.emplace(name, m_families.size());
        if (added) {
            m_families.emplace_back();
            m_families.back().name = name;
        }
        return m_families[it->second];
    }
    const std::vector<Family> &all() const { return m_families; }

  private:
    std::vector<Family> m_families;
    std::map<std::string, std::size_t> m_index;
};

std::string label(const char *name, const std::string &value) {
    return std::string(name) + "=\"" + openMetricsEscape(value) + "\"";
}

std::string braces(const std::vector<std::string> &labels) {
    if (labels.empty())
        return {};
    std::string out = "{";
    for (std::size_t i = 0; i < labels.size(); ++i)
        out += (i ? "," : "") + labels[i];
    return out + "}";
}

std::string valueText(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    return formatValue(v);
}

/// Seconds since 1970 of `epoch + t`, to the millisecond, without a fraction when whole.
std::string timestampText(std::int64_t epoch, double t) {
    const std::int64_t ms = epoch * 1000 + std::llround(t * 1000.0);
    std::string text = std::to_string(ms / 1000);
    if (const std::int64_t frac = ms % 1000; frac != 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(frac));
        text += buf;
        while (text.back() == '0')
            text.pop_back();
    }
    return text;
}

std::string seriesHelp(const MetricDef &m, std::size_t seriesIndex) {
    std::string help = m.description;
    if (m.type == MetricType::Latency)
        help += std::string(" (") + statName(latencySeriesStats()[seriesIndex]) +
                " over the sample interval)";
    else if (m.type == MetricType::Counter)
        help += " (running total)";
    return help;
}

/// The kind of each node of the report: from `nodes`, else from its series' names.
std::map<std::string, const OpenMetricsNode *> nodeIndex(const RunReport &report,
                                                         const std::vector<OpenMetricsNode> &nodes,
                                                         std::vector<OpenMetricsNode> &guessed) {
    std::map<std::string, const OpenMetricsNode *> index;
    for (const OpenMetricsNode &n : nodes)
        index.emplace(n.id, &n);
    std::map<std::string, std::vector<std::string>> unknown;
    for (const auto &s : report.series)
        if (s.node != kLedgerNode && !index.count(s.node))
            unknown[s.node].push_back(s.metric);
    guessed.reserve(unknown.size());
    for (const auto &[id, names] : unknown) {
        guessed.push_back({id, kindFromMetricNames(names), {}});
        index.emplace(id, &guessed.back());
    }
    return index;
}

void addSeries(Families &families, const RunReport &report,
               const std::map<std::string, const OpenMetricsNode *> &index) {
    for (const MetricDef &m : metricCatalogue()) {
        const std::vector<std::string> names = seriesNamesOf(m);
        for (std::size_t v = 0; v < names.size(); ++v) {
            for (const auto &s : report.series) {
                if (s.metric != names[v])
                    continue;
                const auto it = index.find(s.node);
                const OpenMetricsNode *node = it == index.end() ? nullptr : it->second;
                if (node ? node->kind != m.kind : (m.kind || s.node != kLedgerNode))
                    continue;
                const ExporterName *exporter =
                    node ? exporterName(m.id, node->topic.empty() ? ExporterScope::Any
                                                                  : ExporterScope::ReadsOneTopic)
                         : nullptr;
                std::vector<std::string> labels;
                if (exporter) {
                    labels.push_back(label(exporter->nodeLabel, s.node));
                    if (exporter->busLabel)
                        labels.push_back(label(exporter->busLabel, node->topic));
                } else if (node) {
                    labels.push_back(label(kOpenMetricsNodeLabel, s.node));
                }
                Family &f =
                    families.get(exporter ? exporter->family : openMetricsFamily(m, names[v]));
                f.type = m.type == MetricType::Counter ? MetricType::Counter : MetricType::Gauge;
                f.seconds = !exporter && m.unit == MetricUnit::Seconds;
                f.help = seriesHelp(m, v);
                f.metrics.push_back({braces(labels), &s.values, f.type == MetricType::Counter});
            }
        }
    }
}

double partitionFigure(const RunReport::PartitionRow &p, PartitionFigure figure) {
    switch (figure) {
    case PartitionFigure::GroupLag:
        return static_cast<double>(p.lagFinal);
    case PartitionFigure::GroupOffset:
        return static_cast<double>(p.appended - p.lagFinal);
    case PartitionFigure::LogEndOffset:
        return static_cast<double>(p.appended);
    }
    return 0;
}

void addPartitions(Families &families, const RunReport &report) {
    for (const PartitionFamily &pf : partitionFamilies()) {
        std::vector<std::string> seen;
        for (const RunReport::PartitionRow &p : report.partitions) {
            if (pf.perGroup && p.group.empty())
                continue;
            std::vector<std::string> labels;
            if (pf.perGroup)
                labels.push_back(label(PartitionLabels::kGroup, p.group));
            labels.push_back(label(PartitionLabels::kTopic, p.topic));
            labels.push_back(label(PartitionLabels::kPartition, std::to_string(p.partition)));
            const std::string text = braces(labels);
            // A topic's partition appears once per group that reads it.
            if (std::find(seen.begin(), seen.end(), text) != seen.end())
                continue;
            seen.push_back(text);
            Family &f = families.get(pf.family);
            f.help = pf.help;
            f.metrics.push_back({text, nullptr, false, partitionFigure(p, pf.figure)});
        }
    }
}

/// HELP text: OpenMetrics escapes `\\` and newlines; a double quote becomes a single one, since
/// the text-format parser that `promtool check metrics` uses refuses `\"` there.
std::string helpText(std::string text) {
    std::replace(text.begin(), text.end(), '"', '\'');
    return openMetricsEscape(text);
}

void writeFamily(std::ostream &out, const Family &f, const RunReport &report, std::int64_t epoch) {
    // A counter's family is named as its samples, `..._total`: Prometheus's OpenMetrics parser
    // takes it, and so does the text-format linter of `promtool check metrics`, which would
    // otherwise see samples without HELP and TYPE.
    const std::string name = f.name + (f.type == MetricType::Counter ? "_total" : "");
    out << "# TYPE " << name << (f.type == MetricType::Counter ? " counter\n" : " gauge\n");
    if (f.seconds)
        out << "# UNIT " << name << " seconds\n";
    out << "# HELP " << name << " " << helpText(f.help) << "\n";
    const std::string &sample = name;
    for (const Metric &m : f.metrics) {
        if (!m.values) {
            out << sample << m.labels << " " << valueText(m.atEnd) << " "
                << timestampText(epoch, report.simSeconds) << "\n";
            continue;
        }
        double total = 0;
        for (std::size_t i = 0; i < m.values->size() && i < report.sampleTimes.size(); ++i) {
            const double v = (*m.values)[i];
            total += m.cumulative && std::isfinite(v) ? v : 0;
            out << sample << m.labels << " " << valueText(m.cumulative ? total : v) << " "
                << timestampText(epoch, report.sampleTimes[i]) << "\n";
        }
    }
}

int daysFromCivil(int y, unsigned m, unsigned d) {
    // Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

} // namespace

std::string openMetricsEscape(const std::string &text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::vector<OpenMetricsNode> openMetricsNodes(const Scenario &scenario) {
    std::vector<OpenMetricsNode> nodes;
    for (const Node &n : scenario.nodes) {
        OpenMetricsNode node{n.id, n.kind, {}};
        if (n.kind == NodeKind::Consumer) {
            std::vector<std::string> buses;
            for (const Edge &e : scenario.edges)
                if (e.to == n.id)
                    if (const Node *from = scenario.findNode(e.from); from && isBus(from->kind))
                        buses.push_back(from->id);
            const Node *only = buses.size() == 1 ? scenario.findNode(buses[0]) : nullptr;
            if (only && only->kind == NodeKind::Topic)
                node.topic = only->id;
        }
        nodes.push_back(std::move(node));
    }
    return nodes;
}

std::optional<std::int64_t> parseEpoch(const std::string &text) {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos &&
        text.size() <= 12)
        return std::stoll(text);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char tail[4] = {};
    const int n =
        std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%3s", &y, &mo, &d, &h, &mi, &s, tail);
    const bool dateOnly = n == 3 && text.size() == 10;
    const bool full = (n == 6 && text.size() == 19) || (n == 7 && std::string(tail) == "Z");
    if (!dateOnly && !full)
        return std::nullopt;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || h < 0 ||
        mi < 0 || s < 0)
        return std::nullopt;
    return std::int64_t{daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d))} *
               86400 +
           h * 3600 + mi * 60 + s;
}

void writeOpenMetrics(std::ostream &out, const RunReport &report,
                      const std::vector<OpenMetricsNode> &nodes, std::int64_t epochSeconds) {
    std::vector<OpenMetricsNode> guessed;
    const auto index = nodeIndex(report, nodes, guessed);
    Families families;
    addSeries(families, report, index);
    addPartitions(families, report);
    for (const Family &f : families.all())
        writeFamily(out, f, report, epochSeconds);
    out << "# EOF\n";
}

Diagnostics writeOpenMetricsFile(const std::string &path, const RunReport &report,
                                 const std::vector<OpenMetricsNode> &nodes,
                                 std::int64_t epochSeconds) {
    std::ostringstream text;
    writeOpenMetrics(text, report, nodes, epochSeconds);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (f)
        f << text.str();
    if (!f) {
        Diagnostic d;
        d.file = path;
        d.message = "cannot write the OpenMetrics file";
        return {d};
    }
    return {};
}

} // namespace eventbench::model
