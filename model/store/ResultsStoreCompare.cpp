#include "model/store/ResultsStoreCompare.h"

#include <cmath>
#include <map>
#include <tuple>

namespace eventbench::model {

bool ComparedFigure::changed() const {
    if (!numeric())
        return textA != textB;
    if (!a || !b)
        return a.has_value() != b.has_value();
    if (std::isnan(*a) || std::isnan(*b))
        return std::isnan(*a) != std::isnan(*b);
    return *a != *b;
}

std::optional<double> ComparedFigure::diff() const {
    if (!numeric() || !a || !b || std::isnan(*a) || std::isnan(*b))
        return std::nullopt;
    return *b - *a;
}

std::optional<double> ComparedFigure::ratio() const {
    if (!numeric() || !a || !b || std::isnan(*a) || std::isnan(*b))
        return std::nullopt;
    if (*a == *b)
        return 1.0;
    if (*a == 0)
        return std::nullopt;
    return *b / *a;
}

std::vector<ComparedFigure> compareRuns(const StoredRun &runA, const RunReport &a,
                                        const StoredRun &runB, const RunReport &b) {
    std::vector<ComparedFigure> out;
    // Counts of a run that did not end are unknown, not zero.
    auto number = [&](const char *metric, double x, double y, bool always) {
        ComparedFigure f{"run", metric, "value", {}, {}, {}, {}};
        if (always || runA.ended())
            f.a = x;
        if (always || runB.ended())
            f.b = y;
        out.push_back(f);
    };
    auto text = [&](const char *metric, const std::string &x, const std::string &y) {
        out.push_back({"run", metric, "value", {}, {}, x.empty() ? "-" : x, y.empty() ? "-" : y});
    };
    text("status", runA.status, runB.status);
    text("verdict", runA.verdict, runB.verdict);
    number("seed", static_cast<double>(a.seed), static_cast<double>(b.seed), true);
    number("sim_seconds", a.simSeconds, b.simSeconds, true);
    number("wall_seconds", a.wallSeconds, b.wallSeconds, true);
    number("events", static_cast<double>(a.eventCount), static_cast<double>(b.eventCount), false);
    number("messages", static_cast<double>(a.messages), static_cast<double>(b.messages), false);
    text("fingerprint", runA.fingerprint, runB.fingerprint);

    using Key = std::tuple<std::string, std::string, std::string>;
    std::map<Key, std::size_t> index;
    for (const auto &s : a.summary) {
        index.emplace(Key{s.node, s.metric, s.stat}, out.size());
        out.push_back({s.node, s.metric, s.stat, s.value, {}, {}, {}});
    }
    for (const auto &s : b.summary) {
        const auto it = index.find(Key{s.node, s.metric, s.stat});
        if (it != index.end()) {
            out[it->second].b = s.value;
        } else {
            index.emplace(Key{s.node, s.metric, s.stat}, out.size());
            out.push_back({s.node, s.metric, s.stat, {}, s.value, {}, {}});
        }
    }

    std::map<std::string, std::size_t> expect;
    auto addExpect = [&](const RunReport::ExpectationResult &x, bool isA) {
        auto it = expect.find(x.text);
        if (it == expect.end()) {
            it = expect.emplace(x.text, out.size()).first;
            out.push_back({"expect", x.text, "measured", {}, {}, {}, {}});
            out.push_back({"expect", x.text, "verdict", {}, {}, std::string("-"), "-"});
        }
        ComparedFigure &measured = out[it->second];
        ComparedFigure &verdict = out[it->second + 1];
        (isA ? measured.a : measured.b) = x.known ? x.measured : std::nan("");
        (isA ? verdict.textA : verdict.textB) = std::string(x.pass ? "pass" : "fail");
    };
    for (const auto &x : a.expectations)
        addExpect(x, true);
    for (const auto &x : b.expectations)
        addExpect(x, false);
    return out;
}

} // namespace eventbench::model
