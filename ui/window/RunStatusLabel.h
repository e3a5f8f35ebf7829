#pragma once
// The run's state in the status bar, kept until the next run or document rather than shown for
// a few seconds: `Running…`, `Paused` (`Paused while you choose a fault` when the node menu holds
// the run), `Stopped`, `The run failed: …`, or `Finished: …` with the events, the wall time and the
// expectations (the first failing one named). Red for a problem. It takes the status bar's
// room; when the text is longer it is cut after the last whole word that fits ("…"), the whole
// text in the tooltip. Owned by the main window's status bar; GUI thread.
#include <QLabel>

namespace eventbench::ui {

class NodeMenu;
class RunController;

class RunStatusLabel : public QLabel {
    Q_OBJECT
  public:
    RunStatusLabel(RunController *run, NodeMenu *menu, QWidget *parent);

    /// Shows `text` (red when `problem`); empty clears.
    void show(const QString &text, bool problem = false);
    /// The text as drawn at the label's width: whole, or cut at a word boundary with "…".
    QString shownText() const;
    /// `text` cut after the last whole word such that it and "…" fit `width` pixels.
    static QString elideAtWord(const QString &text, const QFontMetrics &fm, int width);
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent *e) override;

  private:
    void onStateChanged();
    void onFinished();

    RunController *m_run;
    NodeMenu *m_menu;
};

} // namespace eventbench::ui
