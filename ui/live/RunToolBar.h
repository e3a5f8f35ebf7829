#pragma once
// The Run toolbar: Run, Pause, Step, Stop, the speed (1×, 10×, 100×, max) and the seed. It
// only shows state and forwards requests; the window decides. GUI thread.
#include <QToolBar>
#include <cstdint>

#include "ui/live/RunController.h"

class QAction;
class QComboBox;
class QSpinBox;

namespace eventbench::ui {

class RunToolBar : public QToolBar {
    Q_OBJECT
  public:
    explicit RunToolBar(QWidget *parent = nullptr);

    QAction *runAction() const { return m_run; }
    QAction *pauseAction() const { return m_pause; }
    QAction *stepAction() const { return m_step; }
    QAction *stopAction() const { return m_stop; }
    QComboBox *speedBox() const { return m_speed; }
    QSpinBox *seedBox() const { return m_seed; }

    /// Simulated seconds per wall second; 0 = as fast as possible.
    double speed() const;
    void setSpeedIndex(int index);
    std::uint64_t seed() const;
    void setSeed(std::uint64_t seed);
    /// Enables what makes sense in `state`.
    void showState(RunController::State state);

  signals:
    void speedChanged(double speed);

  private:
    QAction *m_run;
    QAction *m_pause;
    QAction *m_step;
    QAction *m_stop;
    QComboBox *m_speed;
    QSpinBox *m_seed;
};

} // namespace eventbench::ui
