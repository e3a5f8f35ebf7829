#pragma once
// The Source view: the scenario's YAML beside the canvas, edited in either place and kept in
// step. Canvas and inspector edits show here as the text a save would write (the file patched
// line by line); text typed here is loaded after a short pause and, when it loads, becomes
// the scenario. Diagnostics are marked on their lines (wavy underline, tooltip, a line under
// the editor). Owned by the main window; observes one Document. GUI thread.
#include <QWidget>

#include "model/scenario/Diagnostic.h"

class QDockWidget;
class QLabel;
class QMainWindow;
class QPlainTextEdit;
class QTimer;

namespace eventbench::ui {

class Document;

class SourceView : public QWidget {
    Q_OBJECT
  public:
    /// How long typing must pause before the text is loaded.
    static constexpr int kIdleMs = 400;

    explicit SourceView(Document *document, QWidget *parent = nullptr);

    /// Puts a Source view in a dock (object name `sourceDock`) of `window`, tabbed with
    /// `tabWith`, raised when the document's text does not load; and a banner over `canvas`
    /// saying that it shows the last scenario that loaded (or nothing) meanwhile.
    static SourceView *attach(QMainWindow *window, Document *document, QDockWidget *tabWith,
                              QWidget *canvas);

    QPlainTextEdit *editor() const { return m_edit; }
    /// The line under the editor: "Loads", or the first problem and its line.
    QLabel *status() const { return m_status; }
    /// The diagnostics marked now, with their lines in the text shown.
    const model::Diagnostics &marked() const { return m_marked; }
    /// Loads the text now instead of after the pause (tests, and before a save or run).
    void applyNow();

  protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

  private:
    void showDocument();
    void markDiagnostics(const model::Diagnostics &diagnostics);

    Document *m_document;
    QPlainTextEdit *m_edit;
    QLabel *m_status;
    QTimer *m_idle;
    model::Diagnostics m_marked;
    bool m_updating = false;
};

} // namespace eventbench::ui
