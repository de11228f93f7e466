// SPDX-License-Identifier: GPL-3.0-or-later
// Scheduled report exports: which period a run covers, when a schedule is due, the file names
// and the JSON kept in the settings.
#include "core/reporting/schedule.h"

#include <QRegularExpression>
#include <QTest>

using namespace hd;
using namespace hd::reporting;

Q_DECLARE_METATYPE(hd::reporting::Frequency)

class TestSchedule : public QObject
{
    Q_OBJECT

    static ExportSchedule schedule(Frequency f, QDate last = {})
    {
        ExportSchedule s;
        s.id = QStringLiteral("a1b2c3d4-0000-4000-8000-000000000001");
        s.frequency = f;
        s.folder = QStringLiteral("/srv/reports");
        s.lastExportedTo = last;
        return s;
    }

private Q_SLOTS:
    void periods_data()
    {
        QTest::addColumn<Frequency>("frequency");
        QTest::addColumn<QDate>("today");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        const auto d = [](int y, int m, int day) {
            return QDate(y, m, day);
        };
        // Daily: yesterday, across a month, a year and a leap day.
        QTest::newRow("daily") << Frequency::Daily << d(2026, 11, 25) << d(2026, 11, 24)
                               << d(2026, 11, 24);
        QTest::newRow("daily month")
            << Frequency::Daily << d(2026, 12, 1) << d(2026, 11, 30) << d(2026, 11, 30);
        QTest::newRow("daily year")
            << Frequency::Daily << d(2027, 1, 1) << d(2026, 12, 31) << d(2026, 12, 31);
        QTest::newRow("daily leap")
            << Frequency::Daily << d(2028, 3, 1) << d(2028, 2, 29) << d(2028, 2, 29);
        // Weekly: the Monday-Sunday week before the current one, whatever day today is.
        // 2026-11-30 is a Monday, 2026-12-06 a Sunday.
        QTest::newRow("weekly monday")
            << Frequency::Weekly << d(2026, 11, 30) << d(2026, 11, 23) << d(2026, 11, 29);
        QTest::newRow("weekly sunday")
            << Frequency::Weekly << d(2026, 12, 6) << d(2026, 11, 23) << d(2026, 11, 29);
        QTest::newRow("weekly wednesday")
            << Frequency::Weekly << d(2026, 12, 2) << d(2026, 11, 23) << d(2026, 11, 29);
        // ISO week 1 of 2026 starts Monday 2025-12-29: the week before spans the new year.
        QTest::newRow("weekly year")
            << Frequency::Weekly << d(2026, 1, 1) << d(2025, 12, 22) << d(2025, 12, 28);
        QTest::newRow("weekly across year")
            << Frequency::Weekly << d(2026, 1, 5) << d(2025, 12, 29) << d(2026, 1, 4);
        // 2028 is a leap year: the week of Monday 2028-02-28 holds the 29th.
        QTest::newRow("weekly leap")
            << Frequency::Weekly << d(2028, 3, 6) << d(2028, 2, 28) << d(2028, 3, 5);
        // Monthly: the calendar month before the current one.
        QTest::newRow("monthly") << Frequency::Monthly << d(2026, 12, 1) << d(2026, 11, 1)
                                 << d(2026, 11, 30);
        QTest::newRow("monthly end")
            << Frequency::Monthly << d(2026, 12, 31) << d(2026, 11, 1) << d(2026, 11, 30);
        QTest::newRow("monthly year")
            << Frequency::Monthly << d(2027, 1, 15) << d(2026, 12, 1) << d(2026, 12, 31);
        QTest::newRow("monthly leap")
            << Frequency::Monthly << d(2028, 3, 1) << d(2028, 2, 1) << d(2028, 2, 29);
        QTest::newRow("monthly february")
            << Frequency::Monthly << d(2027, 3, 31) << d(2027, 2, 1) << d(2027, 2, 28);
    }

    void periods()
    {
        QFETCH(Frequency, frequency);
        QFETCH(QDate, today);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QCOMPARE(lastCompletePeriod(frequency, today), (Period{from, to}));
        const ReportQuery q = exportQuery(schedule(frequency), today);
        QCOMPARE(q.from, from);
        QCOMPARE(q.to, to);
        QCOMPARE(q.granularity,
                 frequency == Frequency::Monthly ? Granularity::Week : Granularity::Day);
    }

