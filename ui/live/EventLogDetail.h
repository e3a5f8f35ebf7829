#pragma once
// The event log's detail strip: under the log, the whole text of the row the pointer is on, or
// else of the selected row, or else of the newest one, wrapped to the strip's width. A log
// narrower than its columns (a small window) can then still be read without scrolling sideways.
// GUI thread.
#include <QLabel>

class QTreeWidgetItem;

namespace eventbench::ui {

class EventLogPanel;

class EventLogDetail : public QLabel {
    Q_OBJECT
  public:
    explicit EventLogDetail(EventLogPanel *log, QWidget *parent = nullptr);

    /// The log with this strip under it, as one widget for the log's dock.
    static QWidget *wrap(EventLogPanel *log, QWidget *parent);

  protected:
    /// The pointer leaving the log: back to the selected or newest row.
    bool eventFilter(QObject *watched, QEvent *event) override;

  private:
    /// Shows the row under the pointer, the selected one or the newest (in that order).
    void follow();
    void showRow(const QTreeWidgetItem *row);

    EventLogPanel *m_log;
    QObject *m_viewport; // the log's, whose Leave events are watched
    const QTreeWidgetItem *m_hovered = nullptr;
};

} // namespace eventbench::ui
