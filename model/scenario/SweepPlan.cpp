#include "model/scenario/SweepPlan.h"

#include <set>

namespace eventbench::model {

namespace {

std::string trimmed(const std::string &s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

Diagnostic varyError(const std::string &message) {
    Diagnostic d;
    d.file = "--vary";
    d.message = message;
    return d;
}

} // namespace

std::vector<std::string> SweepPlan::splitValues(const std::string &text) {
    std::vector<std::string> out;
    std::string current;
    int depth = 0;
    char quote = 0;
    for (char c : text) {
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        } else if (c == ',' && depth == 0) {
            out.push_back(trimmed(current));
            current.clear();
            continue;
        }
        current += c;
    }
    out.push_back(trimmed(current));
    return out;
}

SweepPlan SweepPlan::parse(const std::vector<std::string> &varies, Diagnostics *diagnostics) {
    SweepPlan plan;
    std::set<std::string> paths;
    std::size_t product = 1;
    for (const auto &spec : varies) {
        const auto eq = spec.find('=');
        const std::string path =
            eq == std::string::npos ? std::string() : trimmed(spec.substr(0, eq));
        if (eq == std::string::npos || path.empty()) {
            diagnostics->push_back(varyError("'" + spec +
                                             "': expected PATH=V1,V2,..., such as "
                                             "nodes.inventory.instances=1,2,4"));
            continue;
        }
        Knob knob{spec, path, splitValues(spec.substr(eq + 1))};
        bool ok = true;
        for (std::size_t i = 0; i < knob.values.size() && ok; ++i)
            if (knob.values[i].empty()) {
                diagnostics->push_back(
                    varyError("'" + spec + "': value " + std::to_string(i + 1) + " is empty"));
                ok = false;
            }
        if (!paths.insert(path).second) {
            diagnostics->push_back(
                varyError("'" + spec + "': " + path + " is already varied by another --vary"));
            ok = false;
        }
        if (!ok)
            continue;
        product = product > kMaxCombinations ? product : product * knob.values.size();
        plan.knobs.push_back(std::move(knob));
    }
    if (product > kMaxCombinations)
        diagnostics->push_back(varyError("the --vary options make more than " +
                                         std::to_string(kMaxCombinations) + " combinations"));
    return plan;
}

std::size_t SweepPlan::combinations() const {
    if (knobs.empty())
        return 0;
    std::size_t n = 1;
    for (const auto &k : knobs)
        n *= k.values.size();
    return n;
}

std::vector<std::string> SweepPlan::values(std::size_t index) const {
    std::vector<std::string> out(knobs.size());
    for (std::size_t i = knobs.size(); i-- > 0;) {
        const std::size_t n = knobs[i].values.size();
        out[i] = knobs[i].values[index % n];
        index /= n;
    }
    return out;
}

std::vector<std::string> SweepPlan::overrides(std::size_t index) const {
    std::vector<std::string> out = values(index);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = knobs[i].path + "=" + out[i];
    return out;
}

} // namespace eventbench::model
