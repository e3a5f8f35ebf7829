#pragma once
// What the inspector's structured editor (ValueEditorDialog) offers for a knob of a given
// shape (model::KnobShape, from the knob catalogue): the forms of a distribution, of a rate
// profile, of a retry policy, each with its fields (a number and a unit each). Turns the
// knob's file text into a form and its fields, or says why it has none (then it is edited as
// text); turns a form's fields back into file text, written by the model's own formatter
// (model/catalogue/KnobFormat) and checked by the loader's own reading (model/yaml/FieldReader),
// whose message says why a value is refused; and sums the value up (mean and p99, mean and
// peak rate, the waits between attempts). Pure; any thread.
#include <QString>
#include <QStringList>
#include <QVector>

#include "model/catalogue/KnobCatalogue.h"

namespace eventbench::ui {

/// What a field holds; its units are those of scenarios/README.md#values-and-units.
enum class FieldUnit { Duration, Size, Rate, Integer, Number };

struct FormField {
    QString label; // as the file names it: `mean`, `p99`, `backoff`
    FieldUnit unit = FieldUnit::Number;
};

struct ValueForm {
    QString name; // shown in the form combo: `fixed`, `exponential`, `burst`, ...
    QVector<FormField> fields;
};

/// A value as one of the forms, each field as a number and a unit.
struct FormValue {
    int form = -1; // index into ValueForms::forms(); -1: no form fits, edit it as text
    QStringList numbers;
    QStringList units;
};

/// A candidate value: its file text when the loader accepts it, else why not.
struct CheckedValue {
    QString text;    // as the file writes it; empty when refused
    QString error;   // why it is refused
    QString summary; // what it amounts to (`mean 20ms, p99 92.1ms`)
    bool ok() const { return error.isEmpty(); }
};

class ValueForms {
  public:
    /// For knob `key` of `shape`; `fileDefault` is its default as the file writes it (what a
    /// retry policy leaves out keeps from it); `bufferRetry`: a producer's retry policy, whose
    /// summary tells of rounds of its buffer rather than of one message's attempts.
    ValueForms(model::KnobShape shape, QString key, const QString &fileDefault,
               bool bufferRetry = false);

    /// Whether a knob of this shape has a structured editor.
    static bool hasEditor(model::KnobShape shape) { return shape != model::KnobShape::Text; }
    /// The units a field offers, the first the usual one.
    static QStringList units(FieldUnit unit);

    const QVector<ValueForm> &forms() const { return m_forms; }
    /// `text` (as the file writes it) as a form; form -1 and `why` when no form holds it.
    FormValue parse(const QString &text, QString *why) const;
    /// A form's fields as file text, checked.
    CheckedValue build(const FormValue &value) const;
    /// File text typed by hand, checked the same way.
    CheckedValue check(const QString &text) const;

  private:
    model::KnobShape m_shape;
    bool m_bufferRetry = false;
    QString m_key;
    model::RetrySpec m_retryDefaults;
    QVector<ValueForm> m_forms;
};

} // namespace eventbench::ui
