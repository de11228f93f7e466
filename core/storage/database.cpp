// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/database.h"

#include "core/base/logging.h"
#include "core/storage/pgdialect.h"
#include "core/storage/schema.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <functional>
#include <vector>

namespace hd {

struct Database::PerThread
{
    struct Statement
    {
        std::shared_ptr<QSqlQuery> query;
        bool returnsId = false; ///< PostgreSQL: "RETURNING id" was added
    };
    QString connectionName;
    QHash<QString, Statement> statements;
    int transactionDepth = 0;
    /// PostgreSQL: a nested body without a savepoint of its own failed, so the transaction may
    /// be aborted; nothing more runs until the savepoint or transaction above rolls back.
    bool failedInside = false;
};

namespace {
Error storageError(const QString &what, const QSqlError &e)
{
    return Error{ErrorCode::Storage,
                 Database::tr("Database error while %1: %2").arg(what, e.text())};
}
} // namespace

Database::Database(QString path)
    : m_path(std::move(path))
    , m_connectionPrefix(QStringLiteral("hd-") + QUuid::createUuid().toString(QUuid::Id128))
{ }

Database::~Database()
{
    QMutexLocker lock(&m_registry->mutex);
    QStringList names;
    for (const auto &t : std::as_const(m_registry->threads)) {
        t->statements.clear();
        names << t->connectionName;
    }
    m_registry->threads.clear();
    lock.unlock();
    // Connections of other (finished) threads are not touched through QSqlDatabase::database(),
    // which may only be called on the owning thread; removing one closes it.
    for (const QString &name : names)
        QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path)
{
    if (pg::isUrl(path)) {
        QString error;
        const auto spec = pg::parseUrl(path, &error);
        if (!spec)
            return Error{ErrorCode::InvalidArgument, error};
        std::unique_ptr<Database> db(new Database(spec->displayName()));
        db->m_dialect = Dialect::PostgreSQL;
        db->m_pgHost = spec->host;
        db->m_pgPort = spec->port;
        db->m_pgUser = spec->user;
        db->m_pgPassword = spec->password;
        db->m_pgDatabase = spec->database;
        db->m_pgOptions = spec->options;
        db->m_idTables = schema::tablesWithId();
        QSqlDatabase c = db->connection();
        if (!c.isOpen())
            return Error{ErrorCode::Storage,
                         Database::tr("Cannot connect to PostgreSQL at %1: %2")
                             .arg(db->m_path, c.lastError().text())};
        if (auto r = db->migrate(); !r)
            return r.error();
        return db;
    }
    if (path.isEmpty() || path == QLatin1String(":memory:"))
        return Error{ErrorCode::InvalidArgument, Database::tr("A database file path is required.")};
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Error{ErrorCode::InvalidArgument, Database::tr("'%1' is not a file.").arg(path)};
    std::unique_ptr<Database> db(new Database(info.absoluteFilePath()));
    QSqlDatabase c = db->connection();
    if (!c.isOpen())
        return Error{ErrorCode::Storage,
                     Database::tr("Cannot open database '%1': %2").arg(path, c.lastError().text())};
    if (auto r = db->migrate(); !r)
        return r.error();
    return db;
}

Result<std::unique_ptr<Database>> Database::openLocal(const QString &path)
{
    if (pg::isUrl(path))
        return Error{ErrorCode::InvalidArgument,
                     Database::tr("A PostgreSQL database is served by helpdesk-server; the desktop "
                                  "and the command line keep a local SQLite file and sync with "
                                  "the server (File > Connect to Server, helpdesk-cli login).")};
    return open(path);
}

namespace {
// A number per thread that is never reused. Thread ids (QThread::currentThreadId) are: glibc hands
// a finished thread's id to the next thread, which would then find the dead thread's connection
// ("database does not belong to the calling thread").
std::atomic<quint64> g_nextThreadSerial{1};
quint64 threadSerial()
{
    thread_local const quint64 serial = g_nextThreadSerial.fetch_add(1);
    return serial;
}

// Work to do when the calling thread ends (thread_local destructors run on the ending thread).
class ThreadExitHooks
{
public:
    ~ThreadExitHooks()
    {
        for (const auto &hook : m_hooks)
            hook();
    }
    void add(std::function<void()> hook) { m_hooks.push_back(std::move(hook)); }

private:
    std::vector<std::function<void()>> m_hooks;
};

ThreadExitHooks &threadExitHooks()
{
    thread_local ThreadExitHooks hooks;
    return hooks;
}
} // namespace

int Database::connectionCount()
{
    QMutexLocker lock(&m_registry->mutex);
    return int(m_registry->threads.size());
}

Database::PerThread &Database::perThread()
{
    const quint64 id = threadSerial();
    QMutexLocker lock(&m_registry->mutex);
    auto it = m_registry->threads.find(id);
    if (it != m_registry->threads.end())
        return **it;
    auto t = std::make_shared<PerThread>();
    t->connectionName = m_connectionPrefix + QLatin1Char('-') + QString::number(id);
    m_registry->threads.insert(id, t);
    lock.unlock();
    // When this thread ends, its connection goes (on this very thread, as Qt SQL requires),
    // unless the database went first. A QThread says so before wait() returns (its finished()
    // runs here); other threads when their thread_local objects are destroyed.
    auto release = [registry = std::weak_ptr<Registry>(m_registry), id] {
        const std::shared_ptr<Registry> r = registry.lock();
        if (!r)
            return;
        QMutexLocker exitLock(&r->mutex);
        const std::shared_ptr<PerThread> gone = r->threads.take(id);
        exitLock.unlock();
        if (!gone)
            return;
        gone->statements.clear();
        QSqlDatabase::removeDatabase(gone->connectionName);
    };
    threadExitHooks().add(release);
    if (QThread *thread = QThread::currentThread();
        thread && QCoreApplication::instance() && thread != QCoreApplication::instance()->thread())
        QObject::connect(thread, &QThread::finished, thread, release, Qt::DirectConnection);

    QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(isPostgres() ? "QPSQL" : "QSQLITE"),
                                                t->connectionName);
    configure(db);
    if (isPostgres()) {
        if (!db.open())
            qCWarning(lcStorage) << "cannot connect to" << m_path << db.lastError().text();
    } else if (db.open()) {
        QSqlQuery q(db);
        for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                                   "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY",
                                   "PRAGMA cache_size=-65536", "PRAGMA mmap_size=268435456"}) {
            if (!q.exec(QString::fromLatin1(pragma)))
                qCWarning(lcStorage) << pragma << q.lastError().text();
        }
    } else {
        qCWarning(lcStorage) << "cannot open" << m_path << db.lastError().text();
    }
    return *t;
}

