#include "support/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QtGlobal>

namespace eventbench::testing {

CliRunner::CliRunner(QString workDir, int timeoutMs)
    : m_dir(std::move(workDir)), m_timeoutMs(timeoutMs) {}

CliResult CliRunner::run(const QStringList &args, bool withDisplay) const {
    QProcess p;
    if (!withDisplay) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("QT_QPA_PLATFORM");
        p.setProcessEnvironment(env);
    }
    if (!m_dir.isEmpty())
        p.setWorkingDirectory(m_dir);
    p.start(EVENTBENCH_BINARY, args);
    CliResult r;
    if (!p.waitForFinished(m_timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString CliRunner::path(const QString &name) const {
    return m_dir.isEmpty() ? name : QDir(m_dir).filePath(name);
}

QString CliRunner::write(const QString &name, const QByteArray &text) const {
    const QString file = path(name);
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(file));
    f.write(text);
    return file;
}

CliTest::CliTest(int timeoutMs) : m_cli(m_dir.path(), timeoutMs) {}

QByteArray fileBytes(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList lines(const QByteArray &text) {
    QStringList l = QString::fromUtf8(text).split('\n');
    if (!l.isEmpty() && l.last().isEmpty())
        l.removeLast();
    return l;
}

QStringList csvLines(const QString &path) {
    return lines(fileBytes(path));
}

} // namespace eventbench::testing
