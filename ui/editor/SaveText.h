#pragma once
// Writing a text file from the app: whole or not at all (QSaveFile), with the reason on failure.
#include <QSaveFile>
#include <QString>
#include <string>

namespace eventbench::ui {

/// Writes `text` to `path` through a temporary file that replaces it only once complete; false
/// with `*error` (when given) set to the reason otherwise.
inline bool saveText(const QString &path, const std::string &text, QString *error) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) < 0 ||
        !f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace eventbench::ui
