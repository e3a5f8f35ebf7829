#include "ChartsPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

#include "MetricChart.h"
#include "RunData.h"

namespace eventbench::ui {

ChartsPanel::ChartsPanel(QWidget *parent) : QWidget(parent) {
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(2, 2, 2, 2);
    outer->setSpacing(2);
    m_caption = new QLabel(this);
    m_caption->setStyleSheet(QStringLiteral("color:#555; padding-left:4px"));
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
    QStringList ids;
    for (const auto &n : nodes)
        ids << n.first;
    if (nodes.isEmpty())
        m_caption->setText(tr("Select nodes on the canvas to chart them."));
    else if (explicitSelection)
        m_caption->setText(tr("Charting: %1").arg(ids.join(QStringLiteral(", "))));
    else
        m_caption->setText(tr("Charting all consumers (select nodes to chart others): %1")
                               .arg(ids.join(QStringLiteral(", "))));
}

void ChartsPanel::rebuild(const RunData &data) {
    QVector<QVector<ChartLine>> perChart(kChartCount);
    for (const auto &[id, kind] : m_nodes)
        for (const ChartLine &line : ChartPlan::linesFor(id, kind, data))
            if (perChart[int(line.chart)].size() < kMaxLinesPerChart)
                perChart[int(line.chart)].append(line);
    for (int i = 0; i < kChartCount; ++i)
        m_charts[i]->setLines(perChart[i]);
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
