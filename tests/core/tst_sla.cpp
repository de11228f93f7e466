// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/businesscalendar.h"
#include "core/domain/sla.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

// Every expected value below is worked out by hand in the row's comment. Offsets used:
// Seoul KST = UTC+9 all year, so 09:00-18:00 KST = 00:00-09:00Z. New York EST = UTC-5 until
// 2025-03-09 02:00 and from 2025-11-02 02:00 (EDT = UTC-4 between). Berlin CET = UTC+1, CEST =
// UTC+2 from 2025-03-30 to 2025-10-26. 2025-01-06, 03-10, 11-03 are Mondays.

using hd::BusinessCalendar;
using hd::SlaClockStatus;
using hd::WorkInterval;

namespace {

QDateTime Z(int y, int mo, int d, int h, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc());
}

QDateTime T(int mo, int d, int h, int mi = 0, int s = 0) // in 2025, UTC
{
    return Z(2025, mo, d, h, mi, s);
}

BusinessCalendar calendarNamed(const QString &name)
{
    if (name == "always")
        return BusinessCalendar::always();
    if (name == "seoul") { // Mon-Fri 09-18 KST; Seollal 01-28..30 and 03-03 off
        BusinessCalendar c = BusinessCalendar::standard(QTimeZone("Asia/Seoul"));
        c.setHolidays(
            {QDate(2025, 1, 28), QDate(2025, 1, 29), QDate(2025, 1, 30), QDate(2025, 3, 3)});
        return c;
    }
    if (name == "lunch") { // Mon-Fri 09-12, 13-18 KST = 00-03Z, 04-09Z
        BusinessCalendar c(QTimeZone("Asia/Seoul"));
        [[maybe_unused]] const auto r
            = c.setWeekdayHours({WorkInterval::hm(13, 0, 18, 0), WorkInterval::hm(9, 0, 12, 0)});
        return c;
    }
    if (name == "ny") { // Mon-Fri 09-17 local
        BusinessCalendar c(QTimeZone("America/New_York"));
        [[maybe_unused]] const auto r = c.setWeekdayHours({WorkInterval::hm(9, 0, 17, 0)});
        return c;
    }
    if (name == "ny247") { // every day 00:00-24:00 local
        BusinessCalendar c(QTimeZone("America/New_York"));
        [[maybe_unused]] const auto r = c.setAllDaysHours({WorkInterval::hm(0, 0, 24, 0)});
        return c;
    }
    if (name == "nyNight" || name == "nyGap") { // Sundays only: 00:00-06:00 or 02:30-04:00
        BusinessCalendar c(QTimeZone("America/New_York"));
        const WorkInterval iv
            = name == "nyNight" ? WorkInterval::hm(0, 0, 6, 0) : WorkInterval::hm(2, 30, 4, 0);
        [[maybe_unused]] const auto r = c.setHours(Qt::Sunday, {iv});
        return c;
    }
    if (name == "berlin")
        return BusinessCalendar::standard(QTimeZone("Europe/Berlin"));
    qFatal("unknown calendar %s", qPrintable(name));
}

hd::SlaPolicy policyNamed(const QString &name)
{
    if (name == "calendarTime") { // 24/7: urgent first response 1h
        hd::SlaPolicy p(QStringLiteral("cal"), QStringLiteral("Calendar time"),
                        calendarNamed("seoul"));
        p.setUsesCalendarTime(true);
        p.setTargets(hd::SlaPriority::Urgent, {3600, 14400});
        return p;
    }
    // "seoul" / "ny": first response / resolution per priority, in business seconds.
    hd::SlaPolicy p(name, QStringLiteral("Standard"), calendarNamed(name));
    p.setTargets(hd::SlaPriority::Urgent, {3600, 14400}); // 1h / 4h
    p.setTargets(hd::SlaPriority::High, {7200, 32400}); // 2h / 9h
    p.setTargets(hd::SlaPriority::Normal, {14400, 97200}); // 4h / 27h
    p.setTargets(hd::SlaPriority::Low, {std::nullopt, 0}); // none / zero
    return p;
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// "MM-dd hh:mm/MM-dd hh:mm;MM-dd hh:mm/" in 2025, UTC; an empty end = still paused
QList<hd::SlaPause> parsePauses(const QString &spec)
{
    const auto at = [](const QString &text) {
        QDateTime t = QDateTime::fromString("2025-" + text, "yyyy-MM-dd hh:mm");
        t.setTimeZone(QTimeZone::utc());
        return text.isEmpty() ? QDateTime() : t;
    };
    QList<hd::SlaPause> pauses;
    for (const QString &one : spec.split(';', Qt::SkipEmptyParts)) {
        const QStringList parts = one.split('/');
        pauses.append({at(parts.value(0)), at(parts.value(1))});
    }
    return pauses;
}

} // namespace

