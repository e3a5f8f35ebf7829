#include "ui/sweep/SweepDialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "model/catalogue/KnobCatalogue.h"
#include "model/catalogue/MetricCatalogue.h"
#include "model/scenario/ExpectationParser.h"
#include "model/scenario/SweepPlan.h"
#include "model/yaml/ScenarioLoader.h"
#include "ui/charts/ChartPlan.h"
#include "ui/editor/Document.h"
#include "ui/sweep/SweepPlot.h"
#include "ui/sweep/SweepTable.h"
#include "ui/sweep/SweepWorker.h"
#include "ui/window/WindowLayout.h"

namespace eventbench::ui {

namespace {

QString keyText(std::string_view key) {
    return QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()));
}

/// The knob paths the catalogue marks as worth sweeping, for the scenario's nodes.
QStringList suggestions(const model::Scenario &s) {
    QStringList out;
    for (const model::ScenarioKnob &k : model::scenarioKnobs())
        if (k.sweepable)
            out << keyText(k.key);
    for (const auto &n : s.nodes) {
        const QString base = QStringLiteral("nodes.") + QString::fromStdString(n.id) + '.';
        for (const model::NodeKnob &k : model::nodeKnobs(n.kind))
            if (k.sweepable)
                out << base + keyText(k.key);
    }
    return out;
}

} // namespace

SweepDialog::SweepDialog(Document *document, QWidget *parent)
    : QDialog(parent), m_document(document), m_worker(new SweepWorker(this)),
      m_path(new QLineEdit(this)), m_values(new QLineEdit(this)),
      m_replications(new QSpinBox(this)), m_run(new QPushButton(tr("&Run sweep"), this)),
      m_stop(new QPushButton(tr("&Stop"), this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)), m_figure(new QComboBox(this)), m_plot(new SweepPlot(this)),
      m_table(new QTableWidget(this)) {
    setObjectName(QStringLiteral("sweepDialog"));
    setWindowTitle(tr("Sweep"));
    m_path->setObjectName(QStringLiteral("sweepPath"));
    m_path->setPlaceholderText(tr("nodes.inventory.instances"));
    m_path->setToolTip(tr("The knob to vary, as for --set PATH=VALUE"));
    m_values->setObjectName(QStringLiteral("sweepValues"));
    m_values->setPlaceholderText(tr("1, 2, 4"));
    m_values->setToolTip(tr("Its values, separated by commas (200/s, 15ms, {…} as in the file)"));
    m_replications->setObjectName(QStringLiteral("sweepReplications"));
    m_replications->setRange(1, 1000);
    m_replications->setValue(5);
    m_replications->setToolTip(tr("Runs per value (seeds seed, seed+1, …); 2 or more give "
                                  "95% confidence intervals"));
    m_run->setObjectName(QStringLiteral("sweepRun"));
    m_stop->setObjectName(QStringLiteral("sweepStop"));
    m_stop->setEnabled(false);
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    m_status->setWordWrap(true);
    m_figure->setObjectName(QStringLiteral("sweepFigure"));
    m_figure->setMinimumContentsLength(24);
    m_plot->setObjectName(QStringLiteral("sweepPlot"));
    m_table->setObjectName(QStringLiteral("sweepTable"));
    setUpSweepTable(m_table);

    // One completer for the dialog's life: a new scenario only replaces its word list, so
    // nothing refers to a completer that an earlier change deleted.
    if (document) {
        auto *words = new QStringListModel(suggestions(document->scenario()), this);
        auto *completer = new QCompleter(words, this);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        m_path->setCompleter(completer);
        connect(document, &Document::scenarioChanged, this,
                [this, words] { words->setStringList(suggestions(m_document->scenario())); });
    }

    auto *form = new QFormLayout;
    m_controls = form;
    form->addRow(tr("&Knob:"), m_path);
    form->addRow(tr("&Values:"), m_values);
    form->addRow(tr("R&eplications:"), m_replications);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_progress, 1);
    auto *figureLabel = new QLabel(tr("&Figure:"), this);
    figureLabel->setBuddy(m_figure);
    auto *figureRow = new QHBoxLayout;
    figureRow->addWidget(figureLabel);
    figureRow->addWidget(m_figure, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_plot);
    split->addWidget(m_table);
    // The plot takes the room a larger window gives; the table keeps about a quarter.
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addLayout(figureRow);
    layout->addWidget(split, 1);
    fitTableHeight();
    resize(WindowLayout::firstSize(this, QSize(760, 680), 0.6));

    connect(m_run, &QPushButton::clicked, this, [this] { runSweep(); });
    connect(m_stop, &QPushButton::clicked, m_worker, &SweepWorker::cancel);
    connect(m_worker, &SweepWorker::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_worker, &SweepWorker::finished, this, &SweepDialog::onFinished);
    connect(m_figure, &QComboBox::currentIndexChanged, this, [this] { replot(); });
}

