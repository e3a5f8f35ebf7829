// The inspector's structured editors as a user works them (real mouse and keyboard events,
// offscreen): the "…" beside a consumer's service_time, a producer's rate and a retry policy
// opens a form pre-filled from the value; the form's YAML and summary follow the fields; OK
// applies one undoable edit that the save writes on that one line, comments kept; Cancel
// changes nothing; a value the loader refuses disables OK with the reason; a value no form
// holds opens as text with a note. EVENTBENCH_GRAB=DIR saves pictures of the window and the
// editor there.
#define QTEST_QPA_MOUSE_HANDLING
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "support/gui/GuiDriver.h"
#include "ui/editor/FileController.h"
#include "ui/inspector/InspectorPanel.h"
#include "ui/inspector/ValueEditorDialog.h"

using namespace eventbench;
using eventbench::testing::GuiDriver;
using eventbench::ui::MainWindow;
using eventbench::ui::ValueEditorDialog;

namespace {

const QByteArray kScenario = "scenario: editors\n"
                             "# Numbers: a steady producer and one slow consumer.\n"
                             "duration: 1m\n"
                             "\n"
                             "nodes:\n"
                             "  orders: {kind: producer, rate: 100/s}   # steady\n"
                             "  bus: {kind: topic, partitions: 2}\n"
                             "  work:\n"
                             "    kind: consumer\n"
                             "    service_time: 5ms   # measured in staging\n"
                             "    retry: {max_attempts: 3, backoff: 100ms}\n"
                             "\n"
                             "edges:\n"
                             "  - orders -> bus\n"
                             "  - bus -> work\n";

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The lines of `b` that differ from `a`'s, line by line (same line count expected).
QStringList changedLines(const QByteArray &a, const QByteArray &b) {
    const QList<QByteArray> x = a.split('\n'), y = b.split('\n');
    if (x.size() != y.size())
        return {QStringLiteral("line count %1 -> %2").arg(x.size()).arg(y.size())};
    QStringList out;
    for (int i = 0; i < x.size(); ++i)
        if (x[i] != y[i])
            out << QString::fromUtf8(y[i]);
    return out;
}

// Selects all of a field's text and types `text`, as a user does.
void retype(QLineEdit *field, const QString &text) {
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

// Presses Down (or Up) on a combo `times` times: the keyboard's way through its items.
void step(QComboBox *combo, int times) {
    for (int i = 0; i < std::abs(times); ++i)
        QTest::keyClick(combo, times > 0 ? Qt::Key_Down : Qt::Key_Up);
}

struct Session {
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("editors.yaml"));
    MainWindow w;
    GuiDriver d{w};

    bool open() { return writeAll(path, kScenario) && d.show() && w.files()->openFile(path); }
    /// Clicks the "Edit…" of knob `key` of node `node`; the editor that opened, or null.
    ValueEditorDialog *openEditor(const QString &node, const QString &key) {
        d.selectNode(node);
        ui::InspectorPanel *inspector = w.inspector();
        QToolButton *button = inspector->editorButton(key);
        if (!button) {
            qWarning("no editor button on %s", qPrintable(key));
            return nullptr;
        }
        inspector->tree()->scrollToItem(inspector->itemOf(key));
        // The button says what it does and is drawn whole.
        if (button->text() != QStringLiteral("Edit…") || button->toolTip().isEmpty() ||
            button->width() < button->sizeHint().width()) {
            qWarning("editor button '%s' %d px wide", qPrintable(button->text()), button->width());
            return nullptr;
        }
        QTest::mouseClick(button, Qt::LeftButton);
        ValueEditorDialog *dialog = nullptr;
        static_cast<void>(QTest::qWaitFor(
            [&] { return (dialog = w.findChild<ValueEditorDialog *>()) && dialog->isVisible(); },
            3000));
        return dialog;
    }
    /// Clicks OK and waits for the one edit it makes.
    bool accept(ValueEditorDialog *dialog) {
        const int before = d.undoIndex();
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        return QTest::qWaitFor([&] { return d.undoIndex() == before + 1; }, 3000);
    }
    /// Saves with Ctrl+S and returns what the file holds.
    QByteArray save() {
        d.activate();
        QTest::keyClick(&w, Qt::Key_S, Qt::ControlModifier);
        static_cast<void>(QTest::qWaitFor([&] { return !w.document()->isModified(); }, 3000));
        return readAll(path);
    }
    const model::Node &node(const char *id) { return *w.document()->scenario().findNode(id); }
};

} // namespace

