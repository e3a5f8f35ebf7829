#pragma once
// The run's partitions table: per topic partition and consumer group, the records appended,
// the group's lag now and the most it has been, and the member that owns the partition
// (`#n`), as of the last snapshot (partitions.csv of the running run). Read-only; fed by
// LiveView from RunData. GUI thread.
#include <QTableWidget>

namespace eventbench::ui {

class RunData;

class PartitionsPanel : public QTableWidget {
    Q_OBJECT
  public:
    /// Rows beyond this are left out (a note in the last row says how many).
    static constexpr int kMaxRows = 5000;

    explicit PartitionsPanel(QWidget *parent = nullptr);
    /// Shows the partition rows of `data`'s latest snapshot.
    void refresh(const RunData &data);
};

} // namespace eventbench::ui
