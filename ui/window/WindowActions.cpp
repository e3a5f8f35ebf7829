#include "ui/window/WindowActions.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "model/results/Sha256.h"
#include "model/yaml/ScenarioWriter.h"
#include "ui/editor/FileController.h"
#include "ui/editor/SaveText.h"
#include "ui/history/RunRecorder.h"
#include "ui/live/RunController.h"
#include "ui/window/WindowLayout.h"

namespace eventbench::ui {

WindowActions::WindowActions(RunController *run, FileController *files, WindowLayout *layout,
                             QWidget *window)
    : QObject(window), m_run(run), m_files(files), m_window(window) {
    m_saveRun = new QAction(tr("Save R&un as Scenario…"), this);
    m_saveRun->setObjectName(QStringLiteral("saveRunAsScenario"));
    m_saveRun->setStatusTip(tr("Write the last run's scenario, with the faults injected into it "
                               "at the times they started, as a scenario file"));
    connect(m_saveRun, &QAction::triggered, this, &WindowActions::saveRunInteractive);
    m_close = new QAction(tr("&Close"), this);
    m_close->setObjectName(QStringLiteral("closeScenario"));
    m_close->setShortcut(QKeySequence::Close);
    m_close->setStatusTip(tr("Close the scenario (asks to save changes)"));
    connect(m_close, &QAction::triggered, files, &FileController::newDocument);
    m_resetLayout = new QAction(tr("&Reset Layout"), this);
    m_resetLayout->setObjectName(QStringLiteral("resetLayout"));
    m_resetLayout->setStatusTip(tr("Put the panels back where they start"));
    connect(m_resetLayout, &QAction::triggered, layout, &WindowLayout::applyDefault);

    m_help = new QMenu(tr("&Help"), window);
    QAction *docs =
        m_help->addAction(tr("&Documentation"), this, &WindowActions::showDocumentation);
    docs->setObjectName(QStringLiteral("documentation"));
    docs->setShortcut(QKeySequence::HelpContents);
    QAction *about = m_help->addAction(tr("&About eventbench"), this, &WindowActions::showAbout);
    about->setObjectName(QStringLiteral("about"));
    connect(run, &RunController::stateChanged, this, &WindowActions::updateEnabled);
    updateEnabled();
}

void WindowActions::updateEnabled() {
    const bool live = m_run->isLive();
    m_saveRun->setEnabled(!m_run->runScenario().nodes.empty());
    m_close->setEnabled(!live);
}

bool WindowActions::saveRunAsScenario(const QString &path, QString *error) const {
    if (m_run->runScenario().nodes.empty()) {
        if (error)
            *error = tr("there is no run to save");
        return false;
    }
    const std::string text = model::writeScenarioYaml(m_run->recordedScenario());
    return saveText(path, text, error);
}

void WindowActions::saveRunInteractive() {
    const QString suggestion =
        QString::fromStdString(m_run->runScenario().name) + QStringLiteral("-run.yaml");
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save the run as a scenario"),
                                                suggestion, tr("Scenarios (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".yaml");
    QString error;
    if (!saveRunAsScenario(path, &error)) {
        QMessageBox::critical(m_window, tr("Save failed"), error);
        return;
    }
    emit message(tr("Saved the run as %1 (%n injected fault(s) in faults:)", nullptr,
                    int(m_run->injectedFaults().size()))
                     .arg(path),
                 false);
}

QString WindowActions::documentationFile(const QString &relativePath) {
    // An installed app keeps its documents beside the binary or in share/doc; a build runs from
    // the source tree's build folder.
    QDir dir(QCoreApplication::applicationDirPath());
    for (int up = 0; up < 4; ++up) {
        for (const QString &base : {QStringLiteral("."), QStringLiteral("share/doc/eventbench")}) {
            const QString candidate = dir.filePath(base + QLatin1Char('/') + relativePath);
            if (QFileInfo::exists(candidate))
                return QFileInfo(candidate).canonicalFilePath();
        }
        if (!dir.cdUp())
            break;
    }
    return {};
}

void WindowActions::showDocumentation() {
    auto *dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("documentationWindow"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("eventbench documentation"));
    auto *layout = new QVBoxLayout(dialog);
    auto *where = new QLabel(dialog);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *text = new QTextBrowser(dialog);
    text->setObjectName(QStringLiteral("documentationText"));
    text->setOpenExternalLinks(true);
    layout->addWidget(where);
    layout->addWidget(text, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QPushButton *readme = buttons->addButton(tr("The app (README)"), QDialogButtonBox::ActionRole);
    QPushButton *format = buttons->addButton(tr("Scenario format"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    auto show = [where, text](const QString &relativePath) {
        const QString path = documentationFile(relativePath);
        QFile f(path);
        if (path.isEmpty() || !f.open(QIODevice::ReadOnly)) {
            where->setText(
                tr("%1 was not found beside the app; it is in the source tree.").arg(relativePath));
            text->clear();
            return;
        }
        where->setText(path);
        text->setMarkdown(QString::fromUtf8(f.readAll()));
    };
    connect(readme, &QPushButton::clicked, dialog, [show] { show(QStringLiteral("README.md")); });
    connect(format, &QPushButton::clicked, dialog,
            [show] { show(QStringLiteral("scenarios/README.md")); });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    show(QStringLiteral("README.md"));
    dialog->resize(900, 800);
    dialog->show();
}

void WindowActions::showAbout() {
    QMessageBox::about(
        m_window, tr("About eventbench"),
        tr("<b>eventbench</b> %1<br>A workbench for event-driven backends: topics, queues, "
           "exchanges, consumers and stores, simulated from a YAML scenario.<br><br>"
           "Qt %2<br>Results store: %3<br>Documentation: Help &gt; Documentation")
            .arg(QString::fromLatin1(model::eventbenchVersion()), QString::fromLatin1(qVersion()),
                 RunRecorder::defaultStorePath().toHtmlEscaped()));
}

} // namespace eventbench::ui
