#pragma once
// Automatic placement of scenario nodes on the canvas: model::layeredLayout (columns by longest
// path from the producers, rows ordered to reduce crossings) in whole pixels.
#include <map>
#include <string>
#include <utility>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class Layout {
  public:
    static constexpr double kColumnGap = 230;
    static constexpr double kRowGap = 130;

    /// Positions (integer pixels) for every node of the scenario.
    static std::map<std::string, std::pair<double, double>> compute(const model::Scenario &s);
    /// Gives every node without `pos` a position; nodes that have one keep it. Returns whether
    /// anything was placed.
    static bool placeMissing(model::Scenario &s);
    /// Replaces every node's position by the computed layout.
    static void layoutAll(model::Scenario &s);
};

} // namespace eventbench::ui
