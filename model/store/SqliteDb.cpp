#include "model/store/SqliteDb.h"

#include <sqlite3.h>

#include <cmath>
#include <limits>

namespace eventbench::model {

SqliteDb::Statement::Statement(const SqliteDb &db, const char *sql) {
    if (db.m_db && sqlite3_prepare_v2(db.m_db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

SqliteDb::Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

void SqliteDb::Statement::bind(int i, std::string_view text) {
    sqlite3_bind_text(m_stmt, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void SqliteDb::Statement::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
}

void SqliteDb::Statement::bind(int i, double v) {
    if (std::isnan(v))
        sqlite3_bind_null(m_stmt, i);
    else
        sqlite3_bind_double(m_stmt, i, v);
}

void SqliteDb::Statement::bindNull(int i) {
    sqlite3_bind_null(m_stmt, i);
}

bool SqliteDb::Statement::run() {
    if (!m_stmt)
        return false;
    const int rc = sqlite3_step(m_stmt);
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

bool SqliteDb::Statement::next() {
    if (!m_stmt)
        return false;
    if (sqlite3_step(m_stmt) == SQLITE_ROW)
        return true;
    sqlite3_reset(m_stmt);
    return false;
}

bool SqliteDb::isReadOnly() const {
    return m_db && sqlite3_db_readonly(m_db, "main") != 0;
}

std::int64_t SqliteDb::Statement::columnInt(int i) const {
    return sqlite3_column_int64(m_stmt, i);
}

double SqliteDb::Statement::columnDouble(int i) const {
    if (sqlite3_column_type(m_stmt, i) == SQLITE_NULL)
        return std::numeric_limits<double>::quiet_NaN();
    return sqlite3_column_double(m_stmt, i);
}

std::string SqliteDb::Statement::columnText(int i) const {
    const auto *text = sqlite3_column_text(m_stmt, i);
    if (!text)
        return {};
    return std::string(reinterpret_cast<const char *>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i)));
}

bool SqliteDb::Statement::columnIsNull(int i) const {
    return sqlite3_column_type(m_stmt, i) == SQLITE_NULL;
}

SqliteDb::Transaction::Transaction(SqliteDb &db) : m_db(db) {
    m_began = m_db.exec("BEGIN IMMEDIATE");
}

SqliteDb::Transaction::~Transaction() {
    if (m_began && !m_done)
        m_db.exec("ROLLBACK");
}

bool SqliteDb::Transaction::commit() {
    if (!m_began || m_done)
        return false;
    m_done = m_db.exec("COMMIT");
    return m_done;
}

SqliteDb::~SqliteDb() {
    close();
}

bool SqliteDb::open(const std::string &path, int flags, std::string *error) {
    close();
    if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) == SQLITE_OK)
        return true;
    if (error)
        *error = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    close();
    return false;
}

void SqliteDb::close() {
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

bool SqliteDb::exec(const char *sql, std::string *error) {
    if (!m_db) {
        if (error)
            *error = "not open";
        return false;
    }
    char *msg = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    if (error)
        *error = msg ? msg : sqlite3_errmsg(m_db);
    sqlite3_free(msg);
    return false;
}

std::int64_t SqliteDb::queryInt(const char *sql, std::int64_t fallback) const {
    Statement q(*this, sql);
    return q.ok() && q.next() ? q.columnInt(0) : fallback;
}

std::string SqliteDb::errorMessage() const {
    return m_db ? sqlite3_errmsg(m_db) : "not open";
}

std::int64_t SqliteDb::lastInsertId() const {
    return m_db ? sqlite3_last_insert_rowid(m_db) : 0;
}

int SqliteDb::changes() const {
    return m_db ? sqlite3_changes(m_db) : 0;
}

} // namespace eventbench::model
