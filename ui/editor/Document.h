#pragma once
// The scenario being edited: its value, file path, undo stack and current diagnostics. Every
// edit goes through edit() as a ScenarioCommand, so everything can be undone; views observe
// scenarioChanged(). Lives on the GUI thread.
#include <QObject>
#include <QString>
#include <optional>

#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"

class QUndoStack;

namespace eventbench::ui {

class Document : public QObject {
    Q_OBJECT
  public:
    explicit Document(QObject *parent = nullptr);

    const model::Scenario &scenario() const { return m_scenario; }
    const model::Diagnostics &diagnostics() const { return m_diagnostics; }
    QString filePath() const { return m_path; }
    QString displayName() const;
    QUndoStack *undoStack() const { return m_undo; }
    bool isModified() const;

    /// Starts over with `scenario` (nodes without `pos` are laid out), forgetting the history.
    void reset(model::Scenario scenario, const QString &path, model::Diagnostics diagnostics);
    /// An empty scenario, as File > New gives.
    static model::Scenario emptyScenario();

    /// Replaces the scenario by `after` as one undoable step called `text`.
    void edit(const model::Scenario &after, const QString &text);
    /// The scenario with a node of `kind` added at `pos` under a fresh id; returns the id.
    std::string addNode(model::NodeKind kind, std::pair<double, double> pos);
    /// A fresh node id for `kind`: `consumer1`, `consumer2`, ...
    std::string uniqueNodeId(model::NodeKind kind) const;

    /// The file text a save writes.
    std::string toYaml() const;
    /// The scenario as the engine would get it (re-read from its own YAML, so the run sees
    /// exactly what a save and reload would); nullopt with `diagnostics` on errors.
    std::optional<model::Scenario> validated(model::Diagnostics *diagnostics) const;
    void markSaved(const QString &path);

    /// Used by ScenarioCommand only.
    void replaceScenario(const model::Scenario &scenario);

  signals:
    void scenarioChanged();
    void diagnosticsChanged();
    void filePathChanged();
    void modifiedChanged(bool modified);

  private:
    void revalidate();

    model::Scenario m_scenario;
    model::Diagnostics m_diagnostics;
    QString m_path;
    QUndoStack *m_undo;
};

} // namespace eventbench::ui
