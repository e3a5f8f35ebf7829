#pragma once
// The editing gestures of the canvas turned into undoable document edits: add a node, connect
// two nodes (refusing edges scenarios/README.md#edges forbids, with the reason), move, delete,
// copy/paste, rename, automatic layout and knob edits from the inspector (faults and expectations
// too). GUI thread.
#include <QObject>
#include <QPointF>
#include <QString>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class Document;
class GraphScene;
class GraphView;

class CanvasEditor : public QObject {
    Q_OBJECT
  public:
    CanvasEditor(Document *document, GraphScene *scene, GraphView *view, QObject *parent);

    /// Adds a node of `kind` in a free spot near the middle of the view and selects it.
    QString addNode(model::NodeKind kind);
    QString addNodeAt(model::NodeKind kind, QPointF scenePos);
    /// Adds the edge `from -> to`; false with `reason` when it is not allowed.
    bool connectNodes(const QString &from, const QString &to, QString *reason = nullptr);
    void moveNodes(const QHash<QString, QPointF> &positions);
    /// Deletes the selected nodes (with their edges, faults and expectations) and edges, as
    /// one undoable step. When expectations, faults or dead_letter/unroutable keys name a node,
    /// a window-modal box (object name `cascadeDelete`) lists them first and the delete
    /// happens when the user confirms.
    void deleteSelection();
    void copySelection();
    void paste();
    void autoLayout();
    /// Renames a node; edges, faults, expectations and dead-letter targets follow. False with
    /// `reason` for an invalid or taken id.
    bool renameNode(const QString &from, const QString &to, QString *reason = nullptr);
    /// Applies `key: text` to `target` (`nodes.<id>`, `edges.<i>` or `` for the scenario) the
    /// way `--set` would; false with `reason` when the result does not load. Key `id` of a node
    /// renames it. On the scenario, `faults.<i>` / `expect.<i>` replace one fault or
    /// expectation (an empty text removes it) and `faults.new` / `expect.new` add one.
    bool editKnob(const QString &target, const QString &key, const QString &text,
                  QString *reason = nullptr);

    /// Why `from -> to` is not allowed, or an empty string.
    static QString edgeRefusal(const model::Scenario &s, const std::string &from,
                               const std::string &to);

  signals:
    void message(const QString &text, bool problem);

  private:
    QPointF freeSpotNear(QPointF p) const;
    /// The `--set` text that replaces one entry of `faults:` or `expect:`, or a null string.
    QString listSetting(const QString &key, const QString &text, QString *reason) const;
    bool applySetting(const QString &setting, const QString &key, const QString &label,
                      QString *reason);

    Document *m_document;
    GraphScene *m_scene;
    GraphView *m_view;
    model::Scenario m_clipboard; // nodes and the edges among them
};

} // namespace eventbench::ui
