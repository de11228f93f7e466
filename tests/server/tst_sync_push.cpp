// SPDX-License-Identifier: GPL-3.0-or-later
// POST /api/v1/sync/push of docs/sync.md "Push: at most once" over HTTP: a batch applies through
// the core and shows in the pull feed; the same request again, or a reordered overlapping one,
// applies each operation exactly once; a forbidden transition is refused, changes nothing and
// stays refused on retry; closed tickets; unknown tickets and agents; malformed operations and
// envelopes; internal notes; an op_id belongs to the agent who pushed it first.
#include "pushtestutil.h"

#include <QTest>

using namespace hd;
using namespace hd::server;

class TestSyncPush : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aBatchAppliesAndShowsInTheFeed()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const QJsonObject me = f.send("GET", "/api/v1/me", {}, auth).json.value("agent").toObject();
        const QString t = newId(), reply = newId(), note = newId();
        const QJsonArray ops{
            op(newId(), t, "create_ticket",
               {{"subject", "배송이 늦어요"},
                {"body", "주문한 지 2주가 지났습니다"},
                {"channel", "email"},
                {"priority", "low"},
                {"requester", QJsonObject{{"email", "lee@customer.test"}, {"name", "이영희"}}}}),
            op(newId(), t, "add_message",
               {{"uuid", reply}, {"body", "확인해 보겠습니다"}, {"author_agent_id", 1}}),
            op(newId(), t, "add_message",
               {{"uuid", note}, {"body", "택배사 문의 필요"}, {"visibility", "internal"}}),
            op(newId(), t, "set_status", {{"status", "open"}}),
            op(newId(), t, "assign", {{"assignee_uuid", me.value("uuid")}}),
            op(newId(), t, "set_priority", {{"priority", "high"}}),
            op(newId(), t, "add_tags", {{"tags", QJsonArray{"배송", "VIP", "late"}}}),
            op(newId(), t, "remove_tags", {{"tags", QJsonArray{"vip"}}}),
        };
        const QList<QJsonObject> got = results(push(f, auth, ops));
        QCOMPARE(got.size(), ops.size());
        qint64 last = 0;
        for (int i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].value("op_id").toString(), ops[i].toObject().value("op_id").toString());
            QCOMPARE(got[i].value("result").toString(), QString("applied"));
            const qint64 seq = got[i].value("seq").toInteger();
            QVERIFY2(seq > last, qPrintable(QString("op %1 seq %2").arg(i).arg(seq)));
            last = seq;
        }

        const auto rows = feed(f, auth);
        const QJsonObject ticket = rows.value(t);
        QCOMPARE(ticket.value("seq").toInteger(), last); // the last op's seq is the ticket's
        QCOMPARE(ticket.value("subject").toString(), QString("배송이 늦어요"));
        QCOMPARE(ticket.value("channel").toString(), QString("email"));
        QCOMPARE(ticket.value("status").toString(), QString("assigned")); // open + assignee
        QCOMPARE(ticket.value("priority").toString(), QString("high"));
        QCOMPARE(ticket.value("assignee_uuid").toString(), me.value("uuid").toString());
        QCOMPARE(ticket.value("tags").toArray(), (QJsonArray{"late", "배송"}));
        QVERIFY(!ticket.value("requester_uuid").toString().isEmpty());
        // The agent's reply is by the token's agent, whatever the payload says.
        QCOMPARE(rows.value(reply).value("author_agent_uuid").toString(),
                 me.value("uuid").toString());
        QCOMPARE(rows.value(reply).value("visibility").toString(), QString("public"));
        QCOMPARE(rows.value(note).value("visibility").toString(), QString("internal"));
        QCOMPARE(rows.value(note).value("ticket_uuid").toString(), t);
        QCOMPARE(f.count("messages"), 3); // the customer's first message, the reply, the note
        QCOMPARE(f.count("applied_ops"), 8);
        // Every change is the token's agent's.
        QCOMPARE(f.db->scalar("SELECT count(*) FROM events WHERE actor_kind <> 'agent' OR "
                              "actor_id <> ?",
                              {me.value("id").toInteger()})
                     ->toInt(),
                 0);
        // Internal notes stay out of the customer-facing view of the ticket's messages.
        auto stored = f.store->find(t);
        QVERIFY(bool(stored));
        QCOMPARE(f.store->messages(stored->id, false)->size(), 2);
    }

    void theSameOperationsAreAppliedExactlyOnce()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const QString t = newId();
        const QJsonArray ops{
            op(newId(), t, "create_ticket", {{"subject", "환불 요청"}, {"body", "환불해 주세요"}}),
            op(newId(), t, "add_message", {{"uuid", newId()}, {"body", "처리 중입니다"}}),
            op(newId(), t, "set_priority", {{"priority", "urgent"}}),
            op(newId(), t, "add_tags", {{"tags", QJsonArray{"환불"}}}),
        };
        const QList<QJsonObject> first = results(push(f, auth, ops));
        const QString after = counts(f);
        // Events: created, first_response (the agent's reply), priority, tags.
        QCOMPARE(after.section(' ', 0, 4),
                 QString("tickets=1 messages=2 events=4 tags=1 "
                         "applied=4"));

        // The whole request again (the response was lost): nothing is applied twice.
        const QList<QJsonObject> again = results(push(f, auth, ops));
        QCOMPARE(counts(f), after);
        for (int i = 0; i < again.size(); ++i) {
            QCOMPARE(again[i].value("result").toString(), QString("duplicate"));
            QCOMPARE(again[i].value("seq"), first[i].value("seq"));
            QCOMPARE(again[i].value("op_id"), first[i].value("op_id"));
        }

        // A reordered, overlapping request with one new operation: only the new one applies.
        const QString extra = newId();
        const QJsonArray mixed{ops[2],
                               op(newId(), t, "add_message", {{"uuid", extra}, {"body", "추가"}}),
                               ops[0], ops[1]};
        const QList<QJsonObject> third = results(push(f, auth, mixed, "desk-1-restarted"));
        QCOMPARE(third[0].value("result").toString(), QString("duplicate"));
        QCOMPARE(third[1].value("result").toString(), QString("applied"));
        QCOMPARE(third[2].value("result").toString(), QString("duplicate"));
        QCOMPARE(third[3].value("result").toString(), QString("duplicate"));
        QCOMPARE(third[2].value("seq"), first[0].value("seq"));
        QCOMPARE(f.count("tickets"), 1);
        QCOMPARE(f.count("messages"), 3);
        QCOMPARE(f.count("applied_ops"), 5);
        QCOMPARE(f.db->scalar("SELECT count(*) FROM messages WHERE uuid = ?", {extra})->toInt(), 1);

        // One op twice in one request: the second is a duplicate.
        const QJsonObject tag = op(newId(), t, "add_tags", {{"tags", QJsonArray{"재요청"}}});
        const QList<QJsonObject> twice = results(push(f, auth, {tag, tag}));
        QCOMPARE(twice[0].value("result").toString(), QString("applied"));
        QCOMPARE(twice[1].value("result").toString(), QString("duplicate"));
        QCOMPARE(f.count("ticket_tags"), 2);
    }

    void aForbiddenTransitionIsRefusedAndStaysRefused()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const QString t = newId();
        results(push(f, auth, {op(newId(), t, "create_ticket", {{"subject", "로그인 불가"}})}));
        const QString before = counts(f);
        // new → closed is not in the workflow table.
        const QJsonObject close = op(newId(), t, "set_status", {{"status", "closed"}});
        QList<QJsonObject> got = results(push(f, auth, {close}));
        QCOMPARE(got[0].value("result").toString(), QString("rejected"));
        QCOMPARE(got[0].value("code").toString(), QString("transition_not_allowed"));
        QVERIFY(!got[0].value("message").toString().isEmpty());
        QCOMPARE(f.store->find(t)->status, TicketStatus::New);
        // Only the refusal was recorded.
        QCOMPARE(counts(f).section(' ', 0, 3), before.section(' ', 0, 3));
        QCOMPARE(f.count("applied_ops"), 2);

        // Once solved, closing is allowed, but the retry of the refused op stays refused.
        got = results(push(f, auth, {op(newId(), t, "set_status", {{"status", "solved"}}), close}));
        QCOMPARE(got[0].value("result").toString(), QString("applied"));
        QCOMPARE(got[1].value("result").toString(), QString("rejected"));
        QCOMPARE(got[1].value("code").toString(), QString("transition_not_allowed"));
        QCOMPARE(got[1].value("duplicate").toBool(), true);
        QCOMPARE(f.store->find(t)->status, TicketStatus::Solved);

        // A status the ticket already has is a no-op, applied.
        const QString same = counts(f);
        got = results(push(f, auth, {op(newId(), t, "set_status", {{"status", "solved"}})}));
        QCOMPARE(got[0].value("result").toString(), QString("applied"));
        QCOMPARE(counts(f).section(' ', 0, 3), same.section(' ', 0, 3));

        // A closed ticket takes no more messages and no assignee.
        const QJsonObject me = f.send("GET", "/api/v1/me", {}, auth).json.value("agent").toObject();
        got = results(push(f, auth, {op(newId(), t, "set_status", {{"status", "closed"}})}));
        QCOMPARE(got[0].value("result").toString(), QString("applied"));
        const QString closed = counts(f);
        got = results(
            push(f, auth,
                 {op(newId(), t, "add_message", {{"uuid", newId()}, {"body", "늦은 답장"}}),
                  op(newId(), t, "assign", {{"assignee_uuid", me.value("uuid")}})}));
        for (const QJsonObject &r : got)
            QCOMPARE(r.value("code").toString(), QString("transition_not_allowed"));
        QCOMPARE(counts(f).section(' ', 0, 3), closed.section(' ', 0, 3));
        QCOMPARE(counts(f).section(' ', 5), closed.section(' ', 5)); // the feed did not move
    }

    void anOpIdIsTheAgentsOwn()
    {
        ServerFixture f;
        const QByteArray agent = f.bearer("agent@example.com");
        const QByteArray manager = f.bearer("manager@example.com");
        const QString t = newId();
        const QJsonObject create = op(newId(), t, "create_ticket", {{"subject", "문의"}});
        QCOMPARE(results(push(f, agent, {create}))[0].value("result").toString(),
                 QString("applied"));
        // Another agent replaying the op_id with another effect gets no record of it.
        QJsonObject replay
            = op(create.value("op_id").toString(), t, "set_priority", {{"priority", "urgent"}});
        const QList<QJsonObject> got = results(push(f, manager, {replay}, "desk-2"));
        QCOMPARE(got[0].value("result").toString(), QString("rejected"));
        QCOMPARE(got[0].value("code").toString(), QString("invalid"));
        QCOMPARE(f.store->find(t)->priority, Priority::Normal);
        QCOMPARE(f.count("applied_ops"), 1);
        // The manager's own op, with the base he saw, applies as the manager.
        QJsonObject own = op(newId(), t, "set_priority", {{"priority", "urgent"}});
        own.insert("base", QJsonObject{{"priority", "normal"}});
        QCOMPARE(results(push(f, manager, {own}, "desk-2"))[0].value("result").toString(),
                 QString("applied"));
        QCOMPARE(f.store->find(t)->priority, Priority::Urgent);
        QCOMPARE(f.db->scalar("SELECT a.email FROM events e JOIN agents a ON a.id = e.actor_id "
                              "WHERE e.kind = 'priority'")
                     ->toString(),
                 QString("manager@example.com"));
    }

    void unknownTicketsAndAgentsAreNotFound()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const QString t = newId();
        results(push(f, auth, {op(newId(), t, "create_ticket", {{"subject", "문의"}})}));
        const QList<QJsonObject> got = results(
            push(f, auth,
                 {op(newId(), newId(), "add_message", {{"uuid", newId()}, {"body", "안녕하세요"}}),
                  op(newId(), newId(), "set_status", {{"status", "open"}}),
                  op(newId(), t, "assign", {{"assignee_uuid", newId()}})}));
        for (const QJsonObject &r : got) {
            QCOMPARE(r.value("result").toString(), QString("rejected"));
            QCOMPARE(r.value("code").toString(), QString("not_found"));
        }
        QCOMPARE(f.count("messages"), 0);
        QCOMPARE(f.store->find(t)->assigneeId, RowId(0));
    }

    void malformedOperationsAreRejectedOneByOne()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const QString t = newId();
        results(push(f, auth, {op(newId(), t, "create_ticket", {{"subject", "문의"}})}));
        const QString before = counts(f);
        QJsonObject noId = op(newId(), t, "set_priority", {{"priority", "high"}});
        noId.remove("op_id");
        const struct
        {
            QJsonValue op;
            const char *code;
            const char *mentions;
        } cases[] = {
            {noId, "invalid", "op_id"},
            {QJsonValue("not an object"), "invalid", "op_id"},
            {op("not-a-uuid", t, "set_priority", {{"priority", "high"}}), "invalid", "op_id"},
            {op(newId(), t, "explode", {}), "unsupported", "explode"},
            {op(newId(), t, "set_category", {{"category", "배송"}}), "not_found", "배송"},
            {QJsonObject{
                 {"op_id", newId()}, {"ticket_uuid", t}, {"kind", 42}, {"payload", QJsonObject()}},
             "invalid", "kind"},
            {QJsonObject{{"op_id", newId()},
                         {"ticket_uuid", t},
                         {"kind", "set_priority"},
                         {"payload", "high"}},
             "invalid", "payload"},
            {op(newId(), "123", "set_priority", {{"priority", "high"}}), "invalid", "ticket_uuid"},
            {op(newId(), t, "set_priority", {{"priority", "extreme"}}), "invalid", "priority"},
            {op(newId(), t, "set_priority", {{"priority", 3}}), "invalid", "priority"},
            {op(newId(), t, "set_status", {}), "invalid", "status"},
            {op(newId(), t, "add_tags", {{"tags", "vip"}}), "invalid", "tags"},
            {op(newId(), t, "add_tags", {{"tags", QJsonArray{"ok", 7}}}), "invalid", "tags"},
            {op(newId(), t, "assign", {{"assignee_uuid", 2}}), "invalid", "assignee_uuid"},
            {op(newId(), t, "add_message",
                {{"uuid", newId()}, {"body", "x"}, {"visibility", "secret"}}),
             "invalid", "visibility"},
            {op(newId(), t, "add_message", {{"body", "x"}}), "invalid", "uuid"},
            {op(newId(), newId(), "create_ticket", {{"subject", QString(501, QChar(u'가'))}}),
             "invalid", "subject"},
            {op(newId(), newId(), "create_ticket", {{"body", "no subject"}}), "invalid", "subject"},
            {op(newId(), newId(), "create_ticket", {{"subject", "s"}, {"channel", "fax"}}),
             "invalid", "channel"},
            {op(newId(), newId(), "create_ticket", {{"subject", "s"}, {"requester", "lee"}}),
             "invalid", "requester"},
            {op(newId(), t, "create_ticket", {{"subject", "the same uuid again"}}), "invalid",
             "UUID"},
        };
        QJsonArray ops;
        for (const auto &c : cases)
            ops << c.op;
        const QList<QJsonObject> got = results(push(f, auth, ops));
        QCOMPARE(got.size(), int(std::size(cases)));
        for (int i = 0; i < got.size(); ++i) {
            const QString what
                = QString("case %1: %2")
                      .arg(i)
                      .arg(QString::fromUtf8(QJsonDocument(got[i]).toJson(QJsonDocument::Compact)));
            QVERIFY2(got[i].value("result").toString() == "rejected", qPrintable(what));
            QVERIFY2(got[i].value("code").toString() == cases[i].code, qPrintable(what));
            QVERIFY2(got[i].value("message").toString().contains(cases[i].mentions),
                     qPrintable(what));
        }
        QCOMPARE(got[0].value("op_id"), QJsonValue());
        // Nothing changed; every refusal with a usable op_id was recorded.
        QCOMPARE(counts(f).section(' ', 0, 3), before.section(' ', 0, 3));
        QCOMPARE(f.count("applied_ops"), 1 + int(std::size(cases)) - 3);
    }

    void malformedRequestsAreRefusedWhole()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const QString before = counts(f);
        const QJsonObject one = op(newId(), newId(), "create_ticket", {{"subject", "s"}});
        const QList<QByteArray> bad = {
            "not json",
            "[]",
            QJsonDocument(QJsonObject{{"ops", QJsonArray{one}}}).toJson(),
            QJsonDocument(QJsonObject{{"client_id", ""}, {"ops", QJsonArray{one}}}).toJson(),
            QJsonDocument(QJsonObject{{"client_id", 5}, {"ops", QJsonArray{one}}}).toJson(),
            QJsonDocument(QJsonObject{{"client_id", QString(101, 'x')}, {"ops", QJsonArray{one}}})
                .toJson(),
            QJsonDocument(QJsonObject{{"client_id", "desk"}, {"ops", one}}).toJson(),
            QJsonDocument(QJsonObject{{"client_id", "desk"}}).toJson(),
        };
        for (const QByteArray &body : bad)
            QVERIFY2(f.send("POST", "/api/v1/sync/push", body, auth).status == 400,
                     body.left(80).constData());
        QJsonArray tooMany;
        for (int i = 0; i <= PushApiLimit; ++i)
            tooMany << op(newId(), newId(), "set_status", {{"status", "open"}});
        const Reply r = push(f, auth, tooMany);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.errorCode(), QString("too_large"));
        // An empty push is fine and answers nothing.
        QCOMPARE(results(push(f, auth, {})).size(), 0);
        QCOMPARE(counts(f), before);
        // Without a token: 401 (tst_server_security walks every route too).
        QCOMPARE(push(f, {}, {one}).status, 401);
        QCOMPARE(f.count("tickets"), 0);
    }

private:
    static constexpr int PushApiLimit = 1000;
};

QTEST_GUILESS_MAIN(TestSyncPush)
#include "tst_sync_push.moc"
