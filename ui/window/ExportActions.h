#pragma once
// File > Export: the finished run's CSV report (README.md#command-line, via ReportWriter), its
// HTML report (README.md#html-report, ui/report/HtmlReport), its samples as OpenMetrics text
// (README.md#openmetrics) and a PNG or SVG of the live charts captioned with scenario, seed and
// fingerprint. GUI thread.
#include <QObject>

class QAction;
class QWidget;

namespace eventbench::ui {

class ChartsPanel;
class RunController;

class ExportActions : public QObject {
    Q_OBJECT
  public:
    ExportActions(RunController *run, ChartsPanel *charts, QWidget *window);

    QAction *reportAction() const { return m_report; }
    QAction *chartsAction() const { return m_charts; }
    QAction *htmlReportAction() const { return m_html; }
    QAction *openMetricsAction() const { return m_metrics; }

    /// Writes timeseries.csv, summary.csv and events.csv of the finished run into `dir`;
    /// false with `error` when there is no finished run or the files cannot be written.
    bool exportReport(const QString &dir, QString *error = nullptr) const;
    /// Writes the finished run's HTML report to `path`; false with `error` as exportReport.
    bool exportHtmlReport(const QString &path, QString *error = nullptr) const;
    /// Writes the finished run's samples as OpenMetrics text to `path`.
    bool exportOpenMetrics(const QString &path, QString *error = nullptr) const;
    /// The caption of exported charts: scenario, seed and (once finished) fingerprint.
    QString chartCaption() const;

  signals:
    void message(const QString &text, bool problem);

  private:
    void exportReportInteractive();
    void exportChartsInteractive();
    /// Asks for a file (suggesting `suffix`) and writes it with `write`.
    void exportFileInteractive(const QString &title, const QString &filter, const QString &suffix,
                               bool (ExportActions::*write)(const QString &, QString *) const);

    RunController *m_run;
    ChartsPanel *m_chartsPanel;
    QWidget *m_window;
    QAction *m_report;
    QAction *m_charts;
    QAction *m_html;
    QAction *m_metrics;
};

} // namespace eventbench::ui
