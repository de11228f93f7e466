// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/channels/chatimport.h"
#include "core/channels/csvimport.h"

#include <QFile>

using namespace hd;
using namespace hd::chat;

namespace {
QByteArray generic()
{
    QFile f(qEnvironmentVariable("HELPDESK_SOURCE_DIR") + "/tests/data/csv/generic.csv");
    if (!f.open(QIODevice::ReadOnly))
        qFatal("tests/data/csv/generic.csv missing");
    return f.readAll();
}
} // namespace

class TestCsvImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mappingSpec_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("ok");
        QTest::newRow("full") << "time=Date,text=Message,sender=User,conversation=Room,role=Role"
                              << true;
        QTest::newRow("by number") << "time=1,text=5" << true;
        QTest::newRow("missing text") << "time=Date" << false;
        QTest::newRow("unknown field") << "time=Date,text=Message,colour=Red" << false;
        QTest::newRow("no equals") << "time,text=Message" << false;
    }

    void mappingSpec()
    {
        QFETCH(QString, spec);
        QFETCH(bool, ok);
        const auto m = CsvMapping::parse(spec);
        QCOMPARE(m.ok(), ok);
        if (!ok)
            QVERIFY(!m.errorMessage().isEmpty());
    }

    void readsConversationsRolesAndProblems()
    {
        auto m
            = CsvMapping::parse("time=Date,text=Message,sender=User,conversation=Room,role=Role");
        m->timeZone = QTimeZone("Asia/Seoul");
        auto convs = CsvChatReader::read(generic(), *m);
        QVERIFY2(convs.ok(), qPrintable(convs.errorMessage()));
        QCOMPARE(convs->size(), 2);
        const CsvConversation &a = convs->at(0);
        QCOMPARE(a.key, QString("A-100"));
        QCOMPARE(a.chat.records.size(), 3);
        QCOMPARE(a.chat.records[0].text, QString("배송이 안 와요\n주문번호 123"));
        QCOMPARE(a.chat.records[0].firstLine, 2);
        QCOMPARE(a.chat.records[0].lastLine, 3);
        QCOMPARE(a.chat.records[0].at,
                 QDateTime(QDate(2024, 9, 25), QTime(5, 0), QTimeZone::utc()));
        QCOMPARE(a.agents, QStringList{"상담사 B"});
        // the bad time is a problem naming its line, not a silent drop
        QCOMPARE(a.chat.problems.size(), 1);
        QCOMPARE(a.chat.problems.first().line, 6);
        QVERIFY(a.chat.problems.first().reason.contains("not a time"));
        // every line: header + 2-line row + 3 rows + problem row + last row = 7
        int lines = a.chat.headerLines + int(a.chat.problems.size());
        for (const CsvConversation &c : *convs)
            for (const ChatRecord &r : c.chat.records)
                lines += r.lastLine - r.firstLine + 1;
        QCOMPARE(lines, 7);
    }

    void unknownColumnIsNamed()
    {
        auto m = CsvMapping::parse("time=When,text=Message");
        const auto r = CsvChatReader::read(generic(), *m);
        QCOMPARE(r.errorCode(), ErrorCode::InvalidArgument);
        QVERIFY(r.errorMessage().contains("When"));
    }

    void importsIntoTickets()
    {
        StoreFixture f;
        auto m
            = CsvMapping::parse("time=Date,text=Message,sender=User,conversation=Room,role=Role");
        m->timeZone = QTimeZone("Asia/Seoul");
        auto convs = CsvChatReader::read(generic(), *m);
        QVERIFY(convs.ok());
        ChatImporter importer(*f.store, *f.directory);
        int created = 0;
        for (const CsvConversation &c : *convs) {
            ChatImportOptions o;
            o.channel = Channel::Web;
            o.room = "generic:" + c.key;
            o.agents = c.agents;
            o.savedAt = QDateTime(QDate(2024, 10, 1), QTime(0, 0), QTimeZone::utc());
            auto r = importer.import(c.chat, o);
            QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
            created += r->ticketsCreated;
        }
        // A-100 pauses for two days: two tickets; A-200 one.
        QCOMPARE(created, 3);
    }
};

QTEST_GUILESS_MAIN(TestCsvImport)
#include "tst_csvimport.moc"
