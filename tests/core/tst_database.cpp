// SPDX-License-Identifier: GPL-3.0-or-later
// Database: one connection per thread, also for threads that come and go.
#include "core/storage/database.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hd;

class TstDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workerThreadsOneAfterAnother();
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

QTEST_GUILESS_MAIN(TstDatabase)
#include "tst_database.moc"