void Database::configure(QSqlDatabase &db) const
{
    if (!isPostgres()) {
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        return;
    }
    db.setHostName(m_pgHost);
    db.setPort(m_pgPort);
    db.setUserName(m_pgUser);
    db.setPassword(m_pgPassword);
    db.setDatabaseName(m_pgDatabase);
    // Quiet NOTICEs ("relation already exists, skipping") stay out of the log.
    QString options = QStringLiteral("connect_timeout=10;options='-c client_min_messages=warning'");
    if (!m_pgOptions.isEmpty())
        options += QLatin1Char(';') + m_pgOptions;
    db.setConnectOptions(options);
}

QSqlDatabase Database::openSeparateConnection(const QString &name)
{
    QSqlDatabase db
        = QSqlDatabase::addDatabase(QLatin1String(isPostgres() ? "QPSQL" : "QSQLITE"), name);
    configure(db);
    if (!db.open())
        qCWarning(lcStorage) << "cannot open a connection to" << m_path << db.lastError().text();
    return db;
}

QSqlDatabase Database::connection()
{
    return QSqlDatabase::database(perThread().connectionName);
}

Result<void> Database::injectedFault()
{
    int n = m_failAfter.load();
    while (n > 0) {
        if (m_failAfter.compare_exchange_weak(n, n - 1)) {
            if (n == 1)
                return Error{ErrorCode::Storage, Database::tr("Database error: injected fault")};
            break;
        }
    }
    return {};
}

Error Database::failedInsideError()
{
    return Error{ErrorCode::Storage,
                 Database::tr("Database error: an earlier step of this change failed, so it was "
                              "undone.")};
}

