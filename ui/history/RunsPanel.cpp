#include "ui/history/RunsPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

#include "ui/history/StoredRunView.h"
#include "ui/sweep/SweepDialog.h"

namespace eventbench::ui {

namespace {

enum Column { Id, Scenario, Seed, Started, Status, Wall, Samples, Kind, Columns };

QString statusText(const model::StoredRun &r) {
    QString s = QString::fromStdString(r.status);
    if (!r.verdict.empty())
        s += QStringLiteral(" (%1)").arg(QString::fromStdString(r.verdict));
    return s;
}

} // namespace

RunsPanel::RunsPanel(const QString &storePath, QWidget *parent)
    : QWidget(parent), m_path(storePath) {
    setObjectName(QStringLiteral("runsPanel"));
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("runsScenarioFilter"));
    m_filter->addItem(tr("All scenarios"), QString());
    m_refresh = new QPushButton(tr("Refresh"), this);

    m_table = new QTableWidget(0, Columns, this);
    m_table->setObjectName(QStringLiteral("runsTable"));
    m_table->setHorizontalHeaderLabels({tr("ID"), tr("Scenario"), tr("Seed"), tr("Started (UTC)"),
                                        tr("Status"), tr("Wall s"), tr("Samples"), tr("Kind")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->setVisible(false);
    // One line per run, every column at its contents' width: a narrow dock scrolls sideways
    // rather than squeezing the last column into a wrapped, cut start time.
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    // What tells runs apart first (status, kind, wall time, samples) is seen at the dock's
    // default width; the scenario, seed and start time follow (each whole in its tooltip).
    QHeaderView *header = m_table->horizontalHeader();
    const Column order[] = {Status, Kind, Wall, Samples, Id, Scenario, Seed, Started};
    for (int v = 0; v < Columns; ++v)
        header->moveSection(header->visualIndex(order[v]), v);

    m_open = new QPushButton(tr("Open charts"), this);
    m_open->setObjectName(QStringLiteral("runsOpen"));
    m_compare = new QPushButton(tr("Compare"), this);
    m_compare->setObjectName(QStringLiteral("runsCompare"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("runsDelete"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_refresh);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_compare);
    buttons->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_refresh, &QPushButton::clicked, this, &RunsPanel::refresh);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &RunsPanel::refresh);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &RunsPanel::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] { openSelected(); });
    connect(m_open, &QPushButton::clicked, this, [this] { openSelected(); });
    connect(m_compare, &QPushButton::clicked, this, [this] { compareSelected(); });
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteSelected(); });
    refresh();
}

bool RunsPanel::ensureOpen() {
    if (m_store.isOpen())
        return true;
    const model::Diagnostics diags = m_store.open(m_path.toStdString());
    if (diags.empty())
        return true;
    m_status->setText(QString::fromStdString(diags.front().format()));
    return false;
}

void RunsPanel::setProblem(const QString &problem) {
    m_problem = problem;
    refresh();
}

void RunsPanel::refresh() {
    if (!ensureOpen()) {
        m_table->setRowCount(0);
        updateButtons();
        return;
    }
    const std::vector<qint64> selected = selectedIds();
    model::Diagnostics diags;
    const std::vector<model::StoredRun> all = m_store.listRuns("", &diags);
    fillFilter(all);
    const QString scenario = m_filter->currentData().toString();
    std::vector<model::StoredRun> runs;
    for (const auto &r : all)
        if (scenario.isEmpty() || QString::fromStdString(r.scenario) == scenario)
            runs.push_back(r);
    std::reverse(runs.begin(), runs.end()); // newest first

    m_table->setSortingEnabled(false);
    m_table->clearSelection();
    m_table->setRowCount(int(runs.size()));
    m_sweeps.clear();
    for (int row = 0; row < int(runs.size()); ++row) {
        const model::StoredRun &r = runs[std::size_t(row)];
        if (r.isSweep())
            m_sweeps.push_back(r.id);
        const QStringList cells{QString::number(r.id),
                                QString::fromStdString(r.scenario),
                                QString::number(r.seed),
                                QString::fromStdString(r.startedAt).replace('T', ' ').remove('Z'),
                                statusText(r),
                                QString::number(r.wallSeconds, 'f', 2),
                                r.isSweep() ? QStringLiteral("-") : QString::number(r.samples),
                                QString::fromStdString(r.kind)};
        for (int c = 0; c < Columns; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, qint64(r.id));
            item->setToolTip(cells[c]);
            if (c == Id || c == Seed || c == Wall || c == Samples)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, c, item);
        }
    }
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (std::find(selected.begin(), selected.end(),
                      m_table->item(row, Id)->data(Qt::UserRole).toLongLong()) != selected.end())
            m_table->selectRow(row);
    m_table->resizeColumnsToContents();
    // A long scenario name does not push the start time out of sight (it is in the tooltip).
    m_table->setColumnWidth(Scenario, std::min(m_table->columnWidth(Scenario), 140));
    if (!diags.empty())
        m_status->setText(QString::fromStdString(diags.front().format()));
    else if (!m_problem.isEmpty())
        m_status->setText(tr("Runs are not being recorded: %1").arg(m_problem));
    else
        m_status->setText(tr("%n run(s) in %1", nullptr, int(all.size())).arg(m_path));
    updateButtons();
}

