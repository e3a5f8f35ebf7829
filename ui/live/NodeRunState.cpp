#include "ui/live/NodeRunState.h"

#include <QRegularExpression>
#include <cmath>
#include <optional>
#include <string>

#include "model/catalogue/FaultCatalogue.h"
#include "model/catalogue/MetricCatalogue.h"
#include "ui/live/RunData.h"

namespace eventbench::ui {

namespace {

// A fault's detail in the event log starts with its kind and names its parameters:
// `slow factor=3 for=1m`.
QString kindOf(const QString &detail) {
    return detail.section(QLatin1Char(' '), 0, 0);
}

bool isKind(const QString &kind, model::Fault::Kind k) {
    return kind.toStdString() == model::faultInfo(k).name;
}

/// The latest sample of a node's metric, or nullopt before the first sample.
std::optional<double> latest(const RunData &data, const std::string &node, model::MetricId id) {
    const int series = data.seriesIndex(node, std::string(model::metricDef(id).name));
    if (series < 0 || data.sampleCount() == 0)
        return std::nullopt;
    return data.last(series);
}

QString parameter(const QString &detail, const QString &key) {
    for (const QString &word : detail.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (word.startsWith(key + QLatin1Char('=')))
            return word.mid(key.size() + 1);
    return {};
}

} // namespace

int NodeRunState::severity() const {
    if (outage || instancesUp == 0)
        return 2;
    const bool down = instancesUp >= 0 && instancesUp < instances;
    return down || paused || isolated || breaker != 0 || slowFactor != 1 || !otherFaults.isEmpty()
               ? 1
               : 0;
}

QString stateText(const NodeRunState &s) {
    QStringList parts;
    if (s.instancesUp >= 0)
        parts << QStringLiteral("%1/%2 up").arg(s.instancesUp).arg(s.instances);
    if (s.breaker == 1)
        parts << QStringLiteral("breaker open");
    else if (s.breaker == 2)
        parts << QStringLiteral("breaker half-open");
    if (s.outage)
        parts << QStringLiteral("outage");
    if (s.paused)
        parts << QStringLiteral("paused");
    if (s.isolated)
        parts << QStringLiteral("isolated");
    if (s.slowFactor != 1)
        parts << QStringLiteral("slow ×%1").arg(s.slowFactor);
    parts << s.otherFaults;
    return parts.join(QStringLiteral(" · "));
}

void NodeStateTracker::follow(const RunData &data) {
    if (data.generation() != m_generation) {
        m_generation = data.generation();
        m_seen = 0;
        m_active.clear();
        m_producer.clear();
    }
    const auto &events = data.events();
    static const QRegularExpression upOf(QStringLiteral("^(\\d+) of (\\d+) up$"));
    for (; m_seen < events.size(); ++m_seen) {
        const auto &e = events[m_seen];
        if (e.event != "fault_applied" && e.event != "fault_reverted" && e.event != "instances")
            continue;
        const QString node = QString::fromStdString(e.node);
        const QString detail = QString::fromStdString(e.detail);
        if (e.event == "instances") {
            const auto m = upOf.match(detail);
            if (m.hasMatch())
                m_producer[node] = {m.captured(1).toInt(), m.captured(2).toInt()};
        } else if (e.event == "fault_applied") {
            m_active[node] << detail;
        } else {
            m_active[node].removeOne(detail);
        }
    }
}

QHash<QString, NodeRunState> NodeStateTracker::states(const model::Scenario &scenario,
                                                      const RunData &data) {
    follow(data);
    QHash<QString, NodeRunState> out;
    for (const model::Node &n : scenario.nodes) {
        const QString id = QString::fromStdString(n.id);
        NodeRunState s;
        if (n.kind == model::NodeKind::Consumer) {
            using M = model::MetricId;
            // A scaled group is measured against the members it is asked to have.
            const auto desired = latest(data, n.id, M::ConsumerInstancesDesired);
            s.instances =
                desired && *desired > 0 ? int(std::lround(*desired)) : n.consumer.instances;
            const auto up = latest(data, n.id, M::ConsumerInstancesUp);
            s.instancesUp = up ? int(std::lround(*up)) : s.instances;
            s.breaker = int(std::lround(latest(data, n.id, M::ConsumerBreakerState).value_or(0)));
        } else if (n.kind == model::NodeKind::Producer) {
            s.instances = n.producer.instances;
            s.instancesUp = m_producer.value(id, {s.instances, s.instances}).first;
        }
        for (const QString &detail : m_active.value(id)) {
            const QString kind = kindOf(detail);
            // Slow and spike say their factor (`slow factor=3`), under the catalogue's key.
            static const QString factorKey = QString::fromUtf8(
                model::faultInfo(model::Fault::Kind::Slow).parameter.data(),
                qsizetype(model::faultInfo(model::Fault::Kind::Slow).parameter.size()));
            const QString factor = parameter(detail, factorKey);
            using K = model::Fault::Kind;
            if (isKind(kind, K::Outage))
                s.outage = true;
            else if (isKind(kind, K::Pause))
                s.paused = true;
            else if (isKind(kind, K::Isolate))
                s.isolated = true;
            else if (isKind(kind, K::Slow) && !factor.isEmpty())
                s.slowFactor = factor.toDouble();
            else if (!isKind(kind, K::Crash) && !isKind(kind, K::Rebalance) &&
                     !isKind(kind, K::Scale) && !isKind(kind, K::Replay))
                // Crashes and scaling show in the instances; a rebalance or a replay is over
                // when it is applied.
                s.otherFaults << (factor.isEmpty() ? kind
                                                   : QString(kind + QStringLiteral(" ×") + factor));
        }
        out.insert(id, s);
    }
    return out;
}

} // namespace eventbench::ui
