#include "ui/inspector/InspectorPanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/canvas/NodeShapes.h"
#include "ui/inspector/KnobText.h"
#include "ui/inspector/ValueEditorDialog.h"

namespace eventbench::ui {

namespace {

constexpr int kKeyRole = Qt::UserRole + 1;
constexpr int kDefaultRole = Qt::UserRole + 2; // a set knob's default, for "Reset to default"

// The column of "Edit…" buttons holds no text to edit.
class NoEditing : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *, const QStyleOptionViewItem &,
                          const QModelIndex &) const override {
        return nullptr;
    }
};

// What the key column says: `faults.0` is "fault 1", `expect.new` is "+ expectation".
QString keyLabel(const QString &key) {
    const bool fault = key.startsWith(QLatin1String("faults."));
    if (!fault && !key.startsWith(QLatin1String("expect.")))
        return key;
    const QString which = key.section(QLatin1Char('.'), 1);
    if (which == QLatin1String("new"))
        return fault ? InspectorPanel::tr("+ fault") : InspectorPanel::tr("+ expectation");
    return (fault ? InspectorPanel::tr("fault %1") : InspectorPanel::tr("expect %1"))
        .arg(which.toInt() + 1);
}

} // namespace

InspectorPanel::InspectorPanel(QWidget *parent) : QWidget(parent) {
    setMinimumWidth(260);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Knob"), tr("Value"), QString()});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::Fixed);
    m_tree->header()->resizeSection(2, 26);
    m_tree->setItemDelegateForColumn(2, new NoEditing(m_tree));
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    layout->addWidget(m_tree);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QTreeWidgetItem *item = m_tree->itemAt(at);
        if (!item)
            return;
        const QString fallback = item->data(1, kDefaultRole).toString();
        QMenu menu(this);
        QAction *reset = menu.addAction(tr("Reset to default"));
        reset->setObjectName(QStringLiteral("resetToDefault"));
        reset->setEnabled(m_editable && !fallback.isEmpty() &&
                          (item->flags() & Qt::ItemIsEditable));
        if (!fallback.isEmpty())
            reset->setText(tr("Reset to default (%1)").arg(fallback));
        if (menu.exec(m_tree->viewport()->mapToGlobal(at)) == reset)
            resetKnob(item->data(0, kKeyRole).toString());
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (m_filling || column != 1)
            return;
        emit knobEdited(m_target, item->data(0, kKeyRole).toString(), item->text(1));
    });
}

void InspectorPanel::fill(const QString &title, const QString &subtitle,
                          const QVector<Knob> &knobs) {
    m_filling = true;
    m_title->setText(QStringLiteral("<b>%1</b><br><span style='color:#666'>%2</span>")
                         .arg(title.toHtmlEscaped(), subtitle.toHtmlEscaped()));
    m_tree->clear();
    m_knobs = knobs;
    for (const Knob &k : knobs) {
        auto *item = new QTreeWidgetItem(m_tree, {keyLabel(k.key), k.value});
        item->setData(0, kKeyRole, k.key);
        item->setToolTip(1, k.value);
        if (k.key.endsWith(QLatin1String(".new")))
            item->setToolTip(1, k.key.startsWith(QLatin1String("faults."))
                                    ? tr("Double-click and type a fault, e.g. "
                                         "{at: 1m, for: 30s, crash: inventory, instances: 1}")
                                    : tr("Double-click and type an expectation, e.g. "
                                         "max(inventory.lag) < 5000"));
        if (m_editable && !k.fixed)
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        else
            item->setForeground(0, QColor(0x70, 0x70, 0x70));
        // A default looks apart from a value the file sets: grey italics, said in the tooltip.
        if (k.isDefault && !k.fixed) {
            QFont italic = item->font(1);
            italic.setItalic(true);
            item->setFont(1, italic);
            item->setForeground(1, QColor(0x80, 0x80, 0x80));
            item->setToolTip(1, tr("default: %1 (not set in the file)").arg(k.value));
        } else if (!k.defaultValue.isEmpty() && !k.fixed) {
            item->setData(1, kDefaultRole, k.defaultValue);
            item->setToolTip(
                1, tr("%1 (default: %2; right-click to reset)").arg(k.value, k.defaultValue));
        }
        if (m_editable && !k.fixed && ValueForms::hasEditor(k.shape))
            addEditorButton(item, k.key);
    }
    m_filling = false;
}

void InspectorPanel::addEditorButton(QTreeWidgetItem *item, const QString &key) {
    auto *button = new QToolButton(m_tree);
    button->setObjectName(QStringLiteral("valueEditor.") + key);
    // A labelled button, not a lone "…" that reads as a value cut short.
    button->setText(tr("Edit…"));
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(false);
    button->setToolTip(tr("Edit %1 in a form (the value column takes YAML as typed)").arg(key));
    m_tree->header()->resizeSection(
        2, std::max(m_tree->header()->sectionSize(2), button->sizeHint().width() + 4));
    connect(button, &QToolButton::clicked, this, [this, key] { openValueEditor(key); });
    m_tree->setItemWidget(item, 2, button);
}

