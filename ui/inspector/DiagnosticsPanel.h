#pragma once
// Lists validation diagnostics (README.md#exit-codes) as `FILE:LINE:COL` + message; activating a
// row that concerns a node selects it on the canvas. GUI thread.
#include <QTreeWidget>

#include "model/scenario/Diagnostic.h"

namespace eventbench::ui {

class DiagnosticsPanel : public QTreeWidget {
    Q_OBJECT
  public:
    explicit DiagnosticsPanel(QWidget *parent = nullptr);

    void setDiagnostics(const model::Diagnostics &diagnostics);
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }

  signals:
    void nodeActivated(const QString &nodeId);
    void countsChanged(int errors, int warnings);

  private:
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace eventbench::ui
