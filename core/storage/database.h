// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QMutex>
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
    explicit Rows(QSqlQuery *q)
        : m_q(q)
    { }
    bool next() { return m_q->next(); }
    [[nodiscard]] QVariant value(int i) const { return m_q->value(i); }
    [[nodiscard]] bool isValid() const { return m_q->isValid(); }
    void finish() { m_q->finish(); }
    [[nodiscard]] QVariant lastInsertId() const { return m_q->lastInsertId(); }
    [[nodiscard]] int numRowsAffected() const { return m_q->numRowsAffected(); }

private:
    QSqlQuery *m_q;
};

/// The local SQLite database: WAL mode, one connection per thread, versioned forward
/// migrations, a cache of prepared statements per connection, explicit transactions, and a
/// fault-injection seam for tests (failAfter). Core code reaches SQL only through this class.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(hd::Database)

public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens (creating if needed) and migrates the database at path. ":memory:" is not
    /// supported (connections per thread must share one file); use a temporary file.
    static Result<std::unique_ptr<Database>> open(const QString &path);

    [[nodiscard]] QString path() const { return m_path; }
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
    /// join the outer transaction.
    Result<void> transaction(const std::function<Result<void>()> &body);
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
    /// Open connections: one per thread that used this database and has not ended.
    [[nodiscard]] int connectionCount();

private:
    explicit Database(QString path);
    Result<void> migrate();
    Result<void> injectedFault();

    struct PerThread;
    PerThread &perThread();
    /// The connections by thread; shared with the exit hooks of the threads that made them, which
    /// close a thread's connection when it ends (a GUI that runs a job now and then must not
    /// keep one open connection, with its page cache, per job it ever ran).
    struct Registry
    {
        QMutex mutex;
        QHash<quint64, std::shared_ptr<PerThread>> threads; ///< by threadSerial()
    };

    QString m_path;
    QString m_connectionPrefix;
    std::shared_ptr<Registry> m_registry = std::make_shared<Registry>();
    std::atomic<int> m_failAfter{0};
    QStringList *m_trace = nullptr;
};

} // namespace hd
