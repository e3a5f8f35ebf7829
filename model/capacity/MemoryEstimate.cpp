#include "model/capacity/MemoryEstimate.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <unordered_map>

#include "model/catalogue/KnobCatalogue.h"
#include "model/catalogue/MetricCatalogue.h"
#include "model/results/SampleSpool.h"
#include "model/scenario/Units.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

namespace {

using namespace memory_costs;

double seconds(SimTime ns) {
    return static_cast<double>(ns) / kNanosPerSecond;
}

/// Messages per second into each node: producers' mean rates carried along the edges (times
/// their ratio). One pass in topological order; a node on a cycle passes on what reached it
/// before the cycle closed, which is enough for an estimate.
std::vector<double> inflows(const Scenario &s) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
        index.emplace(s.nodes[i].id, i);
    std::vector<std::vector<std::pair<std::size_t, double>>> out(s.nodes.size());
    std::vector<std::size_t> waiting(s.nodes.size(), 0);
    for (const Edge &e : s.edges) {
        const auto from = index.find(e.from), to = index.find(e.to);
        if (from == index.end() || to == index.end())
            continue;
        out[from->second].emplace_back(to->second, e.ratio);
        ++waiting[to->second];
    }
    std::vector<double> in(s.nodes.size(), 0);
    std::vector<char> done(s.nodes.size(), 0);
    std::vector<std::size_t> ready;
    auto pass = [&](std::size_t n) {
        done[n] = 1;
        const Node &node = s.nodes[n];
        const double rate =
            node.kind == NodeKind::Producer ? node.producer.rate.meanRate(s.duration) : in[n];
        for (const auto &[to, ratio] : out[n]) {
            in[to] += rate * ratio;
            if (--waiting[to] == 0 && !done[to])
                ready.push_back(to);
        }
    };
    for (std::size_t n = 0; n < s.nodes.size(); ++n)
        if (waiting[n] == 0)
            ready.push_back(n);
    for (std::size_t next = 0; next < s.nodes.size();) {
        while (!ready.empty()) {
            const std::size_t n = ready.back();
            ready.pop_back();
            if (!done[n])
                pass(n);
        }
        while (next < s.nodes.size() && done[next])
            ++next;
        if (next < s.nodes.size())
            pass(next); // the first node of a cycle
    }
    return in;
}

std::string count(double n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, n < 1e6 ? "%.0f" : "%.3g", n);
    return buf;
}

void add(MemoryEstimate &e, const std::string &node, std::string_view knob, double bytes,
         std::string what) {
    if (bytes <= 0)
        return;
    e.items.push_back({node, std::string(knob), bytes, std::move(what)});
    e.totalBytes += bytes;
}

bool hasOutage(const Scenario &s) {
    return std::any_of(s.faults.begin(), s.faults.end(), [](const Fault &f) {
        return f.kind == Fault::Kind::Outage || f.kind == Fault::Kind::Isolate;
    });
}

