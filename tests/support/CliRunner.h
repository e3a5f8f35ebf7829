#pragma once
// The one way tests call the `eventbench` binary built with them (EVENTBENCH_BINARY): run it
// with arguments in a working directory under a time limit and keep its exit code and output;
// plus CliTest, the base of the CLI test classes (a temporary directory to run in), and the
// small file readers those tests share.
#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace eventbench::testing {

/// What one call of the binary did. exitCode is -1 when it crashed or timed out (err then
/// says "timed out").
struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class CliRunner {
  public:
    /// `workDir` empty: the test's own working directory.
    explicit CliRunner(QString workDir = {}, int timeoutMs = 300000);

    /// Runs the binary with `args`. Without `withDisplay` it gets no display (DISPLAY,
    /// WAYLAND_DISPLAY and QT_QPA_PLATFORM removed), as on a headless server.
    CliResult run(const QStringList &args, bool withDisplay = true) const;
    /// Writes `text` to `name` in the working directory and returns its path; a test that
    /// cannot write its input stops there (qFatal).
    QString write(const QString &name, const QByteArray &text) const;
    QString path(const QString &name) const;

  private:
    QString m_dir;
    int m_timeoutMs;
};

/// Base of the CLI test classes: a temporary directory (m_dir; its validity is the test's
/// first check) and run() / write() on it.
class CliTest : public QObject {
    Q_OBJECT
  protected:
    using Result = CliResult;
    explicit CliTest(int timeoutMs = 300000);

    Result run(const QStringList &args, bool withDisplay = true) const {
        return m_cli.run(args, withDisplay);
    }
    QString write(const QString &name, const QByteArray &text) const {
        return m_cli.write(name, text);
    }
    QString path(const QString &name) const { return m_cli.path(name); }

    QTemporaryDir m_dir;
    CliRunner m_cli; // after m_dir: runs in it
};

/// The file's bytes; empty when it cannot be read.
QByteArray fileBytes(const QString &path);
/// `text` split at '\n' without the empty string after a final newline.
QStringList lines(const QByteArray &text);
/// The lines of the file at `path` (empty when it cannot be read).
QStringList csvLines(const QString &path);

} // namespace eventbench::testing
