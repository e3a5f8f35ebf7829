#pragma once
// File > Import (an AsyncAPI document, an OpenMessaging Benchmark workload) and File > Export
// AsyncAPI (README.md#importing-and-exporting), through the same conversions as `eventbench
// import` and `eventbench export` (model/formats/Conversions.h). An import opens the converted
// scenario as a new, unsaved document with the import's warnings in Diagnostics; a source
// that cannot be converted replaces nothing and shows its errors there. GUI thread.
#include <QObject>

#include "model/formats/Conversions.h"

class QAction;
class QMenu;
class QWidget;

namespace eventbench::ui {

class Document;
class FileController;

class ConversionActions : public QObject {
    Q_OBJECT
  public:
    ConversionActions(Document *document, FileController *files, QWidget *window);

    /// Import AsyncAPI Document…, Import OMB Workload…
    QMenu *importMenu() const { return m_importMenu; }
    QAction *exportAsyncApiAction() const { return m_exportAsyncApi; }

    /// Converts `path` and opens the result (no prompt); false when it cannot be converted
    /// (the errors go out with FileController::loadFailed).
    bool importFile(model::ImportFormat format, const QString &path);
    /// Writes the document's scenario as an AsyncAPI 3.0 document to `path`; false with
    /// `error` when the scenario has errors or the file cannot be written.
    bool exportAsyncApi(const QString &path, QString *error = nullptr) const;
    /// Whether imports may replace the document (not during a run).
    void setReplaceAllowed(bool allowed);

  private:
    void importInteractive(model::ImportFormat format);
    void exportInteractive();

    Document *m_document;
    FileController *m_files;
    QWidget *m_window;
    QMenu *m_importMenu;
    QAction *m_exportAsyncApi;
};

} // namespace eventbench::ui
