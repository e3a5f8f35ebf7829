#include "ui/sweep/SweepTable.h"

#include <QComboBox>
#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableWidget>

#include <algorithm>
#include <cmath>

#include "model/scenario/ExpectationParser.h"

namespace eventbench::ui {

void setUpSweepTable(QTableWidget *table) {
    table->setColumnCount(4);
    table->setHorizontalHeaderLabels({QObject::tr("Value"), QObject::tr("Figure (mean ± 95%)"),
                                      QObject::tr("n"), QObject::tr("Expectations")});
    table->horizontalHeader()->setStretchLastSection(true);
    // Each header whole: the columns take their contents' and header's width.
    for (int c = 0; c < 3; ++c)
        table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
}

QString sweepMeanText(const model::ConfidenceInterval &ci, const FigureUnit &unit,
                      const AxisUnit &shown) {
    if (ci.n == 0 || std::isnan(ci.mean))
        return QStringLiteral("-");
    const double k = unit.scale / shown.factor;
    const QString suffix = shown.name.isEmpty() ? QString() : QLatin1Char(' ') + shown.name;
    const double half = ci.halfWidth() * k;
    if (ci.n < 2 || !std::isfinite(half) || half == 0)
        return shown.value(ci.mean * unit.scale, 4) + suffix;
    const int decimals = std::clamp(1 - int(std::floor(std::log10(half))), 0, 6);
    return AxisUnit::number(ci.mean * k, decimals) + QStringLiteral(" ± ") +
           AxisUnit::number(half, decimals) + suffix;
}

QStringList failingExpectations(const std::vector<model::RunReport::ExpectationResult> &results) {
    QStringList out;
    for (const auto &r : results)
        if (!r.pass)
            out << (r.known
                        ? QStringLiteral("%1 (measured %2)")
                              .arg(QString::fromStdString(r.text),
                                   QString::number(r.measured, 'g', 6))
                        : QStringLiteral("%1 (not measured)").arg(QString::fromStdString(r.text)));
    return out;
}

QStringList failingExpectations(const model::StoredSweep::Combination &combination,
                                const model::Scenario *scenario) {
    if (!scenario || scenario->expectations.size() != combination.expectations)
        return {};
    model::RunReport means; // the sweep's judge: the expectations on the replications' means
    for (const auto &f : combination.figures)
        means.summary.push_back({f.node, f.metric, f.stat, f.ci.mean});
    model::evaluateExpectations(*scenario, means);
    const QStringList out = failingExpectations(means.expectations);
    // Judged otherwise than stored (another scenario): better say nothing than the wrong one.
    return std::size_t(out.size()) == combination.failed ? out : QStringList{};
}

QString sweepVerdictText(const model::StoredSweep::Combination &combination,
                         const QStringList &failing) {
    if (combination.expectations == 0)
        return QStringLiteral("-");
    if (combination.failed == 0)
        return QObject::tr("PASS");
    QString text =
        QObject::tr("FAIL (%1 of %2)").arg(combination.failed).arg(combination.expectations);
    if (!failing.isEmpty())
        text += QStringLiteral(": ") + failing.front();
    if (failing.size() > 1)
        text += QObject::tr(" + %1 more").arg(failing.size() - 1);
    return text;
}

void fillFigureChooser(QComboBox *combo, const std::vector<model::ReplicationFigure> &figures) {
    auto *model = new QStandardItemModel(combo);
    QStringList nodes; // in the order the figures come
    for (const auto &f : figures)
        if (!nodes.contains(QString::fromStdString(f.node)))
            nodes << QString::fromStdString(f.node);
    for (const QString &node : std::as_const(nodes)) {
        auto *heading = new QStandardItem(node);
        heading->setFlags(Qt::NoItemFlags);
        QFont bold = combo->font();
        bold.setBold(true);
        heading->setFont(bold);
        model->appendRow(heading);
        for (const auto &f : figures) {
            if (QString::fromStdString(f.node) != node)
                continue;
            const QStringList key{node, QString::fromStdString(f.metric),
                                  QString::fromStdString(f.stat)};
            auto *item = new QStandardItem(QStringLiteral("    %1 %2").arg(key[1], key[2]));
            item->setData(key, Qt::UserRole);
            item->setToolTip(figureTitle(key));
            model->appendRow(item);
        }
    }
    combo->setModel(model); // deletes the previous one, the combo's child
}

QString figureTitle(const QStringList &key) {
    return key.size() == 3 ? QStringLiteral("%1(%2.%3)").arg(key[2], key[0], key[1]) : QString();
}

} // namespace eventbench::ui