Result<Rows> Database::exec(const QString &sql, const QVariantList &args)
{
    if (auto f = injectedFault(); !f)
        return f.error();
    if (m_trace)
        m_trace->append(inlineArguments(sql, args));
    PerThread &t = perThread();
    if (t.failedInside)
        return failedInsideError();
    auto it = t.statements.find(sql);
    if (it == t.statements.end()) {
        if (t.statements.size() > 500)
            t.statements.clear(); // dynamic list queries: keep the cache bounded
        PerThread::Statement s;
        s.query = std::make_shared<QSqlQuery>(QSqlDatabase::database(t.connectionName));
        s.query->setForwardOnly(true);
        QString text = sql;
        if (isPostgres()) {
            const pg::Statement rewritten = pg::toPostgres(sql, m_idTables);
            text = rewritten.sql;
            s.returnsId = rewritten.returnsId;
        }
        if (!s.query->prepare(text)) {
            const QSqlError e = s.query->lastError();
            s.query.reset();
            if (reconnectIfLost(t))
                return exec(sql, args); // once more on the new connection
            return storageError(Database::tr("preparing a statement"), e);
        }
        it = t.statements.insert(sql, s);
    }
    QSqlQuery &q = *it->query;
    q.finish();
    for (int i = 0; i < args.size(); ++i) {
        const QVariant &v = args.at(i);
        // A null QString would bind as SQL NULL; only an invalid QVariant() means NULL here.
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.bindValue(i, QStringLiteral(""));
        else if (isPostgres() && v.typeId() == QMetaType::Bool)
            q.bindValue(i, int(v.toBool())); // the schema's flags are integers
        else if (isPostgres() && v.typeId() == QMetaType::QByteArray)
            q.bindValue(i, QString::fromUtf8(v.toByteArray())); // every column is text
        else
            q.bindValue(i, v);
    }
    if (!q.exec()) {
        const QSqlError e = q.lastError();
        if (reconnectIfLost(t))
            return exec(sql, args); // once more on the new connection
        qCWarning(lcStorage) << "statement failed:" << e.text() << sql.left(200);
        return storageError(Database::tr("running a statement"), e);
    }
    if (it->returnsId) {
        const QVariant id = q.next() ? q.value(0) : QVariant();
        q.finish();
        return Rows(&q, id);
    }
    return Rows(&q);
}

QString Database::inlineArguments(const QString &sql, const QVariantList &args)
{
    QString out;
    qsizetype next = 0;
    for (QChar c : sql) {
        if (c != QLatin1Char('?') || next >= args.size()) {
            out += c;
            continue;
        }
        const QVariant &v = args.at(next++);
        if (!v.isValid() || v.isNull())
            out += QStringLiteral("NULL");
        else if (v.typeId() == QMetaType::QString || v.typeId() == QMetaType::QByteArray)
            out += QLatin1Char('\'') + v.toString().replace(QLatin1Char('\''), QStringLiteral("''"))
                + QLatin1Char('\'');
        else if (v.typeId() == QMetaType::Bool)
            out += v.toBool() ? QStringLiteral("1") : QStringLiteral("0");
        else
            out += v.toString();
    }
    return out;
}

Result<QVariant> Database::scalar(const QString &sql, const QVariantList &args)
{
    auto q = exec(sql, args);
    if (!q)
        return q.error();
    QVariant v;
    if (q->next())
        v = q->value(0);
    q->finish();
    return v;
}

Result<void> Database::execScript(const QStringList &statements)
{
    if (auto f = injectedFault(); !f)
        return f;
    QSqlQuery q(connection());
    for (const QString &s : statements) {
        if (!q.exec(s))
            return storageError(Database::tr("changing the schema"), q.lastError());
    }
    return {};
}

Result<void> Database::transaction(const std::function<Result<void>()> &body)
{
    PerThread &t = perThread();
    // PostgreSQL: the first nested level (one operation of a push, say) is a savepoint, which
    // undoes it alone; deeper levels join it, as on SQLite, saving two round trips each.
    if (t.transactionDepth == 1 && isPostgres())
        return savepoint(t, body);
    if (t.transactionDepth > 0) {
        ++t.transactionDepth;
        Result<void> r = body();
        --t.transactionDepth;
        if (!r && isPostgres())
            t.failedInside = true;
        return r;
    }
    QSqlQuery q(QSqlDatabase::database(t.connectionName));
    const QLatin1String begin(isPostgres() ? "BEGIN" : "BEGIN IMMEDIATE");
    if (!q.exec(begin)) {
        const QSqlError e = q.lastError();
        if (!reconnectIfLost(t))
            return storageError(Database::tr("starting a transaction"), e);
        q = QSqlQuery(QSqlDatabase::database(t.connectionName));
        if (!q.exec(begin))
            return storageError(Database::tr("starting a transaction"), q.lastError());
    }
    if (isPostgres()
        && !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(writerLockKey()))) {
        const Error e = storageError(Database::tr("starting a transaction"), q.lastError());
        (void)q.exec(QStringLiteral("ROLLBACK"));
        return e;
    }
    t.transactionDepth = 1;
    Result<void> r = body();
    t.transactionDepth = 0;
    if (r && t.failedInside)
        r = failedInsideError();
    t.failedInside = false;
    if (r) {
        if (auto f = injectedFault(); !f) {
            r = f;
        } else if (!q.exec(QStringLiteral("COMMIT"))) {
            r = storageError(Database::tr("committing"), q.lastError());
        } else {
            return r;
        }
    }
    for (auto &stmt : t.statements)
        stmt.query->finish();
    if (!q.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStorage) << "rollback failed:" << q.lastError().text();
    return r;
}