class TestSla : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addBusinessSeconds_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<QDateTime>("start");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QDateTime>("expected");
        // Mon 10:00 KST + 2h = 12:00 KST = 03:00Z
        QTest::newRow("same day") << "seoul" << T(1, 6, 1) << 7200LL << T(1, 6, 3);
        // Mon 17:00 KST: 1h to 18:00, 1h from Tue 09:00 -> Tue 10:00 KST = Tue 01:00Z
        QTest::newRow("across night") << "seoul" << T(1, 6, 8) << 7200LL << T(1, 7, 1);
        // Mon 09:00 + 9h ends at closing 18:00 KST = 09:00Z (not Tue's opening)
        QTest::newRow("ends at closing") << "seoul" << T(1, 6, 0) << 32400LL << T(1, 6, 9);
        // Fri 16:00 KST: 2h Fri, then Mon 13th 09:00 + 2h = 11:00 KST = 02:00Z
        QTest::newRow("across weekend") << "seoul" << T(1, 10, 7) << 14400LL << T(1, 13, 2);
        // Sat 12:00 KST: counting starts Mon 09:00, + 1h = 10:00 KST = 01:00Z
        QTest::newRow("start on Saturday") << "seoul" << T(1, 11, 3) << 3600LL << T(1, 13, 1);
        // Tue 07:30 KST (Mon 22:30Z): starts 09:00, + 30m = 09:30 KST = Tue 00:30Z
        QTest::newRow("start before opening")
            << "seoul" << T(1, 6, 22, 30) << 1800LL << T(1, 7, 0, 30);
        // Mon 18:00 KST exactly (closed): Tue 09:00 + 1h = 01:00Z
        QTest::newRow("start at closing") << "seoul" << T(1, 6, 9) << 3600LL << T(1, 7, 1);
        // Mon 09:00 KST exactly: + 1s = 00:00:01Z
        QTest::newRow("start at opening") << "seoul" << T(1, 6, 0) << 1LL << T(1, 6, 0, 0, 1);
        // Zero inside hours: the start itself
        QTest::newRow("zero in hours") << "seoul" << T(1, 8, 2) << 0LL << T(1, 8, 2);
        // Zero on Saturday: next opening Mon 09:00 KST = 00:00Z
        QTest::newRow("zero on weekend") << "seoul" << T(1, 11, 3) << 0LL << T(1, 13, 0);
        // Zero at closing: next opening Tue 09:00 KST
        QTest::newRow("zero at closing") << "seoul" << T(1, 6, 9) << 0LL << T(1, 7, 0);
        // Negative counts as zero
        QTest::newRow("negative") << "seoul" << T(1, 8, 2) << -60LL << T(1, 8, 2);
        // Mon 27th 17:00 KST: 1h Mon, Tue-Thu holidays, Fri 31st 09:00 + 1h = 01:00Z
        QTest::newRow("holidays") << "seoul" << T(1, 27, 8) << 7200LL << T(1, 31, 1);
        // Fri 02-28 17:00 KST: 1h Fri, weekend, Mon 03-03 holiday, Tue 09:00 + 2h = 02:00Z
        QTest::newRow("holiday Monday") << "seoul" << T(2, 28, 8) << 10800LL << T(3, 4, 2);
        // 52 weeks x 45h = 8424000s from Mon 01-06 09:00: plain weeks end Fri 2026-01-02
        // (01-06 + 364d - 3d); 4 holidays push 4 working days: Mon 5 .. Thu 8 Jan 2026, 18:00
        QTest::newRow("a year with holidays")
            << "seoul" << T(1, 6, 0) << 8424000LL << Z(2026, 1, 8, 9);
        // Lunch 12-13: Mon 11:00 KST: 1h to 12:00, resume 13:00 + 1h = 14:00 KST = 05:00Z
        QTest::newRow("lunch: over the break") << "lunch" << T(1, 6, 2) << 7200LL << T(1, 6, 5);
        // Mon 11:00 + 1h ends exactly at the break: 12:00 KST = 03:00Z
        QTest::newRow("lunch: ends at break") << "lunch" << T(1, 6, 2) << 3600LL << T(1, 6, 3);
        // 12:30 KST in the break: 13:00 + 30m = 13:30 KST = 04:30Z
        QTest::newRow("lunch: start in break")
            << "lunch" << T(1, 6, 3, 30) << 1800LL << T(1, 6, 4, 30);
        // 09:00 + 8h (3h + 5h) = 18:00 KST = 09:00Z
        QTest::newRow("lunch: whole day") << "lunch" << T(1, 6, 0) << 28800LL << T(1, 6, 9);
        // NY Fri 03-07 16:00 EST = 21:00Z: 1h Fri; Mon 03-10 09:00 EDT (13:00Z) + 1h = 14:00Z
        QTest::newRow("NY spring forward") << "ny" << T(3, 7, 21) << 7200LL << T(3, 10, 14);
        // NY Fri 10-31 16:00 EDT = 20:00Z: 1h Fri; Mon 11-03 09:00 EST (14:00Z) + 1h = 15:00Z
        QTest::newRow("NY fall back") << "ny" << T(10, 31, 20) << 7200LL << T(11, 3, 15);
        // Thu 03-06 09:00 EST (14:00Z) + 17h: 8h Thu, 8h Fri, Mon 09:00 EDT + 1h = 14:00Z
        QTest::newRow("NY three days") << "ny" << T(3, 6, 14) << 61200LL << T(3, 10, 14);
        // 24/7 local: Sat 12:00 EST (17:00Z) + 24h of real time = Sun 17:00Z (13:00 EDT)
        QTest::newRow("NY 24/7 spring") << "ny247" << T(3, 8, 17) << 86400LL << T(3, 9, 17);
        // 24/7 local: Sat 11-01 12:00 EDT (16:00Z) + 24h = Sun 16:00Z (11:00 EST)
        QTest::newRow("NY 24/7 fall") << "ny247" << T(11, 1, 16) << 86400LL << T(11, 2, 16);
        // Sun 03-09 00:00-06:00 local has no 02:00-03:00: 05:00Z .. 06:00 EDT = 10:00Z (5h)
        QTest::newRow("NY night, spring") << "nyNight" << T(3, 9, 5) << 18000LL << T(3, 9, 10);
        // Sun 11-02 00:00 EDT (04:00Z) .. 06:00 EST (11:00Z) is 7 real hours
        QTest::newRow("NY night, fall") << "nyNight" << T(11, 2, 4) << 25200LL << T(11, 2, 11);
        // 02:30-04:00 on 03-09: 02:30 is skipped -> opens 03:00 EDT = 07:00Z, 04:00 EDT = 08:00Z
        QTest::newRow("NY gap window") << "nyGap" << T(3, 9, 6) << 3600LL << T(3, 9, 8);
        // ... 1h used up, next Sunday 03-16 02:30 EDT = 06:30Z, + 1s
        QTest::newRow("NY gap, next week") << "nyGap" << T(3, 9, 6) << 3601LL << T(3, 16, 6, 30, 1);
        // Berlin Fri 03-28 17:00 CET (16:00Z): 1h; Mon 03-31 09:00 CEST (07:00Z) + 1h = 08:00Z
        QTest::newRow("Berlin spring") << "berlin" << T(3, 28, 16) << 7200LL << T(3, 31, 8);
        // Berlin Fri 10-24 17:00 CEST (15:00Z): 1h; Mon 10-27 09:00 CET (08:00Z) + 1h = 09:00Z
        QTest::newRow("Berlin autumn") << "berlin" << T(10, 24, 15) << 7200LL << T(10, 27, 9);
        // 52 x 45h from Mon 01-06 09:00 CET: Fri 2026-01-02 18:00 CET = 17:00Z (2 DST changes)
        QTest::newRow("Berlin a year") << "berlin" << T(1, 6, 8) << 8424000LL << Z(2026, 1, 2, 17);
        // always: 100000s = 1d 3h 46m 40s
        QTest::newRow("always") << "always" << T(1, 11, 3) << 100000LL << T(1, 12, 6, 46, 40);
    }
    void addBusinessSeconds()
    {
        QFETCH(QString, calendar);
        QFETCH(QDateTime, start);
        QFETCH(qint64, seconds);
        QFETCH(QDateTime, expected);
        const QDateTime due = calendarNamed(calendar).addBusinessSeconds(start, seconds);
        QCOMPARE(due, expected);
        QCOMPARE(due.timeSpec(), Qt::UTC);
    }

    void businessSecondsBetween_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<QDateTime>("a");
        QTest::addColumn<QDateTime>("b");
        QTest::addColumn<qint64>("expected");
        // Mon 10:00-12:00 KST
        QTest::newRow("same day") << "seoul" << T(1, 6, 1) << T(1, 6, 3) << 7200LL;
        QTest::newRow("reversed") << "seoul" << T(1, 6, 3) << T(1, 6, 1) << 0LL;
        QTest::newRow("empty") << "seoul" << T(1, 6, 3) << T(1, 6, 3) << 0LL;
        // Fri 16:00-18:00 KST + Mon 09:00-11:00 KST = 4h
        QTest::newRow("weekend") << "seoul" << T(1, 10, 7) << T(1, 13, 2) << 14400LL;
        // Mon 09:00 to next Mon 09:00: 5 x 9h = 45h
        QTest::newRow("whole week") << "seoul" << T(1, 6, 0) << T(1, 13, 0) << 162000LL;
        // Seollal week: only Mon 27th and Fri 31st work: 18h
        QTest::newRow("holiday week") << "seoul" << T(1, 27, 0) << T(2, 3, 0) << 64800LL;
        // 11:30-13:30 KST with lunch 12-13: 30m + 30m
        QTest::newRow("lunch") << "lunch" << T(1, 6, 2, 30) << T(1, 6, 4, 30) << 3600LL;
        // Fri 16:00 EST .. Mon 10:00 EDT: 1h + 1h
        QTest::newRow("NY spring") << "ny" << T(3, 7, 21) << T(3, 10, 14) << 7200LL;
        // Fri 16:00 EDT .. Mon 10:00 EST: 1h + 1h
        QTest::newRow("NY fall") << "ny" << T(10, 31, 20) << T(11, 3, 15) << 7200LL;
        // Sunday 00:00-06:00 local on the spring day is 5 real hours
        QTest::newRow("NY night spring") << "nyNight" << T(3, 8, 0) << T(3, 10, 0) << 18000LL;
        // ... and 7 real hours on the fall-back day
        QTest::newRow("NY night fall") << "nyNight" << T(11, 1, 0) << T(11, 3, 0) << 25200LL;
        // The whole local day 03-09 (00:00 EST = 05:00Z to 00:00 EDT 03-10 = 04:00Z) is 23h
        QTest::newRow("NY 24/7 short day") << "ny247" << T(3, 9, 5) << T(3, 10, 4) << 82800LL;
        // 52 weeks x 45h, across both Berlin transitions
        QTest::newRow("Berlin a year") << "berlin" << T(1, 6, 8) << Z(2026, 1, 2, 17) << 8424000LL;
    }
    void businessSecondsBetween()
    {
        QFETCH(QString, calendar);
        QFETCH(QDateTime, a);
        QFETCH(QDateTime, b);
        QFETCH(qint64, expected);
        QCOMPARE(calendarNamed(calendar).businessSecondsBetween(a, b), expected);
    }

    void isBusinessTime_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<QDateTime>("t");
        QTest::addColumn<bool>("business");
        QTest::addColumn<QDateTime>("nextStart");
        // Mon 09:00 KST opening is business time
        QTest::newRow("at opening") << "seoul" << T(1, 6, 0) << true << T(1, 6, 0);
        // Mon 17:59:59 KST
        QTest::newRow("last second") << "seoul" << T(1, 6, 8, 59, 59) << true << T(1, 6, 8, 59, 59);
        // Mon 18:00 KST closing is not; next Tue 09:00 KST
        QTest::newRow("at closing") << "seoul" << T(1, 6, 9) << false << T(1, 7, 0);
        // Mon 08:59:59 KST (Sun 23:59:59Z)
        QTest::newRow("before opening") << "seoul" << T(1, 5, 23, 59, 59) << false << T(1, 6, 0);
        QTest::newRow("Saturday") << "seoul" << T(1, 11, 3) << false << T(1, 13, 0);
        // Tue 01-28 11:00 KST holiday; Wed, Thu too; next Fri 31st 09:00 KST
        QTest::newRow("holiday") << "seoul" << T(1, 28, 2) << false << T(1, 31, 0);
        // 12:00 KST lunch; back at 13:00 KST = 04:00Z
        QTest::newRow("lunch break") << "lunch" << T(1, 6, 3) << false << T(1, 6, 4);
        // Mon 03-10 09:00 EDT = 13:00Z
        QTest::newRow("NY EDT opening") << "ny" << T(3, 10, 13) << true << T(3, 10, 13);
        // Fri 03-07 08:30 EST = 13:30Z; opens 09:00 EST = 14:00Z
        QTest::newRow("NY EST early") << "ny" << T(3, 7, 13, 30) << false << T(3, 7, 14);
        // Sun 03-09 01:00 EST = 06:00Z; window 02:30 skipped, opens 03:00 EDT = 07:00Z
        QTest::newRow("NY gap") << "nyGap" << T(3, 9, 6) << false << T(3, 9, 7);
        QTest::newRow("always") << "always" << T(1, 11, 3) << true << T(1, 11, 3);
    }
    void isBusinessTime()
    {
        QFETCH(QString, calendar);
        QFETCH(QDateTime, t);
        QFETCH(bool, business);
        QFETCH(QDateTime, nextStart);
        const BusinessCalendar cal = calendarNamed(calendar);
        QCOMPARE(cal.isBusinessTime(t), business);
        QCOMPARE(cal.nextBusinessStart(t), nextStart);
    }

    void noHoursNeverOpens()
    {
        const BusinessCalendar cal;
        QVERIFY(!cal.isBusinessTime(T(1, 6, 1)));
        QVERIFY(!cal.nextBusinessStart(T(1, 6, 1)).isValid());
        QVERIFY(!cal.addBusinessSeconds(T(1, 6, 1), 60).isValid());
        QCOMPARE(cal.businessSecondsBetween(T(1, 6, 1), T(2, 6, 1)), 0LL);
        // Invalid instants: null results, no business time
        const BusinessCalendar seoul = calendarNamed("seoul");
        QVERIFY(!seoul.addBusinessSeconds(QDateTime(), 60).isValid());
        QVERIFY(!seoul.isBusinessTime(QDateTime()));
        QCOMPARE(seoul.businessSecondsBetween(QDateTime(), T(1, 6, 1)), 0LL);
    }

    // Invariants, no hand values: whole-week skipping agrees with summing day by day, and
    // add/between are inverse. Fixed pseudo-random spans across a year of DST changes.
    void addAndBetweenAgree_data()
    {
        QTest::addColumn<QString>("calendar");
        for (const char *name : {"seoul", "lunch", "ny", "ny247", "nyNight", "berlin"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void addAndBetweenAgree()
    {
        QFETCH(QString, calendar);
        const BusinessCalendar cal = calendarNamed(calendar);
        QRandomGenerator rng(20250309);
        for (int i = 0; i < 40; ++i) {
            const QDateTime a = T(1, 1, 0).addSecs(rng.bounded(300 * 86400));
            const QDateTime b = a.addSecs(rng.bounded(60 * 86400));
            qint64 byDay = 0;
            for (QDateTime t = a; t < b; t = t.addSecs(86400))
                byDay += cal.businessMSecsBetween(t, std::min(t.addSecs(86400), b));
            QCOMPARE(cal.businessMSecsBetween(a, b), byDay);
            const qint64 secs = 1 + rng.bounded(2000000);
            const QDateTime due = cal.addBusinessSeconds(a, secs);
            QCOMPARE(cal.businessSecondsBetween(a, due), secs);
            QVERIFY(cal.businessSecondsBetween(a, due.addSecs(-1)) < secs); // earliest
        }
    }

    void jsonRoundTrip_data()
    {
        QTest::addColumn<QString>("calendar");
        for (const char *name : {"seoul", "lunch", "ny247", "nyGap", "always"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void jsonRoundTrip()
    {
        QFETCH(QString, calendar);
        const BusinessCalendar cal = calendarNamed(calendar);
        const auto back = BusinessCalendar::fromJson(cal.toJson());
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QVERIFY(*back == cal);
        QCOMPARE(back->toJson(), cal.toJson());
    }

    void jsonFormat()
    {
        // Written by hand: the lunch calendar sorted by start, the 24:00 end of ny247.
        QCOMPARE(calendarNamed("lunch").toJson().value("hours").toObject().value("fri"),
                 QJsonValue(QJsonArray{"09:00-12:00", "13:00-18:00"}));
        QCOMPARE(calendarNamed("ny247").toJson().value("hours").toObject().value("sun"),
                 QJsonValue(QJsonArray{"00:00-24:00"}));
        QCOMPARE(calendarNamed("seoul").toJson().value("timeZone").toString(), "Asia/Seoul");
        QCOMPARE(calendarNamed("seoul").toJson().value("holidays").toArray().first().toString(),
                 "2025-01-28");
        const auto cal = BusinessCalendar::fromJson(parse(
            R"({"timeZone":"Europe/Berlin","hours":{"sat":["12:00-15:00","09:00-12:00"]},
                "holidays":["2025-12-25","2025-12-25"]})"));
        QVERIFY2(cal.ok(), qPrintable(cal.errorMessage()));
        QCOMPARE(cal->hours(Qt::Saturday).size(), 2); // touching intervals are fine
        QCOMPARE(cal->hours(Qt::Monday).size(), 0);
        QCOMPARE(cal->holidays(), QList<QDate>{QDate(2025, 12, 25)}); // duplicates dropped
        QCOMPARE(cal->weeklyBusinessSeconds(), qint64(6 * 3600));
    }

    void jsonErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no zone") << R"({"hours":{}})"
                                 << "time zone";
        QTest::newRow("unknown zone") << R"({"timeZone":"Asia/Nowhere"})"
                                      << "Asia/Nowhere";
        QTest::newRow("H:mm") << R"({"timeZone":"UTC","hours":{"mon":["9:00-18:00"]}})"
                              << "HH:mm-HH:mm";
        QTest::newRow("not a string") << R"({"timeZone":"UTC","hours":{"mon":[900]}})"
                                      << "HH:mm-HH:mm";
        QTest::newRow("hour 25") << R"({"timeZone":"UTC","hours":{"mon":["09:00-25:00"]}})"
                                 << "not a valid time";
        QTest::newRow("minute 60") << R"({"timeZone":"UTC","hours":{"tue":["09:60-18:00"]}})"
                                   << "not a valid time";
        QTest::newRow("24:30") << R"({"timeZone":"UTC","hours":{"tue":["09:00-24:30"]}})"
                               << "not a valid time";
        QTest::newRow("end before start") << R"({"timeZone":"UTC","hours":{"wed":["18:00-09:00"]}})"
                                          << "18:00-09:00 ends before it starts";
        QTest::newRow("empty interval") << R"({"timeZone":"UTC","hours":{"wed":["09:00-09:00"]}})"
                                        << "ends before it starts";
        QTest::newRow("overlap")
            << R"({"timeZone":"UTC","hours":{"thu":["09:00-12:00","11:00-13:00"]}})"
            << "09:00-12:00 and 11:00-13:00 overlap";
        QTest::newRow("unknown day") << R"({"timeZone":"UTC","hours":{"monday":["09:00-18:00"]}})"
                                     << "Unknown weekday \"monday\"";
        QTest::newRow("day not a list") << R"({"timeZone":"UTC","hours":{"fri":"09:00-18:00"}})"
                                        << "must be a list";
        QTest::newRow("hours not object") << R"({"timeZone":"UTC","hours":[]})"
                                          << "\"hours\" must be an object";
        QTest::newRow("Feb 30") << R"({"timeZone":"UTC","holidays":["2025-02-30"]})"
                                << "Holiday \"2025-02-30\"";
        QTest::newRow("dd-MM-yyyy") << R"({"timeZone":"UTC","holidays":["25-12-2025"]})"
                                    << "Holiday \"25-12-2025\"";
        QTest::newRow("holidays not list") << R"({"timeZone":"UTC","holidays":"2025-12-25"})"
                                           << "\"holidays\" must be a list";
    }
    void jsonErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, mentions);
        const auto cal
            = BusinessCalendar::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
        QVERIFY(!cal.ok());
        QCOMPARE(cal.errorCode(), hd::ErrorCode::InvalidArgument);
        QVERIFY2(cal.errorMessage().contains(mentions), qPrintable(cal.errorMessage()));
    }

    void setHoursRejectsBadInput()
    {
        BusinessCalendar cal = calendarNamed("lunch");
        const QList<WorkInterval> overlapping{WorkInterval::hm(9, 0, 12, 0),
                                              WorkInterval::hm(10, 0, 11, 0)};
        QVERIFY(!cal.setHours(Qt::Monday, overlapping));
        const QList<WorkInterval> tooLong{WorkInterval{0, 1441}};
        QVERIFY(!cal.setHours(Qt::Monday, tooLong));
        QCOMPARE(cal.hours(Qt::Monday).size(), 2); // unchanged
    }

    void policyRoundTrip_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::newRow("business") << "seoul";
        QTest::newRow("calendar time") << "calendarTime";
    }
    void policyRoundTrip()
    {
        QFETCH(QString, policy);
        const hd::SlaPolicy p = policyNamed(policy);
        const auto back = hd::SlaPolicy::fromJson(p.toJson());
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QVERIFY(*back == p);
        QCOMPARE(back->toJson(), p.toJson());
        // Low has no first-response target: written without it
        QVERIFY(!p.toJson().value("targets").toObject().value("low").toObject().contains(
            "firstResponse"));
    }

    void policyErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mentions");
        const auto withTargets = [](const char *targets) {
            return QString(R"({"id":"p","name":"N","calendar":{"timeZone":"UTC","hours":)"
                           R"({"mon":["09:00-17:00"]}},"targets":)"
                           + QString::fromLatin1(targets) + "}");
        };
        QTest::newRow("no id") << R"({"name":"N","calendarTime":true})"
                               << "no id";
        QTest::newRow("no name") << R"({"id":"p","calendarTime":true})"
                                 << "no name";
        QTest::newRow("no calendar") << R"({"id":"p","name":"N"})"
                                     << "needs a \"calendar\"";
        QTest::newRow("bad calendar")
            << R"({"id":"p","name":"N","calendar":{"timeZone":"Mars/Olympus"}})"
            << "Calendar of SLA policy \"p\": Unknown time zone \"Mars/Olympus\"";
        QTest::newRow("no working hours")
            << R"({"id":"p","name":"N","calendar":{"timeZone":"UTC"}})"
            << "no working hours";
        QTest::newRow("calendarTime string") << R"({"id":"p","name":"N","calendarTime":"yes"})"
                                             << "\"calendarTime\" must be";
        QTest::newRow("unknown priority")
            << withTargets(R"({"critical":{"resolution":60}})") << "unknown priority \"critical\"";
        QTest::newRow("unknown target") << withTargets(R"({"high":{"firstresponse":60}})")
                                        << "unknown target \"firstresponse\"";
        QTest::newRow("negative") << withTargets(R"({"high":{"resolution":-1}})") << "whole number";
        QTest::newRow("fraction") << withTargets(R"({"low":{"resolution":1.5}})") << "whole number";
        QTest::newRow("string target")
            << withTargets(R"({"low":{"resolution":"3600"}})") << "whole number";
        QTest::newRow("too large")
            << withTargets(R"({"low":{"resolution":31622401}})") << "from 0 to 31622400";
    }
    void policyErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, mentions);
        const auto p = hd::SlaPolicy::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
        QVERIFY(!p.ok());
        QCOMPARE(p.errorCode(), hd::ErrorCode::InvalidArgument);
        QVERIFY2(p.errorMessage().contains(mentions), qPrintable(p.errorMessage()));
    }

    void computeSla_data();
    void computeSla();
};

