#include "model/results/RunReport.h"

#include "model/catalogue/MetricCatalogue.h"

namespace eventbench::model {

const RunReport::SummaryRow *RunReport::find(const std::string &node, const std::string &metric,
                                             const std::string &stat) const {
    for (const auto &row : summary)
        if (row.node == node && row.metric == metric && row.stat == stat)
            return &row;
    return nullptr;
}

void RunReport::readUnaccounted() {
    const SummaryRow *row = find("ledger", metricDef(MetricId::LedgerUnaccounted).name, "total");
    unaccounted = row ? static_cast<std::int64_t>(row->value) : 0;
    unaccountedMeasured = row != nullptr;
}

bool RunReport::allExpectationsPass() const {
    for (const auto &e : expectations)
        if (!e.pass)
            return false;
    return true;
}

std::vector<double> RunReport::seriesValues(std::size_t index) const {
    if (spool)
        return spool->series(index);
    return index < series.size() ? series[index].values : std::vector<double>{};
}

void RunReport::loadSeries() {
    if (!spool)
        return;
    const std::size_t block = spool->seriesPerBlock(8u << 20);
    std::vector<std::vector<double>> values;
    for (std::size_t first = 0; first < series.size(); first += block) {
        spool->read(first, block, 0, spool->sampleCount(), values);
        for (std::size_t s = 0; s < values.size(); ++s)
            series[first + s].values = std::move(values[s]);
    }
    spool.reset();
}

} // namespace eventbench::model
