#pragma once
// Shows every knob of the selected node or edge (or of the scenario, with its faults and
// expectations, when nothing is selected), a node's id first; defaults in grey italics, set
// values with "Reset to default" in the row's context menu. Values can be edited in place
// when editing is allowed; a distribution, a rate profile or a retry policy (the knob
// catalogue's shape) also in a structured editor, the "…" button beside the value
// (ValueEditorDialog). An edit, either way, is reported by knobEdited() and applied (or refused
// with the reason) by the owner. GUI thread.
#include <QString>
#include <QWidget>

#include "model/scenario/Scenario.h"
#include "ui/inspector/KnobText.h"

class QLabel;
class QTreeWidget;
class QToolButton;
class QTreeWidgetItem;

namespace eventbench::ui {

class InspectorPanel : public QWidget {
    Q_OBJECT
  public:
    explicit InspectorPanel(QWidget *parent = nullptr);

    void showNode(const model::Node &node);
    void showEdge(const model::Edge &edge, int index);
    void showScenario(const model::Scenario &scenario);
    void showNothing(const QString &why);
    void setEditable(bool editable);

    /// `nodes.<id>` or `edges.<index>` or `` (scenario); what the panel shows now.
    const QString &target() const { return m_target; }
    QTreeWidget *tree() const { return m_tree; }
    /// The value shown for a knob, or a null string.
    QString valueOf(const QString &key) const;
    /// The row of a knob (`id`, `service_time`, `faults.0`, `expect.new`, ...), or nullptr.
    QTreeWidgetItem *itemOf(const QString &key) const;
    /// Sets a knob the file sets back to its default (the row's context menu, "Reset to
    /// default"), through knobEdited(); false when the row holds its default or is fixed.
    bool resetKnob(const QString &key);
    /// Whether the row shows a default (grey italics) rather than a value the file sets.
    bool isDefaultShown(const QString &key) const;
    /// Opens the value of `key` for editing (Rename in the node menu uses `id`).
    void editKnob(const QString &key);
    /// The "…" button of a knob with a structured editor, or nullptr.
    QToolButton *editorButton(const QString &key) const;
    /// Opens the structured editor of `key` (what its "…" button does); false when it has none.
    bool openValueEditor(const QString &key);

  signals:
    /// The user changed a knob's text: target as in target(), key as in the file.
    void knobEdited(const QString &target, const QString &key, const QString &text);

  private:
    void fill(const QString &title, const QString &subtitle, const QVector<Knob> &knobs);
    void addEditorButton(QTreeWidgetItem *item, const QString &key);

    QLabel *m_title;
    QTreeWidget *m_tree;
    QString m_target;
    QVector<Knob> m_knobs;
    bool m_editable = true;
    bool m_filling = false;
};

} // namespace eventbench::ui
