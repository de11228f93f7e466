// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/clock.h"

#include <QTest>

class TestClock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void systemClockIsUtcAndMoves()
    {
        hd::SystemClock clock;
        const QDateTime a = clock.now();
        QCOMPARE(a.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(a.secsTo(QDateTime::currentDateTimeUtc())) < 5);
    }

    void manualClockOnlyMovesWhenTold()
    {
        const QDateTime start(QDate(2024, 3, 9), QTime(23, 30), QTimeZone::utc());
        hd::ManualClock clock(start);
        QCOMPARE(clock.now(), start);
        QCOMPARE(clock.now(), start);
        clock.advanceSecs(3600);
        QCOMPARE(clock.now(), start.addSecs(3600));
        clock.advanceMSecs(-500);
        QCOMPARE(clock.now(), start.addSecs(3600).addMSecs(-500));
    }

    void manualClockNormalisesToUtc()
    {
        hd::ManualClock clock;
        const QDateTime seoul(QDate(2025, 1, 1), QTime(9, 0), QTimeZone("Asia/Seoul"));
        clock.set(seoul);
        QCOMPARE(clock.now().timeSpec(), Qt::UTC);
        QCOMPARE(clock.now().time(), QTime(0, 0));
        QCOMPARE(clock.now(), seoul);
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
