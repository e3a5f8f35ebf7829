#include "model/results/RunReport.h"

namespace eventbench::model {

const RunReport::SummaryRow *RunReport::find(const std::string &node, const std::string &metric,
                                             const std::string &stat) const {
    for (const auto &row : summary)
        if (row.node == node && row.metric == metric && row.stat == stat)
            return &row;
    return nullptr;
}

bool RunReport::allExpectationsPass() const {
    for (const auto &e : expectations)
        if (!e.pass)
            return false;
    return true;
}

} // namespace eventbench::model
