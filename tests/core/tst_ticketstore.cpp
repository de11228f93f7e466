// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/storage/ticketquery.h"
#include "core/storage/ticketsearch.h"

#include <QSignalSpy>

using namespace hd;

namespace {
QStringList kinds(const QList<Event> &events)
{
    QStringList out;
    for (const Event &e : events)
        out << wireName(e.kind) + ":" + e.oldValue + ">" + e.newValue;
    return out;
}
} // namespace

class TestTicketStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createAssignsNumbersAndWritesCreatedEvent()
    {
        StoreFixture f;
        const Customer c = f.customer("Kim");
        const Ticket a = f.ticket("결제가 안돼요", "카드 결제가 계속 실패합니다", c.id);
        const Ticket b = f.ticket("Login failed");
        QCOMPARE(a.number, 1);
        QCOMPARE(b.number, 2);
        QCOMPARE(a.status, TicketStatus::New);
        QCOMPARE(a.requesterName, QString("Kim"));
        QCOMPARE(a.createdAt, f.clock.now());
        QVERIFY(!QUuid::fromString(a.uuid).isNull());
        const auto ev = f.store->events(a.id);
        QVERIFY(ev.ok());
        QCOMPARE(kinds(*ev), QStringList{"created:>new"});
        const auto msgs = f.store->messages(a.id);
        QCOMPARE(msgs->size(), 1);
        QCOMPARE(msgs->first().authorKind, AuthorKind::Customer);
        QCOMPARE(msgs->first().authorCustomerId, c.id);
    }

    void findByNumberOrUuid()
    {
        StoreFixture f;
        const Ticket t = f.ticket("Where is my parcel?");
        QCOMPARE(f.store->find("1")->id, t.id);
        QCOMPARE(f.store->find("#1")->id, t.id);
        QCOMPARE(f.store->find(t.uuid.toUpper())->id, t.id);
        QCOMPARE(f.store->find("99").errorCode(), ErrorCode::NotFound);
        QCOMPARE(f.store->find("not-a-ticket").errorCode(), ErrorCode::NotFound);
    }

    void transitionsWriteEventsAndTimes()
    {
        StoreFixture f;
        const Agent agent = f.agent("Park");
        const Ticket t = f.ticket("Refund", "환불은 언제 되나요");
        const Actor by = Actor::agent(agent.id);

        QVERIFY(f.store->transition(t.id, TicketStatus::Open, by).ok());
        f.clock.advanceSecs(60);
        QVERIFY(f.store->assign(t.id, agent.id, by).ok());
        QCOMPARE(f.store->ticket(t.id)->status, TicketStatus::Assigned);
        f.clock.advanceSecs(60);
        QVERIFY(f.store->transition(t.id, TicketStatus::Solved, by).ok());
        QCOMPARE(f.store->ticket(t.id)->solvedAt, f.clock.now());
        // reopen clears solved_at
        f.clock.advanceSecs(60);
        QVERIFY(f.store->transition(t.id, TicketStatus::Assigned, by).ok());
        QVERIFY(!f.store->ticket(t.id)->solvedAt.isValid());
        QVERIFY(f.store->transition(t.id, TicketStatus::Solved, by).ok());
        QVERIFY(f.store->transition(t.id, TicketStatus::Closed, by).ok());
        const Ticket closed = *f.store->ticket(t.id);
        QCOMPARE(closed.closedAt, f.clock.now());

        const auto ev = *f.store->events(t.id);
        QCOMPARE(kinds(ev),
                 (QStringList{"created:>new", "status:new>open",
                              "assignee:>" + QString::number(agent.id), "status:open>assigned",
                              "status:assigned>solved", "status:solved>assigned",
                              "status:assigned>solved", "status:solved>closed"}));
        for (const Event &e : ev)
            if (e.kind != EventKind::Created) {
                QCOMPARE(e.actorKind, AuthorKind::Agent);
                QCOMPARE(e.actorId, agent.id);
            }

        // closed is final, and the message names both statuses
        const auto r = f.store->transition(t.id, TicketStatus::Open, by);
        QCOMPARE(r.errorCode(), ErrorCode::Conflict);
        QVERIFY(r.errorMessage().contains("closed") && r.errorMessage().contains("open"));
        QCOMPARE(f.store->events(t.id)->size(), ev.size());
    }

    void assignedNeedsAnAssignee()
    {
        StoreFixture f;
        const Ticket t = f.ticket("No one here");
        const auto r = f.store->transition(t.id, TicketStatus::Assigned, Actor::system());
        QCOMPARE(r.errorCode(), ErrorCode::Conflict);
        QCOMPARE(f.store->ticket(t.id)->status, TicketStatus::New);
    }

    void firstResponseIsFirstPublicAgentReply()
    {
        StoreFixture f;
        const Agent agent = f.agent("Lee");
        const Customer c = f.customer("Choi");
        const Ticket t = f.ticket("배송 문의", "언제 오나요?", c.id);
        f.clock.advanceSecs(600);
        f.reply(t.id, agent.id, "고객 VIP 확인 필요", Visibility::Internal);
        QVERIFY(!f.store->ticket(t.id)->firstResponseAt.isValid());
        f.clock.advanceSecs(600);
        f.customerWrites(t.id, c.id, "빨리 알려주세요");
        QVERIFY(!f.store->ticket(t.id)->firstResponseAt.isValid());
        f.clock.advanceSecs(1200);
        const QDateTime replyAt = f.clock.now();
        f.reply(t.id, agent.id, "내일 도착 예정입니다.");
        f.clock.advanceSecs(600);
        f.reply(t.id, agent.id, "추가 안내드립니다.");
        const Ticket after = *f.store->ticket(t.id);
        QCOMPARE(after.firstResponseAt, replyAt);
        QCOMPARE(after.createdAt.secsTo(after.firstResponseAt), 2400);
    }

    void firstResponseAndResolutionTimes_data()
    {
        QTest::addColumn<int>("replyAfter");
        QTest::addColumn<int>("solveAfter");
        QTest::addColumn<int>("expectedFrt");
        QTest::addColumn<int>("expectedResolution");
        QTest::newRow("quick") << 60 << 120 << 60 << 180;
        QTest::newRow("slow reply") << 7200 << 60 << 7200 << 7260;
        QTest::newRow("next day") << 86400 << 3600 << 86400 << 90000;
    }

    void firstResponseAndResolutionTimes()
    {
        QFETCH(int, replyAfter);
        QFETCH(int, solveAfter);
        QFETCH(int, expectedFrt);
        QFETCH(int, expectedResolution);
        StoreFixture f;
        const Agent agent = f.agent("Han");
        const Ticket t = f.ticket("Printer jam", "It jams");
        f.clock.advanceSecs(replyAfter);
        f.reply(t.id, agent.id, "Try this");
        f.clock.advanceSecs(solveAfter);
        QVERIFY(f.store->transition(t.id, TicketStatus::Solved, Actor::agent(agent.id)).ok());
        const Ticket done = *f.store->ticket(t.id);
        QCOMPARE(done.createdAt.secsTo(done.firstResponseAt), expectedFrt);
        QCOMPARE(done.createdAt.secsTo(done.solvedAt), expectedResolution);
    }

    void customerReplyReopensSolved()
    {
        StoreFixture f;
        const Agent agent = f.agent("Yoon");
        const Customer c = f.customer("Jung");
        const Ticket t = f.ticket("App crash", "crashes on start", c.id);
        QVERIFY(f.store->assign(t.id, agent.id, Actor::agent(agent.id)).ok());
        QVERIFY(f.store->transition(t.id, TicketStatus::Solved, Actor::agent(agent.id)).ok());
        f.customerWrites(t.id, c.id, "아직도 안 돼요");
        const Ticket reopened = *f.store->ticket(t.id);
        QCOMPARE(reopened.status, TicketStatus::Assigned);
        QVERIFY(!reopened.solvedAt.isValid());
        QCOMPARE(f.store->events(t.id)->last().actorKind, AuthorKind::Customer);
    }

    void closedTicketTakesNoMessages()
    {
        StoreFixture f;
        const Customer c = f.customer("Oh");
        const Ticket t = f.ticket("Old", "old issue", c.id);
        QVERIFY(f.store->transition(t.id, TicketStatus::Solved, Actor::system()).ok());
        QVERIFY(f.store->transition(t.id, TicketStatus::Closed, Actor::system()).ok());
        NewMessage m;
        m.authorKind = AuthorKind::Customer;
        m.authorId = c.id;
        m.body = "again";
        const auto r = f.store->addMessage(t.id, m);
        QCOMPARE(r.errorCode(), ErrorCode::Conflict);
        QVERIFY(r.errorMessage().contains("follow-up"));
        QCOMPARE(f.count("messages"), 1);
    }

    void mergeMovesMessagesAndClosesSource()
    {
        StoreFixture f;
        const Agent agent = f.agent("Seo");
        const Customer c = f.customer("Bae");
        const Ticket target = f.ticket("결제 오류", "결제가 안돼요", c.id);
        const Ticket source = f.ticket("또 결제 오류", "환불해 주세요", c.id);
        f.reply(source.id, agent.id, "확인 중입니다");
        QVERIFY(f.store->setTags(source.id, {"vip"}, Actor::agent(agent.id)).ok());
        QVERIFY(f.store->merge(source.id, target.id, Actor::agent(agent.id)).ok());

        const Ticket s = *f.store->ticket(source.id);
        const Ticket t = *f.store->ticket(target.id);
        QCOMPARE(s.status, TicketStatus::Closed);
        QCOMPARE(s.mergedInto, target.id);
        QCOMPARE(f.store->messages(source.id)->size(), 0);
        QCOMPARE(f.store->messages(target.id)->size(), 3);
        QCOMPARE(t.tags, QStringList{"vip"});
        QVERIFY(kinds(*f.store->events(source.id))
                    .contains("merged:>" + QString::number(target.number)));
        QVERIFY(kinds(*f.store->events(target.id))
                    .contains("merged_from:>" + QString::number(source.number)));
        // the search index follows the messages
        TicketSearch search(*f.db);
        const auto hits = search.search("환불");
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().ticketId, target.id);
        // merging twice, into itself, or into a closed ticket is refused
        QCOMPARE(f.store->merge(source.id, target.id, Actor::system()).errorCode(),
                 ErrorCode::Conflict);
        QCOMPARE(f.store->merge(target.id, target.id, Actor::system()).errorCode(),
                 ErrorCode::InvalidArgument);
        const Ticket other = f.ticket("other");
        QCOMPARE(f.store->merge(other.id, source.id, Actor::system()).errorCode(),
                 ErrorCode::Conflict);
    }

    void splitMakesLinkedTicket()
    {
        StoreFixture f;
        const Agent agent = f.agent("Kang");
        const Customer c = f.customer("Go");
        const Ticket t = f.ticket("상품 문의", "사이즈가 어떻게 되나요", c.id);
        f.clock.advanceSecs(3600);
        const Message later = f.customerWrites(t.id, c.id, "그리고 배송이 늦어요");
        f.clock.advanceSecs(60);
        const Message answer = f.reply(t.id, agent.id, "배송 확인해 드릴게요");

        auto made = f.store->split(t.id, {later.id, answer.id}, Actor::agent(agent.id));
        QVERIFY2(made.ok(), qPrintable(made.errorMessage()));
        QCOMPARE(made->splitFrom, t.id);
        QCOMPARE(made->requesterId, c.id);
        QCOMPARE(made->createdAt, later.createdAt);
        QCOMPARE(made->firstResponseAt, answer.createdAt);
        QCOMPARE(f.store->messages(made->id)->size(), 2);
        QCOMPARE(f.store->messages(t.id)->size(), 1);
        QVERIFY(kinds(*f.store->events(t.id)).contains("split:>" + QString::number(made->number)));
        QVERIFY(
            kinds(*f.store->events(made->id)).contains("split_from:>" + QString::number(t.number)));
        TicketSearch search(*f.db);
        QCOMPARE(search.search("배송")->first().ticketId, made->id);

        // every message chosen, or a foreign message: refused, nothing changes
        const qint64 tickets = f.count("tickets");
        const auto all = f.store->messages(t.id);
        QCOMPARE(f.store->split(t.id, {all->first().id}, Actor::system()).errorCode(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(f.store->split(t.id, {answer.id}, Actor::system()).errorCode(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(f.count("tickets"), tickets);
    }

    void archiveLeavesViewsButStaysSearchable()
    {
        StoreFixture f;
        const Ticket old = f.ticket("결제 취소 요청", "결제 취소해주세요");
        QVERIFY(f.store->transition(old.id, TicketStatus::Solved, Actor::system()).ok());
        QVERIFY(f.store->transition(old.id, TicketStatus::Closed, Actor::system()).ok());
        f.clock.advanceSecs(100 * 86400);
        const Ticket recent = f.ticket("결제 문의");
        QVERIFY(f.store->transition(recent.id, TicketStatus::Solved, Actor::system()).ok());
        QVERIFY(f.store->transition(recent.id, TicketStatus::Closed, Actor::system()).ok());

        const auto n = f.store->archiveClosedBefore(f.clock.now().addDays(-90), Actor::system());
        QCOMPARE(*n, 1);
        QVERIFY(f.store->ticket(old.id)->archived);
        TicketQuery q(*f.db);
        const auto closedView = q.page(TicketQuery::withStatus(TicketStatus::Closed), {});
        QCOMPARE(closedView->rows.size(), 1);
        QCOMPARE(closedView->rows.first().id, recent.id);
        const auto archivedView = q.page(TicketQuery::archivedView(), {});
        QCOMPARE(archivedView->rows.size(), 1);
        QCOMPARE(archivedView->rows.first().id, old.id);
        QCOMPARE(q.viewCounts(0)->archived, 1);
        QCOMPARE(q.viewCounts(0)->closed, 1);
        TicketSearch search(*f.db);
        QCOMPARE(search.count("취소").value(), 1);
    }

    void badInputWritesNothing_data()
    {
        QTest::addColumn<QString>("what");
        QTest::newRow("empty subject") << "subject";
        QTest::newRow("unknown requester") << "requester";
        QTest::newRow("oversize body") << "body";
        QTest::newRow("bad uuid") << "uuid";
        QTest::newRow("unknown ticket message") << "message";
        QTest::newRow("unknown agent") << "agent";
        QTest::newRow("bad rating") << "csat";
    }

    void badInputWritesNothing()
    {
        QFETCH(QString, what);
        StoreFixture f;
        const Ticket t = f.ticket("existing");
        const qint64 tickets = f.count("tickets"), events = f.count("events"),
                     messages = f.count("messages");
        ErrorCode code = ErrorCode::None;
        QString message;
        auto take = [&](const auto &r) {
            code = r.errorCode();
            message = r.errorMessage();
        };
        NewTicket nt;
        nt.subject = "ok";
        if (what == "subject") {
            nt.subject = "   ";
            take(f.store->create(nt));
        } else if (what == "requester") {
            nt.requesterId = 4242;
            take(f.store->create(nt));
        } else if (what == "body") {
            nt.body = QString(1'000'001, 'x');
            take(f.store->create(nt));
        } else if (what == "uuid") {
            nt.uuid = "../../etc";
            take(f.store->create(nt));
        } else if (what == "message") {
            NewMessage m;
            m.body = "hello";
            take(f.store->addMessage(9999, m));
        } else if (what == "agent") {
            take(f.store->assign(t.id, 777, Actor::system()));
        } else if (what == "csat") {
            take(f.store->rate(t.id, 9, Actor::system()));
        }
        QVERIFY(code != ErrorCode::None);
        QVERIFY2(!message.isEmpty(), "errors carry a message");
        QCOMPARE(f.count("tickets"), tickets);
        QCOMPARE(f.count("events"), events);
        QCOMPARE(f.count("messages"), messages);
    }

    void injectedFailureRollsBackEverything_data()
    {
        QTest::addColumn<int>("failAt");
        for (int i = 1; i <= 14; ++i)
            QTest::newRow(qPrintable(QString::number(i))) << i;
    }

    void injectedFailureRollsBackEverything()
    {
        QFETCH(int, failAt);
        StoreFixture f;
        const Customer c = f.customer("Fault");
        f.ticket("baseline 결제", "결제 본문", c.id);
        const qint64 tickets = f.count("tickets"), events = f.count("events"),
                     messages = f.count("messages");
        f.db->failAfter(failAt);
        NewTicket nt;
        nt.subject = "환불 요청";
        nt.body = "환불해 주세요";
        nt.requesterId = c.id;
        nt.tags = {"refund"};
        const auto r = f.store->create(nt);
        f.db->failAfter(0);
        if (r.ok()) {
            QCOMPARE(f.count("tickets"), tickets + 1); // the fault came after the commit
            return;
        }
        QCOMPARE(r.errorCode(), ErrorCode::Storage);
        QCOMPARE(f.count("tickets"), tickets);
        QCOMPARE(f.count("events"), events);
        QCOMPARE(f.count("messages"), messages);
        QCOMPARE(f.count("ticket_tags"), 0);
        TicketSearch search(*f.db);
        QCOMPARE(search.count("환불").value(), 0);
        QCOMPARE(search.count("결제").value(), 1);
        // the store still works afterwards
        QVERIFY(f.store->create(nt).ok());
        QCOMPARE(search.count("환불").value(), 1);
    }

    void customersAreSearchableAndLinkAcrossChannels()
    {
        StoreFixture f;
        const Customer kim = f.customer("김민준");
        f.customer("Emma Wilson");
        // the same person on KakaoTalk is linked to the email customer
        QVERIFY(f.directory->addIdentity(kim.id, Channel::ChatKakao, "민준이").ok());
        QCOMPARE(f.directory->findCustomerByIdentity(Channel::ChatKakao, "민준이")->id, kim.id);
        QCOMPARE(f.directory->findCustomerByIdentity(Channel::Email, "김민준@CUSTOMER.test")->id,
                 kim.id);
        // an identity belongs to one customer only
        const Customer other = f.customer("Other");
        QCOMPARE(f.directory->addIdentity(other.id, Channel::ChatKakao, "민준이").errorCode(),
                 ErrorCode::Conflict);

        auto hits = f.directory->searchCustomers("민준");
        QVERIFY(hits.ok());
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().id, kim.id);
        QCOMPARE(f.directory->searchCustomers("emma")->first().name, QString("Emma Wilson"));
        QCOMPARE(f.directory->searchCustomers("wils")->size(), 1);
        QCOMPARE(f.directory->searchCustomers("...").errorCode(), ErrorCode::InvalidArgument);
    }

    void changedSignalNamesTickets()
    {
        StoreFixture f;
        QSignalSpy spy(f.store.get(), &TicketStore::changed);
        const Ticket t = f.ticket("signal");
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().at(0).value<QList<RowId>>(), QList<RowId>{t.id});
        QVERIFY(f.store->setPriority(t.id, Priority::Urgent, Actor::system()).ok());
        QCOMPARE(spy.count(), 1);
        // no-op changes emit nothing and write no event
        const qint64 events = f.count("events");
        QVERIFY(f.store->setPriority(t.id, Priority::Urgent, Actor::system()).ok());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(f.count("events"), events);
    }
};

QTEST_GUILESS_MAIN(TestTicketStore)
#include "tst_ticketstore.moc"
