#include "ui/history/StoredRunView.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/store/ResultsStoreCompare.h"
#include "ui/charts/AxisUnit.h"
#include "ui/charts/ChartExport.h"
#include "ui/charts/ChartGrid.h"
#include "ui/charts/ChartPlan.h"
#include "ui/charts/OverlayChart.h"
#include "ui/window/WindowLayout.h"

namespace eventbench::ui {

namespace {

QString describe(const StoredRunData &d) {
    const model::StoredRun &r = d.run;
    QString s = QStringLiteral("%1 · %2 · seed %3 · %4 · %5")
                    .arg(d.name(), QString::fromStdString(r.scenario))
                    .arg(r.seed)
                    .arg(QString::fromStdString(r.startedAt), QString::fromStdString(r.status));
    if (!r.verdict.empty())
        s += QStringLiteral(" (%1)").arg(QString::fromStdString(r.verdict));
    return s;
}

/// How a summary row's numbers are written: in the unit the figure is charted in (AxisUnit's
/// pick for the larger of the values), all to the decimals that give the larger six
/// significant digits, so a difference shows no float noise and an equal pair differs by 0.
struct RowFormat {
    FigureUnit figure;
    AxisUnit shown;
    int decimals = 0;

    RowFormat(const std::string &metric, double largest)
        : figure(ChartPlan::figureUnit(QString::fromStdString(metric))) {
        const double base = std::fabs(largest) * figure.scale;
        shown = AxisUnit::pick(figure.unit, base);
        const double magnitude = base / shown.factor;
        decimals = magnitude > 0 ? std::clamp(5 - int(std::floor(std::log10(magnitude))), 0, 9) : 0;
    }
    QString number(double v) const {
        QString t = AxisUnit::number(v * figure.scale / shown.factor, decimals);
        if (t.contains(QLatin1Char('.'))) {
            while (t.endsWith(QLatin1Char('0')))
                t.chop(1);
            if (t.endsWith(QLatin1Char('.')))
                t.chop(1);
        }
        return t == QLatin1String("-0") ? QStringLiteral("0") : t;
    }
    QString value(const std::optional<double> &v, const std::optional<std::string> &t) const {
        if (t)
            return QString::fromStdString(*t);
        if (!v)
            return QStringLiteral("-");
        return shown.name.isEmpty() ? number(*v) : number(*v) + QLatin1Char(' ') + shown.name;
    }
    QString difference(double d) const {
        QString t = number(d);
        if (t != QLatin1String("0") && !t.startsWith(QLatin1Char('-')))
            t.prepend(QLatin1Char('+'));
        return shown.name.isEmpty() || t == QLatin1String("0") ? t
                                                               : t + QLatin1Char(' ') + shown.name;
    }
};

QString ratioText(const std::optional<double> &v) {
    if (!v)
        return QStringLiteral("-");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", *v);
    return QString::fromLatin1(buf);
}

// Scrolled rather than squeezed below the charts' smallest size, as in the live dock.
QScrollArea *scrolled(QWidget *grid, QWidget *parent) {
    auto *scroll = new QScrollArea(parent);
    scroll->setObjectName(QStringLiteral("storedRunChartsScroll"));
    scroll->setWidget(grid);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

} // namespace

StoredRunView::StoredRunView(std::shared_ptr<const StoredRunData> a,
                             std::shared_ptr<const StoredRunData> b, QWidget *parent)
    : QWidget(parent, Qt::Window), m_a(std::move(a)), m_b(std::move(b)) {
    setObjectName(QStringLiteral("storedRunView"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(m_b ? tr("Compare %1 and %2").arg(m_a->name(), m_b->name())
                       : tr("%1 — %2").arg(m_a->name(), QString::fromStdString(m_a->run.scenario)));

    m_heading = new QLabel(this);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setText(m_b ? tr("A (solid): %1\nB (dashed): %2").arg(describe(*m_a), describe(*m_b))
                           : describe(*m_a));

    // The nodes of A, then those only B has; consumers ticked, as in the live charts.
    m_allNodes = m_a->nodes;
    if (m_b)
        for (const auto &n : m_b->nodes)
            if (!m_allNodes.contains(n))
                m_allNodes.append(n);
    m_nodes = new QListWidget(this);
    m_nodes->setObjectName(QStringLiteral("storedRunNodes"));
    bool anyConsumer = false;
    for (const auto &[id, kind] : m_allNodes)
        anyConsumer = anyConsumer || kind == model::NodeKind::Consumer;
    for (const auto &[id, kind] : m_allNodes) {
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 (%2)").arg(id, QString::fromLatin1(model::toString(kind))), m_nodes);
        item->setData(Qt::UserRole, id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        const bool on = anyConsumer ? kind == model::NodeKind::Consumer : true;
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
    m_nodes->setMaximumWidth(220);

    m_grid = new ChartGrid(this);
    for (int i = 0; i < kChartCount; ++i) {
        auto *c = new OverlayChart(ChartId(i), m_grid);
        m_charts.append(c);
        m_grid->addChart(c);
        connect(c, &PlotView::exportRequested, this,
                [this, c] { ChartExport::writeInteractive({c}, exportCaption(), this); });
    }

    m_summary = new QTableWidget(this);
    m_summary->setObjectName(QStringLiteral("storedRunSummary"));
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->verticalHeader()->setVisible(false);
    m_summary->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_onlyChanges = new QCheckBox(tr("Only changes"), this);
    m_onlyChanges->setObjectName(QStringLiteral("onlyChanges"));
    m_onlyChanges->setVisible(comparing());

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_nodes);
    top->addWidget(scrolled(m_grid, this));
    top->setStretchFactor(1, 1);
    auto *bottom = new QWidget(this);
    auto *bl = new QVBoxLayout(bottom);
    bl->setContentsMargins(0, 0, 0, 0);
    bl->addWidget(m_onlyChanges);
    bl->addWidget(m_summary);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({3000, 2000}); // three fifths charts, two summary, at any window size
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(split);

    connect(m_nodes, &QListWidget::itemChanged, this, &StoredRunView::replot);
    connect(m_onlyChanges, &QCheckBox::toggled, this, &StoredRunView::applyFilter);
    replot();
    fillSummary();
    // At least six rows of the summary stay visible.
    const int rowH = m_summary->verticalHeader()->defaultSectionSize();
    m_summary->setMinimumHeight(m_summary->horizontalHeader()->sizeHint().height() + 6 * rowH +
                                2 * m_summary->frameWidth() + 4);
    resize(WindowLayout::firstSize(this, QSize(1300, 900), 0.75));
}

void StoredRunView::replot() {
    QVector<QPair<QString, model::NodeKind>> chosen;
    for (int i = 0; i < m_nodes->count(); ++i)
        if (m_nodes->item(i)->checkState() == Qt::Checked)
            chosen.append(m_allNodes[i]);
    QVector<bool> shown;
    for (OverlayChart *c : m_charts) {
        c->plot(chosen, *m_a, m_b.get());
        shown.append(c->lineCount() > 0);
    }
    // Only the charts that have lines; all of them (empty) when nothing is ticked.
    if (!shown.contains(true))
        shown.fill(true);
    m_grid->setShown(shown);
}

QString StoredRunView::exportCaption() const {
    auto one = [](const StoredRunData &d) {
        return tr("%1 · %2 · seed %3 · fingerprint %4")
            .arg(d.name(), QString::fromStdString(d.run.scenario))
            .arg(d.run.seed)
            .arg(d.run.fingerprint.empty() ? tr("(none)")
                                           : QString::fromStdString(d.run.fingerprint));
    };
    return m_b ? tr("A (solid): %1 — B (dashed): %2").arg(one(*m_a), one(*m_b)) : one(*m_a);
}

bool StoredRunView::exportImage(const QString &path, QSize size, QString *error) const {
    return ChartExport::write(m_grid->visibleCharts(), path, size, exportCaption(), error);
}

void StoredRunView::fillSummary() {
    QStringList header{tr("Node"), tr("Metric"), tr("Stat")};
    if (!m_b) {
        header << tr("Value");
        m_summary->setColumnCount(header.size());
        m_summary->setHorizontalHeaderLabels(header);
        const auto &rows = m_a->report.summary;
        m_summary->setRowCount(int(rows.size()));
        for (int r = 0; r < int(rows.size()); ++r) {
            const auto &s = rows[std::size_t(r)];
            const RowFormat format(s.metric, s.value);
            const QStringList cells{QString::fromStdString(s.node),
                                    QString::fromStdString(s.metric),
                                    QString::fromStdString(s.stat), format.value(s.value, {})};
            for (int c = 0; c < cells.size(); ++c)
                m_summary->setItem(r, c, new QTableWidgetItem(cells[c]));
        }
        m_summary->resizeColumnsToContents();
        return;
    }
    header << m_a->name() << m_b->name() << tr("Diff") << tr("Ratio");
    m_summary->setColumnCount(header.size());
    m_summary->setHorizontalHeaderLabels(header);
    const auto figures = model::compareRuns(m_a->run, m_a->report, m_b->run, m_b->report);
    m_summary->setRowCount(int(figures.size()));
    for (int r = 0; r < int(figures.size()); ++r) {
        const auto &f = figures[std::size_t(r)];
        const auto diff = f.diff();
        const RowFormat format(f.metric,
                               std::max(std::fabs(f.a.value_or(0)), std::fabs(f.b.value_or(0))));
        const QString d = diff ? format.difference(*diff) : QStringLiteral("-");
        const QStringList cells{QString::fromStdString(f.node),
                                QString::fromStdString(f.metric),
                                QString::fromStdString(f.stat),
                                format.value(f.a, f.textA),
                                format.value(f.b, f.textB),
                                f.numeric() ? d : QString(),
                                f.numeric() ? ratioText(f.ratio()) : QString()};
        const bool changed = f.changed();
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, changed);
            if (changed) {
                item->setBackground(changedColour());
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            m_summary->setItem(r, c, item);
        }
    }
    m_summary->resizeColumnsToContents();
}

int StoredRunView::changedRows() const {
    int n = 0;
    for (int r = 0; r < m_summary->rowCount(); ++r)
        n += m_summary->item(r, 0)->data(Qt::UserRole).toBool() ? 1 : 0;
    return n;
}

void StoredRunView::applyFilter() {
    const bool only = m_onlyChanges->isChecked();
    for (int r = 0; r < m_summary->rowCount(); ++r)
        m_summary->setRowHidden(r, only && !m_summary->item(r, 0)->data(Qt::UserRole).toBool());
}

} // namespace eventbench::ui
