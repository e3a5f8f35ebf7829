#include "ui/charts/ChartsPanel.h"

#include <algorithm>

#include <QLabel>
#include <QVBoxLayout>

#include "ui/charts/ChartExport.h"
#include "ui/charts/ChartGrid.h"
#include "ui/charts/MetricChart.h"
#include "ui/charts/NodePalette.h"
#include "ui/live/RunData.h"

namespace eventbench::ui {

namespace {

bool varies(const RunData &data, int series) {
    const std::vector<double> &v = data.values(series);
    return std::any_of(v.begin(), v.end(), [&](double x) { return x != v.front(); });
}

} // namespace

ChartsPanel::ChartsPanel(QWidget *parent) : QWidget(parent) {
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(2, 2, 2, 2);
    outer->setSpacing(2);
    m_caption = new QLabel(this);
    m_caption->setStyleSheet(QStringLiteral("color:#555; padding-left:4px"));
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setWordWrap(true);
    outer->addWidget(m_caption);
    m_grid = new ChartGrid(this);
    for (int i = 0; i < kChartCount; ++i) {
        auto *c = new MetricChart(ChartId(i), this);
        m_charts.append(c);
        m_grid->addChart(c);
        connect(c, &PlotView::exportRequested, this,
                [this, c] { ChartExport::writeInteractive({c}, exportCaption(), this); });
    }
    outer->addWidget(m_grid, 1);
    setNodes({}, false);
}

void ChartsPanel::setNodes(const NodeList &nodes, bool explicitSelection,
                           const NodeList &deadLetterNodes) {
    m_nodes = nodes;
    m_deadLetterNodes = deadLetterNodes;
    m_explicit = explicitSelection;
    m_needRebuild = true;
    // Each node has its session colour on every chart; the caption names them.
    QStringList ids;
    for (const auto &n : nodes)
        ids << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                   .arg(NodePalette::colour(n.first).name(), n.first.toHtmlEscaped());
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
    const bool several = m_nodes.size() + m_deadLetterNodes.size() > 1;
    m_flatMemberSeries.clear();
    QVector<QVector<ChartLine>> perChart(kChartCount);
    auto add = [&](const QString &id, model::NodeKind kind, int slot, bool deadLettersOnly) {
        for (ChartLine line : ChartPlan::linesFor(id, kind, data)) {
            if ((several && !line.primary) ||
                (deadLettersOnly && line.chart != ChartId::DeadLetters))
                continue;
            line.nodeSlot = slot;
            // A member count or breaker state that never changed says nothing the inspector
            // does not: the chart shows the groups that scaled, crashed or tripped.
            if (line.chart == ChartId::Members && !varies(data, line.series)) {
                m_flatMemberSeries.append(line.series);
                continue;
            }
            if (perChart[int(line.chart)].size() < kMaxLinesPerChart)
                perChart[int(line.chart)].append(line);
        }
    };
    // The queues first on the dead-letter chart: they are where messages dead-letter.
    for (const auto &[id, kind] : std::as_const(m_deadLetterNodes))
        add(id, kind, -1, true);
    for (int slot = 0; slot < m_nodes.size(); ++slot)
        add(m_nodes[slot].first, m_nodes[slot].second, slot, false);
    QVector<bool> shown(kChartCount);
    const bool anyLine = std::any_of(perChart.begin(), perChart.end(),
                                     [](const auto &lines) { return !lines.isEmpty(); });
    for (int i = 0; i < kChartCount; ++i) {
        m_charts[i]->setLines(perChart[i], several);
        // Before a run (no series yet) every chart is shown empty, as a preview of the layout.
        shown[i] = !anyLine || !perChart[i].isEmpty();
    }
    m_grid->setShown(shown);
    m_builtFor = data.seriesNames();
    m_needRebuild = false;
}

void ChartsPanel::refresh(const RunData &data) {
    if (m_needRebuild || data.seriesNames() != m_builtFor ||
        std::any_of(m_flatMemberSeries.begin(), m_flatMemberSeries.end(),
                    [&](int series) { return varies(data, series); }))
        rebuild(data);
    // Bands change when events arrive, and a fault not reverted yet grows with the run.
    if (data.generation() != m_bandGeneration || data.events().size() != m_bandEvents ||
        m_openBand) {
        m_bandGeneration = data.generation();
        m_bandEvents = data.events().size();
        const double now = double(data.now()) / 1e9;
        const QVector<FaultBand> bands = ChartPlan::faultBands(data.events(), now);
        m_openBand = std::any_of(bands.begin(), bands.end(),
                                 [&](const FaultBand &b) { return b.to >= now; });
        for (MetricChart *c : std::as_const(m_charts))
            c->setBands(bands);
    }
    for (MetricChart *c : std::as_const(m_charts))
        c->refresh(data);
}

QLineSeries *ChartsPanel::series(const QString &node, const QString &metric) const {
    for (MetricChart *c : m_charts)
        if (QLineSeries *s = c->series(node, metric))
            return s;
    return nullptr;
}

QString ChartsPanel::exportCaption() const {
    return m_captionSource ? m_captionSource() : QString();
}

bool ChartsPanel::exportImage(const QString &path, QSize size, QString *error) {
    return ChartExport::write(m_grid->visibleCharts(), path, size, exportCaption(), error);
}

bool ChartsPanel::exportPng(const QString &path) {
    return exportImage(path, m_grid->size().expandedTo(QSize(400, 300)));
}

} // namespace eventbench::ui
