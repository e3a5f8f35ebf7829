#include "ui/live/NodeRunState.h"

#include <QRegularExpression>
#include <cmath>

#include "ui/live/RunData.h"

namespace eventbench::ui {

namespace {

// A fault's detail in the event log starts with its kind and names its parameters:
// `slow factor=3 for=1m`.
QString kindOf(const QString &detail) {
    return detail.section(QLatin1Char(' '), 0, 0);
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
    return down || paused || isolated || slowFactor != 1 || !otherFaults.isEmpty() ? 1 : 0;
}

QString stateText(const NodeRunState &s) {
    QStringList parts;
    if (s.instancesUp >= 0)
        parts << QStringLiteral("%1/%2 up").arg(s.instancesUp).arg(s.instances);
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
            s.instances = n.consumer.instances;
            const int series = data.seriesIndex(n.id, "instances_up");
            s.instancesUp = series >= 0 && data.sampleCount() > 0
                                ? int(std::lround(data.last(series)))
                                : s.instances;
        } else if (n.kind == model::NodeKind::Producer) {
            s.instances = n.producer.instances;
            s.instancesUp = m_producer.value(id, {s.instances, s.instances}).first;
        }
        for (const QString &detail : m_active.value(id)) {
            const QString kind = kindOf(detail);
            const QString factor = parameter(detail, QStringLiteral("factor"));
            if (kind == QLatin1String("outage"))
                s.outage = true;
            else if (kind == QLatin1String("pause"))
                s.paused = true;
            else if (kind == QLatin1String("isolate"))
                s.isolated = true;
            else if (kind == QLatin1String("slow") && !factor.isEmpty())
                s.slowFactor = factor.toDouble();
            else if (kind != QLatin1String("crash") && kind != QLatin1String("rebalance"))
                // Crashes show in the instances; a rebalance is over when it is applied.
                s.otherFaults << (factor.isEmpty() ? kind
                                                   : QString(kind + QStringLiteral(" ×") + factor));
        }
        out.insert(id, s);
    }
    return out;
}

} // namespace eventbench::ui
