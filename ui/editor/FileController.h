#pragma once
// File > New, Open, Save, Save As and Open Recent (kept in QSettings) for a Document, with a
// prompt before unsaved changes are lost. A file that fails to load is opened to be fixed: the
// document holds its text (shown by the Source view) and its diagnostics, the canvas is
// empty. GUI thread.
#include <QObject>
#include <QStringList>

#include "model/scenario/Diagnostic.h"

class QAction;
class QMenu;
class QWidget;

namespace eventbench::ui {

class Document;

class FileController : public QObject {
    Q_OBJECT
  public:
    static constexpr int kMaxRecent = 8;

    FileController(Document *document, QWidget *window);

    QAction *newAction() const { return m_new; }
    QAction *openAction() const { return m_open; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }
    QMenu *recentMenu() const { return m_recent; }

    /// Loads `path` into the document (no prompt); false and loadFailed() on errors (the
    /// document then holds the broken text, see Document::resetBroken).
    bool openFile(const QString &path);
    /// Writes the document to `path` and makes it the document's file; false on I/O errors.
    bool saveTo(const QString &path, QString *error = nullptr);
    /// Asks whether to save when the document is modified; false means "cancel".
    bool maybeSave();
    QStringList recentFiles() const;
    /// Whether New and Open may replace the document (not during a run).
    void setReplaceAllowed(bool allowed);

  public slots:
    void newDocument();
    void open();
    bool save();
    bool saveAs();

  signals:
    void loadFailed(const QString &path, const eventbench::model::Diagnostics &diagnostics);
    void message(const QString &text);

  private:
    void addRecent(const QString &path);
    void rebuildRecentMenu();

    Document *m_document;
    QWidget *m_window;
    QAction *m_new;
    QAction *m_open;
    QAction *m_save;
    QAction *m_saveAs;
    QMenu *m_recent;
};

} // namespace eventbench::ui
