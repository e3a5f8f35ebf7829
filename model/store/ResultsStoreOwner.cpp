#include "model/store/ResultsStoreOwner.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <vector>

namespace eventbench::model {

namespace {

std::string hostName() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0)
        return "?";
    return buf;
}

std::string firstLine(const char *path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string bootId() {
    const std::string id = firstLine("/proc/sys/kernel/random/boot_id");
    return id.empty() ? "-" : id;
}

/// Field 22 of /proc/PID/stat (start time in clock ticks after boot), "" when unreadable, and
/// "zombie" for a process that has exited but is not reaped yet.
std::string startTicks(long pid) {
    const std::string stat = firstLine(("/proc/" + std::to_string(pid) + "/stat").c_str());
    // The command name (field 2) may hold spaces and parentheses: fields resume after the
    // last ')'.
    const auto close = stat.rfind(')');
    if (close == std::string::npos)
        return {};
    std::istringstream rest(stat.substr(close + 1));
    std::vector<std::string> fields;
    for (std::string f; rest >> f;)
        fields.push_back(f);
    // fields[0] is field 3 (state); field 22 is fields[19].
    if (fields.size() < 20)
        return {};
    if (fields[0] == "Z" || fields[0] == "X")
        return "zombie";
    return fields[19];
}

std::vector<std::string> split(const std::string &s, char sep) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, sep))
        parts.push_back(part);
    return parts;
}

} // namespace

std::string currentRunOwner() {
    const long pid = static_cast<long>(getpid());
    const std::string ticks = startTicks(pid);
    return hostName() + "|" + bootId() + "|" + std::to_string(pid) + "|" +
           (ticks.empty() ? "-" : ticks);
}

OwnerState runOwnerState(const std::string &owner) {
    const auto parts = split(owner, '|');
    if (parts.size() != 4 || parts[0] != hostName())
        return OwnerState::Unknown;
    long pid = 0;
    try {
        pid = std::stol(parts[2]);
    } catch (...) {
        return OwnerState::Unknown;
    }
    if (pid <= 0)
        return OwnerState::Unknown;
    if (parts[1] != "-" && parts[1] != bootId())
        return OwnerState::Gone; // the machine rebooted since
    if (parts[3] != "-") {
        // Linux: the same pid with the same start time is the same process (no pid reuse).
        const std::string ticks = startTicks(pid);
        return ticks == parts[3] ? OwnerState::Alive : OwnerState::Gone;
    }
    if (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)
        return OwnerState::Alive;
    return OwnerState::Gone;
}

} // namespace eventbench::model