bool Database::reconnectIfLost(PerThread &t)
{
    if (!isPostgres() || t.transactionDepth > 0)
        return false;
    QSqlDatabase c = QSqlDatabase::database(t.connectionName, false);
    if (QSqlQuery probe(c); probe.exec(QStringLiteral("SELECT 1")))
        return false; // the connection is fine: the statement itself failed
    // PostgreSQL restarted or dropped the connection: Qt does not reconnect by itself. Its
    // prepared statements went with the session.
    t.statements.clear();
    c.close();
    if (!c.open()) {
        qCWarning(lcStorage) << "cannot reconnect to" << m_path << c.lastError().text();
        return false;
    }
    qCInfo(lcStorage) << "reconnected to" << m_path;
    return true;
}

Result<void> Database::savepoint(PerThread &t, const std::function<Result<void>()> &body)
{
    QSqlQuery q(QSqlDatabase::database(t.connectionName));
    const QString name = QStringLiteral("hd_sp%1").arg(t.transactionDepth);
    if (!q.exec(QStringLiteral("SAVEPOINT ") + name))
        return storageError(Database::tr("starting a transaction"), q.lastError());
    ++t.transactionDepth;
    Result<void> r = body();
    --t.transactionDepth;
    if (r && t.failedInside)
        r = failedInsideError(); // a failure inside was swallowed: undo this level anyway
    t.failedInside = false;
    if (r) {
        if (!q.exec(QStringLiteral("RELEASE SAVEPOINT ") + name))
            return storageError(Database::tr("committing"), q.lastError());
        return r;
    }
    for (auto &stmt : t.statements)
        stmt.query->finish();
    if (!q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name))
        qCWarning(lcStorage) << "rollback to savepoint failed:" << q.lastError().text();
    return r;
}

bool Database::isForeignKeyError(const Error &e)
{
    return e.message.contains(QLatin1String("FOREIGN KEY"))
        || e.message.contains(QLatin1String("violates foreign key constraint"));
}

bool Database::isUniqueError(const Error &e, const char *table, const char *column)
{
    const QString t = QLatin1String(table), c = QLatin1String(column);
    return e.message.contains(t + QLatin1Char('.') + c)
        || e.message.contains(t + QLatin1Char('_') + c + QLatin1String("_key"));
}

Result<bool> Database::hasTable(const QString &name)
{
    auto n = scalar(isPostgres() ? QStringLiteral("SELECT count(*) FROM pg_tables WHERE "
                                                  "schemaname = current_schema() AND tablename = ?")
                                 : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE "
                                                  "type = 'table' AND name = ?"),
                    {name});
    if (!n)
        return n.error();
    return n->toInt() > 0;
}

bool Database::inTransaction()
{
    return perThread().transactionDepth > 0;
}

int Database::schemaVersion()
{
    QSqlQuery q(connection());
    if (isPostgres()) {
        // Made before the first migration; one row, the version.
        if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS hd_schema_version(version "
                                   "INTEGER NOT NULL)")))
            return -1;
        if (q.exec(QStringLiteral("SELECT version FROM hd_schema_version")) && q.next())
            return q.value(0).toInt();
        return q.isActive() ? 0 : -1;
    }
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

Result<void> Database::setSchemaVersion(int version)
{
    QSqlQuery q(connection());
    const bool ok = isPostgres() ? q.exec(QStringLiteral("DELETE FROM hd_schema_version"))
            && q.exec(
                QStringLiteral("INSERT INTO hd_schema_version(version) VALUES (%1)").arg(version))
                                 : q.exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
    if (!ok)
        return storageError(Database::tr("recording the schema version"), q.lastError());
    return {};
}

int Database::latestSchemaVersion()
{
    return int(schema::migrations().size());
}

Result<void> Database::migrate()
{
    const int current = schemaVersion();
    const auto &all = schema::migrations();
    if (current > int(all.size()))
        return Error{
            ErrorCode::Storage,
            Database::tr("The database '%1' was written by a newer version of Helpdesk (schema %2; "
                         "this version knows up to %3).")
                .arg(m_path)
                .arg(current)
                .arg(all.size())};
    for (int v = current; v < int(all.size()); ++v) {
        auto r = transaction([&]() -> Result<void> {
            // Another server instance may have migrated meanwhile (it held the writer lock).
            if (isPostgres() && schemaVersion() != v)
                return {};
            QStringList statements;
            if (isPostgres()) {
                statements = schema::postgresMigrations().at(v);
            } else {
                for (const char *stmt : all[v])
                    statements << QString::fromUtf8(stmt);
            }
            if (auto s = execScript(statements); !s)
                return s;
            return setSchemaVersion(v + 1);
        });
        if (!r)
            return r;
        qCInfo(lcStorage) << "migrated" << m_path << "to schema" << v + 1;
    }
    return {};
}

} // namespace hd
