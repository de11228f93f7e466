// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The database a server test runs on. SQLite (a file in the test's folder) unless the test runs
// as its _pg variant (HELPDESK_TEST_BACKEND=postgresql, see cmake/HelpdeskTesting.cmake): then a
// fresh PostgreSQL database on the server HELPDESK_TEST_PG names
// (postgresql://user@host:port/maintenance-db), dropped when the test ends.
#include "core/storage/database.h"
#include "core/storage/pgdialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

#include <cstdio>
#include <cstdlib>

namespace testdb {

inline bool onPostgres()
{
    return qEnvironmentVariable("HELPDESK_TEST_BACKEND") == QLatin1String("postgresql");
}

/// Creates and drops databases on the test server, through its maintenance database.
class PostgresServer
{
public:
    /// The test server's URL; a _pg test with none set exits 77 (skipped).
    static QString url()
    {
        const QString u = qEnvironmentVariable("HELPDESK_TEST_PG");
        if (u.isEmpty()) {
            std::fprintf(stderr,
                         "HELPDESK_TEST_PG is not set (scripts/test.sh starts a "
                         "PostgreSQL for the tests); skipping.\n");
            std::exit(77);
        }
        return u;
    }

    /// A new empty database; its URL.
    static QString create()
    {
        static int serial = 0;
        const QString name = QStringLiteral("hd_test_%1_%2_%3")
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(++serial)
                                 .arg(QDateTime::currentMSecsSinceEpoch() % 100000);
        admin(QStringLiteral("CREATE DATABASE %1 ENCODING 'UTF8' TEMPLATE template0").arg(name));
        QString u = url();
        return u.left(u.lastIndexOf(QLatin1Char('/')) + 1) + name;
    }

    static void drop(const QString &databaseUrl)
    {
        const QString name = databaseUrl.mid(databaseUrl.lastIndexOf(QLatin1Char('/')) + 1);
        admin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    }

    /// Ends every session on that database, as a PostgreSQL restart would.
    static void terminateConnections(const QString &databaseUrl)
    {
        const QString name = databaseUrl.mid(databaseUrl.lastIndexOf(QLatin1Char('/')) + 1);
        admin(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                             "datname = '%1' AND pid <> pg_backend_pid()")
                  .arg(name));
    }

private:
    static void admin(const QString &sql)
    {
        QString error;
        const auto spec = hd::pg::parseUrl(url(), &error);
        if (!spec)
            qFatal("HELPDESK_TEST_PG: %s", qPrintable(error));
        const QString name = QStringLiteral("hd-test-admin");
        {
            QSqlDatabase db = QSqlDatabase::contains(name)
                ? QSqlDatabase::database(name)
                : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(spec->host);
            db.setPort(spec->port);
            db.setUserName(spec->user);
            db.setPassword(spec->password);
            db.setDatabaseName(spec->database);
            if (!db.isOpen() && !db.open())
                qFatal("cannot connect to %s: %s", qPrintable(spec->displayName()),
                       qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            if (!q.exec(sql))
                qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        }
    }
};

/// A PostgreSQL database made for one fixture and dropped with it (declare it before the
/// Database that uses it, so that the Database closes first).
struct PostgresDatabase
{
    QString url;
    PostgresDatabase() = default;
    PostgresDatabase(const PostgresDatabase &) = delete;
    PostgresDatabase &operator=(const PostgresDatabase &) = delete;
    ~PostgresDatabase()
    {
        if (!url.isEmpty())
            PostgresServer::drop(url);
    }
};

/// Opens the server database of a test: `sqliteFile` normally, a fresh PostgreSQL database
/// (recorded in *pg) in the _pg variant.
inline std::unique_ptr<hd::Database> openServerDatabase(const QString &sqliteFile,
                                                        PostgresDatabase *pg)
{
    QString spec = sqliteFile;
    if (onPostgres()) {
        pg->url = PostgresServer::create();
        spec = pg->url;
    }
    auto opened = hd::Database::open(spec);
    if (!opened)
        qFatal("cannot open the server database: %s", qPrintable(opened.errorMessage()));
    return std::move(opened).value();
}

} // namespace testdb
