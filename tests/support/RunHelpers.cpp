#include "support/RunHelpers.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "model/yaml/ScenarioLoader.h"
#include "sim/engine/Engine.h"

namespace eventbench::testing {

model::Scenario scenarioFromText(const std::string &yaml) {
    model::LoadResult loaded = model::loadScenarioText(yaml, "test.yaml");
    if (!loaded.scenario || model::hasErrors(loaded.diagnostics)) {
        std::string text;
        for (const auto &d : loaded.diagnostics)
            text += d.format() + "\n";
        throw std::runtime_error(text.empty() ? "the test scenario does not load" : text);
    }
    return *loaded.scenario;
}

model::RunReport runScenarioText(const std::string &yaml) {
    sim::Engine engine(scenarioFromText(yaml));
    engine.runToEnd();
    return engine.takeReport();
}

double figure(const model::RunReport &r, const std::string &node, const std::string &metric,
              const std::string &stat) {
    const auto *row = r.find(node, metric, stat);
    return row ? row->value : std::numeric_limits<double>::quiet_NaN();
}

double erlangC(int c, double lambda, double mu) {
    const double a = lambda / mu;
    double term = 1, sum = 0;
    for (int k = 0; k < c; ++k) {
        sum += term;
        term *= a / (k + 1);
    }
    const double top = term * c / (c - a);
    return top / (sum + top);
}

} // namespace eventbench::testing