class TestValueEditors : public QObject {
    Q_OBJECT
  private slots:
    void init() { QTest::qWait(0); }

    void serviceTimeBecomesExponential() {
        Session s;
        QVERIFY(s.open());
        ValueEditorDialog *dialog = s.openEditor("work", "service_time");
        QVERIFY(dialog);
        QCOMPARE(dialog->formCombo()->currentText(), QStringLiteral("fixed"));
        QCOMPARE(dialog->numberField("value")->text(), QStringLiteral("5"));
        QCOMPARE(dialog->unitField("value")->currentText(), QStringLiteral("ms"));
        // The units are Units.cpp's (one table for the loader, the writer and the forms).
        QCOMPARE(ui::ValueForms::units(ui::FieldUnit::Duration),
                 QStringList({"ms", "s", "m", "h", "d", "us", "ns"}));
        QCOMPARE(ui::ValueForms::units(ui::FieldUnit::Size),
                 QStringList({"KB", "KiB", "MB", "MiB", "GB", "GiB", "B"}));
        QCOMPARE(ui::ValueForms::units(ui::FieldUnit::Rate),
                 QStringList({"/s", "/min", "/h", "/d", "/ms", "/us"}));
        step(dialog->formCombo(), 1);
        QCOMPARE(dialog->formCombo()->currentText(), QStringLiteral("exponential"));
        QVERIFY(!dialog->okButton()->isEnabled()); // the mean is still empty
        QTest::keyClicks(dialog->numberField("mean"), "20");
        QCOMPARE(dialog->text(), QStringLiteral("{distribution: exponential, mean: 20ms}"));
        // The preview is the value on one line, whole (it scrolls rather than wraps), and the
        // dialog is no taller than its rows.
        QCOMPARE(dialog->yamlField()->text(), dialog->text());
        QVERIFY(dialog->yamlField()->isReadOnly());
        QVERIFY(dialog->yamlField()->height() < 2 * dialog->yamlField()->fontMetrics().height());
        QVERIFY(dialog->yamlField()->width() >=
                dialog->yamlField()->fontMetrics().horizontalAdvance(dialog->text()));
        QTRY_VERIFY2(dialog->height() <= dialog->layout()->totalHeightForWidth(dialog->width()),
                     qPrintable(QString::number(dialog->height())));
        const QString summary = dialog->findChild<QLabel *>("summary")->text();
        QVERIFY2(summary.contains("mean 20ms") && summary.contains("p99 92.1ms"),
                 qPrintable(summary));
        grab(s, dialog, "service-time");
        QVERIFY(s.accept(dialog));
        const model::Distribution &d = s.node("work").consumer.serviceTime;
        QCOMPARE(d.kind, model::Distribution::Kind::Exponential);
        QCOMPARE(d.mean, 20e6);
        QCOMPARE(changedLines(kScenario, s.save()),
                 QStringList{"    service_time: {distribution: exponential, mean: 20ms}   # "
                             "measured in staging"});
        s.d.undo();
        QCOMPARE(s.node("work").consumer.serviceTime, model::Distribution::constant(5e6));
        QCOMPARE(s.save(), kScenario);
    }

