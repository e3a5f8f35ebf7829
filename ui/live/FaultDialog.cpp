#include "ui/live/FaultDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

#include "model/scenario/Units.h"
#include "ui/canvas/NodeShapes.h"

namespace eventbench::ui {

using K = model::Fault::Kind;
using model::NodeKind;

namespace {

int instancesOf(const model::Node &node) {
    return node.kind == NodeKind::Producer ? node.producer.instances : node.consumer.instances;
}

QString fromView(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

QString FaultDialog::kindName(K kind) {
    return tr(model::faultInfo(kind).displayName.data());
}

QVector<FaultChoice> FaultDialog::choicesFor(NodeKind kind) {
    std::vector<const model::FaultInfo *> offered;
    for (const model::FaultInfo &info : model::faultKinds())
        if (info.takes(kind) && !info.menuLabel.empty())
            offered.push_back(&info);
    std::stable_sort(offered.begin(), offered.end(),
                     [](const auto *a, const auto *b) { return a->menuRank < b->menuRank; });
    QVector<FaultChoice> out;
    for (const model::FaultInfo *info : offered)
        out.push_back({info->kind, tr(info->menuLabel.data()), tr(info->menuHelp.data())});
    return out;
}

bool FaultDialog::hasParameters(K kind) {
    return !model::faultInfo(kind).instant;
}

model::Fault FaultDialog::defaultFault(K kind, const model::Node &node) {
    return model::suggestedFault(kind, node);
}

FaultDialog::FaultDialog(K kind, const model::Node &node, QWidget *parent)
    : QDialog(parent), m_fault(defaultFault(kind, node)) {
    setObjectName(QStringLiteral("faultDialog"));
    const QString id = QString::fromStdString(node.id);
    setWindowTitle(tr("Inject %1 into %2").arg(kindName(kind), id));
    auto *outer = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("<b>%1</b> on <b>%2</b> (%3).")
                                 .arg(kindName(kind).toHtmlEscaped(), id.toHtmlEscaped(),
                                      NodeShapes::displayName(node.kind).toLower()),
                             this);
    outer->addWidget(intro);
    m_startTime = new QLabel(this);
    m_startTime->setObjectName(QStringLiteral("startTime"));
    m_startTime->setWordWrap(true);
    outer->addWidget(m_startTime);
    setStartTime(0);
    auto *form = new QFormLayout;
    outer->addLayout(form);

    addParameterField(node, form);
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

// The one parameter the kind takes, as the catalogue describes its field.
void FaultDialog::addParameterField(const model::Node &node, QFormLayout *form) {
    const model::FaultInfo &info = model::faultInfo(m_fault.kind);
    m_param = model::findFaultParam(info.parameter);
    if (!m_param || !m_param->set)
        return;
    const model::FaultField &field = m_param->field;
    const QString name = fromView(m_param->key);
    const QString label = tr(info.fieldLabel.data());
    if (field.decimals > 0) {
        m_number = new QDoubleSpinBox(this);
        m_number->setObjectName(name);
        m_number->setRange(field.min, field.max);
        m_number->setDecimals(field.decimals);
        m_number->setSingleStep(field.step);
        m_number->setValue(m_param->get(m_fault));
        form->addRow(label, m_number);
        return;
    }
    m_count = new QSpinBox(this);
    m_count->setObjectName(name);
    if (info.setsCount) {
        m_count->setRange(1, static_cast<int>(field.max));
        m_count->setToolTip(tr("The group's new member count (now %1)").arg(instancesOf(node)));
    } else if (field.members) {
        // 0 stands for every member.
        m_count->setRange(0, instancesOf(node));
        m_count->setSpecialValueText(tr("all"));
        m_count->setToolTip(tr("How many members (0 = all %1)").arg(instancesOf(node)));
    } else {
        m_count->setRange(static_cast<int>(field.min), static_cast<int>(field.max));
    }
    m_count->setValue(static_cast<int>(m_param->get(m_fault)));
    form->addRow(label, m_count);
}

void FaultDialog::setStartTime(model::SimTime at) {
    const qint64 ms = at / model::kNanosPerMilli;
    const QString clock = QStringLiteral("%1:%2.%3")
                              .arg(ms / 60000)
                              .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
                              .arg((ms % 1000) / 100);
    m_startTime->setText(
        tr("Starts at t = %1, where you right-clicked; the run holds still until you choose.")
            .arg(clock));
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
    if (m_count)
        m_param->set(m_fault, m_count->value());
    if (m_number)
        m_param->set(m_fault, m_number->value());
    QDialog::accept();
}

} // namespace eventbench::ui
