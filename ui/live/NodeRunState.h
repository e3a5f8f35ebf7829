#pragma once
// What the canvas shows of each node's state during a run, under the node: instances up of the
// members asked for (a scaled group's desired count), a circuit breaker open or half-open,
// paused, outage, isolated, slow ×F and any other fault in force. Read from the run's snapshots
// (the instances_up, instances_desired and breaker_state series, the `instances` events of
// producers, fault_applied/fault_reverted pairs), followed incrementally by NodeStateTracker. To
// show one more state, add a field to NodeRunState, fill it in NodeStateTracker::states() and say
// it in stateText(). GUI thread.
#include <QHash>
#include <QString>
#include <QStringList>
#include <cstddef>

#include "model/scenario/Scenario.h"

namespace eventbench::ui {

class RunData;

/// One node's state as of the latest snapshot.
struct NodeRunState {
    int instancesUp = -1; // -1: the node has no instances (a bus or a store)
    int instances = 0;
    bool paused = false;
    bool outage = false;
    bool isolated = false;
    double slowFactor = 1;
    int breaker = 0;         // the circuit breaker: 0 closed (or none), 1 open, 2 half-open
    QStringList otherFaults; // other faults in force, as `spike ×3`, `poison`

    /// How alarming it is: 0 normal, 1 degraded (a fault in force, instances down), 2 down.
    int severity() const;
};

/// `2/3 up · slow ×3 · outage`; empty when there is nothing to say.
QString stateText(const NodeRunState &state);

/// Follows the fault events of one run (a new run is noticed by RunData::generation) and gives
/// every node's state.
class NodeStateTracker {
  public:
    QHash<QString, NodeRunState> states(const model::Scenario &scenario, const RunData &data);

  private:
    void follow(const RunData &data);

    quint64 m_generation = ~quint64(0);
    std::size_t m_seen = 0;
    QHash<QString, QStringList> m_active;       // node -> details of the faults in force
    QHash<QString, QPair<int, int>> m_producer; // node -> (up, of) from its `instances` events
};

} // namespace eventbench::ui