// Seoul policy (business 00:00-09:00Z on weekdays): urgent 1h/4h, high 2h/9h, normal 4h/27h,
// low none/0. Columns: which clock, then the expected state of that clock.
void TestSla::computeSla_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("priority");
    QTest::addColumn<QString>("clock"); // "fr" or "res"
    QTest::addColumn<QDateTime>("created");
    QTest::addColumn<QDateTime>("stop"); // first response or solved
    QTest::addColumn<QString>("pauses");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("elapsed");
    QTest::addColumn<qint64>("remaining");
    QTest::addColumn<QDateTime>("due");
    const int U = int(hd::SlaPriority::Urgent), H = int(hd::SlaPriority::High);
    const int N = int(hd::SlaPriority::Normal), L = int(hd::SlaPriority::Low);
    const int None = int(SlaClockStatus::None), Running = int(SlaClockStatus::Running);
    const int Paused = int(SlaClockStatus::Paused), Met = int(SlaClockStatus::Met);
    const int Breached = int(SlaClockStatus::Breached);
    const QDateTime null;
    // Created Mon 10:00 KST, now 10:30: 30m used of 1h, due 11:00 KST = 02:00Z
    QTest::newRow("fr running") << "seoul" << U << "fr" << T(1, 6, 1) << null << ""
                                << T(1, 6, 1, 30) << Running << 1800LL << 1800LL << T(1, 6, 2);
    // Replied 10:45 KST: 45m, met
    QTest::newRow("fr met") << "seoul" << U << "fr" << T(1, 6, 1) << T(1, 6, 1, 45) << ""
                            << T(1, 6, 5) << Met << 2700LL << 900LL << T(1, 6, 2);
    // Replied exactly at the due time: met
    QTest::newRow("fr met at due") << "seoul" << U << "fr" << T(1, 6, 1) << T(1, 6, 2) << ""
                                   << T(1, 6, 5) << Met << 3600LL << 0LL << T(1, 6, 2);
    // One second late: breached at 02:00Z
    QTest::newRow("fr late by 1s") << "seoul" << U << "fr" << T(1, 6, 1) << T(1, 6, 2, 0, 1) << ""
                                   << T(1, 6, 5) << Breached << 3601LL << -1LL << T(1, 6, 2);
    // No reply, now 12:00 KST: 2h elapsed, breached since 11:00 KST
    QTest::newRow("fr overdue") << "seoul" << U << "fr" << T(1, 6, 1) << null << "" << T(1, 6, 3)
                                << Breached << 7200LL << -3600LL << T(1, 6, 2);
    // Created Fri 17:30 KST, now Sat: 30m used, due Mon 09:30 KST = 00:30Z
    QTest::newRow("fr over weekend")
        << "seoul" << U << "fr" << T(1, 10, 8, 30) << null << "" << T(1, 11, 3) << Running << 1800LL
        << 1800LL << T(1, 13, 0, 30);
    // Created Fri 16:30 KST, due 17:30 KST (08:30Z); reply Sat: only 1.5h counted, but late
    QTest::newRow("fr reply on Saturday")
        << "seoul" << U << "fr" << T(1, 10, 7, 30) << T(1, 11, 3) << "" << T(1, 12, 0) << Breached
        << 5400LL << -1800LL << T(1, 10, 8, 30);
    // Reply before creation (clock skew): zero, met; due 10:00 + 1h KST
    QTest::newRow("fr before creation") << "seoul" << U << "fr" << T(1, 6, 1) << T(1, 6, 0, 30)
                                        << "" << T(1, 6, 5) << Met << 0LL << 3600LL << T(1, 6, 2);
    // Created Fri 14:00 KST, paused Fri 16:00 KST .. Mon 11:00 KST, now Mon 13:00 KST.
    // Counted: Fri 05-07Z (2h) + Mon 02-04Z (2h) = 4h; 9h - 4h = 5h left from Mon 13:00 KST
    // -> 18:00 KST = 09:00Z
    QTest::newRow("res pause over weekend")
        << "seoul" << H << "res" << T(1, 10, 5) << null << "01-10 07:00/01-13 02:00" << T(1, 13, 4)
        << Running << 14400LL << 18000LL << T(1, 13, 9);
    // Same ticket, first response 2h: reached exactly when the pause began (Fri 07:00Z),
    // so breached there; counted 4h by now
    QTest::newRow("fr due at pause start")
        << "seoul" << H << "fr" << T(1, 10, 5) << null << "01-10 07:00/01-13 02:00" << T(1, 13, 4)
        << Breached << 14400LL << -7200LL << T(1, 10, 7);
    // Created Mon 10:00 KST, pending since 12:00 KST, still pending Tue: 2h used, 7h left
    QTest::newRow("res pause open") << "seoul" << H << "res" << T(1, 6, 1) << null << "01-06 03:00/"
                                    << T(1, 7, 5) << Paused << 7200LL << 25200LL << null;
    // First response pauses too (documented choice): normal 4h, 2h used, 2h left, paused
    QTest::newRow("fr pause open") << "seoul" << N << "fr" << T(1, 6, 1) << null << "01-06 03:00/"
                                   << T(1, 7, 5) << Paused << 7200LL << 7200LL << null;
    // Urgent 4h, paused only after 5h (06:00Z): breached at 01:00 + 4h = 05:00Z
    QTest::newRow("res breached then paused")
        << "seoul" << U << "res" << T(1, 6, 1) << null << "01-06 06:00/" << T(1, 7, 5) << Breached
        << 18000LL << -3600LL << T(1, 6, 5);
    // Created Mon 00:00Z; pauses 01-04Z and 02-05Z overlap (union 4h) and Mon 08Z .. Tue 01Z
    // (1h Mon + 1h Tue); now Tue 03:00Z. Business 9h + 3h = 12h - 6h = 6h; 21h left:
    // Tue 03-09Z 6h, Wed 9h, Thu 00:00Z + 6h = 06:00Z
    QTest::newRow("overlapping pauses")
        << "seoul" << N << "res" << T(1, 6, 0) << null
        << "01-06 01:00/01-06 04:00;01-06 08:00/01-07 01:00;01-06 02:00/01-06 05:00" << T(1, 7, 3)
        << Running << 21600LL << 75600LL << T(1, 9, 6);
    // Pause from Sunday to Mon 02:00Z clipped at creation (01:00Z): counted 02-03Z = 1h,
    // 3h left -> 06:00Z
    QTest::newRow("pause before creation")
        << "seoul" << U << "res" << T(1, 6, 1) << null << "01-05 00:00/01-06 02:00" << T(1, 6, 3)
        << Running << 3600LL << 10800LL << T(1, 6, 6);
    // Created 00:00Z, pause 01:00Z .. Tue (ends later) covers now 03:00Z: 1h used of 9h,
    // 8h left, paused
    QTest::newRow("pause covers now")
        << "seoul" << H << "res" << T(1, 6, 0) << null << "01-06 01:00/01-07 00:00" << T(1, 6, 3)
        << Paused << 3600LL << 28800LL << null;
    // A pause that starts after now is ignored: 3h used, due 00:00Z + 9h = 09:00Z
    QTest::newRow("future pause ignored")
        << "seoul" << H << "res" << T(1, 6, 0) << null << "01-06 05:00/01-06 06:00" << T(1, 6, 3)
        << Running << 10800LL << 21600LL << T(1, 6, 9);
    // Solved while pending: counted 00-02Z = 2h, met; due if it had run on from the solve
    // (06:00Z) with 7h left: Mon 06-09Z 3h, Tue 00:00Z + 4h = 04:00Z
    QTest::newRow("solved while paused")
        << "seoul" << H << "res" << T(1, 6, 0) << T(1, 6, 6) << "01-06 02:00/" << T(1, 8, 0) << Met
        << 7200LL << 25200LL << T(1, 7, 4);
    // Solved Wed 05:00Z: Mon 9h + Tue 9h + Wed 5h = 23h of 27h; due Wed 09:00Z
    QTest::newRow("res met") << "seoul" << N << "res" << T(1, 6, 0) << T(1, 8, 5) << ""
                             << T(1, 10, 0) << Met << 82800LL << 14400LL << T(1, 8, 9);
    // Created Mon 01-27 09:00 KST before Seollal; counted Mon 9h, Fri 9h, Mon 02-03 5h = 23h;
    // 27h reached Mon 02-03 18:00 KST = 09:00Z
    QTest::newRow("res over holidays") << "seoul" << N << "res" << T(1, 27, 0) << null << ""
                                       << T(2, 3, 5) << Running << 82800LL << 14400LL << T(2, 3, 9);
    // Low has no first-response target: status None, elapsed still counted (1h)
    QTest::newRow("no target") << "seoul" << L << "fr" << T(1, 6, 1) << null << "" << T(1, 6, 2)
                               << None << 3600LL << 0LL << null;
    // Zero target in hours: due at creation, breached 1h later
    QTest::newRow("zero target") << "seoul" << L << "res" << T(1, 6, 1) << null << "" << T(1, 6, 2)
                                 << Breached << 3600LL << -3600LL << T(1, 6, 1);
    // Zero target created Saturday: due at Monday's opening, still running on Sunday
    QTest::newRow("zero target weekend") << "seoul" << L << "res" << T(1, 11, 3) << null << ""
                                         << T(1, 12, 3) << Running << 0LL << 0LL << T(1, 13, 0);
    // Calendar time: Saturday counts; 30m used, due 03:00Z + 1h
    QTest::newRow("calendar time") << "calendarTime" << U << "fr" << T(1, 11, 3) << null << ""
                                   << T(1, 11, 3, 30) << Running << 1800LL << 1800LL << T(1, 11, 4);
    // NY urgent 4h: created Fri 03-07 15:00 EST (20:00Z): 2h Fri; Mon 09:00 EDT (13:00Z) + 2h
    // = 15:00Z; now Mon 09:30 EDT: 2h30m counted
    QTest::newRow("NY DST resolution")
        << "ny" << U << "res" << T(3, 7, 20) << null << "" << T(3, 10, 13, 30) << Running << 9000LL
        << 5400LL << T(3, 10, 15);
    // NY: pause Fri 16:00 EDT (20:00Z) .. Mon 11-03 10:00 EST (15:00Z), created Fri 10-31
    // 15:00 EDT (19:00Z), now Mon 16:00 EST (21:00Z): 1h + 6h = 7h > 4h; 3h left at the pause,
    // so due Mon 10:00 EST + 3h = 13:00 EST = 18:00Z
    QTest::newRow("NY pause over fall back")
        << "ny" << U << "res" << T(10, 31, 19) << null << "10-31 20:00/11-03 15:00" << T(11, 3, 21)
        << Breached << 25200LL << -10800LL << T(11, 3, 18);
}

