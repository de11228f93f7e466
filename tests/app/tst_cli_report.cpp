// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli report: figures as JSON and CSV through the real executable; clear errors.
#include "support/clirun.h"

#include <QDate>
#include <QTemporaryDir>
#include <QTest>

class TestCliReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    CliRun cli(const QStringList &args) { return runCli(m_dir.filePath("data"), m_db, args); }
    static QString today() { return QDate::currentDate().toString(Qt::ISODate); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("report.sqlite");
        for (const char *subject : {"결제 오류", "배송 문의", "환불 요청"})
            QCOMPARE(cli({"create", "--subject", subject, "--body", "help", "--json"}).code, 0);
        QCOMPARE(cli({"create", "--subject", "call back", "--direction", "outbound", "--channel",
                      "phone", "--json"})
                     .code,
                 0);
        QCOMPARE(cli({"reply", "1", "확인했습니다", "--json"}).code, 0);
        QCOMPARE(cli({"transition", "1", "solved", "--json"}).code, 0);
    }

    void jsonReport()
    {
        // Days in UTC; the tickets were made just now, so "today" in UTC may differ from the
        // local date near midnight: ask for a window around it.
        const QString from = QDate::currentDate().addDays(-1).toString(Qt::ISODate);
        const QString to = QDate::currentDate().addDays(1).toString(Qt::ISODate);
        const CliRun r
            = cli({"report", "--from", from, "--to", to, "--by", "day", "--tz", "UTC", "--json"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QJsonObject o = r.json().toObject();
        const QJsonObject now = o.value("current").toObject();
        QCOMPARE(now.value("created").toInt(), 4);
        QCOMPARE(now.value("inbound").toInt(), 3);
        QCOMPARE(now.value("outbound").toInt(), 1);
        QCOMPARE(now.value("solved").toInt(), 1);
        QCOMPARE(now.value("backlog_end").toInt(), 3);
        QCOMPARE(now.value("first_response_secs").toObject().value("count").toInt(), 1);
        QCOMPARE(now.value("csat_sent").toInt(), 1);
        QVERIFY(now.value("csat_score").isNull()); // nobody rated
        QCOMPARE(o.value("trend").toArray().size(), 3);
        QCOMPARE(o.value("period").toObject().value("by").toString(), QString("day"));
        QCOMPARE(o.value("previous_period").toObject().value("to").toString(),
                 QDate::currentDate().addDays(-2).toString(Qt::ISODate));
        QCOMPARE(o.value("resolution_histogram").toArray().size(), 7);
        const QJsonArray channels = o.value("mix").toObject().value("channel").toArray();
        QCOMPARE(channels.size(), 2); // web, phone

        const CliRun phone = cli(
            {"report", "--from", from, "--to", to, "--tz", "UTC", "--channel", "phone", "--json"});
        QCOMPARE(phone.code, 0);
        QCOMPARE(phone.json().toObject().value("current").toObject().value("created").toInt(), 1);
    }

    void csvAndTable()
    {
        const CliRun csv = cli({"report", "--by", "week", "--csv", "--tz", "UTC"});
        QCOMPARE(csv.code, 0);
        QVERIFY(csv.out.startsWith("section,start,end,key,name,figure,value\n"));
        QVERIFY(csv.out.contains(",created,"));
        const CliRun table = cli({"report", "--tz", "UTC"});
        QCOMPARE(table.code, 0);
        QVERIFY(table.out.contains("First response, median"));
        QVERIFY(table.out.contains("Backlog at end"));
    }

    void spikes()
    {
        const CliRun r = cli({"report", "--spikes", "--date", today(), "--json"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.json().isArray());
        QCOMPARE(r.json().toArray().size(), 0); // four tickets are no spike
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad date") << QStringList{"report", "--from", "2025-13-01"} << "2025-13-01";
        QTest::newRow("not a date") << QStringList{"report", "--to", "yesterday"} << "yesterday";
        QTest::newRow("reversed") << QStringList{"report", "--from", "2025-02-01", "--to",
                                                 "2025-01-01"}
                                  << "before it starts";
        QTest::newRow("bucket") << QStringList{"report", "--by", "year"} << "year";
        QTest::newRow("team") << QStringList{"report", "--team", "Nope"} << "Nope";
        QTest::newRow("agent") << QStringList{"report", "--agent", "nobody"} << "nobody";
        QTest::newRow("category") << QStringList{"report", "--category", "Cats"} << "Cats";
        QTest::newRow("channel") << QStringList{"report", "--channel", "fax"} << "fax";
        QTest::newRow("priority") << QStringList{"report", "--priority", "meh"} << "meh";
        QTest::newRow("direction") << QStringList{"report", "--direction", "up"} << "up";
        QTest::newRow("zone") << QStringList{"report", "--tz", "Mars/Base"} << "Mars/Base";
        QTest::newRow("spike date") << QStringList{"report", "--spikes", "--date", "x"} << "x";
    }

    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun r = cli(args + QStringList{"--json"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliReport)
#include "tst_cli_report.moc"
