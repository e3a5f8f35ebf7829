#include "ui/live/FaultDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "model/scenario/Units.h"
#include "ui/canvas/NodeShapes.h"

namespace eventbench::ui {

using K = model::Fault::Kind;
using model::NodeKind;

namespace {

int instancesOf(const model::Node &node) {
    return node.kind == NodeKind::Producer ? node.producer.instances : node.consumer.instances;
}

bool takesInstances(K k) {
    return k == K::Crash || k == K::Pause || k == K::Isolate;
}
bool takesFactor(K k) {
    return k == K::Slow || k == K::Spike;
}
bool takesProbability(K k) {
    return k == K::Duplicate || k == K::Poison;
}

} // namespace

QString FaultDialog::kindName(K kind) {
    switch (kind) {
    case K::Crash:
        return tr("crash");
    case K::Pause:
        return tr("pause");
    case K::Slow:
        return tr("slow");
    case K::Outage:
        return tr("outage");
    case K::Latency:
        return tr("latency");
    case K::Isolate:
        return tr("isolate");
    case K::Duplicate:
        return tr("duplicate burst");
    case K::Poison:
        return tr("poison");
    case K::Schema:
        return tr("schema change");
    case K::Spike:
        return tr("spike");
    case K::Rebalance:
        return tr("rebalance");
    }
    return {};
}

QVector<FaultChoice> FaultDialog::choicesFor(NodeKind kind) {
    const FaultChoice crash{K::Crash, tr("Crash…"),
                            tr("Members stop; unacknowledged work is redelivered when they "
                               "come back (at-least-once duplicates)")};
    const FaultChoice pause{K::Pause, tr("Pause…"),
                            tr("Members stop processing but keep their state")};
    const FaultChoice isolate{K::Isolate, tr("Isolate…"), tr("Cut off from every bus")};
    switch (kind) {
    case NodeKind::Consumer:
        return {crash,
                pause,
                {K::Slow, tr("Slow…"), tr("Processing takes `factor` times longer")},
                isolate,
                {K::Rebalance, tr("Rebalance"), tr("The group rebalances once, now")}};
    case NodeKind::Producer:
        return {crash,
                pause,
                {K::Poison, tr("Poison…"),
                 tr("A share of the messages fails every processing attempt")},
                {K::Schema, tr("Schema change…"), tr("Messages carry a new schema version")},
                {K::Spike, tr("Spike…"), tr("The rate is multiplied by `factor`")},
                isolate};
    case NodeKind::Topic:
    case NodeKind::Queue:
    case NodeKind::Exchange:
        return {{K::Outage, tr("Outage…"),
                 tr("Publishes fail and are retried by producers; consumers receive nothing")},
                {K::Duplicate, tr("Duplicate burst…"),
                 tr("The bus delivers an extra copy of a share of the messages")}};
    case NodeKind::Store:
        return {};
    }
    return {};
}

bool FaultDialog::hasParameters(K kind) {
    return kind != K::Rebalance;
}

model::Fault FaultDialog::defaultFault(K kind, const model::Node &node) {
    model::Fault f;
    f.kind = kind;
    f.target = node.id;
    f.at = 0;
    const model::SimTime s = model::kNanosPerSecond;
    switch (kind) {
    case K::Crash:
    case K::Pause:
    case K::Isolate:
        // One member of several (the interesting case: the others take over); all of one.
        if (instancesOf(node) > 1)
            f.instances = 1;
        f.duration = 30 * s;
        break;
    case K::Slow:
        f.factor = 4;
        f.duration = 60 * s;
        break;
    case K::Spike:
        f.factor = 2;
        f.duration = 60 * s;
        break;
    case K::Outage:
        f.duration = 30 * s;
        break;
    case K::Duplicate:
        f.probability = 0.2;
        f.duration = 10 * s;
        break;
    case K::Poison:
        f.probability = 0.05;
        f.duration = 30 * s;
        break;
    case K::Schema:
        f.version = node.producer.schemaVersion + 1;
        break;
    case K::Latency:
    case K::Rebalance:
        break;
    }
    return f;
}

FaultDialog::FaultDialog(K kind, const model::Node &node, QWidget *parent)
    : QDialog(parent), m_fault(defaultFault(kind, node)) {
    setObjectName(QStringLiteral("faultDialog"));
    const QString id = QString::fromStdString(node.id);
    setWindowTitle(tr("Inject %1 into %2").arg(kindName(kind), id));
    auto *outer = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("<b>%1</b> on <b>%2</b> (%3), starting now.")
                                 .arg(kindName(kind).toHtmlEscaped(), id.toHtmlEscaped(),
                                      NodeShapes::displayName(node.kind).toLower()),
                             this);
    outer->addWidget(intro);
    auto *form = new QFormLayout;
    outer->addLayout(form);

