// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/storage/savedviews.h"
#include "core/workflow/slaservice.h"

using namespace hd;

class TestSavedViews : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createRenameOrderCount()
    {
        StoreFixture f;
        const Agent me = f.agent("Park");
        const Agent other = f.agent("Lee");
        f.ticket("결제가 안돼요", "카드 결제 실패");
        const Ticket urgent = f.ticket("Login failed", "cannot log in");
        QVERIFY(f.store->setPriority(urgent.id, Priority::Urgent, Actor::agent(me.id)).ok());
        SavedViews views(*f.db);

        TicketFilter urgentOpen = TicketQuery::allOpen();
        urgentOpen.priorities = {Priority::Urgent};
        TicketFilter payments = TicketQuery::allOpen();
        payments.text = "결제";
        auto a = views.create(me.id, "긴급", urgentOpen, {SortColumn::SlaDue, false},
                              {SortColumn::Number, SortColumn::Subject, SortColumn::SlaDue});
        QVERIFY2(a.ok(), qPrintable(a.errorMessage()));
        auto b = views.create(me.id, "결제 문의", payments);
        QVERIFY(b.ok());
        QVERIFY(views.create(other.id, "Lee's", {}).ok());

        auto mine = views.list(me.id);
        QCOMPARE(mine->size(), 2);
        QCOMPARE(mine->at(0).name, QString("긴급"));
        QCOMPARE(mine->at(0).sort.column, SortColumn::SlaDue);
        QCOMPARE(mine->at(0).sort.descending, false);
        QCOMPARE(mine->at(0).columns.size(), 3);
        QCOMPARE(mine->at(0).filter.priorities, QList<Priority>{Priority::Urgent});
        QCOMPARE(*views.counts(me.id), (QList<qint64>{1, 1}));

        QVERIFY(views.move(b->id, 0).ok());
        QCOMPARE(views.list(me.id)->at(0).id, b->id);
        QVERIFY(views.rename(b->id, "  결제   관련 ").ok());
        QCOMPARE(views.list(me.id)->at(0).name, QString("결제 관련"));
        QCOMPARE(views.rename(b->id, "   ").errorCode(), ErrorCode::InvalidArgument);
        QVERIFY(views.remove(a->id).ok());
        QCOMPARE(views.list(me.id)->size(), 1);
        QCOMPARE(views.remove(a->id).errorCode(), ErrorCode::NotFound);
        QCOMPARE(views.create(999, "ghost", {}).errorCode(), ErrorCode::NotFound);
    }

    // A report's "open the tickets behind this bar" is a filter by ids, which views keep too.
    void idsFilterListsOnlyThoseTickets()
    {
        StoreFixture f;
        const Ticket a = f.ticket("결제가 안돼요", "카드 결제 실패");
        const Ticket b = f.ticket("Login failed", "cannot log in");
        const Ticket c = f.ticket("배송 문의", "언제 오나요");
        TicketQuery query(*f.db);
        TicketFilter only;
        only.ids = {c.id, a.id, 987654};
        auto page = query.page(only, {SortColumn::Number, false});
        QVERIFY2(page.ok(), qPrintable(page.errorMessage()));
        QCOMPARE(page->rows.size(), 2);
        QCOMPARE(page->rows.at(0).id, a.id);
        QCOMPARE(page->rows.at(1).id, c.id);
        QCOMPARE(*query.count(only), 2);
        QCOMPARE(*query.quickCount(only), std::optional<qint64>()); // not from ticket_counts
        only.text = "배송";
        QCOMPARE(*query.count(only), 1);
        auto back = TicketFilter::fromJson(only.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back->ids, only.ids);
        QVERIFY(b.id != 0);
    }

    void slaDueTimesFollowTheTicket()
    {
        StoreFixture f; // 24/7 policy: urgent first response 15 min, resolution 1 h
        const Agent a = f.agent("Kim");
        NewTicket nt;
        nt.subject = "서버 다운";
        nt.priority = Priority::Urgent;
        const Ticket t = *f.store->create(nt);
        const QDateTime created = t.createdAt;
        QCOMPARE(t.firstResponseDue, created.addSecs(900));
        QCOMPARE(t.resolutionDue, created.addSecs(3600));

        f.clock.advanceSecs(600);
        QVERIFY(f.store->assign(t.id, a.id, Actor::agent(a.id)).ok());
        f.reply(t.id, a.id, "확인 중입니다");
        QVERIFY(f.store->transition(t.id, TicketStatus::Pending, Actor::agent(a.id)).ok());
        Ticket paused = *f.store->ticket(t.id);
        QVERIFY(!paused.firstResponseDue.isValid()); // met
        QVERIFY(!paused.resolutionDue.isValid()); // paused
        QCOMPARE(paused.slaPausedSince, created.addSecs(600));

        f.clock.advanceSecs(3600); // the customer answers an hour later
        NewMessage m;
        m.authorKind = AuthorKind::Customer;
        m.body = "여전히 안 돼요";
        QVERIFY(f.store->addMessage(t.id, m).ok());
        const Ticket resumed = *f.store->ticket(t.id);
        QCOMPARE(resumed.status, TicketStatus::Assigned);
        QVERIFY(!resumed.slaPausedSince.isValid());
        QCOMPARE(resumed.resolutionDue, created.addSecs(3600 + 3600)); // shifted by the pause

        f.clock.advanceSecs(3 * 3600);
        auto state = f.store->sla().state(t.id);
        QCOMPARE(state->resolution.status, SlaClockStatus::Breached);
        QCOMPARE(state->firstResponse.status, SlaClockStatus::Met);
    }
};

QTEST_GUILESS_MAIN(TestSavedViews)
#include "tst_savedviews.moc"
