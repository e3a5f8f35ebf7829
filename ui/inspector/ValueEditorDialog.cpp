#include "ui/inspector/ValueEditorDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace eventbench::ui {

namespace {

QLabel *wrappingLabel(QWidget *parent, const QString &name) {
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ValueEditorDialog::ValueEditorDialog(const Knob &knob, QWidget *parent)
    : QDialog(parent), m_forms(knob.shape, knob.key, knob.fileDefault, knob.bufferRetry) {
    setObjectName(QStringLiteral("valueEditor"));
    setWindowTitle(tr("Edit %1").arg(knob.key));
    setMinimumWidth(420);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QFormLayout;
    m_form = new QComboBox(this);
    m_form->setObjectName(QStringLiteral("form"));
    for (const ValueForm &f : m_forms.forms())
        m_form->addItem(f.name);
    m_form->addItem(tr("text (YAML)"));
    top->addRow(tr("Form"), m_form);
    layout->addLayout(top);
    m_note = wrappingLabel(this, QStringLiteral("note"));
    m_note->setStyleSheet(QStringLiteral("color: #8a6d00"));
    m_note->hide();
    layout->addWidget(m_note);
    m_fields = new QFormLayout;
    layout->addLayout(m_fields);
    m_text = new QLineEdit(knob.fileValue, this);
    m_text->setObjectName(QStringLiteral("text"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_text);
    m_yaml = new QLineEdit(this);
    m_yaml->setObjectName(QStringLiteral("yaml"));
    m_yaml->setReadOnly(true);
    m_yaml->setFrame(false);
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_yaml->setStyleSheet(QStringLiteral("background: transparent"));
    m_summary = wrappingLabel(this, QStringLiteral("summary"));
    m_error = wrappingLabel(this, QStringLiteral("error"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto *result = new QFormLayout;
    result->addRow(tr("YAML"), m_yaml);
    result->addRow(tr("Summary"), m_summary);
    layout->addLayout(result);
    layout->addWidget(m_error);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_text, &QLineEdit::textChanged, this, &ValueEditorDialog::update);

    QString why;
    const FormValue value = m_forms.parse(knob.fileValue, &why);
    if (value.form < 0) {
        m_note->setText(why);
        m_note->show();
    }
    m_form->setCurrentIndex(value.form < 0 ? textForm() : value.form);
    showForm(value.form < 0 ? textForm() : value.form, value);
    connect(m_form, &QComboBox::currentIndexChanged, this, [this](int form) {
        // The fields the new form shares with the old one (by name) keep their values.
        FormValue kept;
        for (int i = 0; i < m_numbers.size(); ++i) {
            kept.numbers << m_numbers[i]->text();
            kept.units << (m_units[i] ? m_units[i]->currentText() : QString());
        }
        // From the text form: the text's own numbers when it is of the chosen form.
        if (QString why; m_numbers.isEmpty())
            if (const FormValue typed = m_forms.parse(m_text->text(), &why); typed.form == form)
                kept = typed;
        if (form == textForm() && m_checked.ok())
            m_text->setText(m_checked.text);
        showForm(form, kept);
    });
}

int ValueEditorDialog::textForm() const {
    return int(m_forms.forms().size());
}

void ValueEditorDialog::showForm(int form, const FormValue &values) {
    // `values` are the numbers of the previous form's fields, matched by label.
    QStringList previous;
    for (const QLineEdit *n : std::as_const(m_numbers))
        previous << n->objectName().mid(7);
    const bool fresh = m_numbers.isEmpty();
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    m_numbers.clear();
    m_units.clear();
    m_text->setVisible(form == textForm());
    if (form < textForm()) {
        const QVector<FormField> &fields = m_forms.forms()[form].fields;
        for (int i = 0; i < fields.size(); ++i) {
            const int from = fresh ? i : int(previous.indexOf(fields[i].label));
            auto *row = new QWidget(this);
            auto *h = new QHBoxLayout(row);
            h->setContentsMargins(0, 0, 0, 0);
            auto *number = new QLineEdit(values.numbers.value(from), row);
            number->setObjectName(QStringLiteral("number.") + fields[i].label);
            h->addWidget(number, 1);
            connect(number, &QLineEdit::textChanged, this, &ValueEditorDialog::update);
            QComboBox *unit = nullptr;
            if (const QStringList units = ValueForms::units(fields[i].unit); units.size() > 1) {
                unit = new QComboBox(row);
                unit->setObjectName(QStringLiteral("unit.") + fields[i].label);
                unit->addItems(units);
                const QString given = values.units.value(from);
                if (from >= 0 && !given.isEmpty() && unit->findText(given) < 0)
                    unit->addItem(given);
                if (from >= 0 && !given.isEmpty())
                    unit->setCurrentText(given);
                h->addWidget(unit);
                connect(unit, &QComboBox::currentIndexChanged, this, &ValueEditorDialog::update);
            }
            m_numbers << number;
            m_units << unit;
            m_fields->addRow(fields[i].label, row);
        }
    }
    update();
}

void ValueEditorDialog::fitHeight() {
    // As tall as its rows: a form with fewer fields or no error leaves no empty gap.
    // Wider when the YAML needs it (the explicit minimum width keeps the layout from growing it).
    layout()->activate();
    const int w = std::max(width(), layout()->totalMinimumSize().width());
    const int h =
        layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(w) : sizeHint().height();
    if (height() > h || w > width())
        resize(w, std::min(height(), h));
}

void ValueEditorDialog::update() {
    if (m_form->currentIndex() == textForm() || m_numbers.isEmpty()) {
        m_checked = m_forms.check(m_text->text());
    } else {
        FormValue v;
        v.form = m_form->currentIndex();
        for (int i = 0; i < m_numbers.size(); ++i) {
            v.numbers << m_numbers[i]->text();
            v.units << (m_units[i] ? m_units[i]->currentText() : QString());
        }
        m_checked = m_forms.build(v);
    }
    m_yaml->setText(m_checked.ok() ? m_checked.text : QStringLiteral("—"));
    m_yaml->setCursorPosition(0);
    // Wide enough for the value as far as a screen allows; longer ones scroll.
    m_yaml->setMinimumWidth(
        std::min(m_yaml->fontMetrics().horizontalAdvance(m_yaml->text()) + 12, 720));
    m_yaml->setToolTip(m_yaml->text());
    m_summary->setText(m_checked.ok() ? m_checked.summary : QStringLiteral("—"));
    m_error->setText(m_checked.error);
    m_error->setVisible(!m_checked.ok());
    fitHeight();
    okButton()->setEnabled(m_checked.ok());
}

QLineEdit *ValueEditorDialog::numberField(const QString &label) const {
    return findChild<QLineEdit *>(QStringLiteral("number.") + label);
}

QComboBox *ValueEditorDialog::unitField(const QString &label) const {
    return findChild<QComboBox *>(QStringLiteral("unit.") + label);
}

QPushButton *ValueEditorDialog::okButton() const {
    return m_buttons->button(QDialogButtonBox::Ok);
}

} // namespace eventbench::ui
