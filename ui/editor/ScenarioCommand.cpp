#include "ui/editor/ScenarioCommand.h"

#include "ui/editor/Document.h"

namespace eventbench::ui {

ScenarioCommand::ScenarioCommand(Document *document, EditState before, EditState after,
                                 const QString &text)
    : QUndoCommand(text), m_document(document), m_before(std::move(before)),
      m_after(std::move(after)) {}

void ScenarioCommand::undo() {
    m_document->replaceScenario(m_before.scenario, m_before.base);
}
void ScenarioCommand::redo() {
    m_document->replaceScenario(m_after.scenario, m_after.base);
}

} // namespace eventbench::ui
