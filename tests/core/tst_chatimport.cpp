// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/channels/chatimport.h"
#include "core/storage/ticketsearch.h"

using namespace hd;
using namespace hd::chat;

namespace {
const QDateTime kBase(QDate(2024, 9, 25), QTime(5, 0), QTimeZone::utc()); // 14:00 KST

ChatRecord record(int minutes, const QString &sender, const QString &text,
                  RecordKind kind = RecordKind::Message)
{
    static int line = 0;
    ChatRecord r;
    r.kind = kind;
    r.at = kBase.addSecs(qint64(minutes) * 60);
    r.sender = sender;
    r.text = text;
    r.firstLine = r.lastLine = ++line;
    return r;
}

/// Three conversations in one room: a delivery question, a refund two days later, and a recent
/// follow-up, with two identical messages in the same minute and a system line.
ParsedChat room(int upToRecord = -1)
{
    ParsedChat c;
    c.format = "test";
    c.roomTitle = "상담채널";
    c.records = {
        record(0, QString(), "김철수님을 초대하였습니다.", RecordKind::System),
        record(1, "김철수", "배송이 안 와요"),
        record(3, "상담사 B", "확인해 드릴게요"),
        record(4, "김철수", "감사합니다"),
        record(4, "김철수", "감사합니다"), // the same minute, the same words: two messages
        record(2 * 24 * 60, "김철수", "환불은 언제 되나요"),
        record(2 * 24 * 60 + 10, "상담사 B", "내일 처리됩니다"),
        record(5 * 24 * 60, "김철수", "하나 더 문의드려요"),
        record(5 * 24 * 60 + 5, "상담사 B", "네 말씀하세요"),
    };
    if (upToRecord >= 0)
        c.records = c.records.mid(0, upToRecord);
    c.totalLines = int(c.records.size());
    return c;
}

ChatImportOptions options(const QDateTime &savedAt)
{
    ChatImportOptions o;
    o.channel = Channel::ChatKakao;
    o.room = "상담채널";
    o.agents = {"상담사 B"};
    o.savedAt = savedAt;
    return o;
}
} // namespace

class TestChatImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void conversationsBecomeTickets()
    {
        StoreFixture f;
        ChatImporter importer(*f.store, *f.directory);
        const QDateTime saved
            = kBase.addSecs(5 * 24 * 3600 + 10 * 60); // 5 min after the last message
        auto r = importer.import(room(), options(saved));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->ticketsCreated, 3);
        QCOMPARE(r->messagesAdded, 8);
        QCOMPARE(r->systemEvents, 1);
        QCOMPARE(r->messagesAdded + r->systemEvents + r->messagesSkipped,
                 int(room().records.size()));

        const Ticket first = *f.store->ticket(r->ticketIds[0]);
        QCOMPARE(first.subject, QString("배송이 안 와요"));
        QCOMPARE(first.channel, Channel::ChatKakao);
        QCOMPARE(first.direction, Direction::Inbound);
        QCOMPARE(first.requesterName, QString("김철수"));
        QCOMPARE(first.assigneeName, QString("상담사 B"));
        QCOMPARE(first.createdAt, kBase.addSecs(60));
        QCOMPARE(first.firstResponseAt, kBase.addSecs(180));
        QCOMPARE(first.status, TicketStatus::Closed);
        QCOMPARE(first.closedAt, kBase.addSecs(240));
        QCOMPARE(first.externalRef, QString("chat_kakao:상담채널"));
        QCOMPARE(f.store->messages(first.id)->size(), 5); // system line + 4 messages
        // the last conversation ended 5 minutes before the export: still open
        QCOMPARE(f.store->ticket(r->ticketIds[2])->status, TicketStatus::Assigned);
        // the same person is one customer
        QCOMPARE(f.store->ticket(r->ticketIds[1])->requesterId, first.requesterId);
        TicketSearch search(*f.db);
        QCOMPARE(search.count("환불").value(), 1);
    }

    void reimportingAddsNothing()
    {
        StoreFixture f;
        ChatImporter importer(*f.store, *f.directory);
        const QDateTime saved = kBase.addSecs(6 * 24 * 3600);
        QVERIFY(importer.import(room(), options(saved)).ok());
        const qint64 tickets = f.count("tickets"), messages = f.count("messages"),
                     events = f.count("events");
        auto again = importer.import(room(), options(saved));
        QVERIFY(again.ok());
        QCOMPARE(again->ticketsCreated, 0);
        QCOMPARE(again->messagesAdded, 0);
        QCOMPARE(again->messagesSkipped, int(room().records.size()));
        QCOMPARE(f.count("tickets"), tickets);
        QCOMPARE(f.count("messages"), messages);
        QCOMPARE(f.count("events"), events);
    }

    void longerExportContinuesTheOpenTicket()
    {
        StoreFixture f;
        ChatImporter importer(*f.store, *f.directory);
        // First export stops after the refund question, 2 minutes after it was asked.
        auto r1 = importer.import(room(6), options(kBase.addSecs(2 * 24 * 3600 + 2 * 60)));
        QVERIFY(r1.ok());
        QCOMPARE(r1->ticketsCreated, 2);
        const RowId refund = r1->ticketIds.last();
        QCOMPARE(f.store->ticket(refund)->status, TicketStatus::New);

        // The longer export adds the answer (10 minutes later: the same conversation) and a new
        // conversation three days later.
        auto r2 = importer.import(room(), options(kBase.addSecs(5 * 24 * 3600 + 60 * 60)));
        QVERIFY2(r2.ok(), qPrintable(r2.errorMessage()));
        QCOMPARE(r2->ticketsCreated, 1);
        QCOMPARE(r2->ticketsContinued, 1);
        QCOMPARE(r2->messagesAdded, 3);
        QCOMPARE(r2->messagesSkipped, 6);
        QCOMPARE(f.store->messages(refund)->size(), 2);
        const Ticket continued = *f.store->ticket(refund);
        QCOMPARE(continued.firstResponseAt, kBase.addSecs((2 * 24 * 60 + 10) * 60));
        QCOMPARE(continued.status, TicketStatus::Closed); // a later conversation started
        // the newest one ended an hour before this export: closed too
        QCOMPARE(f.store->ticket(r2->ticketIds.last())->status, TicketStatus::Closed);
    }

    void identitiesAreStable()
    {
        const ChatRecord r = record(0, "김철수", "안녕하세요");
        QCOMPARE(ChatImporter::messageUuid(Channel::ChatKakao, "방", r, 0),
                 ChatImporter::messageUuid(Channel::ChatKakao, "방", r, 0));
        QVERIFY(ChatImporter::messageUuid(Channel::ChatKakao, "방", r, 0)
                != ChatImporter::messageUuid(Channel::ChatKakao, "방", r, 1));
        QVERIFY(ChatImporter::messageUuid(Channel::ChatKakao, "방", r, 0)
                != ChatImporter::messageUuid(Channel::ChatKakao, "다른 방", r, 0));
    }

    void systemLinesWithoutConversationAreReported()
    {
        StoreFixture f;
        ChatImporter importer(*f.store, *f.directory);
        ParsedChat c;
        c.records = {record(0, QString(), "A님이 들어왔습니다.", RecordKind::System)};
        c.totalLines = 1;
        auto r = importer.import(c, options(kBase));
        QVERIFY(r.ok());
        QCOMPARE(r->ticketsCreated, 0);
        QCOMPARE(r->problems.size(), 1);
        QCOMPARE(r->problems.first().line, c.records.first().firstLine);
    }
};

QTEST_GUILESS_MAIN(TestChatImport)
#include "tst_chatimport.moc"
