#include "ui/source/SourceView.h"

#include <QDockWidget>
#include <QEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QLabel>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include "model/yaml/ScenarioLoader.h"
#include "ui/editor/Document.h"

namespace eventbench::ui {

namespace {

using Severity = model::Diagnostic::Severity;

QString lineMessages(const model::Diagnostics &diagnostics, int line) {
    QStringList out;
    for (const model::Diagnostic &d : diagnostics)
        if (d.where.line == line && d.where.origin < 0)
            out << (d.severity == Severity::Error ? SourceView::tr("error: %1")
                                                  : SourceView::tr("warning: %1"))
                       .arg(QString::fromStdString(d.message));
    return out.join(QLatin1Char('\n'));
}

} // namespace

SourceView::SourceView(Document *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_edit(new QPlainTextEdit(this)),
      m_status(new QLabel(this)), m_idle(new QTimer(this)) {
    setObjectName(QStringLiteral("sourceView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->viewport()->installEventFilter(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);
    m_idle->setSingleShot(true);
    m_idle->setInterval(kIdleMs);
    connect(m_idle, &QTimer::timeout, this, &SourceView::applyNow);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_updating)
            m_idle->start();
    });
    connect(m_document, &Document::scenarioChanged, this, &SourceView::showDocument);
    connect(m_document, &Document::brokenChanged, this, &SourceView::showDocument);
    connect(m_document, &Document::diagnosticsChanged, this, [this] {
        if (m_document->brokenText())
            markDiagnostics(m_document->diagnostics());
    });
    showDocument();
}

SourceView *SourceView::attach(QMainWindow *window, Document *document, QDockWidget *tabWith,
                               QWidget *canvas) {
    auto *view = new SourceView(document, window);
    auto *dock = new QDockWidget(tr("Source"), window);
    dock->setObjectName(QStringLiteral("sourceDock"));
    dock->setWidget(view);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    window->tabifyDockWidget(tabWith, dock);
    tabWith->raise();
    auto *banner = new QLabel(canvas);
    banner->setObjectName(QStringLiteral("brokenBanner"));
    banner->setWordWrap(true);
    banner->setMargin(6);
    banner->setStyleSheet(QStringLiteral(
        "background: #fff0f0; color: #902020; border: 1px solid #d08080; border-radius: 3px;"));
    banner->hide();
    connect(document, &Document::brokenChanged, banner, [=] {
        if (!document->brokenText()) {
            banner->hide();
            return;
        }
        banner->setText(document->scenario().nodes.empty()
                            ? tr("The file has errors and nothing loaded: fix it in the Source "
                                 "view (its errors are marked on their lines).")
                            : tr("The Source view's text has errors: the canvas shows the last "
                                 "scenario that loaded."));
        banner->setFixedWidth(std::max(200, canvas->width() - 16));
        banner->adjustSize();
        banner->move(8, 8);
        banner->show();
        banner->raise();
        dock->show();
        dock->raise();
    });
    return view;
}

void SourceView::applyNow() {
    m_idle->stop();
    m_document->setSourceText(m_edit->toPlainText().toStdString());
}

void SourceView::showDocument() {
    if (m_idle->isActive())
        return; // the user is typing; their text wins and is loaded at the pause
    const std::string yaml = m_document->toYaml();
    const QString text = QString::fromStdString(yaml);
    if (text != m_edit->toPlainText()) {
        const int scroll = m_edit->verticalScrollBar()->value();
        const int cursor = m_edit->textCursor().position();
        m_updating = true;
        m_edit->setPlainText(text);
        m_updating = false;
        QTextCursor c = m_edit->textCursor();
        c.setPosition(std::min(cursor, int(text.size())));
        m_edit->setTextCursor(c);
        m_edit->verticalScrollBar()->setValue(scroll);
    }
    // Lines of the diagnostics are those of the text shown, so they come from loading it.
    if (m_document->brokenText())
        markDiagnostics(m_document->diagnostics());
    else
        markDiagnostics(
            model::loadScenarioText(yaml, m_document->displayName().toStdString()).diagnostics);
}

void SourceView::markDiagnostics(const model::Diagnostics &diagnostics) {
    m_marked = diagnostics;
    QList<QTextEdit::ExtraSelection> marks;
    QString first;
    int errors = 0;
    for (const model::Diagnostic &d : diagnostics) {
        errors += d.severity == Severity::Error;
        if (d.where.line <= 0 || d.where.origin >= 0)
            continue;
        const QTextBlock block = m_edit->document()->findBlockByNumber(d.where.line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        const bool error = d.severity == Severity::Error;
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(error ? QColor(0xd0, 0x20, 0x20) : QColor(0xe0, 0x90, 0x00));
        mark.format.setBackground(error ? QColor(0xff, 0xe8, 0xe8) : QColor(0xff, 0xf6, 0xdc));
        mark.format.setToolTip(QString::fromStdString(d.message));
        marks << mark;
        if (first.isEmpty() && (error || errors == 0))
            first = tr("line %1: %2").arg(d.where.line).arg(QString::fromStdString(d.message));
    }
    m_edit->setExtraSelections(marks);
    if (errors > 0)
        m_status->setText(
            tr("<span style='color:#c02020'>%n error(s)</span> — the canvas shows the last "
               "scenario that loaded. ",
               nullptr, errors) +
            first.toHtmlEscaped());
    else if (!diagnostics.empty())
        m_status->setText(tr("Loads, with %n warning(s). ", nullptr, int(diagnostics.size())) +
                          first.toHtmlEscaped());
    else
        m_status->setText(tr("Loads. Edits here reach the canvas after a short pause."));
}

bool SourceView::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_edit->viewport() && event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int line = m_edit->cursorForPosition(help->pos()).blockNumber() + 1;
        const QString text = lineMessages(m_marked, line);
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, m_edit->viewport());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace eventbench::ui