void TestSla::computeSla()
{
    QFETCH(QString, policy);
    QFETCH(int, priority);
    QFETCH(QString, clock);
    QFETCH(QDateTime, created);
    QFETCH(QDateTime, stop);
    QFETCH(QString, pauses);
    QFETCH(QDateTime, now);
    hd::SlaTimeline timeline;
    timeline.createdAt = created;
    (clock == "fr" ? timeline.firstResponseAt : timeline.solvedAt) = stop;
    timeline.pauses = parsePauses(pauses);
    const hd::SlaState state
        = hd::computeSla(policyNamed(policy), hd::SlaPriority(priority), timeline, now);
    const hd::SlaClock &c = clock == "fr" ? state.firstResponse : state.resolution;
    QTEST(int(c.status), "status");
    QTEST(c.elapsedSecs, "elapsed");
    QTEST(c.remainingSecs, "remaining");
    QFETCH(QDateTime, due);
    QCOMPARE(c.dueAt, due);
    // breachedAt is the due time exactly when breached
    QCOMPARE(c.breachedAt, c.status == SlaClockStatus::Breached ? due : QDateTime());
    QCOMPARE(c.stoppedAt, stop);
    if (c.dueAt.isValid())
        QCOMPARE(c.dueAt.timeSpec(), Qt::UTC);
}

QTEST_GUILESS_MAIN(TestSla)
#include "tst_sla.moc"
