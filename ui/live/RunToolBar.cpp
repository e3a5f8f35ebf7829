#include "ui/live/RunToolBar.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QStyle>
#include <limits>

namespace eventbench::ui {

RunToolBar::RunToolBar(QWidget *parent) : QToolBar(tr("Run"), parent) {
    setObjectName(QStringLiteral("runToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QStyle *st = style();
    m_run = addAction(st->standardIcon(QStyle::SP_MediaPlay), tr("Run"));
    m_run->setShortcut(Qt::Key_F5);
    m_run->setToolTip(tr("Run the simulation (F5)"));
    m_pause = addAction(st->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    m_pause->setShortcut(Qt::Key_F6);
    m_step = addAction(st->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"));
    m_step->setShortcut(Qt::Key_F10);
    m_step->setToolTip(tr("Advance one sample, then pause (F10)"));
    m_stop = addAction(st->standardIcon(QStyle::SP_MediaStop), tr("Stop"));
    m_stop->setShortcut(Qt::SHIFT | Qt::Key_F5);
    addSeparator();
    addWidget(new QLabel(tr(" Speed "), this));
    m_speed = new QComboBox(this);
    m_speed->addItem(QStringLiteral("1×"), 1.0);
    m_speed->addItem(QStringLiteral("10×"), 10.0);
    m_speed->addItem(QStringLiteral("100×"), 100.0);
    m_speed->addItem(tr("max"), RunController::kMaxSpeed);
    m_speed->setToolTip(tr("Simulated seconds per wall-clock second"));
    m_speed->setCurrentIndex(1);
    addWidget(m_speed);
    addWidget(new QLabel(tr("  Seed "), this));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setToolTip(tr("Random seed of the run (same seed, same run)"));
    addWidget(m_seed);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] { emit speedChanged(speed()); });
    showState(RunController::State::Idle);
}

double RunToolBar::speed() const {
    return m_speed->currentData().toDouble();
}

void RunToolBar::setSpeedIndex(int index) {
    m_speed->setCurrentIndex(index);
}

std::uint64_t RunToolBar::seed() const {
    return std::uint64_t(m_seed->value());
}

void RunToolBar::setSeed(std::uint64_t seed) {
    m_seed->setValue(int(std::min<std::uint64_t>(seed, std::uint64_t(m_seed->maximum()))));
}

void RunToolBar::showState(RunController::State state) {
    using S = RunController::State;
    const bool live = state == S::Running || state == S::Paused;
    m_run->setEnabled(state != S::Running);
    m_run->setText(state == S::Paused ? tr("Resume") : tr("Run"));
    m_pause->setEnabled(state == S::Running);
    m_step->setEnabled(state != S::Running);
    m_stop->setEnabled(live);
    m_seed->setEnabled(!live);
}

} // namespace eventbench::ui
