#pragma once
// The HTML report of one run (README.md#html-report): one self-contained file, with no outside
// reference, that a CI job keeps as an artifact: the run's figures, the topology, the
// expectations' verdicts, the summary, the charts of every consumer and bus as inline SVG,
// and the event log. The same run gives the same bytes: nothing from the clock, the machine
// or the process goes in (no wall time, no dates). Written by `eventbench run --report`,
// `runs export --report` and File > Export Report. It lives in ui/ because it draws with the
// app's own canvas and charts (Qt Widgets, offscreen); the CLI links ui/ already. Needs a
// QApplication; GUI thread.
#include <QByteArray>
#include <QPair>
#include <QString>
#include <QVector>

#include "model/results/RunReport.h"
#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class HtmlReport {
  public:
    /// What the report shows: the run, and the scenario it ran when known (no topology
    /// drawing without it; the nodes' kinds then come from `nodes`).
    struct Input {
        const model::RunReport *report = nullptr;
        const model::Scenario *scenario = nullptr;
        QVector<QPair<QString, model::NodeKind>> nodes; // scenario order
        model::SimTime sampleEvery = model::kNanosPerSecond;
    };

    /// The nodes of `scenario` with their kinds, in order.
    static QVector<QPair<QString, model::NodeKind>> nodesOf(const model::Scenario &scenario);
    /// The report as UTF-8 HTML.
    static QByteArray render(const Input &input);
    /// render() into `path`; false with `error` set when it cannot be written.
    static bool write(const QString &path, const Input &input, QString *error);
};

} // namespace eventbench::ui
