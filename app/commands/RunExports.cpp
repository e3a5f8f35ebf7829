#include "app/commands/RunExports.h"

#include <QApplication>
#include <cmath>
#include <cstdio>
#include <memory>

#include "app/print/DiagnosticPrinter.h"
#include "model/results/OpenMetricsWriter.h"
#include "ui/report/HtmlReport.h"

namespace eventbench::app {

namespace {

bool writeMetrics(const CommandLine &cmd, const model::RunReport &report,
                  const model::Scenario *scenario,
                  const std::vector<std::pair<std::string, model::NodeKind>> &kinds) {
    std::vector<model::OpenMetricsNode> nodes;
    if (scenario)
        nodes = model::openMetricsNodes(*scenario);
    else
        for (const auto &[id, kind] : kinds)
            nodes.push_back({id, kind, {}});
    const model::Diagnostics diags =
        model::writeOpenMetricsFile(cmd.metricsOut, report, nodes, cmd.epoch);
    printDiagnostics(diags);
    return diags.empty();
}

bool writeHtml(const CommandLine &cmd, const model::RunReport &report,
               const model::Scenario *scenario,
               const std::vector<std::pair<std::string, model::NodeKind>> &kinds) {
    // The command line has no QApplication: make one on the offscreen platform, which draws
    // the same on every machine, with or without a display.
    std::unique_ptr<QApplication> app;
    static int argc = 1;
    static char name[] = "eventbench";
    static char *argv[] = {name, nullptr};
    if (!QCoreApplication::instance()) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Qt's note that XDG_RUNTIME_DIR is unset (as under root or in CI) says nothing about
        // the report.
        const QtMessageHandler previous =
            qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &text) {
                if (!text.startsWith(QLatin1String("QStandardPaths:")))
                    std::fprintf(stderr, "%s\n", qPrintable(text));
            });
        app = std::make_unique<QApplication>(argc, argv);
        qInstallMessageHandler(previous);
    }
    ui::HtmlReport::Input in;
    in.report = &report;
    in.scenario = scenario;
    if (scenario) {
        in.nodes = ui::HtmlReport::nodesOf(*scenario);
        in.sampleEvery = scenario->sampleEvery;
    } else {
        for (const auto &[id, kind] : kinds)
            in.nodes.append({QString::fromStdString(id), kind});
        if (!report.sampleTimes.empty())
            in.sampleEvery = model::SimTime(std::llround(report.sampleTimes.front() * 1e9));
    }
    QString error;
    if (!ui::HtmlReport::write(QString::fromStdString(cmd.reportFile), in, &error)) {
        std::fprintf(stderr, "%s: error: %s\n", cmd.reportFile.c_str(), qPrintable(error));
        return false;
    }
    return true;
}

} // namespace

bool writeRunExports(const CommandLine &cmd, const model::RunReport &report,
                     const model::Scenario *scenario,
                     const std::vector<std::pair<std::string, model::NodeKind>> &nodes) {
    bool ok = true;
    if (cmd.metricsOut.empty() && cmd.reportFile.empty())
        return ok;
    // Both files draw or list every sample: the values come back from the run's spool.
    model::RunReport loaded;
    const model::RunReport *whole = &report;
    if (report.spool) {
        loaded = report;
        loaded.loadSeries();
        whole = &loaded;
    }
    if (!cmd.metricsOut.empty())
        ok = writeMetrics(cmd, *whole, scenario, nodes) && ok;
    if (!cmd.reportFile.empty())
        ok = writeHtml(cmd, *whole, scenario, nodes) && ok;
    return ok;
}

} // namespace eventbench::app
