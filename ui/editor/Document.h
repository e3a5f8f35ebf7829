#pragma once
// The scenario being edited: its value, file path, undo stack and current diagnostics. Every
// edit goes through edit() as a ScenarioCommand, so everything can be undone; views observe
// scenarioChanged(). Lives on the GUI thread.
#include <QObject>
#include <QString>
#include <optional>
#include <set>
#include <string>

#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"

class QUndoStack;

namespace eventbench::ui {

/// The file text a save patches (ScenarioPatcher) and the scenario it describes: what was
/// opened or saved last, or what the Source view holds.
struct SourceBase {
    std::string text;
    model::Scenario scenario;
    std::set<std::string> laidOut; // nodes whose `pos` the canvas chose (not in `text`)
};

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

    /// Starts over with `scenario` (nodes without `pos` are laid out), forgetting the history;
    /// `text` is the file it came from, which saves patch (empty: saves write anew).
    void reset(model::Scenario scenario, const QString &path, model::Diagnostics diagnostics,
               const std::string &text = {});
    /// Starts over with a file that does not load: an empty scenario, the file's text as what
    /// a save writes and the Source view shows, and its diagnostics.
    void resetBroken(const QString &path, const std::string &text, model::Diagnostics diagnostics);
    /// The text typed in the Source view: when it loads, it becomes the scenario (one undoable
    /// step, positions of unmoved nodes kept); otherwise it is held as broken with its
    /// diagnostics while the scenario stays the last valid one.
    void setSourceText(const std::string &text);
    /// The text that does not load (Source view or a file with errors), if any.
    const std::optional<std::string> &brokenText() const { return m_broken; }
    /// An empty scenario, as File > New gives.
    static model::Scenario emptyScenario();

    /// Replaces the scenario by `after` as one undoable step called `text`.
    void edit(const model::Scenario &after, const QString &text);
    /// The scenario with a node of `kind` added at `pos` under a fresh id; returns the id.
    std::string addNode(model::NodeKind kind, std::pair<double, double> pos);
    /// A fresh node id for `kind`: `consumer1`, `consumer2`, ...
    std::string uniqueNodeId(model::NodeKind kind) const;

    /// The file text a save writes: the opened file with only the edited lines changed, or
    /// the broken text as typed.
    std::string toYaml() const;
    /// The scenario as the engine would get it (re-read from its own YAML, so the run sees
    /// exactly what a save and reload would); nullopt with `diagnostics` on errors.
    std::optional<model::Scenario> validated(model::Diagnostics *diagnostics) const;
    /// Marks the document as having unsaved changes (an imported scenario: no file yet).
    void markUnsaved();
    /// `text` was written to `path`: the base later saves patch.
    void markSaved(const QString &path, const std::string &text);

    /// Used by ScenarioCommand only.
    void replaceScenario(const model::Scenario &scenario, const SourceBase &base);
    const SourceBase &base() const { return m_base; }

  signals:
    void scenarioChanged();
    void diagnosticsChanged();
    void filePathChanged();
    void modifiedChanged(bool modified);
    /// The Source view's text stopped or started loading (brokenText()).
    void brokenChanged();

  private:
    void revalidate();

    model::Scenario m_scenario;
    model::Diagnostics m_diagnostics;
    SourceBase m_base;
    std::optional<std::string> m_broken;
    QString m_path;
    QUndoStack *m_undo;
};

} // namespace eventbench::ui