    void due()
    {
        const QDate monday(2026, 11, 30);
        // Never exported: due at once.
        QVERIFY(isDue(schedule(Frequency::Weekly), monday));
        // Last week written: not due for the rest of the week, due the next Monday.
        const auto weekly = schedule(Frequency::Weekly, QDate(2026, 11, 29));
        for (int i = 0; i < 7; ++i)
            QVERIFY2(!isDue(weekly, monday.addDays(i)), qPrintable(monday.addDays(i).toString()));
        QVERIFY(isDue(weekly, monday.addDays(7)));
        // The week before last written (the app was closed): due.
        QVERIFY(isDue(schedule(Frequency::Weekly, QDate(2026, 11, 22)), monday));
        // Daily.
        QVERIFY(!isDue(schedule(Frequency::Daily, QDate(2026, 11, 29)), monday));
        QVERIFY(isDue(schedule(Frequency::Daily, QDate(2026, 11, 29)), monday.addDays(1)));
        // Monthly: November written on December 1st; due again on January 1st.
        const auto monthly = schedule(Frequency::Monthly, QDate(2026, 11, 30));
        QVERIFY(!isDue(monthly, QDate(2026, 12, 1)));
        QVERIFY(!isDue(monthly, QDate(2026, 12, 31)));
        QVERIFY(isDue(monthly, QDate(2027, 1, 1)));
        // A date past the period (clock set back) is not due.
        QVERIFY(!isDue(schedule(Frequency::Daily, QDate(2026, 12, 5)), monday));
    }

