#pragma once
// Run > Sweep… (issue 8): the app's `eventbench sweep`. The user names a knob path
// (`nodes.inventory.instances`), its values (`1,2,4`) and the replications per value; the
// runs go to worker threads (SweepWorker) and the chosen figure is plotted against the
// values with its 95% interval as error bars (SweepPlot), beside a table of every value's
// figure and verdict. Reads the document when Run is pressed; never edits it. GUI thread.
#include <QDialog>
#include <QString>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace eventbench::ui {

class Document;
class SweepPlot;
class SweepWorker;

class SweepDialog : public QDialog {
    Q_OBJECT
  public:
    explicit SweepDialog(Document *document, QWidget *parent = nullptr);

    /// Starts the sweep as entered; false (the reason in the status line) when the path, a
    /// value or the scenario is not valid, or a sweep is running.
    bool runSweep();
    /// The figure plotted, as `node.metric.stat` (e.g. `work.latency.mean`).
    QString figure() const;
    /// Plots `node.metric.stat` if the finished sweep has it.
    bool setFigure(const QString &key);

    SweepWorker *worker() const { return m_worker; }
    SweepPlot *plot() const { return m_plot; }
    QTableWidget *table() const { return m_table; }
    QString statusText() const;

  private:
    void onFinished(bool cancelled);
    void fillFigures();
    void replot();
    void setRunning(bool running);
    void showProblem(const QString &text);

    Document *m_document;
    SweepWorker *m_worker;
    QLineEdit *m_path;
    QLineEdit *m_values;
    QSpinBox *m_replications;
    QPushButton *m_run;
    QPushButton *m_stop;
    QProgressBar *m_progress;
    QLabel *m_status;
    QComboBox *m_figure;
    SweepPlot *m_plot;
    QTableWidget *m_table;
    QString m_knob;                     // the path of the sweep shown
    std::vector<QString> m_valueLabels; // its values
};

} // namespace eventbench::ui
