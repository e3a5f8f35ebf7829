#include "ui/inspector/DiagnosticsPanel.h"

#include <QApplication>
#include <QFileInfo>
#include <QHeaderView>
#include <QStyle>

namespace eventbench::ui {

DiagnosticsPanel::DiagnosticsPanel(QWidget *parent) : QTreeWidget(parent) {
    setColumnCount(3);
    setHeaderLabels({tr("Where"), tr("Node"), tr("Message")});
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item, int) {
        const QString id = item->text(1);
        if (!id.isEmpty())
            emit nodeActivated(id);
    });
}

void DiagnosticsPanel::setDiagnostics(const model::Diagnostics &diagnostics) {
    clear();
    m_errors = m_warnings = 0;
    const QIcon errorIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warnIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const auto &d : diagnostics) {
        const bool error = d.severity == model::Diagnostic::Severity::Error;
        (error ? m_errors : m_warnings)++;
        // The file name is enough in the column; the tooltip has the full path.
        QString where = QFileInfo(QString::fromStdString(d.file)).fileName();
        if (d.where.line > 0)
            where += QStringLiteral(":%1:%2").arg(d.where.line).arg(d.where.column);
        auto *item = new QTreeWidgetItem(
            this, {where, QString::fromStdString(d.nodeId), QString::fromStdString(d.message)});
        item->setIcon(0, error ? errorIcon : warnIcon);
        item->setToolTip(0, QString::fromStdString(d.format()));
        item->setToolTip(2, QString::fromStdString(d.format()));
    }
    emit countsChanged(m_errors, m_warnings);
}

} // namespace eventbench::ui
