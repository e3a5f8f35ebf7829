#pragma once
// The inspector's structured editor for a knob whose value is a distribution, a rate profile
// or a retry policy (the "Edit…" beside its value): a combo for the form, a number and a unit
// for each of its fields, the resulting YAML live on one line (scrolling, never broken
// mid-value), a summary (mean and p99, mean and peak rate,
// the waits between attempts) and, when the loader would refuse the value, the reason, with
// OK disabled. It opens on the knob's value; a value no form holds (an empirical
// distribution, a steps profile) opens in the text form with a note, so nothing is lost.
// The dialog is as tall as its rows. text() is what OK applies. GUI thread.
#include <QDialog>
#include <QVector>

#include "ui/inspector/KnobText.h"
#include "ui/inspector/ValueForms.h"

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace eventbench::ui {

class ValueEditorDialog : public QDialog {
    Q_OBJECT
  public:
    /// For the inspector row `knob` (its shape, file value and file default).
    ValueEditorDialog(const Knob &knob, QWidget *parent = nullptr);

    /// The value as the file will write it; empty while refused.
    QString text() const { return m_checked.text; }
    /// Why the value is refused, or empty.
    QString error() const { return m_checked.error; }
    QComboBox *formCombo() const { return m_form; }
    /// The number field of the current form's field `label` (`mean`, `base`, ...), or null.
    QLineEdit *numberField(const QString &label) const;
    /// The unit combo beside it, or null.
    QComboBox *unitField(const QString &label) const;
    /// The text field of the text form.
    QLineEdit *textField() const { return m_text; }
    /// The YAML preview (read only).
    QLineEdit *yamlField() const { return m_yaml; }
    QPushButton *okButton() const;

  private:
    void showForm(int form, const FormValue &values);
    void update();
    void fitHeight();
    int textForm() const;

    ValueForms m_forms;
    QComboBox *m_form;
    QFormLayout *m_fields;
    QLineEdit *m_text;
    QLabel *m_note;
    QLineEdit *m_yaml; // one line that scrolls: a value is never broken mid-token
    QLabel *m_summary;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QVector<QLineEdit *> m_numbers;
    QVector<QComboBox *> m_units;
    CheckedValue m_checked;
};

} // namespace eventbench::ui
