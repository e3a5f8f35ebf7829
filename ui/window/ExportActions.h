#pragma once
// File > Export: the finished run's CSV report (README.md#command-line, via ReportWriter) and a PNG
// or SVG of the live charts captioned with scenario, seed and fingerprint. GUI thread.
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

    /// Writes timeseries.csv, summary.csv and events.csv of the finished run into `dir`;
    /// false with `error` when there is no finished run or the files cannot be written.
    bool exportReport(const QString &dir, QString *error = nullptr) const;
    /// The caption of exported charts: scenario, seed and (once finished) fingerprint.
    QString chartCaption() const;

  signals:
    void message(const QString &text, bool problem);

  private:
    void exportReportInteractive();
    void exportChartsInteractive();

    RunController *m_run;
    ChartsPanel *m_chartsPanel;
    QWidget *m_window;
    QAction *m_report;
    QAction *m_charts;
};

} // namespace eventbench::ui
