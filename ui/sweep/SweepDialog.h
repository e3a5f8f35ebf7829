#pragma once
// Run > Sweep… (issue 8): the app's `eventbench sweep`. The user names a knob path
// (`nodes.inventory.instances`), its values (`1,2,4`) and the replications per value; the
// runs go to worker threads (SweepWorker) and the chosen figure is plotted against the
// values with its 95% interval as error bars (SweepPlot), beside a table of every value's
// figure and verdict. Reads the document when Run is pressed; never edits it. Without a
// document it shows a finished sweep read from the results store (the Runs panel's Open,
// issue 17) instead of running one. GUI thread.
#include <QDialog>
#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario/Scenario.h"
#include "model/scenario/SweepPlan.h"
#include "model/store/StoredSweep.h"

class QComboBox;
class QFormLayout;
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
    /// `document` nullptr: a dialog for showStored only (no knob, values or Run).
    explicit SweepDialog(Document *document, QWidget *parent = nullptr);

    /// Shows a finished sweep (its figures and verdicts) as if it had just run here: `title`
    /// names it, `scenarioText` is its base scenario (its expectations pick the figure shown
    /// first; may be empty). Several knobs are shown as one axis of combined values.
    void showStored(const QString &title, const model::StoredSweep &sweep,
                    const std::string &scenarioText);
    /// The sweep shown (run here or stored), empty before one finished.
    const model::StoredSweep &shown() const { return m_shown; }

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
    void fillFigures(const model::Scenario *scenario);
    void replot();
    /// The table no taller than its rows (empty: its header and a few rows), so that the room
    /// of a larger window goes to the plot.
    void fitTableHeight();
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
    QFormLayout *m_controls;            // knob, values, replications: hidden for a stored sweep
    QString m_knob;                     // the path(s) of the sweep shown
    std::vector<QString> m_valueLabels; // its values (combined for several paths)
    model::SweepPlan m_plan;            // the plan of the sweep running here
    model::StoredSweep m_shown;         // its figures and verdicts per value
    std::vector<QStringList> m_failing; // per value, its failing expectations (measured)
};

} // namespace eventbench::ui
