#include "ui/window/WindowLayout.h"

#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QTabBar>
#include <QTimer>
#include <QWindow>

#include <algorithm>

namespace eventbench::ui {

namespace {

const char *kStateKey = "window/state";
const char *kGeometryKey = "window/geometry";
// Bumped when the docks change: an older saved state is then ignored.
constexpr int kStateVersion = 1;

QDockWidget *dock(QMainWindow *w, const char *name) {
    return w->findChild<QDockWidget *>(QLatin1String(name));
}

/// The screen a window of the app belongs on: its parent's, else its own, else the primary one
/// (null only without any screen).
QScreen *screenOf(const QWidget *window) {
    QScreen *screen = window->screen();
    if (const QWidget *parent = window->parentWidget())
        screen = parent->window()->screen();
    return screen ? screen : QGuiApplication::primaryScreen();
}

} // namespace

WindowLayout::WindowLayout(QMainWindow *window, QWidget *canvas)
    : QObject(window), m_window(window), m_canvas(canvas) {
    canvas->setMinimumSize(kMinCanvasWidth, kMinCanvasHeight);
    qApp->installEventFilter(this);
}

void WindowLayout::applyDefault() {
    m_shares.clear(); // a rebalance still to come has nothing left to do
    const QStringList shown{"paletteDock", "inspectorDock", "chartsDock", "eventLogDock"};
    for (QDockWidget *d : m_window->findChildren<QDockWidget *>()) {
        d->setFloating(false);
        if (shown.contains(d->objectName()))
            d->show();
    }
    const QSize size = m_window->size();
    QDockWidget *palette = dock(m_window, "paletteDock");
    QDockWidget *inspector = dock(m_window, "inspectorDock");
    QDockWidget *charts = dock(m_window, "chartsDock");
    QDockWidget *log = dock(m_window, "eventLogDock");
    if (!palette || !inspector || !charts || !log)
        return;
    // The canvas keeps the larger share on a small window: side docks about a third of the
    // width together; the charts (two thirds of the bottom) and the log about a third of the
    // height. A large window has more room than a scenario's graph needs, so there the charts
    // grow: about half the height and three quarters of the bottom, where seven charts in
    // three rows can be read.
    m_window->resizeDocks(
        {palette, inspector},
        {std::clamp(size.width() / 10, 120, 220), std::clamp(size.width() / 5, 270, 520)},
        Qt::Horizontal);
    const int chartsShare = size.height() >= 1200 ? 52 : size.height() >= 900 ? 44 : 36;
    m_window->resizeDocks({charts}, {std::clamp(size.height() * chartsShare / 100, 180, 1000)},
                          Qt::Vertical);
    const int chartsWidth = size.width() >= 2000 ? 3 : 2; // quarters (large) or thirds of it
    const int parts = chartsWidth + 1;
    m_window->resizeDocks({charts, log}, {size.width() * chartsWidth / parts, size.width() / parts},
                          Qt::Horizontal);
    log->raise();
    inspector->raise();
}

bool WindowLayout::restoreAndRemember() {
    m_remember = true;
    QSettings settings;
    const QByteArray geometry = settings.value(kGeometryKey).toByteArray();
    const QByteArray state = settings.value(kStateKey).toByteArray();
    if (geometry.isEmpty() || state.isEmpty())
        return false;
    m_window->restoreGeometry(geometry);
    return m_window->restoreState(state, kStateVersion);
}

void WindowLayout::save() const {
    if (!m_remember)
        return;
    QSettings settings;
    settings.setValue(kGeometryKey, m_window->saveGeometry());
    settings.setValue(kStateKey, m_window->saveState(kStateVersion));
}

void WindowLayout::sizeForScreen() {
    QScreen *screen = m_window->screen() ? m_window->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    // A small screen is used whole; a large one mostly, so that the charts get the room.
    const QSize area = screen->availableGeometry().size();
    const QSize most = area.width() < 1600 || area.height() < 1000 ? area : area * 0.85;
    m_window->resize(
        most.expandedTo(QSize(std::min(1500, area.width()), std::min(950, area.height()))));
    fitOnScreen(m_window);
}

QSize WindowLayout::firstSize(const QWidget *window, QSize least, double share) {
    QScreen *screen = screenOf(window);
    if (!screen)
        return least;
    return least.expandedTo(screen->availableGeometry().size() * share);
}

void WindowLayout::fitOnScreen(QWidget *window) {
    QScreen *screen = screenOf(window);
    if (!screen)
        return;
    const QRect area = screen->availableGeometry();
    // The frame (title bar, borders) comes on top of the widget's own size.
    const QSize frame = window->frameGeometry().size() - window->size();
    const QSize most(std::max(200, area.width() - frame.width()),
                     std::max(150, area.height() - frame.height()));
    if (window->width() > most.width() || window->height() > most.height())
        window->resize(window->size().boundedTo(most).expandedTo(window->minimumSize()));
    QRect r = window->frameGeometry();
    r.moveLeft(std::clamp(r.left(), area.left(), std::max(area.left(), area.right() - r.width())));
    r.moveTop(std::clamp(r.top(), area.top(), std::max(area.top(), area.bottom() - r.height())));
    if (r.topLeft() != window->frameGeometry().topLeft())
        window->move(r.topLeft());
}

void WindowLayout::rememberShares() {
    if (m_rebalancePending)
        return;
    // Shares of the extent the docks are laid out in now (the old size, or the new one when
    // the window already laid itself out again).
    QRect laidOut = m_window->centralWidget()->geometry();
    QList<QDockWidget *> docked;
    for (QDockWidget *d : m_window->findChildren<QDockWidget *>())
        // (a tab behind another is "visible" but placed above and left of the window)
        if (d->isVisible() && !d->isFloating() && d->x() >= 0 && d->y() >= 0) {
            docked << d;
            laidOut |= d->geometry();
        }
    if (laidOut.width() <= 0 || laidOut.height() <= 0)
        return;
    m_rebalancePending = true;
    m_shares.clear();

    for (QDockWidget *d : std::as_const(docked)) {
        const Qt::DockWidgetArea area = m_window->dockWidgetArea(d);
        const bool side = area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea;
        // A side dock keeps its share of the width; a bottom (or top) dock its share of the
        // height and of the width.
        m_shares.append({d, side, Qt::Horizontal, double(d->width()) / laidOut.width()});
        if (!side)
            m_shares.append({d, side, Qt::Vertical, double(d->height()) / laidOut.height()});
    }
    QTimer::singleShot(0, this, &WindowLayout::rebalance);
}

void WindowLayout::rebalance() {
    m_rebalancePending = false;
    const QSize size = m_window->size();
    // One call per kind: the side docks across, the bottom docks across, the bottom docks down.
    for (const auto &[side, o] : {std::pair{true, Qt::Horizontal}, std::pair{false, Qt::Horizontal},
                                  std::pair{false, Qt::Vertical}}) {
        QList<QDockWidget *> docks;
        QList<int> extents;
        for (const Share &s : std::as_const(m_shares))
            if (s.dock && s.side == side && s.orientation == o) {
                docks << s.dock;
                extents << int(s.share * (o == Qt::Horizontal ? size.width() : size.height()));
            }
        if (!docks.isEmpty())
            m_window->resizeDocks(docks, extents, o);
    }
    m_shares.clear();
}

bool WindowLayout::eventFilter(QObject *watched, QEvent *event) {
    // The tabs of docks sharing a place (Event log, Diagnostics, Partitions) keep their whole
    // names; when they do not fit the tab bar scrolls.
    if (watched == m_window && event->type() == QEvent::ChildPolished)
        if (auto *bar = qobject_cast<QTabBar *>(static_cast<QChildEvent *>(event)->child())) {
            bar->setElideMode(Qt::ElideNone);
            bar->setUsesScrollButtons(true);
        }
    // The docks keep their shares of a resized window (Qt would give the whole change to the
    // canvas): before the window lays itself out for the new size, the shares of the old.
    if (watched == m_window && event->type() == QEvent::Resize && m_window->isVisible())
        rememberShares();
    if (event->type() == QEvent::Show && watched->isWidgetType()) {
        auto *w = static_cast<QWidget *>(watched);
        // The app's other windows and dialogs; menus, tooltips and the main window (sized by
        // the user or the saved state) are left alone.
        const Qt::WindowType type = w->windowType();
        // Qt's file dialogs place and size themselves (fitting one as it showed broke typing a
        // file name into it in the editing test).
        if (w != m_window && w->isWindow() && (type == Qt::Window || type == Qt::Dialog) &&
            !w->inherits("QFileDialog")) {
            fitOnScreen(w);
            // Again once its layout has settled (a window may grow as it fills itself).
            QTimer::singleShot(0, w, [w] { fitOnScreen(w); });
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace eventbench::ui