void estimateNode(MemoryEstimate &e, const Scenario &s, const Node &n, double inflow) {
    const double runSeconds = seconds(s.duration);
    switch (n.kind) {
    case NodeKind::Producer: {
        const ProducerSpec &p = n.producer;
        add(e, n.id, knob_key::kInstances, p.instances * kProducerInstanceBytes,
            count(p.instances) + " producer instances");
        if (hasOutage(s)) {
            const double produced = p.rate.meanRate(s.duration) * runSeconds;
            const double held = std::min(static_cast<double>(p.buffer), produced);
            add(e, n.id, knob_key::kBuffer, held * kBufferedBytes,
                "a retry buffer of up to " + count(held) + " messages during an outage");
        }
        break;
    }
    case NodeKind::Topic: {
        const TopicSpec &t = n.topic;
        add(e, n.id, knob_key::kPartitions, t.partitions * kPartitionBytes,
            count(t.partitions) + " partitions");
        double retained = inflow * std::min(seconds(t.retention), runSeconds);
        if (t.retentionBytes)
            retained = std::min(retained, static_cast<double>(*t.retentionBytes) * t.partitions);
        add(e, n.id, knob_key::kRetention, retained * kRetainedBytes,
            count(retained) + " retained messages (" + formatRate(inflow) + " for min(retention " +
                formatDuration(t.retention) + ", duration " + formatDuration(s.duration) + "))");
        break;
    }
    case NodeKind::Consumer: {
        const ConsumerSpec &c = n.consumer;
        const double handlers = static_cast<double>(c.instances) * c.concurrency;
        add(e, n.id, c.concurrency > c.instances ? knob_key::kConcurrency : knob_key::kInstances,
            handlers * kHandlerBytes,
            count(handlers) + " handlers (instances " + count(c.instances) + " x concurrency " +
                count(c.concurrency) + ")");
        const double ticks = runSeconds / std::max(seconds(c.commitInterval), 1e-9) * c.instances;
        if (ticks > e.timerEvents) {
            e.timerEvents = ticks;
            e.timerItem = {n.id, std::string(knob_key::kCommitInterval), 0,
                           count(ticks) + " commit ticks (commit_interval " +
                               formatDuration(c.commitInterval) + " over duration " +
                               formatDuration(s.duration) + ")"};
        }
        break;
    }
    case NodeKind::Queue:
    case NodeKind::Exchange:
    case NodeKind::Store:
        break;
    }
}

} // namespace

MemoryEstimate estimateMemory(const Scenario &s) {
    MemoryEstimate e;
    const double samples =
        std::floor(seconds(s.duration) / std::max(seconds(s.sampleEvery), 1e-9)) + 2;
    std::size_t series = 0;
    for (const Node &n : s.nodes)
        for (const MetricDef &m : metricsOf(n.kind))
            series += seriesNamesOf(m).size();
    for (const MetricDef &m : ledgerMetrics())
        series += seriesNamesOf(m).size();
    // The values go to the spool's file as they come; memory holds their times, the chunk
    // being filled and each series' own state.
    const double rowBytes = static_cast<double>(series + 1) * 8;
    add(e, "", knob_key::kSampleEvery,
        samples * kSampleTimeBytes +
            std::max(static_cast<double>(SampleSpool::kChunkBytes), rowBytes) +
            static_cast<double>(series) * kSeriesBytes,
        count(samples) + " samples of " + count(static_cast<double>(series)) +
            " series (duration " + formatDuration(s.duration) + " / sample_every " +
            formatDuration(s.sampleEvery) + ")");
    if (samples > e.timerEvents) {
        e.timerEvents = samples;
        e.timerItem = {"", std::string(knob_key::kSampleEvery), 0, e.items.back().what};
    }
    const std::vector<double> in = inflows(s);
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
        estimateNode(e, s, s.nodes[i], in[i]);
    return e;
}

namespace {

/// Where `knob` of `nodeId` (or of the scenario) is written: in an override (file `--set`), in
/// the file, or else the node's own position.
Diagnostic positioned(const Scenario &s, const MemoryItem &item, const std::string &text,
                      const std::vector<std::string> &overrides) {
    Diagnostic d;
    d.file = s.fileName;
    d.nodeId = item.nodeId;
    const std::string path = (item.nodeId.empty() ? "" : "nodes." + item.nodeId + ".") + item.knob;
    for (const std::string &o : overrides)
        if (o.rfind(path + "=", 0) == 0) {
            d.file = "--set";
            return d;
        }
    const Node *node = item.nodeId.empty() ? nullptr : s.findNode(item.nodeId);
    if (node)
        d.where = node->where;
    // Read only now that there is something to report: most runs never get here.
    const YamlReadResult read = readYaml(text);
    if (!read.root || !read.root->isMap())
        return d;
    const YamlNode *owner = &*read.root;
    if (node) {
        const YamlNode *nodes = owner->find("nodes");
        owner = nodes && nodes->isMap() ? nodes->find(item.nodeId) : nullptr;
    }
    if (owner && owner->isMap()) {
        const int i = owner->indexOf(item.knob);
        if (i >= 0)
            d.where = owner->keys[static_cast<std::size_t>(i)].pos;
    }
    // A scenario knob left at its default (sample_every) needs as much as the run is long:
    // point at `duration`, or else at the file's first key.
    if (!node && d.where.line == 0 && item.knob != knob_key::kDuration) {
        MemoryItem length = item;
        length.knob = std::string(knob_key::kDuration);
        d = positioned(s, length, text, overrides);
        if (d.file != "--set" && d.where.line == 0 && !read.root->keys.empty())
            d.where = read.root->keys.front().pos;
    }
    return d;
}

std::string owner(const MemoryItem &item) {
    return item.nodeId.empty() ? "the scenario's " + item.knob
                               : "'" + item.knob + "' of '" + item.nodeId + "'";
}

} // namespace

