#pragma once
// The Runs dock (README.md#the-desktop-app, issue 6): the runs recorded in the results store,
// newest first, filtered by scenario; opens one run's charts and summary, or two runs overlaid and
// compared side by side (StoredRunView windows), opens a stored sweep (`sweep --db`, `merge
// --db`) in the sweep plot (a SweepDialog showing it), and deletes runs and sweeps. Reads the store
// through its own connection; refreshed when the recorder reports a change. GUI thread.
#include <QPointer>
#include <QString>
#include <QWidget>
#include <vector>

#include "model/store/ResultsStore.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace eventbench::ui {

class StoredRunView;
class SweepDialog;

class RunsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit RunsPanel(const QString &storePath, QWidget *parent = nullptr);

    /// Re-reads the list of runs (keeping the filter and, where possible, the selection).
    void refresh();
    /// A problem to show instead of the store's path (e.g. the recorder could not write).
    void setProblem(const QString &problem);

    /// Opens the selected run's charts (a sweep: openSweep, and nullptr), or compares the two
    /// selected runs; nullptr (with a message in the panel) when the selection does not fit
    /// or the store cannot be read.
    StoredRunView *openSelected();
    /// Shows the stored sweep `id` in a sweep dialog; nullptr (with a message) when it is not
    /// a sweep or cannot be read.
    SweepDialog *openSweep(qint64 id);
    StoredRunView *compareSelected();
    /// Deletes the selected runs after asking; `confirm` false skips the question.
    int deleteSelected(bool confirm = true);

    QTableWidget *table() const { return m_table; }
    QComboBox *scenarioFilter() const { return m_filter; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *compareButton() const { return m_compare; }
    QPushButton *deleteButton() const { return m_delete; }
    QLabel *statusLabel() const { return m_status; }
    /// The window opened last, while it is open.
    StoredRunView *lastView() const;
    /// The sweep dialog opened last, while it is open.
    SweepDialog *lastSweep() const;
    /// The run ids in the table, top to bottom.
    std::vector<qint64> shownIds() const;

  signals:
    void viewOpened(eventbench::ui::StoredRunView *view);
    void sweepOpened(eventbench::ui::SweepDialog *dialog);

  private:
    bool ensureOpen();
    std::vector<qint64> selectedIds() const;
    void updateButtons();
    void fillFilter(const std::vector<model::StoredRun> &runs);

    QString m_path;
    QString m_problem;
    model::ResultsStore m_store;
    QComboBox *m_filter;
    QTableWidget *m_table;
    QPushButton *m_open;
    QPushButton *m_compare;
    QPushButton *m_delete;
    QPushButton *m_refresh;
    QLabel *m_status;
    QPointer<StoredRunView> m_lastView;
    QPointer<SweepDialog> m_lastSweep;
    std::vector<qint64> m_sweeps; // the ids of the sweeps listed
};

} // namespace eventbench::ui
