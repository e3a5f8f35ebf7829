#pragma once
// What the sweep dialog shows of each value: the figure as "mean ± half-width" with both in
// one unit for the whole column (AxisUnit's, the charts' rule) and to the same decimals, and
// the verdict naming the expectations that failed with their measured values. Also the
// Figure chooser's entries grouped by node. GUI thread.
#include <QString>
#include <QStringList>
#include <vector>

#include "model/results/ConfidenceInterval.h"
#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"
#include "model/store/StoredSweep.h"
#include "ui/charts/AxisUnit.h"
#include "ui/charts/ChartPlan.h"

class QComboBox;
class QTableWidget;

namespace eventbench::ui {

/// The table's columns: value, figure (mean ± 95%), n and expectations, each header whole.
void setUpSweepTable(QTableWidget *table);
/// `ci` in `shown` (a figure recorded with `unit`): the mean and, with two replications or
/// more, ± the half-width, both to the decimals that show the half-width's two leading digits.
QString sweepMeanText(const model::ConfidenceInterval &ci, const FigureUnit &unit,
                      const AxisUnit &shown);
/// The failing ones of `results`, each "text (measured M)" or "text (not measured)".
QStringList failingExpectations(const std::vector<model::RunReport::ExpectationResult> &results);
/// The failing expectations of a stored combination, judged again on its means against
/// `scenario`'s expectations as the sweep did; empty when they cannot be told (no scenario,
/// or not the expectations the sweep judged).
QStringList failingExpectations(const model::StoredSweep::Combination &combination,
                                const model::Scenario *scenario);
/// "PASS", "-" (no expectation), or "FAIL (k of n): first failing" (more: "+ m more").
QString sweepVerdictText(const model::StoredSweep::Combination &combination,
                         const QStringList &failing);
/// Fills `combo` with the figures of `figures`: a heading per node (not selectable), then
/// "metric stat" entries whose data is {node, metric, stat}.
void fillFigureChooser(QComboBox *combo, const std::vector<model::ReplicationFigure> &figures);
/// A figure's name for titles: `stat(node.metric)`.
QString figureTitle(const QStringList &key);

} // namespace eventbench::ui
