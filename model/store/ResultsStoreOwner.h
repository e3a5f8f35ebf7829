#pragma once
// Who is recording a `running` run: the results store keeps an owner token per running run
// (host, boot, pid and the process's start time) so that a run whose process died without
// ending it (SIGKILL, crash) can be told apart from one still going. Pure functions.
#include <string>

namespace eventbench::model {

enum class OwnerState { Alive, Gone, Unknown };

/// This process's token: `host|boot id|pid|start ticks`.
std::string currentRunOwner();
/// Alive when the token's process still runs (same host, same boot, same pid and start
/// time); Gone when it does not; Unknown for another host or an unreadable token.
OwnerState runOwnerState(const std::string &owner);

} // namespace eventbench::model
