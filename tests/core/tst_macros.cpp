// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/storage/macros.h"

using namespace hd;

class TestMacros : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createListUpdateRemove()
    {
        StoreFixture f;
        const Agent park = f.agent("Park");
        const Agent lee = f.agent("Lee");
        Macros macros(*f.db, f.clock);

        Macro shared;
        shared.title = "  환불   안내 ";
        shared.body = "안녕하세요 {{requester.name}}님, 환불이 접수되었습니다.";
        shared.actions.status = TicketStatus::Pending;
        shared.actions.addTags = {"Refund", " refund ", "VIP customer"};
        auto a = macros.create(shared);
        QVERIFY2(a.ok(), qPrintable(a.errorMessage()));
        QCOMPARE(a->title, QString("환불 안내"));
        QCOMPARE(a->actions.status, std::optional(TicketStatus::Pending));
        QCOMPARE(a->actions.addTags, (QStringList{"refund", "vip_customer"}));
        QVERIFY(!a->actions.priority);
        QCOMPARE(a->createdAt, f.clock.now());

        Macro mine;
        mine.ownerAgentId = park.id;
        mine.title = "Ask for logs";
        mine.body = "Could you send us the log file?";
        mine.visibility = Visibility::Public;
        mine.actions.priority = Priority::High;
        QVERIFY(macros.create(mine).ok());
        Macro note;
        note.ownerAgentId = lee.id;
        note.title = "Escalation note";
        note.body = "Escalated to tier 2.";
        note.visibility = Visibility::Internal;
        QVERIFY(macros.create(note).ok());

        auto forPark = macros.list(park.id);
        QVERIFY(forPark.ok());
        QCOMPARE(forPark->size(), 2);
        QCOMPARE(forPark->at(0).title, QString("Ask for logs")); // by title: Latin before Hangul
        QCOMPARE(forPark->at(0).actions.priority, std::optional(Priority::High));
        QCOMPARE(forPark->at(1).id, a->id);
        QCOMPARE(macros.list(0)->size(), 1); // shared only
        QCOMPARE(macros.list(lee.id)->size(), 2);
        QCOMPARE(macros.list(lee.id)->at(0).visibility, Visibility::Internal);

        f.clock.advanceSecs(60);
        Macro edited = *a;
        edited.body = "환불 처리 중입니다.";
        edited.actions = {};
        auto u = macros.update(edited);
        QVERIFY2(u.ok(), qPrintable(u.errorMessage()));
        QCOMPARE(u->body, QString("환불 처리 중입니다."));
        QVERIFY(u->actions.isEmpty());
        QCOMPARE(u->updatedAt, f.clock.now());
        QCOMPARE(u->createdAt, a->createdAt);

        QVERIFY(macros.remove(a->id).ok());
        QCOMPARE(macros.macro(a->id).errorCode(), ErrorCode::NotFound);
        QCOMPARE(macros.remove(a->id).errorCode(), ErrorCode::NotFound);
        QCOMPARE(macros.update(edited).errorCode(), ErrorCode::NotFound);
    }

    void rejectsBadMacros()
    {
        StoreFixture f;
        Macros macros(*f.db, f.clock);
        Macro m;
        m.title = "   ";
        m.body = "text";
        QCOMPARE(macros.create(m).errorCode(), ErrorCode::InvalidArgument);
        m.title = "ok";
        m.body = " \n ";
        QCOMPARE(macros.create(m).errorCode(), ErrorCode::InvalidArgument);
        m.body = QString(Macros::kMaxBodyChars + 1, QChar(u'가'));
        QCOMPARE(macros.create(m).errorCode(), ErrorCode::TooLarge);
        m.body = "text";
        m.ownerAgentId = 4242;
        QCOMPARE(macros.create(m).errorCode(), ErrorCode::NotFound);
        QCOMPARE(f.count("macros"), 0);
    }

    void expandsPlaceholders()
    {
        StoreFixture f;
        Agent agent = f.agent("Park");
        const Customer kim = f.customer("김민지");
        Ticket t = f.ticket("결제가 안돼요", "카드 결제 실패", kim.id);
        Macro m;
        m.body
            = "{{requester.name}}님 안녕하세요. 문의 #{{ticket.number}} \"{{ ticket.subject }}\" "
              "건은 {{agent.name}}이(가) 담당합니다. 연락처: {{requester.email}}";
        const MacroExpansion e = Macros::expand(m, t, agent, kim);
        QCOMPARE(e.text,
                 QString("김민지님 안녕하세요. 문의 #1 \"결제가 안돼요\" 건은 Park이(가) "
                         "담당합니다. 연락처: 김민지@customer.test"));
        QVERIFY(e.missing.isEmpty());
        QVERIFY(e.unknown.isEmpty());
    }

    void missingValuesStayVisibleOrUseTheirDefault()
    {
        StoreFixture f;
        const Ticket t = f.ticket("No requester"); // no customer, no phone
        const Agent nobody; // unknown agent
        const Customer none;
        const MacroExpansion e = Macros::expandText(
            "Hi {{requester.name}}, {{ requester.name | 고객 }}님. Phone {{requester.phone}}. "
            "{{agent.name|Support team}} / {{agent.name}} / {{ticket.numbr}} / {{ticket.number}}",
            t, nobody, none);
        QCOMPARE(e.text,
                 QString("Hi {{requester.name}}, 고객님. Phone {{requester.phone}}. "
                         "Support team / {{agent.name}} / {{ticket.numbr}} / 1"));
        QCOMPARE(e.missing, (QStringList{"requester.name", "requester.phone", "agent.name"}));
        QCOMPARE(e.unknown, QStringList{"ticket.numbr"});
    }

    void textWithoutPlaceholdersIsUntouched()
    {
        const QString text = "{ not a placeholder } {{}} {{ 한글 }} 그대로 둡니다 🙂";
        const MacroExpansion e = Macros::expandText(text, {}, {}, {});
        QCOMPARE(e.text, text);
        QVERIFY(e.missing.isEmpty());
        QVERIFY(e.unknown.isEmpty());
    }

    void ticketFieldsAreShownByDisplayName()
    {
        StoreFixture f;
        Ticket t = f.ticket("Printer");
        QVERIFY(f.store->setPriority(t.id, Priority::Urgent, Actor::system()).ok());
        t = *f.store->ticket(t.id);
        const MacroExpansion e = Macros::expandText(
            "{{ticket.priority}}/{{ticket.status}}/{{ticket.category|-}}", t, {}, {});
        QCOMPARE(e.text,
                 displayName(Priority::Urgent) + "/" + displayName(TicketStatus::New) + "/-");
        QVERIFY(e.missing.isEmpty());
    }

    void appliesActions()
    {
        StoreFixture f;
        const Agent a = f.agent("Park");
        const Ticket t = f.ticket("Refund");
        QVERIFY(f.store->setTags(t.id, {"billing"}, Actor::agent(a.id)).ok());
        QVERIFY(f.store->transition(t.id, TicketStatus::Open, Actor::agent(a.id)).ok());
        MacroActions act;
        act.status = TicketStatus::Pending;
        act.priority = Priority::High;
        act.addTags = {"refund"};
        QVERIFY(Macros::applyActions(*f.store, t.id, act, Actor::agent(a.id)).ok());
        const Ticket after = *f.store->ticket(t.id);
        QCOMPARE(after.status, TicketStatus::Pending);
        QCOMPARE(after.priority, Priority::High);
        QCOMPARE(after.tags, (QStringList{"billing", "refund"}));
        // Applying again changes nothing and is no error (already pending).
        QVERIFY(Macros::applyActions(*f.store, t.id, act, Actor::agent(a.id)).ok());
        // A status the workflow forbids is reported.
        act = {};
        act.status = TicketStatus::New;
        QCOMPARE(Macros::applyActions(*f.store, t.id, act, Actor::agent(a.id)).errorCode(),
                 ErrorCode::Conflict);
    }
};

QTEST_GUILESS_MAIN(TestMacros)
#include "tst_macros.moc"
