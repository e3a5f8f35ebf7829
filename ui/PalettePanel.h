#pragma once
// The palette of the six node kinds: double-click one (or drag it onto the canvas) to add a
// node of that kind. GUI thread.
#include <QListWidget>

#include "model/Scenario.h"

namespace eventbench::ui {

class PalettePanel : public QListWidget {
    Q_OBJECT
  public:
    explicit PalettePanel(QWidget *parent = nullptr);

    /// The row of a kind (the order of model::NodeKind).
    QListWidgetItem *itemFor(model::NodeKind kind) const;

  signals:
    void addNodeRequested(eventbench::model::NodeKind kind);

  protected:
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    QStringList mimeTypes() const override;
};

} // namespace eventbench::ui
