#include "ui/charts/ChartsPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

#include "ui/charts/MetricChart.h"
#include "ui/live/RunData.h"

namespace eventbench::ui {

ChartsPanel::ChartsPanel(QWidget *parent) : QWidget(parent) {
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(2, 2, 2, 2);
    outer->setSpacing(2);
    m_caption = new QLabel(this);
    m_caption->setStyleSheet(QStringLiteral("color:#555; padding-left:4px"));
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setWordWrap(true);
    outer->addWidget(m_caption);
    auto *grid = new QGridLayout;
    grid->setSpacing(2);
    for (int i = 0; i < kChartCount; ++i) {
        auto *c = new MetricChart(ChartId(i), this);
        m_charts.append(c);
        grid->addWidget(c, i / 3, i % 3);
    }
    outer->addLayout(grid, 1);
    setNodes({}, false);
}

void ChartsPanel::setNodes(const QVector<QPair<QString, model::NodeKind>> &nodes,
                           bool explicitSelection) {
    m_nodes = nodes;
    m_needRebuild = true;
    // With several nodes each has one colour on every chart; the caption is their legend.
    QStringList ids;
    for (int i = 0; i < nodes.size(); ++i)
        ids << (nodes.size() > 1
                    ? QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                          .arg(MetricChart::lineColor(i).name(), nodes[i].first.toHtmlEscaped())
                    : nodes[i].first.toHtmlEscaped());
    const QString list = ids.join(QStringLiteral(" &nbsp; "));
    if (nodes.isEmpty())
        m_caption->setText(tr("Select nodes on the canvas to chart them."));
    else if (explicitSelection)
        m_caption->setText(tr("Charting: %1").arg(list));
    else
        m_caption->setText(
            tr("Charting all consumers (select nodes to chart others): %1").arg(list));
}

void ChartsPanel::rebuild(const RunData &data) {
    const bool several = m_nodes.size() > 1;
    QVector<QVector<ChartLine>> perChart(kChartCount);
    for (int slot = 0; slot < m_nodes.size(); ++slot) {
        const auto &[id, kind] = m_nodes[slot];
        for (ChartLine line : ChartPlan::linesFor(id, kind, data)) {
            if (several && !line.primary)
                continue;
            line.nodeSlot = slot;
            if (perChart[int(line.chart)].size() < kMaxLinesPerChart)
                perChart[int(line.chart)].append(line);
        }
    }
    for (int i = 0; i < kChartCount; ++i)
        m_charts[i]->setLines(perChart[i], several);
    m_builtFor = data.seriesNames();
    m_needRebuild = false;
}

void ChartsPanel::refresh(const RunData &data) {
    if (m_needRebuild || data.seriesNames() != m_builtFor)
        rebuild(data);
    for (MetricChart *c : std::as_const(m_charts))
        c->refresh(data);
}

QLineSeries *ChartsPanel::series(const QString &node, const QString &metric) const {
    for (MetricChart *c : m_charts)
        if (QLineSeries *s = c->series(node, metric))
            return s;
    return nullptr;
}

bool ChartsPanel::exportPng(const QString &path) {
    const QPixmap pm = grab();
    return !pm.isNull() && pm.save(path, "PNG");
}

} // namespace eventbench::ui
