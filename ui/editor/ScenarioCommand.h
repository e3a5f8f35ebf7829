#pragma once
// One undoable edit of the document: the whole scenario before and after, with the file text
// saves patch (which a Source view edit replaces). Scenarios are small value types, so a
// snapshot per edit is simpler and safer than per-field commands.
#include <QUndoCommand>

#include "model/scenario/Scenario.h"
#include "ui/editor/Document.h"

namespace eventbench::ui {

/// The document's state an edit replaces.
struct EditState {
    model::Scenario scenario;
    SourceBase base;
};

class ScenarioCommand : public QUndoCommand {
  public:
    ScenarioCommand(Document *document, EditState before, EditState after, const QString &text);

    void undo() override;
    void redo() override;

  private:
    Document *m_document;
    EditState m_before;
    EditState m_after;
};

} // namespace eventbench::ui
