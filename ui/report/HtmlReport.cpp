#include "ui/report/HtmlReport.h"

#include <QFile>
#include <QSaveFile>
#include <cmath>
#include <map>

#include "model/results/ReportWriter.h"
#include "model/store/ResultsStore.h"
#include "ui/charts/NodePalette.h"
#include "ui/report/SvgPicture.h"

namespace eventbench::ui {

namespace {

constexpr QSize kChartSize(480, 300);
// The event log is for a person: beyond this many rows it points to events.csv.
constexpr int kMaxEventRows = 2000;

const char *kStyle =
    R"(body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc}
h3{font-size:15px;margin:18px 0 6px}p.lead{color:#555;margin:0 0 12px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#176f2c;font-weight:bold}.fail{color:#b3261e;font-weight:bold}
.charts{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0;border:1px solid #e4e4e4;padding:4px}
figcaption{font-size:12px;color:#555}.topology{overflow-x:auto}
)";

QString esc(const std::string &s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

/// A figure for a person: whole numbers in full, others to 6 significant digits.
QString num(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15)
        return QString::number(static_cast<qint64>(v));
    if (!std::isfinite(v))
        return QString::fromStdString(model::formatValue(v));
    return QString::number(v, 'g', 6);
}

QString runFigures(const model::RunReport &r) {
    const bool stopped = !r.stopReason.empty();
    const bool broken = r.unaccounted != 0 || r.orderViolations != 0;
    const QString verdict = broken || stopped ? QStringLiteral("<span class=\"fail\">error</span>")
                            : r.allExpectationsPass()
                                ? QStringLiteral("<span class=\"pass\">pass</span>")
                                : QStringLiteral("<span class=\"fail\">fail</span>");
    QString html = QStringLiteral("<table>\n");
    auto row = [&](const QString &name, const QString &value) {
        html += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(name, value);
    };
    row(QStringLiteral("verdict"), verdict);
    row(QStringLiteral("seed"), QString::number(r.seed));
    row(QStringLiteral("simulated seconds"), num(r.simSeconds));
    row(QStringLiteral("events"), QString::number(r.eventCount));
    row(QStringLiteral("messages"), QString::number(r.messages));
    row(QStringLiteral("fingerprint"),
        QString::fromStdString(model::ResultsStore::formatFingerprint(r.fingerprint)));
    if (!r.version.empty())
        row(QStringLiteral("eventbench"), esc(r.version));
    if (!r.scenarioSha256.empty())
        row(QStringLiteral("scenario SHA-256"), esc(r.scenarioSha256));
    row(QStringLiteral("ledger unaccounted"),
        r.unaccountedMeasured ? QString::number(r.unaccounted) : QStringLiteral("not measured"));
    if (stopped)
        row(QStringLiteral("stopped"), esc(r.stopReason));
    return html + QStringLiteral("</table>\n");
}

QString verdicts(const model::RunReport &r) {
    if (r.expectations.empty())
        return QStringLiteral("<p>The scenario states no expectations.</p>\n");
    QString html = QStringLiteral("<table>\n<tr><th>verdict</th><th>expectation</th>"
                                  "<th>measured</th></tr>\n");
    for (const auto &x : r.expectations)
        html +=
            QStringLiteral("<tr><td class=\"%1\">%2</td><td>%3</td><td class=\"n\">%4</td></tr>\n")
                .arg(x.pass ? QStringLiteral("pass") : QStringLiteral("fail"),
                     x.pass ? QStringLiteral("PASS") : QStringLiteral("FAIL"), esc(x.text),
                     x.known ? num(x.measured) : QStringLiteral("n/a"));
    return html + QStringLiteral("</table>\n");
}

/// One row per node and metric, one column per statistic, in the order summary.csv has them.
QString summaryTable(const model::RunReport &r) {
    std::vector<std::string> stats;
    std::vector<std::pair<std::string, std::string>> keys;
    std::map<std::pair<std::string, std::string>, std::map<std::string, double>> values;
    for (const auto &s : r.summary) {
        if (std::find(stats.begin(), stats.end(), s.stat) == stats.end())
            stats.push_back(s.stat);
        const auto key = std::make_pair(s.node, s.metric);
        if (!values.count(key))
            keys.push_back(key);
        values[key][s.stat] = s.value;
    }
    QString html = QStringLiteral("<table>\n<tr><th>node</th><th>metric</th>");
    for (const auto &stat : stats)
        html += QStringLiteral("<th>%1</th>").arg(esc(stat));
    html += QStringLiteral("</tr>\n");
    for (const auto &key : keys) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td>").arg(esc(key.first), esc(key.second));
        const auto &row = values[key];
        for (const auto &stat : stats) {
            const auto it = row.find(stat);
            html += QStringLiteral("<td class=\"n\">%1</td>")
                        .arg(it == row.end() ? QString() : num(it->second));
        }
        html += QStringLiteral("</tr>\n");
    }
    return html + QStringLiteral("</table>\n");
}

QString eventLog(const model::RunReport &r) {
    if (r.events.empty())
        return QStringLiteral("<p>No events: no fault, crash, restart or rebalance.</p>\n");
    QString html = QStringLiteral(
        "<table>\n<tr><th>time (s)</th><th>node</th><th>event</th><th>detail</th></tr>\n");
    const int shown = std::min(int(r.events.size()), kMaxEventRows);
    for (int i = 0; i < shown; ++i) {
        const auto &e = r.events[i];
        html +=
            QStringLiteral("<tr><td class=\"n\">%1</td><td>%2</td><td>%3</td><td>%4</td></tr>\n")
                .arg(num(double(e.time) / 1e9), esc(e.node), esc(e.event), esc(e.detail));
    }
    html += QStringLiteral("</table>\n");
    if (shown < int(r.events.size()))
        html += QStringLiteral("<p>… and %1 more events (events.csv has them all).</p>\n")
                    .arg(int(r.events.size()) - shown);
    return html;
}

QString chartSections(const HtmlReport::Input &in) {
    const StoredRunData run = SvgPicture::runData(*in.report, in.nodes, in.sampleEvery);
    // Nodes take their session colours in scenario order (the command line starts with none;
    // in the app, nodes already drawn keep theirs).
    for (const auto &node : in.nodes)
        NodePalette::colour(node.first);
    QString html;
    int n = 0;
    for (const auto &[node, kind] : in.nodes) {
        ++n;
        if (kind != model::NodeKind::Consumer && !model::isBus(kind))
            continue;
        // Ids by the node's position: no node id (any text) goes into an SVG id.
        const auto charts =
            SvgPicture::charts(run, node, kind, kChartSize, QStringLiteral("n%1").arg(n));
        if (charts.isEmpty())
            continue;
        html += QStringLiteral("<h3>%1 <small>(%2)</small></h3>\n<div class=\"charts\">\n")
                    .arg(node.toHtmlEscaped(), QString::fromUtf8(model::toString(kind)));
        for (const auto &[title, svg] : charts)
            html += QStringLiteral("<figure>%1<figcaption>%2</figcaption></figure>\n")
                        .arg(QString::fromUtf8(svg), title.toHtmlEscaped());
        html += QStringLiteral("</div>\n");
    }
    return html.isEmpty() ? QStringLiteral("<p>No consumer or bus to chart.</p>\n") : html;
}

} // namespace

QVector<QPair<QString, model::NodeKind>> HtmlReport::nodesOf(const model::Scenario &scenario) {
    QVector<QPair<QString, model::NodeKind>> nodes;
    for (const auto &n : scenario.nodes)
        nodes.append({QString::fromStdString(n.id), n.kind});
    return nodes;
}

QByteArray HtmlReport::render(const Input &in) {
    const model::RunReport &r = *in.report;
    const QString name = esc(r.scenario);
    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                                  "charset=\"utf-8\">\n<title>eventbench: %1</title>\n<style>\n%2"
                                  "</style>\n</head>\n<body>\n<h1>%1</h1>\n")
                       .arg(name, QString::fromUtf8(kStyle));
    if (in.scenario && !in.scenario->description.empty())
        html += QStringLiteral("<p class=\"lead\">%1</p>\n").arg(esc(in.scenario->description));
    html += QStringLiteral("<h2>Run</h2>\n") + runFigures(r);
    html += QStringLiteral("<h2>Expectations</h2>\n") + verdicts(r);
    if (in.scenario)
        html += QStringLiteral("<h2>Topology</h2>\n<div class=\"topology\">%1</div>\n")
                    .arg(QString::fromUtf8(
                        SvgPicture::topology(*in.scenario, QStringLiteral("topology"))));
    html += QStringLiteral("<h2>Charts</h2>\n") + chartSections(in);
    html += QStringLiteral("<h2>Summary</h2>\n") + summaryTable(r);
    html += QStringLiteral("<h2>Events</h2>\n") + eventLog(r);
    html += QStringLiteral("</body>\n</html>\n");
    return html.toUtf8();
}

bool HtmlReport::write(const QString &path, const Input &input, QString *error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(render(input)) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace eventbench::ui
