#include "ui/inspector/KnobText.h"

#include <QStringList>

#include "model/scenario/Units.h"

namespace eventbench::ui {

using model::Distribution;

namespace {

QString q(const std::string &s) {
    return QString::fromStdString(s);
}
QString num(double v) {
    return q(model::formatNumber(v));
}
QString dur(model::SimTime t) {
    return q(model::formatDuration(t));
}
QString rate(double r) {
    return q(model::formatRate(r));
}

QString quantityValue(double v, model::Quantity quantity) {
    switch (quantity) {
    case model::Quantity::Duration:
        return dur(model::SimTime(v));
    case model::Quantity::Size:
        return q(model::formatSize(v));
    case model::Quantity::Count:
        return num(v);
    }
    return num(v);
}

QString choice(const model::WeightedChoice &c) {
    if (c.options.size() == 1 && c.options.front().second == 1.0)
        return q(c.options.front().first);
    QStringList parts;
    for (const auto &[name, weight] : c.options)
        parts << QStringLiteral("%1: %2").arg(q(name), num(weight));
    return QStringLiteral("{%1}").arg(parts.join(QStringLiteral(", ")));
}

QString keys(const model::KeySpec &k) {
    switch (k.kind) {
    case model::KeySpec::Kind::None:
        return QStringLiteral("none");
    case model::KeySpec::Kind::Uniform:
        return QStringLiteral("{distribution: uniform, count: %1}").arg(num(double(k.count)));
    case model::KeySpec::Kind::Zipf:
        return QStringLiteral("{distribution: zipf, count: %1, skew: %2}")
            .arg(num(double(k.count)), num(k.skew));
    }
    return {};
}

QString boolText(bool b) {
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

QVector<Knob> producerKnobs(const model::ProducerSpec &p) {
    QVector<Knob> k;
    k << Knob{"rate", KnobText::rateProfile(p.rate)}
      << Knob{"arrivals",
              p.arrivals == model::ProducerSpec::Arrivals::Poisson ? "poisson" : "constant"}
      << Knob{"instances", num(p.instances)}
      << Knob{"event", p.event.empty() ? "(node id)" : q(p.event)}
      << Knob{"size", KnobText::distribution(p.size)} << Knob{"keys", keys(p.keys)};
    for (const auto &[name, c] : p.attributes)
        k << Knob{QStringLiteral("attributes.%1").arg(q(name)), choice(c)};
    k << Knob{"routing_key", p.routingKey ? choice(*p.routingKey) : QStringLiteral("none")}
      << Knob{"schema_version", num(p.schemaVersion)} << Knob{"retry", KnobText::retry(p.retry)}
      << Knob{"buffer", num(double(p.buffer))} << Knob{"idempotent", boolText(p.idempotent)};
    return k;
}

QVector<Knob> topicKnobs(const model::TopicSpec &t) {
    return {{"partitions", num(t.partitions)},
            {"retention", dur(t.retention)},
            {"retention_bytes",
             t.retentionBytes ? q(model::formatSize(double(*t.retentionBytes))) : "unlimited"},
            {"partitioner",
             t.partitioner == model::TopicSpec::Partitioner::Murmur2 ? "murmur2" : "roundrobin"},
            {"append_latency", KnobText::distribution(t.appendLatency)}};
}

QVector<Knob> queueKnobs(const model::QueueSpec &s) {
    return {{"visibility_timeout", dur(s.visibilityTimeout)},
            {"redelivery",
             s.redelivery == model::QueueSpec::Redelivery::Visibility ? "visibility" : "immediate"},
            {"max_receive_count", s.maxReceiveCount ? num(*s.maxReceiveCount) : "unlimited"},
            {"dead_letter", s.deadLetter.empty() ? "none" : q(s.deadLetter)},
            {"retention", dur(s.retention)},
            {"delay", dur(s.delay)},
            {"ttl", s.ttl ? dur(*s.ttl) : "none"},
            {"max_length", s.maxLength ? num(double(*s.maxLength)) : "unlimited"},
            {"overflow",
             s.overflow == model::QueueSpec::Overflow::DropHead ? "drop-head" : "reject-publish"},
            {"fifo", boolText(s.fifo)},
            {"dedup_window", dur(s.dedupWindow)}};
}

QVector<Knob> consumerKnobs(const model::ConsumerSpec &c) {
    using C = model::ConsumerSpec;
    QStringList accepts;
    for (int v : c.accepts)
        accepts << QString::number(v);
    const char *commit = c.commit == C::Commit::Auto        ? "auto"
                         : c.commit == C::Commit::AfterEach ? "after_each"
                                                            : "before_process";
    const char *assignment = c.assignment == C::Assignment::Range        ? "range"
                             : c.assignment == C::Assignment::RoundRobin ? "roundrobin"
                                                                         : "sticky";
    return {{"instances", num(c.instances)},
            {"concurrency", num(c.concurrency)},
            {"service_time", KnobText::distribution(c.serviceTime)},
            {"failure", num(c.failure)},
            {"retry", KnobText::retry(c.retry)},
            {"dead_letter", c.deadLetter.empty() ? "none" : q(c.deadLetter)},
            {"idempotent", boolText(c.idempotent)},
            {"dedup_window", c.dedupWindow ? dur(*c.dedupWindow) : "unlimited"},
            {"accepts", accepts.isEmpty() ? "all" : "[" + accepts.join(", ") + "]"},
            {"max_poll_records", num(c.maxPollRecords)},
            {"commit", commit},
            {"commit_interval", dur(c.commitInterval)},
            {"assignment", assignment},
            {"session_timeout", dur(c.sessionTimeout)},
            {"rebalance_time", dur(c.rebalanceTime)},
            {"batch", num(c.batch)}};
}

} // namespace

QString KnobText::distribution(const Distribution &d) {
    const auto v = [&](double x) { return quantityValue(x, d.quantity); };
    switch (d.kind) {
    case Distribution::Kind::Constant:
        return v(d.value);
    case Distribution::Kind::Exponential:
        return QStringLiteral("{distribution: exponential, mean: %1}").arg(v(d.mean));
    case Distribution::Kind::Uniform:
        return QStringLiteral("{distribution: uniform, min: %1, max: %2}").arg(v(d.min), v(d.max));
    case Distribution::Kind::Normal:
        return QStringLiteral("{distribution: normal, mean: %1, stddev: %2}")
            .arg(v(d.mean), v(d.stddev));
    case Distribution::Kind::Lognormal:
        return QStringLiteral("{distribution: lognormal, mean: %1, p99: %2}")
            .arg(v(d.mean), v(d.p99));
    case Distribution::Kind::Empirical: {
        QStringList values, weights;
        for (double x : d.values)
            values << v(x);
        for (double w : d.weights)
            weights << num(w);
        return QStringLiteral("{distribution: empirical, values: [%1], weights: [%2]}")
            .arg(values.join(", "), weights.join(", "));
    }
    }
    return {};
}

QString KnobText::rateProfile(const model::RateProfile &r) {
    using K = model::RateProfile::Kind;
    switch (r.kind) {
    case K::Constant:
        return rate(r.rate);
    case K::Burst:
        return QStringLiteral("{profile: burst, base: %1, peak: %2, every: %3, for: %4}")
            .arg(rate(r.base), rate(r.peak), dur(r.every), dur(r.burstFor));
    case K::Ramp:
        return QStringLiteral("{profile: ramp, from: %1, to: %2, over: %3}")
            .arg(rate(r.from), rate(r.to), dur(r.over));
    case K::Steps: {
        QStringList steps;
        for (const auto &[t, x] : r.steps)
            steps << QStringLiteral("[%1, %2]").arg(dur(t), rate(x));
        return QStringLiteral("{profile: steps, steps: [%1]}").arg(steps.join(", "));
    }
    case K::Sine:
        return QStringLiteral("{profile: sine, mean: %1, amplitude: %2, period: %3}")
            .arg(rate(r.mean), rate(r.amplitude), dur(r.period));
    }
    return {};
}

QString KnobText::retry(const model::RetrySpec &r) {
    QString s = QStringLiteral("{max_attempts: %1").arg(r.maxAttempts);
    if (r.backoff)
        s += QStringLiteral(", backoff: %1").arg(dur(r.backoff));
    if (r.multiplier != 1.0)
        s += QStringLiteral(", multiplier: %1").arg(num(r.multiplier));
    return s + QStringLiteral("}");
}

QString KnobText::filter(const model::FilterPolicy &f) {
    using K = model::FilterCondition::Kind;
    QStringList attrs;
    for (const auto &[name, conditions] : f.attributes) {
        QStringList cs;
        for (const auto &c : conditions) {
            switch (c.kind) {
            case K::Exact:
                cs << q(c.text);
                break;
            case K::Prefix:
                cs << QStringLiteral("{prefix: %1}").arg(q(c.text));
                break;
            case K::AnythingBut: {
                QStringList xs;
                for (const auto &x : c.anythingBut)
                    xs << q(x);
                cs << QStringLiteral("{anything-but: [%1]}").arg(xs.join(", "));
                break;
            }
            case K::Numeric: {
                QStringList xs;
                for (const auto &[op, bound] : c.numeric)
                    xs << QStringLiteral("\"%1\", %2").arg(q(op), num(bound));
                cs << QStringLiteral("{numeric: [%1]}").arg(xs.join(", "));
                break;
            }
            case K::Exists:
                cs << QStringLiteral("{exists: %1}").arg(boolText(c.exists));
                break;
            }
        }
        attrs << QStringLiteral("%1: [%2]").arg(q(name), cs.join(", "));
    }
    return QStringLiteral("{%1}").arg(attrs.join(", "));
}

QString KnobText::fault(const model::Fault &f) {
    using K = model::Fault::Kind;
    static const char *const kNames[] = {"crash",   "pause",   "slow",      "outage",
                                         "latency", "isolate", "duplicate", "poison",
                                         "schema",  "spike",   "rebalance"};
    QStringList parts{QStringLiteral("at: ") + dur(f.at)};
    if (f.duration)
        parts << QStringLiteral("for: ") + dur(*f.duration);
    if (f.kind == K::Latency)
        parts << QStringLiteral("latency: \"%1 -> %2\"").arg(q(f.target), q(f.edgeTo));
    else
        parts << QStringLiteral("%1: %2").arg(QLatin1String(kNames[int(f.kind)]), q(f.target));
    if (f.instances)
        parts << QStringLiteral("instances: %1").arg(*f.instances);
    if (f.kind == K::Slow || f.kind == K::Spike)
        parts << QStringLiteral("factor: ") + num(f.factor);
    if (f.kind == K::Latency)
        parts << QStringLiteral("add: ") + dur(f.add);
    if (f.kind == K::Duplicate || f.kind == K::Poison)
        parts << QStringLiteral("probability: ") + num(f.probability);
    if (f.kind == K::Schema)
        parts << QStringLiteral("version: %1").arg(f.version);
    return QStringLiteral("{%1}").arg(parts.join(QStringLiteral(", ")));
}

QVector<Knob> KnobText::nodeKnobs(const model::Node &node) {
    QVector<Knob> k{{"kind", QString::fromLatin1(model::toString(node.kind))}};
    switch (node.kind) {
    case model::NodeKind::Producer:
        k += producerKnobs(node.producer);
        break;
    case model::NodeKind::Topic:
        k += topicKnobs(node.topic);
        break;
    case model::NodeKind::Queue:
        k += queueKnobs(node.queue);
        break;
    case model::NodeKind::Exchange:
        k << Knob{"unroutable",
                  node.exchange.unroutable.empty() ? "drop" : q(node.exchange.unroutable)};
        break;
    case model::NodeKind::Consumer:
        k += consumerKnobs(node.consumer);
        break;
    case model::NodeKind::Store:
        k << Knob{"write_time", distribution(node.store.writeTime)}
          << Knob{"capacity", node.store.capacity ? num(*node.store.capacity) : "unlimited"};
        break;
    }
    if (node.pos)
        k << Knob{"pos",
                  QStringLiteral("[%1, %2]").arg(num(node.pos->first), num(node.pos->second))};
    return k;
}

QVector<Knob> KnobText::edgeKnobs(const model::Edge &e) {
    return {{"from", q(e.from)},
            {"to", q(e.to)},
            {"latency", e.latency ? distribution(*e.latency) : dur(0)},
            {"filter", e.filter ? filter(*e.filter) : "none"},
            {"binding", e.binding ? q(*e.binding) : "none"},
            {"ratio", num(e.ratio)}};
}

QVector<Knob> KnobText::scenarioKnobs(const model::Scenario &s) {
    return {{"scenario", q(s.name)},
            {"description", q(s.description)},
            {"seed", QString::number(s.seed)},
            {"duration", dur(s.duration)},
            {"sample_every", dur(s.sampleEvery)},
            {"warmup", s.warmupAuto ? QStringLiteral("auto") : dur(s.warmup)},
            {"nodes", QString::number(s.nodes.size())},
            {"edges", QString::number(s.edges.size())},
            {"faults", QString::number(s.faults.size())},
            {"expect", QString::number(s.expectations.size())}};
}

} // namespace eventbench::ui