QToolButton *InspectorPanel::editorButton(const QString &key) const {
    QTreeWidgetItem *item = itemOf(key);
    return item ? qobject_cast<QToolButton *>(m_tree->itemWidget(item, 2)) : nullptr;
}

bool InspectorPanel::openValueEditor(const QString &key) {
    const auto k =
        std::find_if(m_knobs.cbegin(), m_knobs.cend(), [&](const Knob &x) { return x.key == key; });
    if (k == m_knobs.cend() || !m_editable || k->fixed || !ValueForms::hasEditor(k->shape))
        return false;
    auto *dialog = new ValueEditorDialog(*k, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString target = m_target, before = k->fileValue;
    // One edit, through knobEdited() as a typed value; Cancel or an unchanged value: none.
    connect(dialog, &QDialog::accepted, this, [this, dialog, target, key, before] {
        if (!dialog->text().isEmpty() && dialog->text() != before)
            emit knobEdited(target, key, dialog->text());
    });
    dialog->open();
    return true;
}

void InspectorPanel::showNode(const model::Node &node) {
    m_target = QStringLiteral("nodes.") + QString::fromStdString(node.id);
    QVector<Knob> knobs{{QStringLiteral("id"), QString::fromStdString(node.id)}};
    knobs += KnobText::nodeKnobs(node);
    fill(QString::fromStdString(node.id), NodeShapes::displayName(node.kind), knobs);
}

void InspectorPanel::showEdge(const model::Edge &edge, int index) {
    m_target = QStringLiteral("edges.%1").arg(index);
    fill(QStringLiteral("%1 → %2").arg(QString::fromStdString(edge.from),
                                       QString::fromStdString(edge.to)),
         tr("Edge"), KnobText::edgeKnobs(edge));
}

void InspectorPanel::showScenario(const model::Scenario &scenario) {
    m_target.clear();
    QVector<Knob> knobs;
    for (const Knob &k : KnobText::scenarioKnobs(scenario))
        if (k.key != QLatin1String("faults") && k.key != QLatin1String("expect"))
            knobs << k;
    // One row per fault and expectation, and an empty one to add another.
    for (std::size_t i = 0; i < scenario.faults.size(); ++i)
        knobs << Knob{QStringLiteral("faults.%1").arg(i), KnobText::fault(scenario.faults[i])};
    knobs << Knob{QStringLiteral("faults.new"), QString()};
    for (std::size_t i = 0; i < scenario.expectations.size(); ++i)
        knobs << Knob{QStringLiteral("expect.%1").arg(i),
                      QString::fromStdString(scenario.expectations[i].text)};
    knobs << Knob{QStringLiteral("expect.new"), QString()};
    fill(scenario.name.empty() ? tr("Untitled scenario") : QString::fromStdString(scenario.name),
         tr("Scenario (select a node or an edge to see its knobs)"), knobs);
}

void InspectorPanel::showNothing(const QString &why) {
    m_target = QStringLiteral("-");
    m_filling = true;
    m_title->setText(why.toHtmlEscaped());
    m_tree->clear();
    m_filling = false;
}

void InspectorPanel::setEditable(bool editable) {
    m_editable = editable;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (QWidget *button = m_tree->itemWidget(m_tree->topLevelItem(i), 2))
            button->setEnabled(editable);
}

QString InspectorPanel::valueOf(const QString &key) const {
    const QTreeWidgetItem *item = itemOf(key);
    return item ? item->text(1) : QString();
}

QTreeWidgetItem *InspectorPanel::itemOf(const QString &key) const {
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, kKeyRole).toString() == key)
            return m_tree->topLevelItem(i);
    return nullptr;
}

bool InspectorPanel::resetKnob(const QString &key) {
    QTreeWidgetItem *item = itemOf(key);
    if (!item || !m_editable || item->data(1, kDefaultRole).toString().isEmpty())
        return false;
    emit knobEdited(m_target, key, item->data(1, kDefaultRole).toString());
    return true;
}

bool InspectorPanel::isDefaultShown(const QString &key) const {
    const QTreeWidgetItem *item = itemOf(key);
    return item && item->font(1).italic();
}

void InspectorPanel::editKnob(const QString &key) {
    if (QTreeWidgetItem *item = itemOf(key)) {
        m_tree->setCurrentItem(item, 1);
        m_tree->scrollToItem(item);
        if (item->flags() & Qt::ItemIsEditable)
            m_tree->editItem(item, 1);
    }
}

} // namespace eventbench::ui