QString SweepDialog::statusText() const {
    return m_status->text();
}

void SweepDialog::showProblem(const QString &text) {
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(text);
}

void SweepDialog::setRunning(bool running) {
    m_run->setEnabled(!running);
    m_stop->setEnabled(running);
    m_path->setEnabled(!running);
    m_values->setEnabled(!running);
    m_replications->setEnabled(!running);
}

bool SweepDialog::runSweep() {
    if (m_worker->isRunning() || !m_document)
        return false;
    const std::string path = m_path->text().trimmed().toStdString();
    const std::string values = m_values->text().trimmed().toStdString();
    if (path.empty() || values.empty()) {
        showProblem(tr("Name the knob to vary and its values."));
        return false;
    }
    model::Diagnostics problems;
    const model::SweepPlan plan = model::SweepPlan::parse({path + "=" + values}, &problems);
    if (!problems.empty()) {
        showProblem(QString::fromStdString(problems.front().message));
        return false;
    }
    const std::string yaml = m_document->toYaml();
    const std::string name = m_document->displayName().toStdString();
    const model::LoadResult base = model::loadScenarioText(yaml, name);
    if (!base.scenario) {
        showProblem(tr("The scenario has errors; fix them (Diagnostics) before a sweep."));
        return false;
    }
    std::vector<model::Scenario> combinations;
    for (std::size_t c = 0; c < plan.combinations(); ++c) {
        const model::LoadResult loaded = model::loadScenarioText(yaml, name, plan.overrides(c));
        if (!loaded.scenario) {
            QString first;
            for (const auto &d : loaded.diagnostics)
                if (d.severity == model::Diagnostic::Severity::Error) {
                    first = QString::fromStdString(d.message);
                    break;
                }
            showProblem(
                tr("Value '%1': %2").arg(QString::fromStdString(plan.values(c).front()), first));
            return false;
        }
        combinations.push_back(*loaded.scenario);
    }
    m_knob = QString::fromStdString(path);
    m_valueLabels.clear();
    for (const auto &v : plan.knobs.front().values)
        m_valueLabels.push_back(QString::fromStdString(v));
    m_plan = plan;
    const auto reps = static_cast<std::size_t>(m_replications->value());
    m_status->setStyleSheet(QString());
    m_status->setText(
        tr("Running %1 values × %2 replications…").arg(combinations.size()).arg(reps));
    setRunning(true);
    return m_worker->start(std::move(combinations), reps);
}

void SweepDialog::onFinished(bool cancelled) {
    setRunning(false);
    if (cancelled) {
        m_status->setText(tr("Stopped: no figures for an unfinished sweep."));
        return;
    }
    std::size_t passing = 0;
    for (const auto &v : m_worker->verdicts())
        passing += std::all_of(v.begin(), v.end(), [](const auto &x) { return x.pass; });
    m_status->setText(tr("%1 runs done; %2 of %3 values pass every expectation.")
                          .arg(m_worker->runsTotal())
                          .arg(passing)
                          .arg(m_worker->verdicts().size()));
    m_shown = model::StoredSweep::of(m_plan, static_cast<std::size_t>(m_replications->value()),
                                     m_worker->stats(), m_worker->verdicts());
    m_failing.clear();
    for (const auto &v : m_worker->verdicts())
        m_failing.push_back(failingExpectations(v));
    fillFigures(&m_document->scenario());
    replot();
}

void SweepDialog::showStored(const QString &title, const model::StoredSweep &sweep,
                             const std::string &scenarioText) {
    if (m_worker->isRunning())
        return;
    setWindowTitle(title);
    // A stored sweep is not run here: no knob, values or Run to press.
    for (QWidget *w : std::initializer_list<QWidget *>{m_path, m_values, m_replications, m_run,
                                                       m_stop, m_progress}) {
        w->setEnabled(false);
        w->hide();
    }
    for (int row = 0; row < m_controls->rowCount(); ++row)
        m_controls->setRowVisible(row, false);
    m_shown = sweep;
    QStringList paths;
    for (const auto &p : sweep.paths)
        paths << QString::fromStdString(p);
    m_knob = paths.join(QStringLiteral(", "));
    m_valueLabels.clear();
    for (const auto &c : sweep.combinations) {
        QStringList values;
        for (const auto &v : c.values)
            values << QString::fromStdString(v);
        m_valueLabels.push_back(values.join(QStringLiteral(", ")));
    }
    m_path->setText(m_knob);
    QStringList values;
    if (sweep.paths.size() == 1)
        values = QStringList(m_valueLabels.begin(), m_valueLabels.end());
    m_values->setText(values.join(QStringLiteral(", ")));
    m_replications->setValue(static_cast<int>(sweep.replications));
    std::size_t passing = 0;
    for (const auto &c : sweep.combinations)
        passing += c.failed == 0;
    m_status->setStyleSheet(QString());
    m_status->setText(tr("%1: %2 values × %3 replications; %4 of %2 pass every expectation.")
                          .arg(title)
                          .arg(sweep.combinations.size())
                          .arg(sweep.replications)
                          .arg(passing));
    const model::LoadResult base = model::loadScenarioText(scenarioText, title.toStdString());
    const model::Scenario *scenario = base.scenario ? &*base.scenario : nullptr;
    m_failing.clear();
    for (const auto &c : sweep.combinations)
        m_failing.push_back(failingExpectations(c, scenario));
    fillFigures(scenario);
    replot();
}

