#include "ui/window/ExportActions.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QWidget>

#include "model/results/OpenMetricsWriter.h"
#include "model/results/ReportWriter.h"
#include "model/store/ResultsStore.h"
#include "ui/charts/ChartExport.h"
#include "ui/charts/ChartGrid.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/live/RunController.h"
#include "ui/report/HtmlReport.h"

namespace eventbench::ui {

ExportActions::ExportActions(RunController *run, ChartsPanel *charts, QWidget *window)
    : QObject(window), m_run(run), m_chartsPanel(charts), m_window(window) {
    m_report = new QAction(tr("Export &Report (CSV)…"), this);
    m_report->setStatusTip(tr("Write the finished run's timeseries, summary and events as CSV"));
    m_report->setEnabled(false);
    m_charts = new QAction(tr("Export &Charts (PNG or SVG)…"), this);
    m_charts->setStatusTip(tr("Write the charts shown as a PNG or SVG picture of a chosen size, "
                              "captioned with scenario, seed and fingerprint"));
    m_html = new QAction(tr("Export &HTML Report…"), this);
    m_html->setStatusTip(tr("Write the finished run as one self-contained HTML page: topology, "
                            "charts, summary, verdicts and events"));
    m_html->setEnabled(false);
    m_metrics = new QAction(tr("Export Open&Metrics…"), this);
    m_metrics->setStatusTip(tr("Write the finished run's samples as OpenMetrics text, for "
                               "Prometheus (promtool tsdb create-blocks-from openmetrics)"));
    m_metrics->setEnabled(false);
    connect(m_html, &QAction::triggered, this, [this] {
        exportFileInteractive(tr("Export the HTML report"), tr("HTML (*.html)"),
                              QStringLiteral(".html"), &ExportActions::exportHtmlReport);
    });
    connect(m_metrics, &QAction::triggered, this, [this] {
        exportFileInteractive(tr("Export OpenMetrics"), tr("OpenMetrics (*.om *.txt)"),
                              QStringLiteral(".om"), &ExportActions::exportOpenMetrics);
    });
    charts->setCaptionSource([this] { return chartCaption(); });
    connect(m_report, &QAction::triggered, this, &ExportActions::exportReportInteractive);
    connect(m_charts, &QAction::triggered, this, &ExportActions::exportChartsInteractive);
    connect(run, &RunController::stateChanged, this, [this] {
        const bool finished = m_run->report() != nullptr;
        m_report->setEnabled(finished);
        m_html->setEnabled(finished);
        m_metrics->setEnabled(finished);
    });
}

bool ExportActions::exportHtmlReport(const QString &path, QString *error) const {
    const model::RunReport *r = m_run->report();
    if (!r) {
        if (error)
            *error = tr("no finished run to export");
        return false;
    }
    HtmlReport::Input in;
    in.report = r;
    in.scenario = &m_run->runScenario();
    in.nodes = HtmlReport::nodesOf(m_run->runScenario());
    in.sampleEvery = m_run->runScenario().sampleEvery;
    return HtmlReport::write(path, in, error);
}

bool ExportActions::exportOpenMetrics(const QString &path, QString *error) const {
    const model::RunReport *r = m_run->report();
    if (!r) {
        if (error)
            *error = tr("no finished run to export");
        return false;
    }
    const model::Diagnostics d = model::writeOpenMetricsFile(
        path.toStdString(), *r, model::openMetricsNodes(m_run->runScenario()));
    if (model::hasErrors(d)) {
        if (error)
            *error = QString::fromStdString(d.front().format());
        return false;
    }
    return true;
}

void ExportActions::exportFileInteractive(const QString &title, const QString &filter,
                                          const QString &suffix,
                                          bool (ExportActions::*write)(const QString &, QString *)
                                              const) {
    QString path = QFileDialog::getSaveFileName(m_window, title, QString(), filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += suffix;
    QString error;
    if ((this->*write)(path, &error))
        emit message(tr("Saved %1").arg(path), false);
    else
        QMessageBox::critical(m_window, tr("Export failed"), error);
}

bool ExportActions::exportReport(const QString &dir, QString *error) const {
    const model::RunReport *r = m_run->report();
    if (!r) {
        if (error)
            *error = tr("no finished run to export");
        return false;
    }
    const model::Diagnostics d = model::writeReport(dir.toStdString(), *r);
    if (model::hasErrors(d)) {
        if (error)
            *error = QString::fromStdString(d.front().format());
        return false;
    }
    return true;
}

void ExportActions::exportReportInteractive() {
    const QString dir = QFileDialog::getExistingDirectory(m_window, tr("Export the report into"));
    if (dir.isEmpty())
        return;
    QString error;
    if (exportReport(dir, &error))
        emit message(
            tr("Wrote timeseries.csv, summary.csv, events.csv and partitions.csv to %1").arg(dir),
            false);
    else
        QMessageBox::critical(m_window, tr("Export failed"), error);
}

void ExportActions::exportChartsInteractive() {
    QString path;
    if (ChartExport::writeInteractive(m_chartsPanel->grid()->visibleCharts(), chartCaption(),
                                      m_window, &path))
        emit message(tr("Saved %1").arg(path), false);
}

QString ExportActions::chartCaption() const {
    const model::Scenario &s = m_run->runScenario();
    const model::RunReport *r = m_run->report();
    const QString name = QString::fromStdString(s.name.empty() ? std::string("scenario") : s.name);
    return tr("%1 · seed %2 · fingerprint %3")
        .arg(name)
        .arg(s.seed)
        .arg(r ? QString::fromStdString(model::ResultsStore::formatFingerprint(r->fingerprint))
               : tr("(run not finished)"));
}

} // namespace eventbench::ui