    void fileNames()
    {
        ExportSchedule s = schedule(Frequency::Weekly);
        QCOMPARE(fileName(s, QDate(2026, 11, 23), QDate(2026, 11, 29)),
                 QStringLiteral("helpdesk-report-weekly-2026-11-23_2026-11-29.csv"));
        s.frequency = Frequency::Monthly;
        s.format = ExportSchedule::PdfA4;
        QCOMPARE(fileName(s, QDate(2026, 2, 1), QDate(2026, 2, 28)),
                 QStringLiteral("helpdesk-report-monthly-2026-02-01_2026-02-28.pdf"));
        s.frequency = Frequency::Daily;
        s.format = ExportSchedule::PdfLetter;
        QCOMPARE(fileName(s, QDate(2026, 1, 1), QDate(2026, 1, 1)),
                 QStringLiteral("helpdesk-report-daily-2026-01-01_2026-01-01.pdf"));
        // A filter names its dimensions (sorted), so filtered schedules get files of their own.
        s.format = ExportSchedule::Csv;
        s.filter.channel = Channel::Email;
        s.filter.teamId = 3;
        const QString filtered = fileName(s, QDate(2026, 1, 1), QDate(2026, 1, 1));
        QCOMPARE(filtered,
                 QStringLiteral("helpdesk-report-daily-2026-01-01_2026-01-01-channel-email-team-"
                                "3.csv"));
        static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_.-]+$"));
        QVERIFY(safe.match(filtered).hasMatch());
    }

    void jsonRoundTrip()
    {
        QCOMPARE(schedulesFromJson(QString())->size(), 0);
        QCOMPARE(schedulesFromJson(QStringLiteral("  "))->size(), 0);
        QCOMPARE(schedulesFromJson(QStringLiteral("[]"))->size(), 0);

        ExportSchedule a = ExportSchedule::create(Frequency::Weekly, ExportSchedule::Csv,
                                                  QStringLiteral("/srv/보고서"));
        QCOMPARE(a.id.size(), 36); // a uuid without braces
        a.lastExportedTo = QDate(2026, 11, 29);
        ExportSchedule b = ExportSchedule::create(Frequency::Monthly, ExportSchedule::PdfLetter,
                                                  QStringLiteral("C:\\Reports"));
        b.filter.channel = Channel::Email;
        b.filter.priority = Priority::High;
        b.filter.direction = Direction::Inbound;
        b.filter.teamId = 2;
        b.filter.agentId = 0; // unassigned
        b.filter.categoryId = 7;
        ExportSchedule c = ExportSchedule::create(Frequency::Daily, ExportSchedule::PdfA4,
                                                  QStringLiteral("/tmp"));
        QVERIFY(a.id != b.id);
        const QList<ExportSchedule> list{a, b, c};
        const QString json = schedulesToJson(list);
        auto back = schedulesFromJson(json);
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(back->size(), 3);
        QVERIFY(*back == list);
        QVERIFY(!back->at(1).lastExportedTo.isValid());
        QVERIFY(json.contains(QStringLiteral("\"frequency\":\"weekly\"")));
        QVERIFY(json.contains(QStringLiteral("\"format\":\"pdf-letter\"")));
        QVERIFY(json.contains(QStringLiteral("\"lastExportedTo\":\"2026-11-29\"")));
    }

    void malformedJson_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message"); // a part of the error message
        const QString ok
            = QStringLiteral(R"("id":"x","frequency":"weekly","format":"csv","folder":"/tmp")");
        auto one = [&ok](const QString &extra) -> QString {
            return QStringLiteral("[{") + ok + extra + QStringLiteral("}]");
        };
        QTest::newRow("not json") << QStringLiteral("[{") << QStringLiteral("not valid JSON");
        QTest::newRow("garbage") << QStringLiteral("weekly please")
                                 << QStringLiteral("not valid JSON");
        QTest::newRow("object") << QStringLiteral("{}") << QStringLiteral("not a JSON array");
        QTest::newRow("number item") << QStringLiteral("[1]") << QStringLiteral("1: not an object");
        QTest::newRow("no id") << QStringLiteral(
            R"([{"frequency":"weekly","format":"csv","folder":"/tmp"}])")
                               << QStringLiteral("id is missing");
        QTest::newRow("bad frequency")
            << QStringLiteral(R"([{"id":"x","frequency":"hourly","format":"csv","folder":"/t"}])")
            << QStringLiteral("frequency");
        QTest::newRow("bad format")
            << QStringLiteral(R"([{"id":"x","frequency":"daily","format":"xlsx","folder":"/t"}])")
            << QStringLiteral("format");
        QTest::newRow("no folder")
            << QStringLiteral(R"([{"id":"x","frequency":"daily","format":"csv"}])")
            << QStringLiteral("folder is missing");
        QTest::newRow("folder number")
            << QStringLiteral(R"([{"id":"x","frequency":"daily","format":"csv","folder":3}])")
            << QStringLiteral("folder is missing");
        QTest::newRow("bad date") << one(QStringLiteral(R"(,"lastExportedTo":"2026-02-30")"))
                                  << QStringLiteral("YYYY-MM-DD");
        QTest::newRow("date number")
            << one(QStringLiteral(R"(,"lastExportedTo":20261129)")) << QStringLiteral("YYYY-MM-DD");
        QTest::newRow("filter array")
            << one(QStringLiteral(R"(,"filter":[])")) << QStringLiteral("filter is not an object");
        QTest::newRow("filter unknown") << one(QStringLiteral(R"(,"filter":{"mood":"sad"})"))
                                        << QStringLiteral("unknown filter 'mood'");
        QTest::newRow("filter channel") << one(QStringLiteral(R"(,"filter":{"channel":"fax"})"))
                                        << QStringLiteral("filter 'channel'");
        QTest::newRow("filter team")
            << one(QStringLiteral(R"(,"filter":{"team":-1})")) << QStringLiteral("filter 'team'");
        QTest::newRow("filter team text")
            << one(QStringLiteral(R"(,"filter":{"team":"2"})")) << QStringLiteral("filter 'team'");
        QTest::newRow("filter fraction") << one(QStringLiteral(R"(,"filter":{"agent":1.5})"))
                                         << QStringLiteral("filter 'agent'");
        QTest::newRow("duplicate id") << QStringLiteral("[{") + ok + QStringLiteral("},{") + ok
                + QStringLiteral("}]") << QStringLiteral("2: the id 'x' is used twice");
    }

    void malformedJson()
    {
        QFETCH(QString, json);
        QFETCH(QString, message);
        auto r = schedulesFromJson(json);
        QVERIFY(!r.ok());
        QCOMPARE(r.errorCode(), ErrorCode::InvalidArgument);
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