void SweepDialog::fillFigures(const model::Scenario *scenario) {
    const QString previous = figure();
    const QSignalBlocker block(m_figure);
    m_figure->clear();
    if (m_shown.combinations.empty())
        return;
    int choice = -1;
    const model::Scenario s = scenario ? *scenario : model::Scenario{};
    fillFigureChooser(m_figure, m_shown.combinations.front().figures);
    choice = m_figure->findData(previous.split('.'));
    // By default the figure of the first expectation on a node, else a consumer's latency.
    auto find = [this](const std::string &node, const std::string &metric,
                       const std::string &stat) {
        return m_figure->findData(QStringList{QString::fromStdString(node),
                                              QString::fromStdString(metric),
                                              QString::fromStdString(stat)});
    };
    for (const auto &e : s.expectations)
        if (choice < 0 && e.node != "ledger")
            choice = find(e.node, e.metric, model::statName(e.stat));
    for (const auto &n : s.nodes)
        if (choice < 0 && n.kind == model::NodeKind::Consumer)
            choice = find(n.id, model::metricDef(model::MetricId::ConsumerLatency).name, "mean");
    for (int i = 0; choice < 0 && i < m_figure->count(); ++i)
        if (m_figure->itemData(i).isValid()) // the first figure, not a node's heading
            choice = i;
    m_figure->setCurrentIndex(choice);
}

QString SweepDialog::figure() const {
    return m_figure->currentData().toStringList().join('.');
}

bool SweepDialog::setFigure(const QString &key) {
    for (int i = 0; i < m_figure->count(); ++i)
        if (m_figure->itemData(i).toStringList().join('.') == key) {
            m_figure->setCurrentIndex(i);
            replot();
            return true;
        }
    return false;
}

void SweepDialog::replot() {
    const QStringList key = m_figure->currentData().toStringList();
    const auto &combinations = m_shown.combinations;
    if (key.size() != 3 || combinations.size() != m_valueLabels.size()) {
        m_plot->clear();
        m_table->setRowCount(0);
        return;
    }
    QVector<SweepPlot::Point> points;
    const FigureUnit unit = ChartPlan::figureUnit(key[1]);
    m_table->setRowCount(static_cast<int>(combinations.size()));
    const double nan = std::nan("");
    std::vector<model::ConfidenceInterval> cis;
    double largest = 0; // the column's unit follows its largest mean, as a chart's axis does
    for (std::size_t c = 0; c < combinations.size(); ++c) {
        const auto *f =
            m_shown.figure(c, key[0].toStdString(), key[1].toStdString(), key[2].toStdString());
        cis.push_back(f ? f->ci : model::ConfidenceInterval{nan, nan, nan, 0});
        if (std::isfinite(cis.back().mean))
            largest = std::max(largest, std::fabs(cis.back().mean * unit.scale));
    }
    const AxisUnit shown = AxisUnit::pick(unit.unit, largest);
    for (std::size_t c = 0; c < combinations.size(); ++c) {
        const model::ConfidenceInterval &ci = cis[c];
        points.append({m_valueLabels[c], ci.mean, ci.low, ci.high});
        const QStringList failing = c < m_failing.size() ? m_failing[c] : QStringList{};
        const int row = static_cast<int>(c);
        m_table->setItem(row, 0, new QTableWidgetItem(m_valueLabels[c]));
        m_table->setItem(row, 1, new QTableWidgetItem(sweepMeanText(ci, unit, shown)));
        m_table->setItem(row, 2, new QTableWidgetItem(QString::number(ci.n)));
        auto *verdict = new QTableWidgetItem(sweepVerdictText(combinations[c], failing));
        if (combinations[c].failed > 0)
            verdict->setToolTip(failing.isEmpty()
                                    ? tr("Which expectations failed is not known: the sweep's "
                                         "scenario is not at hand.")
                                    : tr("Failed:\n") + failing.join(QLatin1Char('\n')));
        m_table->setItem(row, 3, verdict);
    }
    m_plot->setPoints(points, m_knob, figureTitle(key), unit);
    fitTableHeight();
}

void SweepDialog::fitTableHeight() {
    int rows = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth() +
               m_table->horizontalScrollBar()->sizeHint().height();
    for (int r = 0; r < m_table->rowCount(); ++r)
        rows += m_table->rowHeight(r);
    m_table->setMaximumHeight(std::max(rows, 90));
}

} // namespace eventbench::ui
