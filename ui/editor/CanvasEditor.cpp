#include "ui/editor/CanvasEditor.h"

#include <QApplication>
#include <QClipboard>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <set>

#include "model/catalogue/KnobCatalogue.h"
#include "model/topology/TopologyGraph.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioValidator.h"
#include "model/yaml/ScenarioWriter.h"
#include "ui/canvas/GraphScene.h"
#include "ui/canvas/GraphView.h"
#include "ui/canvas/Layout.h"
#include "ui/canvas/NodeItem.h"
#include "ui/editor/Document.h"
#include "ui/editor/ScenarioEdits.h"
#include "ui/inspector/KnobText.h"

namespace eventbench::ui {

using model::NodeKind;

namespace {

// The YAML map of an edge with one knob replaced, for `edges.<i>=<map>` (short-form edges
// are plain strings, so a single knob cannot be set inside them).
QString edgeMap(const model::Edge &e, const QString &key, const QString &text) {
    QStringList parts;
    for (const model::EdgeKnob &k : model::edgeKnobs()) {
        const QString name = QString::fromUtf8(k.key.data(), static_cast<qsizetype>(k.key.size()));
        if (name == key)
            parts << QStringLiteral("%1: %2").arg(name, text);
        else if (!k.codec.isDefault(e))
            parts << QStringLiteral("%1: %2").arg(name, QString::fromStdString(k.codec.show(e, k)));
    }
    return QStringLiteral("{%1}").arg(parts.join(QStringLiteral(", ")));
}

QString yamlQuoted(QString text) {
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

} // namespace

CanvasEditor::CanvasEditor(Document *document, GraphScene *scene, GraphView *view, QObject *parent)
    : QObject(parent), m_document(document), m_scene(scene), m_view(view) {}

QString CanvasEditor::edgeRefusal(const model::Scenario &s, const std::string &from,
                                  const std::string &to) {
    const model::Node *a = s.findNode(from);
    const model::Node *b = s.findNode(to);
    if (!a || !b)
        return tr("unknown node");
    if (from == to)
        return tr("a node cannot be connected to itself");
    for (const auto &e : s.edges)
        if (e.from == from && e.to == to)
            return a->kind == model::NodeKind::Exchange
                       ? tr("%1 is already connected to %2; to bind it to several patterns, "
                            "give that edge's binding a list such as [\"a.*\", \"b.#\"]")
                             .arg(QString::fromStdString(from), QString::fromStdString(to))
                       : tr("%1 is already connected to %2")
                             .arg(QString::fromStdString(from), QString::fromStdString(to));
    return QString::fromStdString(model::TopologyGraph::edgeRefusal(a->kind, b->kind));
}

QPointF CanvasEditor::freeSpotNear(QPointF p) const {
    const auto &nodes = m_document->scenario().nodes;
    QPointF spot(std::round(p.x() / 10) * 10, std::round(p.y() / 10) * 10);
    for (int attempt = 0; attempt < 200; ++attempt) {
        const bool taken = std::any_of(nodes.begin(), nodes.end(), [&](const model::Node &n) {
            return n.pos && std::abs(n.pos->first - spot.x()) < 140 &&
                   std::abs(n.pos->second - spot.y()) < 100;
        });
        if (!taken)
            break;
        spot += QPointF(0, 110);
    }
    return spot;
}

QString CanvasEditor::addNode(NodeKind kind) {
    const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
    return addNodeAt(kind, freeSpotNear(centre));
}

QString CanvasEditor::addNodeAt(NodeKind kind, QPointF scenePos) {
    const std::string id =
        m_document->addNode(kind, {std::round(scenePos.x()), std::round(scenePos.y())});
    QString qid = QString::fromStdString(id);
    m_scene->selectOnly(qid);
    emit message(tr("Added %1 (Shift+drag from a node to another to connect)").arg(qid), false);
    return qid;
}

bool CanvasEditor::connectNodes(const QString &from, const QString &to, QString *reason) {
    const model::Scenario &cur = m_document->scenario();
    const QString why = edgeRefusal(cur, from.toStdString(), to.toStdString());
    if (!why.isEmpty()) {
        if (reason)
            *reason = why;
        emit message(tr("Cannot connect %1 → %2: %3").arg(from, to, why), true);
        return false;
    }
    model::Scenario s = cur;
    model::Edge e;
    e.from = from.toStdString();
    e.to = to.toStdString();
    s.edges.push_back(e);
    // An allowed edge can still close a loop that makes messages circle (a topology error).
    if (!model::hasErrors(m_document->diagnostics()))
        for (const model::Diagnostic &d : model::validateScenario(s))
            if (d.severity == model::Diagnostic::Severity::Error) {
                const QString loop = QString::fromStdString(d.message);
                if (reason)
                    *reason = loop;
                emit message(tr("Cannot connect %1 → %2: %3").arg(from, to, loop), true);
                return false;
            }
    m_document->edit(s, tr("Connect %1 → %2").arg(from, to));
    return true;
}

void CanvasEditor::moveNodes(const QHash<QString, QPointF> &positions) {
    model::Scenario s = m_document->scenario();
    for (auto &n : s.nodes) {
        auto it = positions.constFind(QString::fromStdString(n.id));
        if (it != positions.constEnd())
            n.pos = std::make_pair(it->x(), it->y());
    }
    m_document->edit(s, positions.size() == 1 ? tr("Move %1").arg(positions.begin().key())
                                              : tr("Move %1 nodes").arg(positions.size()));
}

void CanvasEditor::deleteSelection() {
    const QStringList ids = m_scene->selectedNodeIds();
    const int edge = m_scene->selectedEdgeIndex();
    if (ids.isEmpty() && edge < 0)
        return;
    model::Scenario s = m_document->scenario();
    std::set<std::string> gone;
    for (const QString &id : ids)
        gone.insert(id.toStdString());
    const QStringList also = ScenarioEdits::cascade(s, gone);
    const int dropped = ScenarioEdits::deleteItems(s, gone, edge);
    const QString text = ids.isEmpty() ? tr("Delete edge") : tr("Delete %1").arg(ids.join(", "));
    if (also.isEmpty()) {
        m_document->edit(s, text);
        return;
    }
    // Others name what goes: say what goes with it, and delete on confirmation, as one step.
    const model::Scenario asked = m_document->scenario();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete %1").arg(ids.join(", ")),
                                tr("Deleting %1 also removes:").arg(ids.join(", ")),
                                QMessageBox::NoButton, m_view->window());
    box->setObjectName(QStringLiteral("cascadeDelete"));
    box->setInformativeText(QStringLiteral("• ") + also.join(QStringLiteral("\n• ")) +
                            tr("\n\nUndo (Ctrl+Z) brings all of it back."));
    QPushButton *ok = box->addButton(tr("Delete all"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(ok);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, ok, s, asked, text, dropped] {
        if (box->clickedButton() != ok || !(m_document->scenario() == asked))
            return;
        m_document->edit(s, text);
        emit message(tr("%1 (and %2 faults/expectations naming it)").arg(text).arg(dropped), false);
    });
    box->open();
}

bool CanvasEditor::renameNode(const QString &from, const QString &to, QString *reason) {
    model::Scenario s = m_document->scenario();
    const QString why = ScenarioEdits::renameNode(s, from.toStdString(), to.toStdString());
    if (!why.isEmpty()) {
        if (reason)
            *reason = why;
        emit message(tr("%1 not renamed: %2").arg(from, why), true);
        return false;
    }
    if (from == to)
        return true;
    m_document->edit(s, tr("Rename %1 → %2").arg(from, to));
    m_scene->selectOnly(to);
    return true;
}

void CanvasEditor::copySelection() {
    const QStringList ids = m_scene->selectedNodeIds();
    if (ids.isEmpty())
        return;
    const model::Scenario &cur = m_document->scenario();
    m_clipboard = model::Scenario{};
    m_clipboard.name = "clipboard";
    m_clipboard.duration = cur.duration;
    QSet<std::string> picked;
    for (const QString &id : ids)
        picked.insert(id.toStdString());
    for (const auto &n : cur.nodes)
        if (picked.contains(n.id))
            m_clipboard.nodes.push_back(n);
    for (const auto &e : cur.edges)
        if (picked.contains(e.from) && picked.contains(e.to))
            m_clipboard.edges.push_back(e);
    QApplication::clipboard()->setText(
        QString::fromStdString(model::writeScenarioYaml(m_clipboard)));
    emit message(tr("Copied %1 node(s)").arg(m_clipboard.nodes.size()), false);
}

void CanvasEditor::paste() {
    if (m_clipboard.nodes.empty())
        return;
    model::Scenario s = m_document->scenario();
    std::map<std::string, std::string> renamed;
    for (const auto &n : m_clipboard.nodes) {
        std::string id = n.id + "-copy";
        for (int i = 2; s.findNode(id); ++i)
            id = n.id + "-copy" + std::to_string(i);
        renamed[n.id] = id;
        model::Node copy = n;
        copy.id = id;
        copy.where = {};
        if (copy.pos)
            copy.pos = std::make_pair(copy.pos->first + 40, copy.pos->second + 40);
        s.nodes.push_back(copy);
    }
    for (auto e : m_clipboard.edges) {
        e.from = renamed[e.from];
        e.to = renamed[e.to];
        e.where = {};
        s.edges.push_back(e);
    }
    m_document->edit(s, tr("Paste %1 node(s)").arg(m_clipboard.nodes.size()));
    m_scene->clearSelection();
    for (const auto &[from, to] : renamed)
        if (NodeItem *item = m_scene->nodeItem(QString::fromStdString(to)))
            item->setSelected(true);
}

void CanvasEditor::autoLayout() {
    model::Scenario s = m_document->scenario();
    Layout::layoutAll(s);
    m_document->edit(s, tr("Automatic layout"));
    m_view->fitToWindow();
}

QString CanvasEditor::listSetting(const QString &key, const QString &text, QString *reason) const {
    const model::Scenario &cur = m_document->scenario();
    const bool faults = key.startsWith(QLatin1String("faults."));
    QStringList items;
    if (faults)
        for (const model::Fault &f : cur.faults)
            items << KnobText::fault(f);
    else
        for (const model::Expectation &x : cur.expectations)
            items << QString::fromStdString(x.text);
    const QString which = key.section(QLatin1Char('.'), 1);
    const QString entry = text.trimmed();
    bool ok = false;
    const int i = which.toInt(&ok);
    if (which == QLatin1String("new")) {
        if (entry.isEmpty())
            return {};
        items << entry;
    } else if (ok && i >= 0 && i < items.size()) {
        if (entry.isEmpty())
            items.removeAt(i);
        else
            items[i] = entry;
    } else {
        if (reason)
            *reason = tr("no entry %1").arg(key);
        return {};
    }
    if (!faults)
        // Expectations are strings; quoted, `:` or `#` in them cannot turn into YAML syntax.
        for (QString &x : items)
            x = yamlQuoted(x);
    return (faults ? QStringLiteral("faults=[") : QStringLiteral("expect=[")) +
           items.join(QStringLiteral(", ")) + QLatin1Char(']');
}

bool CanvasEditor::editKnob(const QString &target, const QString &key, const QString &text,
                            QString *reason) {
    const model::Scenario &cur = m_document->scenario();
    if (target.startsWith(QLatin1String("nodes.")) && key == QLatin1String("id"))
        return renameNode(target.mid(6), text.trimmed(), reason);
    QString value = text;
    // Names and descriptions are text, whatever they contain (`a: b`, `#1`); a binding may
    // also be a list of patterns (`["*.orange.*", "lazy.#"]`).
    const bool bindingList =
        model::isTextListKnob(key.toStdString()) && value.startsWith(QLatin1Char('['));
    if (model::isFreeTextKnob(key.toStdString()) && !value.startsWith(QLatin1Char('"')) &&
        !value.startsWith(QLatin1Char('\'')) && !value.startsWith(QLatin1Char('{')) && !bindingList)
        value = yamlQuoted(value);
    QString setting;
    QString label = key;
    if (target.startsWith(QLatin1String("edges."))) {
        const int i = target.mid(6).toInt();
        if (i < 0 || i >= int(cur.edges.size()))
            return false;
        setting = target + QLatin1Char('=') + edgeMap(cur.edges[i], key, value);
        label = target.mid(6) + "." + key;
    } else if (target.startsWith(QLatin1String("nodes."))) {
        setting = target + QLatin1Char('.') + key + QLatin1Char('=') + value;
        label = target.mid(6) + "." + key;
    } else if (key.startsWith(QLatin1String("faults.")) ||
               key.startsWith(QLatin1String("expect."))) {
        setting = listSetting(key, text, reason);
        if (setting.isNull())
            return false;
        label = key.startsWith(QLatin1String("faults.")) ? tr("faults") : tr("expectations");
    } else {
        setting = key + QLatin1Char('=') + value;
    }
    return applySetting(setting, key, label, reason);
}

bool CanvasEditor::applySetting(const QString &setting, const QString &key, const QString &label,
                                QString *reason) {
    const model::Scenario &cur = m_document->scenario();
    model::LoadResult r = model::loadScenarioText(
        m_document->toYaml(), m_document->displayName().toStdString(), {setting.toStdString()});
    if (!r.scenario) {
        QStringList why;
        for (const auto &d : r.diagnostics)
            if (d.severity == model::Diagnostic::Severity::Error)
                why << QString::fromStdString(d.message);
        const QString all = why.join(QStringLiteral("; "));
        if (reason)
            *reason = all;
        emit message(tr("%1 not changed: %2").arg(key, all), true);
        return false;
    }
    model::Scenario s = std::move(*r.scenario);
    s.fileName = cur.fileName;
    m_document->edit(s, tr("Set %1").arg(label));
    return true;
}

} // namespace eventbench::ui
