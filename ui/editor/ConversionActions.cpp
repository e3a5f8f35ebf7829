#include "ui/editor/ConversionActions.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

#include "model/yaml/ScenarioLoader.h"
#include "ui/editor/Document.h"
#include "ui/editor/FileController.h"
#include "ui/editor/SaveText.h"

namespace eventbench::ui {

ConversionActions::ConversionActions(Document *document, FileController *files, QWidget *window)
    : QObject(window), m_document(document), m_files(files), m_window(window) {
    m_importMenu = new QMenu(tr("&Import"), window);
    m_importMenu->setObjectName(QStringLiteral("importMenu"));
    QAction *asyncApi = m_importMenu->addAction(tr("&AsyncAPI Document…"));
    asyncApi->setObjectName(QStringLiteral("importAsyncApi"));
    QAction *omb = m_importMenu->addAction(tr("&OpenMessaging Benchmark Workload…"));
    omb->setObjectName(QStringLiteral("importOmb"));
    connect(asyncApi, &QAction::triggered, this,
            [this] { importInteractive(model::ImportFormat::AsyncApi); });
    connect(omb, &QAction::triggered, this,
            [this] { importInteractive(model::ImportFormat::Omb); });
    m_exportAsyncApi = new QAction(tr("Export &AsyncAPI…"), this);
    m_exportAsyncApi->setObjectName(QStringLiteral("exportAsyncApi"));
    connect(m_exportAsyncApi, &QAction::triggered, this, &ConversionActions::exportInteractive);
}

void ConversionActions::setReplaceAllowed(bool allowed) {
    m_importMenu->setEnabled(allowed);
}

bool ConversionActions::importFile(model::ImportFormat format, const QString &path) {
    const model::ImportResult result = model::importFile(format, path.toStdString());
    const QString name = QFileInfo(path).fileName();
    if (!result.scenario) {
        emit m_files->loadFailed(path, result.diagnostics);
        emit m_files->message(tr("%1 cannot be imported; nothing was replaced").arg(name));
        return false;
    }
    // The document holds the scenario as its text reads back, as if opened from a file.
    const std::string text =
        model::importedScenarioYaml(*result.scenario, format, path.toStdString());
    model::LoadResult loaded = model::loadScenarioText(text, name.toStdString());
    if (!loaded.scenario) {
        emit m_files->loadFailed(path, loaded.diagnostics);
        return false;
    }
    m_document->reset(std::move(*loaded.scenario), QString(), result.diagnostics, text);
    m_document->markUnsaved();
    std::size_t warnings = 0;
    for (const auto &d : result.diagnostics)
        warnings += d.severity == model::Diagnostic::Severity::Warning ? 1 : 0;
    emit m_files->message(tr("Imported %1 (%2): %3 warnings in Diagnostics; not saved yet")
                              .arg(name, QString::fromLatin1(model::importFormatLabel(format)))
                              .arg(warnings));
    return true;
}

void ConversionActions::importInteractive(model::ImportFormat format) {
    if (!m_files->maybeSave())
        return;
    const QString filter = format == model::ImportFormat::AsyncApi
                               ? tr("AsyncAPI (*.yaml *.yml *.json);;All files (*)")
                               : tr("OMB workloads (*.yaml *.yml);;All files (*)");
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import %1").arg(QString::fromLatin1(model::importFormatLabel(format))),
        QString(), filter);
    if (!path.isEmpty())
        importFile(format, path);
}

bool ConversionActions::exportAsyncApi(const QString &path, QString *error) const {
    model::Diagnostics diagnostics;
    const auto scenario = m_document->validated(&diagnostics);
    if (!scenario) {
        if (error)
            *error = tr("The scenario has errors (see Diagnostics); fix them before exporting.");
        return false;
    }
    const std::string text = model::exportAsyncApi(*scenario);
    return saveText(path, text, error);
}

void ConversionActions::exportInteractive() {
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export AsyncAPI"),
        QString::fromStdString(m_document->scenario().name) + QStringLiteral(".asyncapi.yaml"),
        tr("AsyncAPI (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".yaml");
    QString error;
    if (exportAsyncApi(path, &error))
        emit m_files->message(tr("Exported %1").arg(path));
    else
        QMessageBox::critical(m_window, tr("Export failed"), error);
}

} // namespace eventbench::ui