    void rateBecomesABurstProfile() {
        Session s;
        QVERIFY(s.open());
        ValueEditorDialog *dialog = s.openEditor("orders", "rate");
        QVERIFY(dialog);
        QCOMPARE(dialog->formCombo()->currentText(), QStringLiteral("constant"));
        QCOMPARE(dialog->numberField("rate")->text(), QStringLiteral("100"));
        step(dialog->formCombo(), 1);
        QCOMPARE(dialog->formCombo()->currentText(), QStringLiteral("burst"));
        QTest::keyClicks(dialog->numberField("base"), "100");
        QTest::keyClicks(dialog->numberField("peak"), "1000");
        QTest::keyClicks(dialog->numberField("every"), "1");
        step(dialog->unitField("every"), 2); // ms -> s -> m
        QTest::keyClicks(dialog->numberField("for"), "10");
        step(dialog->unitField("for"), 1); // ms -> s
        QCOMPARE(
            dialog->text(),
            QStringLiteral("{profile: burst, base: 100/s, peak: 1000/s, every: 1m, for: 10s}"));
        const QString summary = dialog->findChild<QLabel *>("summary")->text();
        QVERIFY2(summary.contains("mean 250/s") && summary.contains("peak 1000/s"),
                 qPrintable(summary));
        grab(s, dialog, "rate");
        QVERIFY(s.accept(dialog));
        const model::RateProfile &p = s.node("orders").producer.rate;
        QCOMPARE(p.kind, model::RateProfile::Kind::Burst);
        QCOMPARE(p.peak, 1000.0);
        QCOMPARE(changedLines(kScenario, s.save()),
                 QStringList{"  orders: {kind: producer, rate: {profile: burst, base: 100/s, "
                             "peak: 1000/s, every: 1m, for: 10s}}   # steady"});
        s.d.undo();
        QCOMPARE(s.node("orders").producer.rate.kind, model::RateProfile::Kind::Constant);
        QCOMPARE(s.save(), kScenario);
    }

    // A producer retries its buffer in rounds whose wait never shrinks (sim/engine/Producers):
    // the summary says so, where a consumer's per-message waits do shrink below 1.
    void retrySummariesSayWhatHappens() {
        Session s;
        QVERIFY(s.open());
        ValueEditorDialog *dialog = s.openEditor("orders", "retry");
        QVERIFY(dialog);
        auto summary = [&] { return dialog->findChild<QLabel *>("summary")->text(); };
        retype(dialog->numberField("multiplier"), "0.5");
        QVERIFY2(summary().contains("at most 10 attempts per message") &&
                     summary().contains("retried every 100ms") &&
                     summary().contains("below 1 counts as 1") && !summary().contains("50ms"),
                 qPrintable(summary()));
        retype(dialog->numberField("multiplier"), "2");
        QVERIFY2(summary().contains("after 100ms, 200ms, 400ms, 800ms") &&
                     summary().contains("×2 each round the bus stays away"),
                 qPrintable(summary()));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QVERIFY(QTest::qWaitFor([&] { return !s.w.findChild<ValueEditorDialog *>(); }, 3000));
        dialog = s.openEditor("work", "retry");
        QVERIFY(dialog);
        retype(dialog->numberField("multiplier"), "0.5");
        QVERIFY2(summary().contains("waits 100ms, 50ms (150ms in all); each wait ×0.5, so they "
                                    "shrink"),
                 qPrintable(summary()));
    }

