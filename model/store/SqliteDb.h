#pragma once
// A thin RAII wrapper of one SQLite connection (and, nested, its prepared statements and
// transactions) for the results store. Owns the sqlite3 handle; use from one thread at a time.
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace eventbench::model {

class SqliteDb {
  public:
    /// One prepared statement, finalized on scope exit. Bind, then run() (no rows) or loop
    /// on next() (rows); both leave it ready to be bound and stepped again.
    class Statement {
      public:
        Statement(const SqliteDb &db, const char *sql);
        ~Statement();
        Statement(const Statement &) = delete;
        Statement &operator=(const Statement &) = delete;

        bool ok() const { return m_stmt != nullptr; }
        void bind(int i, std::string_view text);
        void bind(int i, const char *text) { bind(i, std::string_view(text)); }
        void bind(int i, std::int64_t v);
        void bind(int i, double v); // NaN is stored as NULL
        void bindNull(int i);
        /// Executes a statement that returns no rows; resets it and its bindings.
        bool run();
        /// Steps a query: true while it yields a row; at the end it resets itself.
        bool next();
        std::int64_t columnInt(int i) const;
        double columnDouble(int i) const; // NULL reads as NaN
        std::string columnText(int i) const;
        bool columnIsNull(int i) const;

      private:
        sqlite3_stmt *m_stmt = nullptr;
    };

    /// BEGIN IMMEDIATE on construction (waiting out the busy timeout for other writers);
    /// rolled back on scope exit unless commit() succeeded.
    class Transaction {
      public:
        explicit Transaction(SqliteDb &db);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;

        bool began() const { return m_began; }
        bool commit();

      private:
        SqliteDb &m_db;
        bool m_began = false;
        bool m_done = false;
    };

    SqliteDb() = default;
    ~SqliteDb();
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    /// Opens `path` with sqlite3_open_v2 `flags`; on failure the message is in `error`.
    bool open(const std::string &path, int flags, std::string *error);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    /// True when the connection cannot write: opened read-only, or SQLite fell back to reading
    /// because the file (or its directory) is write-protected or immutable.
    bool isReadOnly() const;

    /// Runs one or more statements without results.
    bool exec(const char *sql, std::string *error = nullptr);
    /// The first column of the first row of `sql` as an integer, or `fallback`.
    std::int64_t queryInt(const char *sql, std::int64_t fallback) const;
    std::string errorMessage() const;
    std::int64_t lastInsertId() const;
    int changes() const;

  private:
    sqlite3 *m_db = nullptr;
};

} // namespace eventbench::model