void RunsPanel::fillFilter(const std::vector<model::StoredRun> &runs) {
    std::set<QString> names;
    for (const auto &r : runs)
        names.insert(QString::fromStdString(r.scenario));
    QStringList present;
    for (int i = 1; i < m_filter->count(); ++i)
        present << m_filter->itemData(i).toString();
    QStringList wanted(names.begin(), names.end());
    if (present == wanted)
        return;
    const QString current = m_filter->currentData().toString();
    const QSignalBlocker block(m_filter);
    while (m_filter->count() > 1)
        m_filter->removeItem(1);
    for (const QString &n : wanted)
        m_filter->addItem(n, n);
    m_filter->setCurrentIndex(std::max(0, m_filter->findData(current)));
}

std::vector<qint64> RunsPanel::selectedIds() const {
    std::vector<qint64> ids;
    for (const QModelIndex &row : m_table->selectionModel()->selectedRows())
        ids.push_back(m_table->item(row.row(), Id)->data(Qt::UserRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

StoredRunView *RunsPanel::lastView() const {
    return m_lastView;
}

SweepDialog *RunsPanel::lastSweep() const {
    return m_lastSweep;
}

std::vector<qint64> RunsPanel::shownIds() const {
    std::vector<qint64> ids;
    for (int row = 0; row < m_table->rowCount(); ++row)
        ids.push_back(m_table->item(row, Id)->data(Qt::UserRole).toLongLong());
    return ids;
}

void RunsPanel::updateButtons() {
    const std::size_t n = selectedIds().size();
    m_open->setEnabled(n == 1);
    m_compare->setEnabled(n == 2);
    m_delete->setEnabled(n >= 1);
}

StoredRunView *RunsPanel::openSelected() {
    const auto ids = selectedIds();
    if (ids.size() != 1 || !ensureOpen())
        return nullptr;
    if (std::find(m_sweeps.begin(), m_sweeps.end(), ids[0]) != m_sweeps.end()) {
        openSweep(ids[0]);
        return nullptr;
    }
    QString error;
    auto run = StoredRunData::load(m_store, ids[0], &error);
    if (!run) {
        m_status->setText(error);
        return nullptr;
    }
    auto *view = new StoredRunView(std::make_shared<StoredRunData>(std::move(*run)), nullptr, this);
    m_lastView = view;
    view->show();
    emit viewOpened(view);
    return view;
}

SweepDialog *RunsPanel::openSweep(qint64 id) {
    if (!ensureOpen())
        return nullptr;
    model::Diagnostics diags;
    const auto run = m_store.findRun(id, &diags);
    const auto sweep = run ? m_store.loadSweep(id, &diags) : std::nullopt;
    if (!sweep) {
        m_status->setText(QString::fromStdString(diags.empty() ? std::string("not a sweep")
                                                               : diags.front().format()));
        return nullptr;
    }
    auto *dialog = new SweepDialog(nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->showStored(tr("Sweep %1 (%2)").arg(id).arg(QString::fromStdString(run->scenario)),
                       *sweep, m_store.scenarioText(id));
    m_lastSweep = dialog;
    dialog->show();
    emit sweepOpened(dialog);
    return dialog;
}

StoredRunView *RunsPanel::compareSelected() {
    const auto ids = selectedIds();
    if (ids.size() != 2 || !ensureOpen())
        return nullptr;
    for (qint64 id : ids)
        if (std::find(m_sweeps.begin(), m_sweeps.end(), id) != m_sweeps.end()) {
            m_status->setText(tr("Sweep %1 cannot be compared: Compare takes two runs.").arg(id));
            return nullptr;
        }
    QString error;
    // The older run is A, the newer B: "what changed since".
    auto a = StoredRunData::load(m_store, ids[0], &error);
    auto b = a ? StoredRunData::load(m_store, ids[1], &error) : std::nullopt;
    if (!a || !b) {
        m_status->setText(error);
        return nullptr;
    }
    auto *view = new StoredRunView(std::make_shared<StoredRunData>(std::move(*a)),
                                   std::make_shared<StoredRunData>(std::move(*b)), this);
    m_lastView = view;
    view->show();
    emit viewOpened(view);
    return view;
}

int RunsPanel::deleteSelected(bool confirm) {
    const auto ids = selectedIds();
    if (ids.empty() || !ensureOpen())
        return 0;
    if (confirm) {
        QStringList names;
        for (qint64 id : ids)
            names << QString::number(id);
        const auto answer = QMessageBox::question(
            this, tr("Delete runs"),
            tr("Delete %n run(s) (%1) and all their samples and figures from the results store?",
               nullptr, int(ids.size()))
                .arg(names.join(QStringLiteral(", "))));
        if (answer != QMessageBox::Yes)
            return 0;
    }
    int deleted = 0;
    QString problem;
    for (qint64 id : ids) {
        model::Diagnostics diags;
        if (m_store.deleteRun(id, &diags))
            ++deleted;
        else if (!diags.empty())
            problem = QString::fromStdString(diags.front().format());
    }
    refresh();
    if (!problem.isEmpty())
        m_status->setText(problem);
    return deleted;
}

} // namespace eventbench::ui
