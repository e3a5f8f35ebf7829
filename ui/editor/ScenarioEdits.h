#pragma once
// Edits of a scenario value that must keep every reference consistent: renaming a node
// (edges, faults, expectations, dead-letter and unroutable targets follow it) and deleting
// nodes and an edge (the faults and expectations naming what was deleted go with it). Pure
// functions on values, used by CanvasEditor; any thread.
#include <QString>
#include <QStringList>
#include <set>
#include <string>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class ScenarioEdits {
  public:
    /// Whether `id` is a valid node id (`[A-Za-z][A-Za-z0-9_.-]*`, scenarios/README.md).
    static bool isValidNodeId(const std::string &id);
    /// Renames node `from` to `to` everywhere; returns an empty string, or why not (unknown
    /// node, invalid or taken id) leaving `s` as it was.
    static QString renameNode(model::Scenario &s, const std::string &from, const std::string &to);
    /// Deletes the nodes `ids` (with their edges) and the edge `edgeIndex` (-1: none); returns
    /// how many faults and expectations were dropped with the nodes.
    static int deleteItems(model::Scenario &s, const std::set<std::string> &ids, int edgeIndex);
    /// What else deleting the nodes `ids` takes along, one line each: the expectations and
    /// faults that name them, and the `dead_letter`/`unroutable` keys that point at them.
    static QStringList cascade(const model::Scenario &s, const std::set<std::string> &ids);
};

} // namespace eventbench::ui
