#include "ui/editor/Document.h"

#include <QFileInfo>
#include <QUndoStack>
#include <algorithm>

#include "model/topology/TopologyDiagnostics.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioPatcher.h"
#include "model/yaml/ScenarioValidator.h"
#include "model/yaml/ScenarioWriter.h"
#include "ui/canvas/Layout.h"
#include "ui/editor/ScenarioCommand.h"

namespace eventbench::ui {

namespace {
// Scenario equality may leave editor positions out; a move is still an edit.
// The ids of the nodes without a position (which the layout will place).
std::set<std::string> unplaced(const model::Scenario &s) {
    std::set<std::string> out;
    for (const model::Node &n : s.nodes)
        if (!n.pos)
            out.insert(n.id);
    return out;
}

bool samePositions(const model::Scenario &a, const model::Scenario &b) {
    if (a.nodes.size() != b.nodes.size())
        return false;
    for (std::size_t i = 0; i < a.nodes.size(); ++i)
        if (a.nodes[i].pos != b.nodes[i].pos)
            return false;
    return true;
}
} // namespace

Document::Document(QObject *parent) : QObject(parent), m_undo(new QUndoStack(this)) {
    m_scenario = emptyScenario();
    connect(m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

model::Scenario Document::emptyScenario() {
    model::Scenario s;
    s.name = "untitled";
    s.duration = model::SimTime(10 * 60) * model::kNanosPerSecond;
    return s;
}

QString Document::displayName() const {
    if (!m_path.isEmpty())
        return QFileInfo(m_path).fileName();
    return QStringLiteral("untitled.yaml");
}

bool Document::isModified() const {
    return !m_undo->isClean();
}

void Document::reset(model::Scenario scenario, const QString &path, model::Diagnostics diagnostics,
                     const std::string &text) {
    const std::set<std::string> laidOut = unplaced(scenario);
    Layout::placeMissing(scenario);
    m_undo->clear();
    m_undo->setClean();
    m_scenario = std::move(scenario);
    m_base = {text, m_scenario, laidOut};
    const bool wasBroken = m_broken.has_value();
    m_broken.reset();
    m_path = path;
    m_diagnostics = std::move(diagnostics);
    // The loader reports errors and its own warnings; the topology's warnings (a bus nobody
    // reads, ...) are what an editor adds.
    const model::TopologyGraph graph(m_scenario);
    for (model::Diagnostic &d : model::topologyDiagnostics(graph))
        if (d.severity == model::Diagnostic::Severity::Warning &&
            std::none_of(m_diagnostics.begin(), m_diagnostics.end(), [&](const auto &x) {
                return x.message == d.message && x.nodeId == d.nodeId;
            }))
            m_diagnostics.push_back(std::move(d));
    emit filePathChanged();
    emit scenarioChanged();
    emit diagnosticsChanged();
    emit modifiedChanged(false);
    if (wasBroken)
        emit brokenChanged();
}

void Document::markUnsaved() {
    m_undo->resetClean();
}

void Document::resetBroken(const QString &path, const std::string &text,
                           model::Diagnostics diagnostics) {
    reset(emptyScenario(), path, {}, {});
    m_broken = text;
    m_diagnostics = std::move(diagnostics);
    emit diagnosticsChanged();
    emit brokenChanged();
}

void Document::setSourceText(const std::string &text) {
    if (text == toYaml())
        return;
    model::LoadResult r = model::loadScenarioText(text, displayName().toStdString());
    if (!r.scenario || model::hasErrors(r.diagnostics)) {
        m_broken = text;
        m_diagnostics = std::move(r.diagnostics);
        emit diagnosticsChanged();
        emit brokenChanged();
        return;
    }
    model::Scenario parsed = std::move(*r.scenario);
    const std::set<std::string> laidOut = unplaced(parsed);
    // The file may leave positions out; the canvas keeps the places nodes have now.
    for (model::Node &n : parsed.nodes)
        if (const model::Node *now = m_scenario.findNode(n.id); !n.pos && now)
            n.pos = now->pos;
    Layout::placeMissing(parsed);
    const bool wasBroken = m_broken.has_value();
    m_broken.reset();
    if (parsed == m_scenario) {
        m_base = {text, parsed, laidOut};
        revalidate();
    } else {
        m_undo->push(new ScenarioCommand(this, {m_scenario, m_base},
                                         {parsed, {text, parsed, laidOut}}, tr("Edit source")));
    }
    if (wasBroken)
        emit brokenChanged();
}

void Document::edit(const model::Scenario &after, const QString &text) {
    if (after == m_scenario && samePositions(after, m_scenario))
        return;
    const bool wasBroken = m_broken.has_value();
    m_broken.reset();
    m_undo->push(new ScenarioCommand(this, {m_scenario, m_base}, {after, m_base}, text));
    if (wasBroken)
        emit brokenChanged();
}

std::string Document::uniqueNodeId(model::NodeKind kind) const {
    const std::string base = model::toString(kind);
    for (int i = 1;; ++i) {
        std::string id = base + std::to_string(i);
        if (!m_scenario.findNode(id))
            return id;
    }
}

std::string Document::addNode(model::NodeKind kind, std::pair<double, double> pos) {
    model::Scenario s = m_scenario;
    model::Node node;
    node.id = uniqueNodeId(kind);
    node.kind = kind;
    node.pos = pos;
    // A producer needs a rate to be valid; give it a modest one.
    if (kind == model::NodeKind::Producer)
        node.producer.rate.rate = 10;
    s.nodes.push_back(node);
    edit(s, tr("Add %1").arg(QString::fromStdString(node.id)));
    return node.id;
}

std::string Document::toYaml() const {
    if (m_broken)
        return *m_broken;
    // Once a node is moved or added, every node gets its place written, so that the canvas
    // reopens as it was left (the layout would place the others anew around the moved one).
    bool moved = false;
    for (const model::Node &n : m_scenario.nodes) {
        const model::Node *was = m_base.scenario.findNode(n.id);
        moved = moved || !was || was->pos != n.pos;
    }
    if (!moved || m_base.laidOut.empty())
        return model::patchScenarioYaml(m_base.text, m_base.scenario, m_scenario);
    model::Scenario base = m_base.scenario;
    for (model::Node &n : base.nodes)
        if (m_base.laidOut.count(n.id))
            n.pos.reset();
    return model::patchScenarioYaml(m_base.text, base, m_scenario);
}

std::optional<model::Scenario> Document::validated(model::Diagnostics *diagnostics) const {
    const std::string name = displayName().toStdString();
    model::LoadResult r = model::loadScenarioText(toYaml(), name);
    if (diagnostics)
        *diagnostics = r.diagnostics;
    if (!r.scenario || model::hasErrors(r.diagnostics))
        return std::nullopt;
    return r.scenario;
}

void Document::markSaved(const QString &path, const std::string &text) {
    const bool pathChanged = path != m_path;
    m_path = path;
    if (!m_broken) {
        model::LoadResult r = model::loadScenarioText(text, displayName().toStdString());
        m_base = {text, m_scenario, r.scenario ? unplaced(*r.scenario) : std::set<std::string>{}};
    }
    m_undo->setClean();
    if (pathChanged)
        emit filePathChanged();
}

void Document::replaceScenario(const model::Scenario &scenario, const SourceBase &base) {
    m_scenario = scenario;
    m_base = base;
    revalidate();
    emit scenarioChanged();
}

void Document::revalidate() {
    m_diagnostics = model::scenarioDiagnostics(m_scenario);
    emit diagnosticsChanged();
}

} // namespace eventbench::ui
