// SPDX-License-Identifier: GPL-3.0-or-later
// The rewriting of the core's SQLite statements for PostgreSQL (core/storage/pgdialect.h), the
// schema it derives, and PostgreSQL URLs. Running the statements is the *_pg tests' part.
#include "core/storage/database.h"
#include "core/storage/pgdialect.h"
#include "core/storage/schema.h"

#include <QTest>

using namespace hd;

class TestPgDialect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statementsAreRewritten_data()
    {
        QTest::addColumn<QString>("sqlite");
        QTest::addColumn<QString>("postgres");
        QTest::addColumn<bool>("returnsId");
        QTest::newRow("or ignore")
            << "INSERT OR IGNORE INTO ticket_tags(ticket_id, tag) VALUES (?, ?)"
            << "INSERT INTO ticket_tags(ticket_id, tag) VALUES (?, ?) ON "
               "CONFLICT DO NOTHING"
            << false;
        QTest::newRow("or ignore, returning")
            << "INSERT OR IGNORE INTO t(a) VALUES (?) RETURNING a"
            << "INSERT INTO t(a) VALUES (?) ON CONFLICT DO NOTHING RETURNING a" << false;
        QTest::newRow("scalar max, aggregate max")
            << "UPDATE tickets SET updated_at = max(updated_at, ?) WHERE id = (SELECT max(id) "
               "FROM tickets)"
            << "UPDATE tickets SET updated_at = GREATEST(updated_at, ?) WHERE id = (SELECT "
               "max(id) FROM tickets)"
            << false;
        QTest::newRow("nested min")
            << "SELECT min(0, coalesce(min(number), 0)) - 1 FROM tickets"
            << "SELECT LEAST(0, coalesce(min(number), 0)) - 1 FROM tickets" << false;
        QTest::newRow("group_concat")
            << "SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tags ORDER BY tag)"
            << "SELECT string_agg(tag, ',') FROM (SELECT tag FROM ticket_tags ORDER BY tag) AS "
               "hd_sub1"
            << false;
        QTest::newRow("group_concat default separator")
            << "SELECT group_concat(name) FROM teams"
            << "SELECT string_agg(name, ',') FROM teams" << false;
        QTest::newRow("aliased subquery untouched")
            << "SELECT count(*) FROM (SELECT 1 FROM tickets) x"
            << "SELECT count(*) FROM (SELECT 1 FROM tickets) x" << false;
        QTest::newRow("nocase, like") << "SELECT id FROM macros WHERE title LIKE ? ORDER BY title "
                                         "COLLATE NOCASE, id"
                                      << "SELECT id FROM macros WHERE title ILIKE ? ORDER BY "
                                         "lower(title), id"
                                      << false;
        QTest::newRow("is ?") << "SELECT id FROM saved_views WHERE owner_agent_id IS ? AND x IS "
                                 "NOT ? AND y IS NULL"
                              << "SELECT id FROM saved_views WHERE owner_agent_id IS NOT DISTINCT "
                                 "FROM ? AND x IS DISTINCT FROM ? AND y IS NULL"
                              << false;
        QTest::newRow("unary plus") << "SELECT c.seq FROM changes c WHERE +c.entity = 'ticket' AND "
                                       "n + 1 > 2"
                                    << "SELECT c.seq FROM changes c WHERE c.entity = 'ticket' AND "
                                       "n + 1 > 2"
                                    << false;
        QTest::newRow("new id returned")
            << "INSERT INTO tickets(uuid, subject) VALUES (?, ?)"
            << "INSERT INTO tickets(uuid, subject) VALUES (?, ?) RETURNING id" << true;
        QTest::newRow("no id column")
            << "INSERT INTO ticket_tags(ticket_id, tag) VALUES (?, ?)"
            << "INSERT INTO ticket_tags(ticket_id, tag) VALUES (?, ?)" << false;
        // Nothing inside quotes changes: text that looks like SQL stays as it is.
        QTest::newRow("literals") << "SELECT 'max(a, b) LIKE x IS ?', \"group_concat(y)\" FROM t "
                                     "WHERE a LIKE 'it''s max(1,2)'"
                                  << "SELECT 'max(a, b) LIKE x IS ?', \"group_concat(y)\" FROM t "
                                     "WHERE a ILIKE 'it''s max(1,2)'"
                                  << false;
        QTest::newRow("trailing semicolon") << "DELETE FROM t WHERE a = ?;"
                                            << "DELETE FROM t WHERE a = ?" << false;
    }

    void statementsAreRewritten()
    {
        QFETCH(QString, sqlite);
        QFETCH(QString, postgres);
        QFETCH(bool, returnsId);
        const pg::Statement out = pg::toPostgres(sqlite, schema::tablesWithId());
        QCOMPARE(out.sql, postgres);
        QCOMPARE(out.returnsId, returnsId);
    }

    void schemaIsDerivedFromTheSqliteOne()
    {
        const QSet<QString> ids = schema::tablesWithId();
        for (const char *t : {"tickets", "messages", "events", "agents", "customers", "teams",
                              "categories", "macros", "saved_views"})
            QVERIFY2(ids.contains(QLatin1String(t)), t);
        QVERIFY(!ids.contains(QStringLiteral("ticket_tags")));
        QVERIFY(!ids.contains(QStringLiteral("ticket_facts"))); // ticket_id, not id

        const auto &pgAll = schema::postgresMigrations();
        QCOMPARE(pgAll.size(), schema::migrations().size());
        const QString all = [&] {
            QStringList flat;
            for (const QStringList &v : pgAll)
                flat << v;
            return flat.join(QLatin1Char('\n'));
        }();
        QVERIFY(all.contains("id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
        QVERIFY(all.contains("ticket_id BIGINT PRIMARY KEY")); // ticket_facts keeps its key
        QVERIFY(!all.contains("WITHOUT ROWID"));
        QVERIFY(all.contains("REFERENCES tickets(id) ON DELETE CASCADE DEFERRABLE"));
        QVERIFY(all.contains("merged_into BIGINT REFERENCES tickets(id) DEFERRABLE"));
        QVERIFY(!all.contains(QRegularExpression("\\bINTEGER\\b"))); // times are milliseconds
        QVERIFY(!all.contains("fts5"));
        QVERIFY(all.contains("CREATE TABLE ticket_search"));
        QVERIFY(all.contains("CREATE TRIGGER tickets_counts"));
        QVERIFY(all.contains("CREATE TRIGGER tickets_report_delete"));
        QCOMPARE(pg::ddlToPostgres("CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END"),
                 QString());
        QCOMPARE(pg::ddlToPostgres("CREATE TABLE a(n INTEGER NOT NULL DEFAULT 'INTEGER') "
                                   "WITHOUT ROWID"),
                 QString("CREATE TABLE a(n BIGINT NOT NULL DEFAULT 'INTEGER')"));
    }

    void urls()
    {
        QString error;
        auto s = pg::parseUrl("postgresql://hd%40x:p%3Ass@db.internal:6543/team?sslmode=require",
                              &error);
        QVERIFY2(s.has_value(), qPrintable(error));
        QCOMPARE(s->host, QString("db.internal"));
        QCOMPARE(s->port, 6543);
        QCOMPARE(s->user, QString("hd@x"));
        QCOMPARE(s->password, QString("p:ss"));
        QCOMPARE(s->database, QString("team"));
        QCOMPARE(s->options, QString("sslmode=require"));
        QVERIFY(!s->displayName().contains("p:ss"));
        s = pg::parseUrl("postgres://localhost/hd", &error);
        QVERIFY(s.has_value());
        QCOMPARE(s->port, 5432);
        QVERIFY(!pg::parseUrl("postgresql://localhost", &error));
        QVERIFY2(error.contains("names no database"), qPrintable(error));
        QVERIFY(!pg::parseUrl("postgresql:///hd", &error));
        QVERIFY2(error.contains("not a PostgreSQL URL"), qPrintable(error));
        QVERIFY(!pg::parseUrl("sqlite:/tmp/x", &error));
        // The desktop and the CLI never take one.
        auto local = Database::openLocal("postgresql://localhost/hd");
        QVERIFY(!local);
        QVERIFY2(local.errorMessage().contains("helpdesk-server"),
                 qPrintable(local.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestPgDialect)
#include "tst_pgdialect.moc"
