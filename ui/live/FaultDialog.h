#pragma once
// Asks the parameters of one fault injected into a live run from a node's context menu
// (scenarios/README.md#faults): instances, duration, factor, probability or version, whichever the
// fault kind needs, filled with defaults worth a first try, and shows the simulated time it will
// start at (the run holds still while the dialog is open). Yields a model::Fault with at = 0; the
// node menu sets when it starts. GUI thread.
#include <QDialog>
#include <QString>
#include <QVector>

#include "model/catalogue/FaultCatalogue.h"
#include "model/scenario/Scenario.h"

class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace eventbench::ui {

/// One entry of a node's fault menu.
struct FaultChoice {
    model::Fault::Kind kind;
    QString label; // menu text, e.g. "Crash…"
    QString help;  // what it does, for the status bar and tooltip
};

class FaultDialog : public QDialog {
    Q_OBJECT
  public:
    FaultDialog(model::Fault::Kind kind, const model::Node &node, QWidget *parent = nullptr);

    /// The faults that apply to a node of `kind` (the fault catalogue), in menu order.
    static QVector<FaultChoice> choicesFor(model::NodeKind kind);
    /// False for faults without parameters (rebalance): they are sent without a dialog.
    static bool hasParameters(model::Fault::Kind kind);
    /// A fault of `kind` on `node` with the dialog's default parameters.
    static model::Fault defaultFault(model::Fault::Kind kind, const model::Node &node);
    /// `crash`, `duplicate burst`, ... as the menu says it.
    static QString kindName(model::Fault::Kind kind);

    /// Shows the simulated time the fault will start at (the moment of the right-click).
    void setStartTime(model::SimTime at);

    /// The fault as entered; meaningful once the dialog was accepted.
    const model::Fault &fault() const { return m_fault; }

  public slots:
    void accept() override;

  private:
    void addParameterField(const model::Node &node, QFormLayout *form);

    model::Fault m_fault;
    const model::FaultParam *m_param = nullptr; // the kind's parameter, if the dialog asks one
    QSpinBox *m_count = nullptr;                // its field: a whole number
    QDoubleSpinBox *m_number = nullptr;         // or a number
    QLineEdit *m_duration = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_startTime = nullptr;
};

} // namespace eventbench::ui
