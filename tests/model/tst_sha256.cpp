// The SHA-256 behind summary.csv's `run,scenario_sha256` row, on the test vectors NIST
// publishes for FIPS 180-4 (csrc.nist.gov, "Cryptographic Standards and Guidelines: Examples
// with Intermediate Values", SHA256.pdf: "abc" and the 448-bit message; the empty string and
// one million 'a' from the SHA-2 test vectors of the same page and FIPS 180-2 appendix B.3).
#include <QtTest>

#include <string>

#include "model/results/Sha256.h"

using namespace eventbench;

class Sha256Test : public QObject {
    Q_OBJECT
  private slots:
    void nistVectors_data();
    void nistVectors();
    void blockBoundaries();
};

void Sha256Test::nistVectors_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("digest");
    QTest::newRow("abc") << QByteArray("abc")
                         << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("448 bits") << QByteArray(
                                     "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                              << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    QTest::newRow("empty") << QByteArray()
                           << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("million a")
        << QByteArray(1000000, 'a')
        << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
}

void Sha256Test::nistVectors() {
    QFETCH(QByteArray, message);
    QFETCH(QString, digest);
    QCOMPARE(QString::fromStdString(model::sha256Hex(
                 std::string_view(message.constData(), static_cast<std::size_t>(message.size())))),
             digest);
}

// Lengths around the padding boundaries (55, 56, 63, 64 bytes) against Qt's own SHA-256.
void Sha256Test::blockBoundaries() {
    for (int n = 0; n <= 130; ++n) {
        const QByteArray m(n, 'x');
        const QString expected =
            QString::fromLatin1(QCryptographicHash::hash(m, QCryptographicHash::Sha256).toHex());
        QCOMPARE(QString::fromStdString(model::sha256Hex(std::string(m.constData(), m.size()))),
                 expected);
    }
}

QTEST_GUILESS_MAIN(Sha256Test)
#include "tst_sha256.moc"