    void retryPolicyAndRefusedValues() {
        Session s;
        QVERIFY(s.open());
        ValueEditorDialog *dialog = s.openEditor("work", "retry");
        QVERIFY(dialog);
        QCOMPARE(dialog->numberField("max_attempts")->text(), QStringLiteral("3"));
        QCOMPARE(dialog->numberField("backoff")->text(), QStringLiteral("100"));
        QCOMPARE(dialog->numberField("multiplier")->text(), QStringLiteral("1"));
        // Out of range: OK is disabled and the loader's reason shown.
        retype(dialog->numberField("max_attempts"), "0");
        QVERIFY(!dialog->okButton()->isEnabled());
        auto *error = dialog->findChild<QLabel *>("error");
        QVERIFY2(error->isVisible() && error->text().contains("retry.max_attempts"),
                 qPrintable(error->text()));
        retype(dialog->numberField("max_attempts"), "5");
        retype(dialog->numberField("multiplier"), "2");
        QVERIFY(dialog->okButton()->isEnabled());
        QVERIFY(!error->isVisible());
        QCOMPARE(dialog->text(),
                 QStringLiteral("{max_attempts: 5, backoff: 100ms, multiplier: 2}"));
        QVERIFY(dialog->findChild<QLabel *>("summary")->text().contains(
            "waits 100ms, 200ms, 400ms, 800ms (1.5s in all)"));
        QVERIFY(s.accept(dialog));
        const model::RetrySpec &r = s.node("work").consumer.retry;
        QCOMPARE(r.maxAttempts, 5);
        QCOMPARE(r.multiplier, 2.0);
        QCOMPARE(changedLines(kScenario, s.save()),
                 QStringList{"    retry: {max_attempts: 5, backoff: 100ms, multiplier: 2}"});
        s.d.undo();
        QCOMPARE(s.node("work").consumer.retry.maxAttempts, 3);
        QCOMPARE(s.save(), kScenario);
        // A negative service time is refused too; Cancel (Escape) leaves everything.
        dialog = s.openEditor("work", "service_time");
        QVERIFY(dialog);
        retype(dialog->numberField("value"), "-4");
        QVERIFY(!dialog->okButton()->isEnabled());
        QVERIFY(!dialog->error().isEmpty());
        const int before = s.d.undoIndex();
        QTest::keyClick(dialog, Qt::Key_Escape);
        QVERIFY(QTest::qWaitFor([&] { return !s.w.findChild<ValueEditorDialog *>(); }, 3000));
        QCOMPARE(s.d.undoIndex(), before);
        QCOMPARE(s.node("work").consumer.serviceTime, model::Distribution::constant(5e6));
    }

    void valueWithoutAFormOpensAsText() {
        Session s;
        QVERIFY(s.open());
        s.d.selectNode("work");
        const QString empirical =
            "{distribution: empirical, values: [1ms, 2ms, 30ms], weights: [0.7, 0.2, 0.1]}";
        QVERIFY(s.d.setKnob("service_time", empirical));
        ValueEditorDialog *dialog = s.openEditor("work", "service_time");
        QVERIFY(dialog);
        QCOMPARE(dialog->formCombo()->currentText(), QStringLiteral("text (YAML)"));
        QVERIFY(dialog->findChild<QLabel *>("note")->text().contains("empirical"));
        QVERIFY(dialog->textField()->isVisible());
        QCOMPARE(dialog->textField()->text(), empirical);
        QVERIFY(dialog->okButton()->isEnabled());
        QVERIFY(dialog->findChild<QLabel *>("summary")->text().contains("p99 30ms"));
        const int before = s.d.undoIndex();
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton); // unchanged: no edit
        QTest::qWait(50);
        QCOMPARE(s.d.undoIndex(), before);
        QCOMPARE(s.node("work").consumer.serviceTime.kind, model::Distribution::Kind::Empirical);
    }

  private:
    // With EVENTBENCH_GRAB=DIR: the window at 1024x700 and the open editor, as PNGs.
    static void grab(Session &s, ValueEditorDialog *dialog, const char *name) {
        const QString dir = qEnvironmentVariable("EVENTBENCH_GRAB");
        if (dir.isEmpty())
            return;
        s.w.resize(1024, 700);
        QTest::qWait(50);
        s.w.grab().save(dir + "/window-" + name + ".png");
        dialog->grab().save(dir + "/editor-" + name + ".png");
    }
};

QTEST_MAIN(TestValueEditors)
#include "tst_value_editors.moc"
