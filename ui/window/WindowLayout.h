#pragma once
// The main window's dock layout: the default arrangement sized to the window (the canvas keeps
// the larger share of a small window, the charts about a third of its height; on a large window
// the charts take about half), each dock
// keeping its share of the window when the window is resized, View > Reset Layout, and the docks
// and window geometry remembered between sessions (QSettings) when the app asks for it. Also
// keeps every other window of the app (run and compare windows, dialogs) on the screen when it
// is shown: no larger than the screen's free area and inside it. Owned by the main window; GUI
// thread.
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSize>

class QDockWidget;

class QMainWindow;
class QSettings;
class QWidget;

namespace eventbench::ui {

class WindowLayout : public QObject {
    Q_OBJECT
  public:
    /// The smallest canvas the docks leave when the window is small.
    static constexpr int kMinCanvasWidth = 320;
    static constexpr int kMinCanvasHeight = 200;

    /// Installs the on-screen placement of the app's other windows.
    WindowLayout(QMainWindow *window, QWidget *canvas);

    /// The default arrangement for the window's current size (View > Reset Layout).
    void applyDefault();
    /// Remembers the docks and the window's geometry on close, restores them now; false when
    /// nothing was saved (the default stays). QSettings of the application.
    bool restoreAndRemember();
    /// Writes the docks and geometry when remembering (called on close).
    void save() const;

    /// The first size of the window when nothing was saved: the whole free area of a small
    /// screen, most of a large one.
    void sizeForScreen();
    /// Resizes `window` to fit the free area of the screen it is on (or its parent's), and
    /// moves it inside that area.
    static void fitOnScreen(QWidget *window);
    /// The first size of one of the app's other windows: `least`, or `share` of the free area
    /// of its screen when that is larger (a plot on a 2560-px screen gets the room). Shown, it
    /// is still fitted on the screen.
    static QSize firstSize(const QWidget *window, QSize least, double share);

  protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

  private:
    /// Notes each docked dock's share of the room the docks are laid out in (before a resize).
    void rememberShares();
    /// Gives each dock its remembered share of the window's new size.
    void rebalance();

    struct Share {
        QPointer<QDockWidget> dock;
        bool side; // in the left or right area
        Qt::Orientation orientation;
        double share;
    };
    QList<Share> m_shares;
    bool m_rebalancePending = false;
    QMainWindow *m_window;
    QWidget *m_canvas;
    bool m_remember = false;
};

} // namespace eventbench::ui
