// File > Import and File > Export in the app (README.md#importing-and-exporting): the menus
// are there, an imported AsyncAPI document or OMB workload opens as a new unsaved document with
// the import's warnings in Diagnostics, a document that cannot be converted replaces nothing
// and shows its error, and Export AsyncAPI writes what `eventbench export asyncapi` writes.
#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QtTest>

#include "support/CliRunner.h"
#include "ui/editor/ConversionActions.h"
#include "ui/editor/Document.h"
#include "ui/editor/FileController.h"
#include "ui/inspector/DiagnosticsPanel.h"
#include "ui/window/MainWindow.h"

using namespace eventbench;

namespace {

QString data(const char *name) {
    return QStringLiteral(EVENTBENCH_SOURCE_DIR "/tests/data/") + name;
}

QStringList fileMenuTexts(ui::MainWindow &w) {
    QStringList out;
    for (QAction *a : w.menuBar()->actions())
        if (a->menu() && a->text() == QStringLiteral("&File"))
            for (QAction *item : a->menu()->actions())
                out << item->text();
    return out;
}

} // namespace

class TestImportMenu : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

  private slots:
    void menusAreThere() {
        ui::MainWindow w;
        const QStringList items = fileMenuTexts(w);
        QVERIFY2(items.contains(QStringLiteral("&Import")), qPrintable(items.join('|')));
        QVERIFY(items.contains(QStringLiteral("Export &HTML Report…")));
        QVERIFY(items.contains(QStringLiteral("Export Open&Metrics…")));
        QVERIFY(items.contains(QStringLiteral("Export &AsyncAPI…")));
        auto *menu = w.findChild<QMenu *>(QStringLiteral("importMenu"));
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 2);
        QCOMPARE(menu->actions()[0]->objectName(), QStringLiteral("importAsyncApi"));
        QCOMPARE(menu->actions()[1]->objectName(), QStringLiteral("importOmb"));
    }

    void importAsyncApiOpensUnsaved() {
        ui::MainWindow w;
        const QString file = data("asyncapi/sns-sqs-orders-2.6.yml");
        QVERIFY(w.conversions()->importFile(model::ImportFormat::AsyncApi, file));
        const model::Scenario &s = w.document()->scenario();
        QCOMPARE(s.name, std::string("Order events over SNS and SQS"));
        QCOMPARE(s.nodes.size(), std::size_t(7));
        QCOMPARE(s.findNode("order-placed")->kind, model::NodeKind::Exchange);
        QCOMPARE(s.findNode("warehouse-queue")->queue.maxReceiveCount, std::optional<int>(5));
        QVERIFY(w.document()->isModified());
        QVERIFY(w.document()->filePath().isEmpty());
        // The import's three warnings, at the lines of the document.
        QVERIFY(QTest::qWaitFor([&] { return w.diagnosticsPanel()->warningCount() >= 3; }, 3000));
        QCOMPARE(w.diagnosticsPanel()->errorCount(), 0);
        int atDocument = 0;
        for (const auto &d : w.document()->diagnostics())
            if (d.file == file.toStdString() && d.where.line > 0)
                ++atDocument;
        QCOMPARE(atDocument, 3);
        // What the document would save is what `eventbench import` writes.
        testing::CliRunner cli(m_dir.path());
        const auto r = cli.run({"import", "asyncapi", file});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QByteArray::fromStdString(w.document()->toYaml()), r.out);
    }

    void importOmbAndRefuseBrokenDocuments() {
        ui::MainWindow w;
        QVERIFY(w.conversions()->importFile(model::ImportFormat::Omb,
                                            data("omb/1-topic-3-partitions-keys.yaml")));
        QCOMPARE(w.document()->scenario().findNode("producer-0")->producer.instances, 3);
        const std::string before = w.document()->toYaml();
        QVERIFY(!w.conversions()->importFile(model::ImportFormat::Omb,
                                             data("omb/bad-partitions.yaml")));
        QCOMPARE(w.document()->toYaml(), before); // nothing replaced
        QVERIFY(QTest::qWaitFor([&] { return w.diagnosticsPanel()->errorCount() == 1; }, 3000));
    }

    void exportAsyncApiFromTheDocument() {
        ui::MainWindow w;
        const QString scenario =
            QStringLiteral(EVENTBENCH_SOURCE_DIR "/scenarios/sns-sqs-fanout.yaml");
        QVERIFY(w.files()->openFile(scenario));
        const QString out = m_dir.filePath("app.asyncapi.yaml");
        QString error;
        QVERIFY2(w.conversions()->exportAsyncApi(out, &error), qPrintable(error));
        testing::CliRunner cli(m_dir.path());
        const auto r = cli.run({"export", "asyncapi", scenario});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(testing::fileBytes(out), r.out);
    }
};

QTEST_MAIN(TestImportMenu)
#include "tst_import_menu.moc"
