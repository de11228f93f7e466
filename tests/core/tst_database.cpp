// SPDX-License-Identifier: GPL-3.0-or-later
// Database: one connection per thread, also for threads that come and go. On the server's
// database (PostgreSQL in the _pg variant): what a failure inside nested transactions undoes.
#include "support/testdatabase.h"

#include "core/storage/database.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hd;

class TstDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workerThreadsOneAfterAnother();
    void endedThreadsCloseTheirConnections();
    void nestedFailuresUndoTheirLevel();
};

void TstDatabase::nestedFailuresUndoTheirLevel()
{
    if (!testdb::onPostgres())
        QSKIP("SQLite joins nested transactions (the _pg variant runs this)");
    QTemporaryDir dir;
    testdb::PostgresDatabase pg;
    auto db = testdb::openServerDatabase(dir.filePath(QStringLiteral("s.sqlite")), &pg);
    QVERIFY(db->execScript({QStringLiteral("CREATE TABLE t(x INTEGER UNIQUE)")}));
    const auto insert = [&](int x) -> Result<void> {
        auto q = db->exec(QStringLiteral("INSERT INTO t(x) VALUES (?)"), {x});
        return q ? Result<void>() : Result<void>(q.error());
    };
    const auto values = [&] {
        QList<int> out;
        auto q = db->exec(QStringLiteral("SELECT x FROM t ORDER BY x"));
        while (q->next())
            out << q->value(0).toInt();
        return out;
    };
    // One failing operation among others (a push's operations are the first nested level): its
    // writes go, the others' stay, even when its failure was a failed statement.
    bool seen1 = false;
    auto r = db->transaction([&]() -> Result<void> {
        for (int x : {1, 2, 1, 3}) {
            auto one = db->transaction([&]() -> Result<void> {
                const bool again = x == 1 && seen1;
                seen1 = seen1 || x == 1;
                if (auto i = insert(x * 10 + (again ? 5 : 0)); !i)
                    return i;
                return insert(x); // 1 the second time: a unique violation after 15 was written
            });
            if (!one && x != 1)
                return one;
        }
        return {};
    });
    QVERIFY2(bool(r), qPrintable(r.errorMessage()));
    QCOMPARE(values(), (QList<int>{1, 2, 3, 10, 20, 30})); // no 15
    // A deeper failure that a caller ignores: nothing more runs in that operation, which is
    // undone as a whole; the transaction around it goes on.
    r = db->transaction([&]() -> Result<void> {
        auto op = db->transaction([&]() -> Result<void> {
            if (auto i = insert(40); !i)
                return i;
            (void)db->transaction([&] { return insert(2); }); // fails, and is ignored
            auto after = insert(50);
            if (after)
                return Error{ErrorCode::Internal, QStringLiteral("ran after a failure")};
            return {}; // claims success
        });
        if (op)
            return Error{ErrorCode::Internal, QStringLiteral("a swallowed failure was committed")};
        if (!op.errorMessage().contains(QStringLiteral("earlier step")))
            return Error{ErrorCode::Internal, QStringLiteral("unexpected: ") + op.errorMessage()};
        return insert(60);
    });
    QVERIFY2(bool(r), qPrintable(r.errorMessage()));
    QCOMPARE(values(), (QList<int>{1, 2, 3, 10, 20, 30, 60}));
}

void TstDatabase::workerThreadsOneAfterAnother()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("does not belong")));
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY2(db, qPrintable(db.errorMessage()));
    QVERIFY((*db)->exec(QStringLiteral("CREATE TABLE t(x INTEGER)")));
    // The C library reuses a finished thread's id for the next thread; each worker must still
    // get a working connection of its own.
    for (int i = 0; i < 5; ++i) {
        QString error;
        QThread *worker = QThread::create([&] {
            auto r = (*db)->exec(QStringLiteral("INSERT INTO t(x) VALUES (?)"), {i});
            if (!r)
                error = r.errorMessage();
        });
        worker->start();
        QVERIFY(worker->wait(10000));
        delete worker;
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM t"))->toInt(), 5);
}

// A long-running client starts jobs on threads all day: each job's connection (and its page
// cache) must go with its thread, not stay open until the database is closed.
void TstDatabase::endedThreadsCloseTheirConnections()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("still in use|does not belong")));
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("t.sqlite")));
    QVERIFY2(db, qPrintable(db.errorMessage()));
    const int before = int(QSqlDatabase::connectionNames().size());
    QCOMPARE((*db)->connectionCount(), 1);
    for (int round = 0; round < 3; ++round) {
        QList<QThread *> workers;
        for (int i = 0; i < 4; ++i) {
            workers << QThread::create([&] {
                (void)(*db)->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master"));
                (void)(*db)->transaction([&]() -> Result<void> { return {}; });
            });
            workers.last()->start();
        }
        for (QThread *w : std::as_const(workers)) {
            QVERIFY(w->wait(10000));
            delete w;
        }
        QCOMPARE((*db)->connectionCount(), 1);
        QCOMPARE(int(QSqlDatabase::connectionNames().size()), before);
    }
    // The database still works on this thread, and a thread that outlives it ends cleanly.
    QCOMPARE((*db)->scalar(QStringLiteral("SELECT 1"))->toInt(), 1);
    QThread *late = QThread::create([&] {
        (void)(*db)->scalar(QStringLiteral("SELECT 1"));
        QThread::msleep(200);
    });
    late->start();
    QThread::msleep(50);
    db->reset();
    QVERIFY(late->wait(10000));
    delete late;
}

QTEST_GUILESS_MAIN(TstDatabase)
#include "tst_database.moc"
