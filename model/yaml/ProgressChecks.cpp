#include "model/yaml/ProgressChecks.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "model/scenario/Units.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

namespace {

// True when every draw of `d` is zero (or less): work that takes no simulated time.
bool alwaysZero(const Distribution &d) {
    switch (d.kind) {
    case Distribution::Kind::Constant:
        return d.value <= 0;
    case Distribution::Kind::Uniform:
        return d.max <= 0;
    case Distribution::Kind::Empirical:
        return std::all_of(d.values.begin(), d.values.end(), [](double v) { return v <= 0; });
    default:
        return false;
    }
}

std::string roughCount(double n) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", n);
    return text;
}

void error(const Scenario &s, const Node &n, const std::string &message, Diagnostics &out) {
    Diagnostic d;
    d.file = s.fileName;
    d.where = n.where;
    d.nodeId = n.id;
    d.message = printableText(message);
    out.push_back(std::move(d));
}

// A queue that hands a failed message back at once to a consumer that fails every message in
// no time: the message goes round at the same instant for ever.
void checkRedeliveryLoop(const Scenario &s, const Node &queue, const Node &consumer,
                         const Edge &edge, Diagnostics &out) {
    const QueueSpec &q = queue.queue;
    const ConsumerSpec &c = consumer.consumer;
    if (q.redelivery != QueueSpec::Redelivery::Immediate || q.maxReceiveCount)
        return;
    if (c.failure < 1 || !c.deadLetter.empty() || !alwaysZero(c.serviceTime))
        return;
    if (edge.latency && !alwaysZero(*edge.latency))
        return;
    if (c.retry.maxAttempts > 1 && c.retry.backoff > 0)
        return;
    error(s, consumer,
          "consumer '" + consumer.id +
              "' fails every message (failure: 1) in no time (service_time: 0) and queue '" +
              queue.id +
              "' redelivers it at once (redelivery: immediate, no max_receive_count): the "
              "message goes round at one instant for ever and simulated time cannot advance; "
              "give service_time a duration, use redelivery: visibility, or set "
              "max_receive_count",
          out);
}

// A breaker that fails calls while open, on a queue that hands a failed message back at once
// with nowhere else for it to go: while the breaker is open the message goes round at one
// instant (a real RabbitMQ consumer would spin at full speed on its nack-requeue).
void checkOpenBreakerLoop(const Scenario &s, const Node &queue, const Node &consumer,
                          Diagnostics &out) {
    const QueueSpec &q = queue.queue;
    const ConsumerSpec &c = consumer.consumer;
    if (!c.circuitBreaker || c.circuitBreaker->whenOpen != BreakerSpec::WhenOpen::Fail)
        return;
    if (q.redelivery != QueueSpec::Redelivery::Immediate || q.maxReceiveCount ||
        !c.deadLetter.empty() || (c.retry.maxAttempts > 1 && c.retry.backoff > 0))
        return;
    Diagnostic d;
    d.severity = Diagnostic::Severity::Warning;
    d.file = s.fileName;
    d.where = consumer.whereOf("circuit_breaker");
    d.nodeId = consumer.id;
    d.message = printableText(
        "consumer '" + consumer.id +
        "': while its circuit breaker is open (when_open: fail) every message fails at once "
        "and queue '" +
        queue.id +
        "' hands it back at once (redelivery: immediate, no max_receive_count, no dead_letter, "
        "no retry backoff): simulated time cannot advance and the run stops; use when_open: "
        "pause, a retry backoff, a dead_letter or max_receive_count");
    out.push_back(std::move(d));
}

void checkCommitInterval(const Scenario &s, const Node &consumer, Diagnostics &out) {
    const ConsumerSpec &c = consumer.consumer;
    if (c.commit != ConsumerSpec::Commit::Auto || c.commitInterval <= 0)
        return;
    const double ticks = static_cast<double>(s.duration) / static_cast<double>(c.commitInterval);
    if (ticks > kMaxTimerEvents)
        error(s, consumer,
              "consumer '" + consumer.id + "': commit_interval " +
                  formatDuration(c.commitInterval) + " over a duration of " +
                  formatDuration(s.duration) + " is " + roughCount(ticks) + " commits (more than " +
                  roughCount(kMaxTimerEvents) + "), a run that would not finish; commit less often",
              out);
}

} // namespace

void checkProgress(const Scenario &s, Diagnostics &out) {
    std::map<std::string, const Node *> byId;
    for (const Node &n : s.nodes)
        byId.emplace(n.id, &n);
    std::set<const Node *> committing; // topic consumers checked already
    for (const Edge &e : s.edges) {
        const auto from = byId.find(e.from);
        const auto to = byId.find(e.to);
        if (from == byId.end() || to == byId.end() || to->second->kind != NodeKind::Consumer)
            continue;
        if (from->second->kind == NodeKind::Queue) {
            checkRedeliveryLoop(s, *from->second, *to->second, e, out);
            checkOpenBreakerLoop(s, *from->second, *to->second, out);
        } else if (from->second->kind == NodeKind::Topic && committing.insert(to->second).second)
            checkCommitInterval(s, *to->second, out);
    }
}

} // namespace eventbench::model
