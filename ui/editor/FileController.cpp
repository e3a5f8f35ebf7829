#include "ui/editor/FileController.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

#include "model/yaml/ScenarioLoader.h"
#include "ui/editor/Document.h"
#include "ui/editor/SaveText.h"

namespace eventbench::ui {

namespace {
const char *kRecentKey = "recentFiles";
const char *kFilter = "Scenarios (*.yaml *.yml);;All files (*)";
} // namespace

FileController::FileController(Document *document, QWidget *window)
    : QObject(window), m_document(document), m_window(window) {
    m_new = new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New"), this);
    m_new->setShortcut(QKeySequence::New);
    m_open = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), this);
    m_open->setShortcut(QKeySequence::Open);
    m_save = new QAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save"), this);
    m_save->setShortcut(QKeySequence::Save);
    m_saveAs = new QAction(tr("Save &As…"), this);
    m_saveAs->setShortcut(QKeySequence::SaveAs);
    m_recent = new QMenu(tr("Open &Recent"), window);
    connect(m_new, &QAction::triggered, this, &FileController::newDocument);
    connect(m_open, &QAction::triggered, this, &FileController::open);
    connect(m_save, &QAction::triggered, this, &FileController::save);
    connect(m_saveAs, &QAction::triggered, this, &FileController::saveAs);
    rebuildRecentMenu();
}

void FileController::setReplaceAllowed(bool allowed) {
    m_new->setEnabled(allowed);
    m_open->setEnabled(allowed);
    m_recent->setEnabled(allowed);
}

bool FileController::openFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        model::LoadResult r = model::loadScenarioFile(path.toStdString());
        emit loadFailed(path, r.diagnostics);
        emit message(tr("%1 cannot be read; nothing was replaced").arg(path));
        return false;
    }
    const QByteArray bytes = file.readAll();
    const std::string text(bytes.constData(), std::size_t(bytes.size()));
    const QString name = QFileInfo(path).fileName();
    model::LoadResult r = model::loadScenarioText(text, name.toStdString());
    if (!r.scenario || model::hasErrors(r.diagnostics)) {
        // Opened to be fixed: the Source view shows the text with its errors marked.
        m_document->resetBroken(QFileInfo(path).absoluteFilePath(), text, r.diagnostics);
        addRecent(QFileInfo(path).absoluteFilePath());
        emit loadFailed(path, r.diagnostics);
        emit message(tr("%1 has errors: fix them in the Source view").arg(name));
        return false;
    }
    m_document->reset(std::move(*r.scenario), QFileInfo(path).absoluteFilePath(), r.diagnostics,
                      text);
    addRecent(QFileInfo(path).absoluteFilePath());
    emit message(tr("Opened %1").arg(path));
    return true;
}

bool FileController::saveTo(const QString &path, QString *error) {
    const std::string text = m_document->toYaml();
    if (!saveText(path, text, error))
        return false;
    m_document->markSaved(QFileInfo(path).absoluteFilePath(), text);
    addRecent(QFileInfo(path).absoluteFilePath());
    emit message(tr("Saved %1").arg(path));
    return true;
}

bool FileController::maybeSave() {
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        m_window, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void FileController::newDocument() {
    if (!maybeSave())
        return;
    m_document->reset(Document::emptyScenario(), QString(), {});
}

void FileController::open() {
    if (!maybeSave())
        return;
    const QString dir = m_document->filePath().isEmpty()
                            ? QString()
                            : QFileInfo(m_document->filePath()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open scenario"), dir, tr(kFilter));
    if (!path.isEmpty())
        openFile(path);
}

bool FileController::save() {
    if (m_document->filePath().isEmpty())
        return saveAs();
    QString error;
    if (saveTo(m_document->filePath(), &error))
        return true;
    QMessageBox::critical(m_window, tr("Save failed"), error);
    return false;
}

bool FileController::saveAs() {
    QString suggestion = m_document->filePath();
    if (suggestion.isEmpty())
        suggestion = QString::fromStdString(m_document->scenario().name) + QStringLiteral(".yaml");
    QString path =
        QFileDialog::getSaveFileName(m_window, tr("Save scenario"), suggestion, tr(kFilter));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".yaml");
    QString error;
    if (saveTo(path, &error))
        return true;
    QMessageBox::critical(m_window, tr("Save failed"), error);
    return false;
}

QStringList FileController::recentFiles() const {
    return QSettings().value(kRecentKey).toStringList();
}

void FileController::addRecent(const QString &path) {
    QStringList list = recentFiles();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(kRecentKey, list);
    rebuildRecentMenu();
}

void FileController::rebuildRecentMenu() {
    m_recent->clear();
    const QStringList list = recentFiles();
    for (const QString &path : list) {
        QAction *a = m_recent->addAction(QFileInfo(path).fileName());
        a->setToolTip(path);
        a->setStatusTip(path);
        connect(a, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openFile(path);
        });
    }
    if (list.isEmpty())
        m_recent->addAction(tr("(none)"))->setEnabled(false);
}

} // namespace eventbench::ui
