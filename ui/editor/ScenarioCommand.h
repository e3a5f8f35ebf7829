#pragma once
// One undoable edit of the document: the whole scenario before and after. Scenarios are small
// value types, so a snapshot per edit is simpler and safer than per-field commands.
#include <QUndoCommand>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class Document;

class ScenarioCommand : public QUndoCommand {
  public:
    ScenarioCommand(Document *document, model::Scenario before, model::Scenario after,
                    const QString &text);

    void undo() override;
    void redo() override;

  private:
    Document *m_document;
    model::Scenario m_before;
    model::Scenario m_after;
};

} // namespace eventbench::ui
