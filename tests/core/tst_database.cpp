// SPDX-License-Identifier: GPL-3.0-or-later
// Database: one connection per thread, also for threads that come and go.
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
};

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
