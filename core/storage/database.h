// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QTimeZone>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>

namespace hd {

/// Rows of a statement run by Database::exec(). A thin view of a cached prepared statement:
/// valid until the same SQL runs again on this thread, so read it before running it again.
class Rows
{
public:
    explicit Rows(QSqlQuery *q, QVariant insertId = {})
        : m_q(q)
        , m_insertId(std::move(insertId))
    { }
    bool next() { return m_q->next(); }
    [[nodiscard]] QVariant value(int i) const { return m_q->value(i); }
    [[nodiscard]] bool isValid() const { return m_q->isValid(); }
    void finish() { m_q->finish(); }
    /// The id of the row an INSERT made (SQLite's rowid; on PostgreSQL read from the
    /// "RETURNING id" Database added to the statement).
    [[nodiscard]] QVariant lastInsertId() const
    {
        return m_insertId.isValid() ? m_insertId : m_q->lastInsertId();
    }
    [[nodiscard]] int numRowsAffected() const { return m_q->numRowsAffected(); }

private:
    QSqlQuery *m_q;
    QVariant m_insertId;
};

enum class Dialect { SQLite, PostgreSQL };

/// The local SQLite database: WAL mode, one connection per thread, versioned forward
/// migrations, a cache of prepared statements per connection, explicit transactions, and a
/// fault-injection seam for tests (failAfter). Core code reaches SQL only through this class.
///
/// The server may instead run on PostgreSQL (open() with a postgresql:// URL): statements are
/// then rewritten from SQLite's dialect once each (core/storage/pgdialect.h), the schema is
/// postgresMigrations(), and every transaction() holds one advisory lock, so that writers are
/// serialized as they are on SQLite — across every server instance on the database, which keeps
/// the change feed's sequence numbers committing in order.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(hd::Database)

public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens (creating if needed) and migrates the database at path. ":memory:" is not
    /// supported (connections per thread must share one file); use a temporary file. A
    /// postgresql:// URL opens (and migrates) that PostgreSQL database instead.
    static Result<std::unique_ptr<Database>> open(const QString &path);
    /// open() for the desktop and the CLI, which work on a local SQLite file (a replica when
    /// they sync): a PostgreSQL URL is refused with a message saying to use helpdesk-server.
    static Result<std::unique_ptr<Database>> openLocal(const QString &path);

    /// The SQLite file; for PostgreSQL the URL without its password.
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] Dialect dialect() const { return m_dialect; }
    [[nodiscard]] bool isPostgres() const { return m_dialect == Dialect::PostgreSQL; }
    /// A connection of its own under name (not shared with exec()), e.g. for LISTEN; the
    /// caller removes it with QSqlDatabase::removeDatabase(name). Check isOpen().
    QSqlDatabase openSeparateConnection(const QString &name);
    [[nodiscard]] int schemaVersion();
    static int latestSchemaVersion();

    /// The calling thread's connection (opened on first use).
    QSqlDatabase connection();

    /// Runs a prepared (cached) statement with positional arguments. The returned query is
    /// positioned before the first row; call finish() (or let it go) once read, so no read
    /// cursor outlives the caller.
    Result<Rows> exec(const QString &sql, const QVariantList &args = {});
    /// exec() and the first column of the first row (null QVariant when no row).
    Result<QVariant> scalar(const QString &sql, const QVariantList &args = {});
    /// Runs statements without caching (schema changes, pragmas).
    Result<void> execScript(const QStringList &statements);

    /// Runs body inside BEGIN IMMEDIATE ... COMMIT; rolls back when body fails. Nested calls
    /// join the outer transaction. On PostgreSQL the first nested level is a savepoint, rolled
    /// back when its body fails (a failed statement aborts the whole transaction there); when a
    /// deeper nested body fails, nothing more runs (exec() refuses) until that savepoint or the
    /// transaction rolls back, even if a caller in between ignored the failure.
    Result<void> transaction(const std::function<Result<void>()> &body);
    /// PostgreSQL: the advisory lock every transaction() holds (any number, the same
    /// everywhere; "hdsk").
    static constexpr qint64 writerLockKey() { return 0x6864736b; }
    /// Whether a table of that name exists (sqlite_master, or the current schema's pg_tables).
    Result<bool> hasTable(const QString &name);
    /// Whether the calling thread is inside transaction() (pragmas such as journal_mode and
    /// foreign_keys cannot change then).
    [[nodiscard]] bool inTransaction();

    /// Test seam: the n-th statement from now fails with a Storage error (0 disables).
    void failAfter(int statements) { m_failAfter.store(statements); }
    /// Diagnostics (benchmarks, EXPLAIN): while set, every exec() appends its SQL with the
    /// arguments written in as literals, ready for the sqlite3 shell. Not thread-safe.
    void setTrace(QStringList *sink) { m_trace = sink; }
    static QString inlineArguments(const QString &sql, const QVariantList &args);

    static QVariant toDb(const QDateTime &t)
    {
        return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant();
    }
    static QDateTime fromDb(const QVariant &v)
    {
        return v.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::utc());
    }
    static QVariant idOrNull(qint64 id) { return id > 0 ? QVariant(id) : QVariant(); }
    /// Whether a failed statement broke a foreign key (in either dialect's words).
    static bool isForeignKeyError(const Error &e);
    /// Whether a failed statement broke the UNIQUE constraint of table.column (SQLite names
    /// "table.column"; PostgreSQL the constraint, "table_column_key").
    static bool isUniqueError(const Error &e, const char *table, const char *column);
    /// Open connections: one per thread that used this database and has not ended.
    [[nodiscard]] int connectionCount();

private:
    explicit Database(QString path);
    Result<void> migrate();
    void configure(QSqlDatabase &db) const;
    Result<void> setSchemaVersion(int version);
    Result<void> injectedFault();

    struct PerThread;
    PerThread &perThread();
    Result<void> savepoint(PerThread &t, const std::function<Result<void>()> &body);
    static Error failedInsideError();
    /// PostgreSQL, outside a transaction: when the connection is gone (server restarted,
    /// connection killed), opens it again; true when the caller should retry once.
    bool reconnectIfLost(PerThread &t);
    /// The connections by thread; shared with the exit hooks of the threads that made them, which
    /// close a thread's connection when it ends (a GUI that runs a job now and then must not
    /// keep one open connection, with its page cache, per job it ever ran).
    struct Registry
    {
        QMutex mutex;
        QHash<quint64, std::shared_ptr<PerThread>> threads; ///< by threadSerial()
    };

    QString m_path;
    Dialect m_dialect = Dialect::SQLite;
    QString m_pgHost, m_pgUser, m_pgPassword, m_pgDatabase, m_pgOptions;
    int m_pgPort = 5432;
    QSet<QString> m_idTables; ///< PostgreSQL: tables whose INSERTs return their new id
    QString m_connectionPrefix;
    std::shared_ptr<Registry> m_registry = std::make_shared<Registry>();
    std::atomic<int> m_failAfter{0};
    QStringList *m_trace = nullptr;
};

} // namespace hd