Diagnostics checkMemoryBudget(const Scenario &s, std::uint64_t budgetBytes, const std::string &text,
                              const std::vector<std::string> &overrides) {
    const MemoryEstimate e = estimateMemory(s);
    Diagnostics out;
    if (e.timerEvents > kMaxTimerEvents) {
        Diagnostic d = positioned(s, e.timerItem, text, overrides);
        d.message = owner(e.timerItem) + " makes " + e.timerItem.what + ", more than the " +
                    count(kMaxTimerEvents) + " timer events a run may take; make it coarser";
        out.push_back(std::move(d));
    }
    const auto budget = static_cast<double>(budgetBytes);
    if (e.totalBytes <= budget)
        return out;
    // Name the items that together make most of the excess, largest first.
    std::vector<MemoryItem> items = e.items;
    std::sort(items.begin(), items.end(),
              [](const MemoryItem &a, const MemoryItem &b) { return a.bytes > b.bytes; });
    double named = 0;
    for (const MemoryItem &item : items) {
        if (named > 0 && e.totalBytes - named <= budget * 0.5)
            break;
        Diagnostic d = positioned(s, item, text, overrides);
        d.message = owner(item) + " needs about " + formatMemory(item.bytes) + " for " + item.what +
                    "; the run would need about " + formatMemory(e.totalBytes) +
                    ", more than the memory budget of " + formatMemory(budget) + " (--max-memory)";
        out.push_back(std::move(d));
        named += item.bytes;
        if (out.size() >= 3)
            break;
    }
    return out;
}

std::optional<std::uint64_t> parseMemorySize(const std::string &text) {
    std::size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
        ++i;
    if (i == 0 || i > 20)
        return std::nullopt;
    char *end = nullptr;
    const std::string number = text.substr(0, i);
    const double value = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size())
        return std::nullopt;
    std::string unit = text.substr(i);
    if (!unit.empty() && unit.front() == ' ')
        unit.erase(0, 1);
    static const struct {
        const char *unit;
        double bytes;
    } kUnits[] = {{"", 1},
                  {"B", 1},
                  {"KB", 1e3},
                  {"MB", 1e6},
                  {"GB", 1e9},
                  {"TB", 1e12},
                  {"K", 1024.0},
                  {"KiB", 1024.0},
                  {"M", 1048576.0},
                  {"MiB", 1048576.0},
                  {"G", 1073741824.0},
                  {"GiB", 1073741824.0},
                  {"TiB", 1099511627776.0}};
    for (const auto &u : kUnits) {
        if (unit != u.unit)
            continue;
        const double bytes = std::round(value * u.bytes);
        if (!(bytes >= 1) || bytes > 1.8e19)
            return std::nullopt;
        return static_cast<std::uint64_t>(bytes);
    }
    return std::nullopt;
}

std::string formatMemory(double bytes) {
    static const char *const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    std::size_t u = 0;
    while (bytes >= 1024 && u + 1 < std::size(kUnits)) {
        bytes /= 1024;
        ++u;
    }
    char buf[48];
    if (bytes >= 1e6)
        std::snprintf(buf, sizeof buf, "%.3g %s", bytes, kUnits[u]);
    else
        std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, kUnits[u]);
    return buf;
}

} // namespace eventbench::model
