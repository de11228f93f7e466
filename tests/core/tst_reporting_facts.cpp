// SPDX-License-Identifier: GPL-3.0-or-later
// Reporting facts: one ticket's measurements, computed by hand. Business hours are Mon-Fri
// 09:00-18:00 in Asia/Seoul (UTC+9); report days are Seoul dates.
#include "core/reporting/facts.h"
#include "core/reporting/reportquery.h"
#include "core/reporting/spikes.h"

#include <QTest>

using namespace hd;
using namespace hd::reporting;

namespace {
const QTimeZone kSeoul("Asia/Seoul");

qint64 kst(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2025, month, day), QTime(hour, minute), kSeoul).toMSecsSinceEpoch();
}

qint64 dayOf(int month, int day)
{
    return DayMapper::dayOfDate(QDate(2025, month, day));
}

SlaPolicy businessPolicy()
{
    SlaPolicy p(QStringLiteral("biz"), QStringLiteral("Business"),
                BusinessCalendar::standard(kSeoul));
    p.setTargets(SlaPriority::Urgent, {3600, 4 * 3600});
    p.setTargets(SlaPriority::Normal, {8 * 3600, 24 * 3600});
    return p;
}

FactsInput::StatusChange change(qint64 at, const char *from, const char *to)
{
    return {at, QString::fromLatin1(from), QString::fromLatin1(to)};
}

/// Created Friday 2025-01-10 17:00, answered Monday 10:00, pending Monday 11:00-15:00, solved
/// Tuesday 12:00.
FactsInput weekendTicket()
{
    FactsInput in;
    in.ticketId = 1;
    in.createdAt = kst(1, 10, 17);
    in.firstResponseAt = kst(1, 13, 10);
    in.priority = Priority::Normal;
    in.assigneeId = 7;
    in.categoryId = 3;
    in.tags = {QStringLiteral("vip")};
    in.csat = 5;
    in.status = TicketStatus::Solved;
    in.statusChanges = {change(kst(1, 10, 17, 30), "new", "assigned"),
                        change(kst(1, 13, 11), "assigned", "pending"),
                        change(kst(1, 13, 15), "pending", "assigned"),
                        change(kst(1, 14, 12), "assigned", "solved")};
    return in;
}
} // namespace

class TestReportingFacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstResponseAndResolutionAcrossWeekendAndPause()
    {
        const TicketFacts f = computeFacts(weekendTicket(), businessPolicy(), DayMapper(kSeoul));
        QCOMPARE(f.createdDay, dayOf(1, 10));
        // Fri 17:00 -> Mon 10:00 = 65 h; business: Fri 17-18 + Mon 9-10 = 2 h.
        QCOMPARE(f.frDay, dayOf(1, 13));
        QCOMPARE(f.frtSecs, 65 * 3600);
        QCOMPARE(f.frtBsecs, 2 * 3600);
        QCOMPARE(f.frtSlaMet, true); // 2 h <= 8 h
        // Fri 17:00 -> Tue 12:00 = 91 h, minus 4 h pending = 87 h;
        // business: Fri 1 h + Mon (9 h - 4 h pending) + Tue 9-12 3 h = 9 h.
        QCOMPARE(f.resolvedDay, dayOf(1, 14));
        QCOMPARE(f.resSecs, 87 * 3600);
        QCOMPARE(f.resBsecs, 9 * 3600);
        QCOMPARE(f.resSlaMet, true);
        QCOMPARE(f.solveDays, QList<qint64>{dayOf(1, 14)});
        QCOMPARE(f.reopens(), 0);
        QCOMPARE(f.csat, 5);
    }

    void reopenCountsAndLastResolution()
    {
        FactsInput in = weekendTicket();
        in.statusChanges << change(kst(1, 15, 10), "solved", "assigned")
                         << change(kst(1, 15, 16), "assigned", "solved");
        const TicketFacts f = computeFacts(in, businessPolicy(), DayMapper(kSeoul));
        QCOMPARE(f.solveDays, (QList<qint64>{dayOf(1, 14), dayOf(1, 15)}));
        QCOMPARE(f.reopenDays, QList<qint64>{dayOf(1, 15)});
        QCOMPARE(f.reopens(), 1);
        QCOMPARE(f.resolvedDay, dayOf(1, 15));
        // Fri 17:00 -> Wed 16:00 = 119 h - 4 h pending = 115 h; the solved stretch counts.
        QCOMPARE(f.resSecs, 115 * 3600);
        // Fri 1 + Mon 5 + Tue 9 + Wed 9-16 7 = 22 h, within 24 h.
        QCOMPARE(f.resBsecs, 22 * 3600);
        QCOMPARE(f.resSlaMet, true);

        // Reopened and still open: no resolution.
        in.statusChanges.removeLast();
        const TicketFacts open = computeFacts(in, businessPolicy(), DayMapper(kSeoul));
        QVERIFY(!open.resolvedDay);
        QVERIFY(!open.resSecs);
        QCOMPARE(open.solveDays.size(), 1);
        QCOMPARE(open.reopens(), 1);
    }

    void breachAndOutbound()
    {
        FactsInput in;
        in.createdAt = kst(1, 13, 9);
        in.firstResponseAt = kst(1, 13, 11);
        in.priority = Priority::Urgent;
        TicketFacts f = computeFacts(in, businessPolicy(), DayMapper(kSeoul));
        QCOMPARE(f.frtBsecs, 7200);
        QCOMPARE(f.frtSlaMet, false); // urgent: 1 h

        in.priority = Priority::Low; // no targets for low in this policy
        f = computeFacts(in, businessPolicy(), DayMapper(kSeoul));
        QVERIFY(!f.frtSlaMet);
        QCOMPARE(f.frtSecs, 7200);

        in.direction = Direction::Outbound; // the agent wrote first: no first-response time
        f = computeFacts(in, businessPolicy(), DayMapper(kSeoul));
        QVERIFY(!f.frDay);
        QVERIFY(!f.frtSecs);
    }

    void daysFollowTheReportTimeZone()
    {
        // 2025-01-13 23:30 UTC is 2025-01-14 08:30 in Seoul.
        const qint64 at
            = QDateTime(QDate(2025, 1, 13), QTime(23, 30), QTimeZone::utc()).toMSecsSinceEpoch();
        QCOMPARE(DayMapper(kSeoul).day(at), dayOf(1, 14));
        QCOMPARE(DayMapper(QTimeZone::utc()).day(at), dayOf(1, 13));
        const QTimeZone ny("America/New_York");
        QCOMPARE(DayMapper(ny).day(at), dayOf(1, 13)); // 18:30 the day before
        QCOMPARE(DayMapper::dateOfDay(0), QDate(1970, 1, 1));
        QCOMPARE(DayMapper(QTimeZone::utc()).day(-1), -1); // 1969-12-31 23:59:59.999
    }

    void contributionsPerDay()
    {
        FactsInput in = weekendTicket();
        in.statusChanges << change(kst(1, 15, 10), "solved", "assigned")
                         << change(kst(1, 15, 16), "assigned", "solved");
        const TicketFacts f = computeFacts(in, businessPolicy(), DayMapper(kSeoul));
        const QList<DayContribution> parts = contributions(f);
        QCOMPARE(parts.size(), 4); // created Fri, first response Mon, solved Tue, Wed
        auto on = [&](qint64 day) {
            for (const DayContribution &c : parts)
                if (c.day == day)
                    return c.counters;
            return Counters{};
        };
        QCOMPARE(on(dayOf(1, 10))[Created], 1);
        QCOMPARE(on(dayOf(1, 13))[FrtN], 1);
        QCOMPARE(on(dayOf(1, 13))[FrtSum], 65 * 3600);
        QCOMPARE(on(dayOf(1, 13))[FrtSlaMet], 1);
        QCOMPARE(on(dayOf(1, 14))[Solved], 1);
        QCOMPARE(on(dayOf(1, 14))[ResN], 0); // the last resolution counts, on Wednesday
        const Counters wed = on(dayOf(1, 15));
        QCOMPARE(wed[Solved], 1);
        QCOMPARE(wed[Reopened], 1);
        QCOMPARE(wed[ResN], 1);
        QCOMPARE(wed[ResBsum], 22 * 3600);
        QCOMPARE(wed[ResReopened], 1);
        QCOMPARE(wed[CsatSent], 1);
        QCOMPARE(wed[CsatN], 1);
        QCOMPARE(wed[CsatSum], 5);
        QCOMPARE(wed[CsatGood], 1);

        TicketFacts merged = f;
        merged.merged = true;
        QVERIFY(contributions(merged).isEmpty());
    }

    void nearestRankPercentiles()
    {
        const QList<qint64> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        QCOMPARE(nearestRank(ten, 50), 5);
        QCOMPARE(nearestRank(ten, 90), 9);
        QCOMPARE(nearestRank(ten, 100), 10);
        QCOMPARE(nearestRank({1, 2, 3, 4}, 50), 2);
        QCOMPARE(nearestRank({1, 2, 3, 4}, 90), 4);
        QCOMPARE(nearestRank({7}, 50), 7);
        QCOMPARE(nearestRank({}, 50), 0);
    }

    void bucketsByWeekAndMonth()
    {
        ReportQuery q{QDate(2025, 1, 1), QDate(2025, 1, 20), Granularity::Week, {}};
        const QList<Bucket> weeks = buckets(q);
        QCOMPARE(weeks.size(), 4);
        QCOMPARE(weeks[0], (Bucket{QDate(2025, 1, 1), QDate(2025, 1, 5)}));
        QCOMPARE(weeks[1], (Bucket{QDate(2025, 1, 6), QDate(2025, 1, 12)}));
        QCOMPARE(weeks[3], (Bucket{QDate(2025, 1, 20), QDate(2025, 1, 20)}));
        q = {QDate(2025, 1, 15), QDate(2025, 3, 2), Granularity::Month, {}};
        const QList<Bucket> months = buckets(q);
        QCOMPARE(months.size(), 3);
        QCOMPARE(months[0], (Bucket{QDate(2025, 1, 15), QDate(2025, 1, 31)}));
        QCOMPARE(months[1], (Bucket{QDate(2025, 2, 1), QDate(2025, 2, 28)}));
        QCOMPARE(months[2], (Bucket{QDate(2025, 3, 1), QDate(2025, 3, 2)}));
        QCOMPARE(q.previous().from, QDate(2024, 11, 29)); // 47 days before
        QCOMPARE(q.previous().to, QDate(2025, 1, 14));
    }

    void ewmaBaselineByHand()
    {
        Baseline b = ewmaBaseline({10, 10, 10}, 0.3);
        QCOMPARE(b.expected, 10.0);
        QCOMPARE(b.sigma, std::sqrt(10.0)); // Poisson floor
        b = ewmaBaseline({10, 20}, 0.5);
        QCOMPARE(b.expected, 15.0); // 10 + 0.5 * 10
        QCOMPARE(b.sigma, 5.0); // variance 0.5 * (0 + 0.5 * 100) = 25
    }
};

QTEST_GUILESS_MAIN(TestReportingFacts)
#include "tst_reporting_facts.moc"