    if (takesInstances(kind)) {
        m_instances = new QSpinBox(this);
        m_instances->setObjectName(QStringLiteral("instances"));
        m_instances->setRange(0, instancesOf(node));
        m_instances->setSpecialValueText(tr("all"));
        m_instances->setValue(m_fault.instances.value_or(0));
        m_instances->setToolTip(tr("How many members (0 = all %1)").arg(instancesOf(node)));
        form->addRow(tr("Instances:"), m_instances);
    }
    if (takesFactor(kind)) {
        m_factor = new QDoubleSpinBox(this);
        m_factor->setObjectName(QStringLiteral("factor"));
        m_factor->setRange(0.01, 1000);
        m_factor->setDecimals(2);
        m_factor->setValue(m_fault.factor);
        form->addRow(kind == K::Slow ? tr("Service time ×") : tr("Rate ×"), m_factor);
    }
    if (takesProbability(kind)) {
        m_probability = new QDoubleSpinBox(this);
        m_probability->setObjectName(QStringLiteral("probability"));
        m_probability->setRange(0, 1);
        m_probability->setDecimals(3);
        m_probability->setSingleStep(0.01);
        m_probability->setValue(m_fault.probability);
        form->addRow(tr("Probability:"), m_probability);
    }
    if (kind == K::Schema) {
        m_version = new QSpinBox(this);
        m_version->setObjectName(QStringLiteral("version"));
        m_version->setRange(1, 1000000);
        m_version->setValue(m_fault.version);
        form->addRow(tr("Schema version:"), m_version);
    }
    m_duration = new QLineEdit(this);
    m_duration->setObjectName(QStringLiteral("duration"));
    m_duration->setPlaceholderText(tr("until the run ends"));
    if (m_fault.duration)
        m_duration->setText(QString::fromStdString(model::formatDuration(*m_fault.duration)));
    m_duration->setToolTip(tr("How long it lasts (30s, 2m, …); empty: to the end of the run"));
    form->addRow(tr("Duration:"), m_duration);

    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color:#c62828"));
    m_error->hide();
    outer->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Inject"));
    connect(buttons, &QDialogButtonBox::accepted, this, &FaultDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    outer->addWidget(buttons);
}

void FaultDialog::accept() {
    const std::string text = m_duration->text().trimmed().toStdString();
    if (text.empty()) {
        m_fault.duration.reset();
    } else {
        std::string error;
        const auto d = model::parseDuration(text, &error);
        if (!d || *d <= 0) {
            m_error->setText(
                tr("Duration: %1")
                    .arg(d ? tr("must be more than 0") : QString::fromStdString(error)));
            m_error->show();
            m_duration->setFocus();
            return;
        }
        m_fault.duration = *d;
    }
    if (m_instances) {
        if (m_instances->value() > 0)
            m_fault.instances = m_instances->value();
        else
            m_fault.instances.reset();
    }
    if (m_factor)
        m_fault.factor = m_factor->value();
    if (m_probability)
        m_fault.probability = m_probability->value();
    if (m_version)
        m_fault.version = m_version->value();
    QDialog::accept();
}

} // namespace eventbench::ui
