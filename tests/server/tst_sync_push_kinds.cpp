// SPDX-License-Identifier: GPL-3.0-or-later
// POST /api/v1/sync/push for every kind a replica records (core/storage/ticketjournal.cpp):
// create_ticket with the replica's uuids, requester, external ref and follow-up; add_message by a
// customer, with HTML and with files the server has; set_category, set_team, set_subject, rate;
// merge (and messages redirected to the merge target), split with the client's new uuid, archive.
// Each applies once (a retry is a duplicate
// and changes nothing), each refusal has its code, malformed payloads name the field.
#include "pushtestutil.h"

#include <QTest>

using namespace hd;
using namespace hd::server;

class TestSyncPushKinds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createTicketKeepsTheReplicasUuids()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const Customer kim = f.customer("Kim");
        const Ticket earlier = f.ticket("이전 문의");
        const QString t1 = newId(), t2 = newId(), t3 = newId(), m1 = newId(), park = newId();
        const QJsonArray ops{
            op(newId(), t1, "create_ticket",
               {{"subject", "재문의"},
                {"body", "다시 연락드립니다"},
                {"message_uuid", m1.toUpper()},
                {"external_ref", "CRM-77"},
                {"follow_up_of_uuid", earlier.uuid},
                {"requester",
                 QJsonObject{{"uuid", park},
                             {"email", "park@customer.test"},
                             {"name", "박민수"},
                             {"phone", "010-1234-5678"}}}}),
            // The customer the first op made, by uuid alone.
            op(newId(), t2, "create_ticket",
               {{"subject", "두번째"}, {"requester", QJsonObject{{"uuid", park}}}}),
            // A uuid the server does not know, but an email it does: the server's customer.
            op(newId(), t3, "create_ticket",
               {{"subject", "세번째"},
                {"requester", QJsonObject{{"uuid", newId()}, {"email", "KIM@customer.test"}}}}),
        };
        const auto first = expect(f, auth, ops, {"applied", "applied", "applied"});
        QVERIFY(!first.isEmpty());
        const QString after = counts(f);
        QCOMPARE(f.count("customers"), 2); // Kim and the new 박민수
        QCOMPARE(f.db->scalar("SELECT name || ' ' || email || ' ' || phone FROM customers "
                              "WHERE uuid = ?",
                              {park})
                     ->toString(),
                 QString("박민수 park@customer.test 010-1234-5678"));
        const auto rows = feed(f, auth);
        QCOMPARE(rows.value(t1).value("requester_uuid").toString(), park);
        QCOMPARE(rows.value(t1).value("external_ref").toString(), QString("CRM-77"));
        QCOMPARE(rows.value(t1).value("follow_up_of_uuid").toString(), earlier.uuid);
        QCOMPARE(rows.value(m1).value("ticket_uuid").toString(), t1);
        QCOMPARE(rows.value(m1).value("body").toString(), QString("다시 연락드립니다"));
        QCOMPARE(rows.value(t2).value("requester_uuid").toString(), park);
        QCOMPARE(rows.value(t3).value("requester_uuid").toString(), kim.uuid);
        QCOMPARE(first[0].value("seq").toInteger(), rows.value(t1).value("seq").toInteger());

        // Again: duplicates, and nothing is made twice.
        QVERIFY(!expect(f, auth, ops, {"duplicate", "duplicate", "duplicate"}).isEmpty());
        QCOMPARE(counts(f), after);
        QCOMPARE(f.count("customers"), 2);

        QVERIFY(refusedEach(
            f, auth,
            {{op(newId(), newId(), "create_ticket",
                 {{"subject", "s"}, {"requester", QJsonObject{{"name", "이름만"}}}}),
              "invalid", "requester"},
             {op(newId(), newId(), "create_ticket",
                 {{"subject", "s"}, {"requester", QJsonObject{{"uuid", newId()}}}}),
              "invalid", "requester"},
             {op(newId(), newId(), "create_ticket",
                 {{"subject", "s"}, {"requester", QJsonObject{{"uuid", 7}, {"email", "a@b.c"}}}}),
              "invalid", "requester"},
             {op(newId(), newId(), "create_ticket",
                 {{"subject", "s"}, {"follow_up_of_uuid", newId()}}),
              "not_found", "follow_up_of_uuid"},
             {op(newId(), newId(), "create_ticket", {{"subject", "s"}, {"message_uuid", "m-1"}}),
              "invalid", "message_uuid"},
             {op(newId(), newId(), "create_ticket", {{"subject", "s"}, {"external_ref", 77}}),
              "invalid", "external_ref"},
             {op(newId(), newId(), "create_ticket",
                 {{"subject", "s"}, {"body", "b"}, {"message_uuid", m1}}),
              "invalid", m1}}));
        QCOMPARE(counts(f).section(' ', 0, 3), after.section(' ', 0, 3));
        QCOMPARE(f.count("customers"), 2);
    }

    void addMessageByACustomerWithHtmlAndKnownFiles()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const Customer kim = f.customer("Kim");
        const QString t = newId(), said = newId(), shot = newId();
        const QString sha = QString(64, QChar('a'));
        QVERIFY(f.db->exec("INSERT INTO attachments(sha256, size, media_type) VALUES (?, 1234, "
                           "'image/png')",
                           {sha}));
        expect(f, auth, {op(newId(), t, "create_ticket", {{"subject", "전화 문의"}})}, {"applied"});
        const QJsonArray ops{
            op(newId(), t, "add_message",
               {{"uuid", said},
                {"body", "고객 전화 내용"},
                {"body_html", "<p>고객 전화 내용</p>"},
                {"visibility", "public"},
                {"author_customer_uuid", kim.uuid}}),
            op(newId(), t, "add_message",
               {{"uuid", shot},
                {"body", ""},
                {"attachments",
                 QJsonArray{QJsonObject{{"sha256", sha.toUpper()},
                                        {"file_name", "화면.png"},
                                        {"media_type", "text/plain"},
                                        {"size", 1}}}}}),
        };
        const auto first = expect(f, auth, ops, {"applied", "applied"});
        QVERIFY(!first.isEmpty());
        const QString after = counts(f);
        QCOMPARE(f.db->scalar("SELECT author_kind || ' ' || author_customer_id || ' ' || "
                              "visibility || ' ' || body_html FROM messages WHERE uuid = ?",
                              {said})
                     ->toString(),
                 QString("customer %1 public <p>고객 전화 내용</p>").arg(kim.id));
        const auto rows = feed(f, auth);
        QCOMPARE(rows.value(said).value("author_customer_uuid").toString(), kim.uuid);
        // The file is linked under the replica's name with the server's own type and size.
        QCOMPARE(rows.value(shot).value("attachments").toArray(),
                 (QJsonArray{QJsonObject{{"sha256", sha},
                                         {"file_name", "화면.png"},
                                         {"media_type", "image/png"},
                                         {"size", 1234}}}));
        QCOMPARE(first[1].value("seq").toInteger(), rows.value(t).value("seq").toInteger());

        QVERIFY(!expect(f, auth, ops, {"duplicate", "duplicate"}).isEmpty());
        QCOMPARE(counts(f), after);
        QCOMPARE(f.count("message_attachments"), 1);

        const auto msg = [&](const QJsonObject &extra) {
            QJsonObject p{{"uuid", newId()}, {"body", "본문"}};
            for (auto it = extra.begin(); it != extra.end(); ++it)
                p.insert(it.key(), it.value());
            return op(newId(), t, "add_message", p);
        };
        QVERIFY(refusedEach(
            f, auth,
            {{msg({{"author_customer_uuid", newId()}}), "not_found", "customer"},
             {msg({{"author_customer_uuid", kim.uuid}, {"visibility", "internal"}}), "invalid",
              "internal"},
             {msg({{"author_customer_uuid", 5}}), "invalid", "author_customer_uuid"},
             {msg({{"body_html", 5}}), "invalid", "body_html"},
             {msg({{"attachments",
                    QJsonArray{QJsonObject{{"sha256", QString(64, QChar('b'))},
                                           {"file_name", "x.txt"}}}}}),
              "unsupported", "bbbb"},
             {msg({{"attachments", "x.txt"}}), "invalid", "attachments"},
             {msg({{"attachments", QJsonArray{QJsonObject{{"sha256", "zz"}, {"file_name", "x"}}}}}),
              "invalid", "attachments"},
             {msg({{"attachments", QJsonArray{QJsonObject{{"sha256", sha}}}}}), "invalid",
              "file_name"}}));
        QCOMPARE(counts(f).section(' ', 0, 3), after.section(' ', 0, 3));
        QCOMPARE(f.count("message_attachments"), 1);
    }

    void categoryTeamSubjectAndRating()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        QVERIFY(f.directory->ensureCategory("배송"));
        const auto team = f.directory->addTeam("1차 지원");
        QVERIFY(team);
        const QString t = newId();
        expect(f, auth, {op(newId(), t, "create_ticket", {{"subject", "원래 제목"}})}, {"applied"});
        QCOMPARE(f.count("events"), 1); // created
        const QJsonArray set{
            op(newId(), t, "set_category", {{"category", "배송"}}),
            op(newId(), t, "set_team", {{"team_uuid", team->uuid.toUpper()}}),
            op(newId(), t, "set_subject", {{"subject", "  바뀐   제목 "}}),
        };
        QVERIFY(!expect(f, auth, set, {"applied", "applied", "applied"}).isEmpty());
        auto rows = feed(f, auth);
        QCOMPARE(rows.value(t).value("category").toString(), QString("배송"));
        QCOMPARE(rows.value(t).value("team_uuid").toString(), team->uuid);
        QCOMPARE(rows.value(t).value("subject").toString(), QString("바뀐 제목"));
        QCOMPARE(f.count("events"), 4); // + category, team, subject

        const QJsonArray unset{
            op(newId(), t, "set_category", {{"category", QJsonValue()}}),
            op(newId(), t, "set_team", {{"team_uuid", QJsonValue()}}),
        };
        QVERIFY(!expect(f, auth, unset, {"applied", "applied"}).isEmpty());
        rows = feed(f, auth);
        QVERIFY(rows.value(t).value("category").isNull());
        QVERIFY(rows.value(t).value("team_uuid").isNull());
        QCOMPARE(f.count("events"), 6);

        // A rating waits for the ticket to be solved.
        const QJsonObject early = op(newId(), t, "rate", {{"csat", 4}});
        QVERIFY(!expect(f, auth, {early}, {"transition_not_allowed"}).isEmpty());
        const QJsonArray rate{op(newId(), t, "set_status", {{"status", "solved"}}),
                              op(newId(), t, "rate", {{"csat", 4}})};
        QVERIFY(!expect(f, auth, rate, {"applied", "applied"}).isEmpty());
        QCOMPARE(feed(f, auth).value(t).value("csat").toInt(), 4);
        QCOMPARE(f.count("events"), 8); // + status, csat
        const QString after = counts(f);

        QJsonArray all;
        for (const QJsonArray &some : {set, unset, rate})
            for (const QJsonValue &o : some)
                all << o;
        QVERIFY(!expect(f, auth, all, QStringList(all.size(), "duplicate")).isEmpty());
        QCOMPARE(counts(f), after);

        QVERIFY(refusedEach(
            f, auth,
            {{op(newId(), t, "set_category", {{"category", "없는분류"}}), "not_found", "없는분류"},
             {op(newId(), t, "set_category", {{"category", 3}}), "invalid", "category"},
             {op(newId(), t, "set_category", {}), "invalid", "category"},
             {op(newId(), t, "set_team", {{"team_uuid", newId()}}), "not_found", "team"},
             {op(newId(), t, "set_team", {{"team_uuid", "1차 지원"}}), "invalid", "team_uuid"},
             {op(newId(), t, "set_team", {}), "invalid", "team_uuid"},
             {op(newId(), t, "set_subject", {{"subject", "   "}}), "invalid", "subject"},
             {op(newId(), t, "set_subject", {}), "invalid", "subject"},
             {op(newId(), t, "rate", {{"csat", 6}}), "invalid", "csat"},
             {op(newId(), t, "rate", {{"csat", "5"}}), "invalid", "csat"},
             {op(newId(), t, "rate", {{"csat", 4.5}}), "invalid", "csat"}}));
        QCOMPARE(counts(f).section(' ', 0, 3), after.section(' ', 0, 3));
    }

    void mergeAndMessagesRedirectedToTheTarget()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const QString a = newId(), b = newId(), c = newId(), aFirst = newId();
        expect(f, auth,
               {op(newId(), a, "create_ticket",
                   {{"subject", "A"}, {"body", "A 문의"}, {"message_uuid", aFirst}}),
                op(newId(), b, "create_ticket", {{"subject", "B"}, {"body", "B 문의"}}),
                op(newId(), c, "create_ticket", {{"subject", "C"}})},
               {"applied", "applied", "applied"});
        const QJsonObject merge = op(newId(), a, "merge", {{"target_uuid", b}});
        const auto merged = expect(f, auth, {merge}, {"applied"});
        QVERIFY(!merged.isEmpty());
        auto rows = feed(f, auth);
        QCOMPARE(rows.value(a).value("merged_into_uuid").toString(), b);
        QCOMPARE(rows.value(a).value("status").toString(), QString("closed"));
        QCOMPARE(rows.value(aFirst).value("ticket_uuid").toString(), b);
        QCOMPARE(
            merged[0].value("seq").toInteger(),
            qMax(rows.value(a).value("seq").toInteger(), rows.value(b).value("seq").toInteger()));
        const QString after = counts(f);
        const auto again = expect(f, auth, {merge}, {"duplicate"});
        QVERIFY(!again.isEmpty());
        QCOMPARE(again[0].value("seq"), merged[0].value("seq"));
        QCOMPARE(counts(f), after);

        // A reply written offline to A goes to B.
        const QString late = newId();
        const QJsonObject reply
            = op(newId(), a, "add_message", {{"uuid", late}, {"body", "늦은 답장"}});
        const auto redirected = expect(f, auth, {reply}, {"applied"});
        QVERIFY(!redirected.isEmpty());
        QCOMPARE(redirected[0].value("redirected").toObject(), (QJsonObject{{"ticket_uuid", b}}));
        rows = feed(f, auth);
        QCOMPARE(rows.value(late).value("ticket_uuid").toString(), b);
        QCOMPARE(redirected[0].value("seq").toInteger(), rows.value(b).value("seq").toInteger());
        const QString replied = counts(f);
        const auto replyAgain = expect(f, auth, {reply}, {"duplicate"});
        QVERIFY(!replyAgain.isEmpty());
        QCOMPARE(replyAgain[0].value("redirected"), redirected[0].value("redirected"));
        QCOMPARE(counts(f), replied);
        // Ops other than add_message are not redirected; a merged ticket is closed.
        QVERIFY(!expect(f, auth, {op(newId(), a, "set_status", {{"status", "open"}})},
                        {"transition_not_allowed"})
                     .isEmpty());

        QVERIFY(refusedEach(
            f, auth,
            {{op(newId(), a, "merge", {{"target_uuid", c}}), "merge_not_allowed", "merged"},
             {op(newId(), b, "merge", {{"target_uuid", b}}), "merge_not_allowed", ""},
             {op(newId(), b, "merge", {{"target_uuid", newId()}}), "not_found", "target_uuid"},
             {op(newId(), b, "merge", {{"target_uuid", "B"}}), "invalid", "target_uuid"},
             {op(newId(), b, "merge", {}), "invalid", "target_uuid"}}));
        QCOMPARE(counts(f).section(' ', 0, 3), replied.section(' ', 0, 3));

        // Once B is closed, nothing merges into it and A's messages have nowhere to go.
        expect(f, auth,
               {op(newId(), b, "set_status", {{"status", "solved"}}),
                op(newId(), b, "set_status", {{"status", "closed"}})},
               {"applied", "applied"});
        const QString closed = counts(f);
        QVERIFY(refusedEach(
            f, auth,
            {{op(newId(), c, "merge", {{"target_uuid", b}}), "merge_not_allowed", "closed"},
             {op(newId(), a, "add_message", {{"uuid", newId()}, {"body", "또 답장"}}),
              "transition_not_allowed", "closed"}}));
        QCOMPARE(counts(f).section(' ', 0, 3), closed.section(' ', 0, 3));
    }

    void splitKeepsTheClientsNewUuid()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const QString t = newId(), m0 = newId(), m1 = newId(), m2 = newId(), n = newId();
        expect(f, auth,
               {op(newId(), t, "create_ticket",
                   {{"subject", "두 가지 문의"}, {"body", "첫째"}, {"message_uuid", m0}}),
                op(newId(), t, "add_message", {{"uuid", m1}, {"body", "둘째 문의입니다"}}),
                op(newId(), t, "add_message", {{"uuid", m2}, {"body", "둘째 답변"}})},
               {"applied", "applied", "applied"});
        const QJsonObject split
            = op(newId(), t, "split",
                 {{"message_uuids", QJsonArray{m1, m2.toUpper()}}, {"new_ticket_uuid", n}});
        const auto got = expect(f, auth, {split}, {"applied"});
        QVERIFY(!got.isEmpty());
        const auto rows = feed(f, auth);
        QVERIFY(rows.contains(n));
        QCOMPARE(rows.value(n).value("split_from_uuid").toString(), t);
        QCOMPARE(rows.value(n).value("subject").toString(), QString("두 가지 문의"));
        QCOMPARE(rows.value(m0).value("ticket_uuid").toString(), t);
        QCOMPARE(rows.value(m1).value("ticket_uuid").toString(), n);
        QCOMPARE(rows.value(m2).value("ticket_uuid").toString(), n);
        QCOMPARE(
            got[0].value("seq").toInteger(),
            qMax(rows.value(t).value("seq").toInteger(), rows.value(n).value("seq").toInteger()));
        const QString after = counts(f);
        QCOMPARE(after.section(' ', 0, 1), QString("tickets=2 messages=3"));
        QVERIFY(!expect(f, auth, {split}, {"duplicate"}).isEmpty());
        QCOMPARE(counts(f), after);

        QVERIFY(refusedEach(
            f, auth,
            {// m1 left t with the split: another split of it is refused.
             {op(newId(), t, "split",
                 {{"message_uuids", QJsonArray{m1}}, {"new_ticket_uuid", newId()}}),
              "split_not_allowed", ""},
             // m0 is the only message left in t.
             {op(newId(), t, "split",
                 {{"message_uuids", QJsonArray{m0}}, {"new_ticket_uuid", newId()}}),
              "split_not_allowed", ""},
             {op(newId(), n, "split", {{"message_uuids", QJsonArray{m1}}, {"new_ticket_uuid", t}}),
              "invalid", "new_ticket_uuid"},
             {op(newId(), n, "split",
                 {{"message_uuids", QJsonArray{newId()}}, {"new_ticket_uuid", newId()}}),
              "not_found", "message_uuids"},
             {op(newId(), n, "split", {{"message_uuids", m1}, {"new_ticket_uuid", newId()}}),
              "invalid", "message_uuids"},
             {op(newId(), n, "split",
                 {{"message_uuids", QJsonArray{}}, {"new_ticket_uuid", newId()}}),
              "invalid", "message_uuids"},
             {op(newId(), n, "split", {{"message_uuids", QJsonArray{m1}}}), "invalid",
              "new_ticket_uuid"}}));
        QCOMPARE(counts(f).section(' ', 0, 3), after.section(' ', 0, 3));
    }

    void archiveIsIdempotent()
    {
        ServerFixture f;
        const QByteArray auth = f.bearer("agent@example.com");
        const QString t = newId();
        expect(f, auth, {op(newId(), t, "create_ticket", {{"subject", "보관"}})}, {"applied"});
        QVERIFY(refusedEach(f, auth,
                            {{op(newId(), t, "archive", {}), "transition_not_allowed", "closed"},
                             {op(newId(), newId(), "archive", {}), "not_found", ""}}));
        expect(f, auth,
               {op(newId(), t, "set_status", {{"status", "solved"}}),
                op(newId(), t, "set_status", {{"status", "closed"}})},
               {"applied", "applied"});
        const QJsonObject archive = op(newId(), t, "archive", {});
        const auto got = expect(f, auth, {archive}, {"applied"});
        QVERIFY(!got.isEmpty());
        const auto rows = feed(f, auth);
        QCOMPARE(rows.value(t).value("archived").toBool(), true);
        QCOMPARE(got[0].value("seq").toInteger(), rows.value(t).value("seq").toInteger());
        const QString archivedEvent
            = "SELECT count(*) FROM events WHERE kind = 'archived' AND actor_kind = 'agent' AND "
              "old_value = '0' AND new_value = '1'";
        QCOMPARE(f.db->scalar(archivedEvent)->toInt(), 1);
        const QString after = counts(f);
        // The retry is a duplicate; another archive of the archived ticket changes nothing.
        QVERIFY(!expect(f, auth, {archive, op(newId(), t, "archive", {})}, {"duplicate", "applied"})
                     .isEmpty());
        QCOMPARE(counts(f).section(' ', 0, 3), after.section(' ', 0, 3));
        QCOMPARE(counts(f).section(' ', 5), after.section(' ', 5));
        QCOMPARE(f.db->scalar(archivedEvent)->toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncPushKinds)
#include "tst_sync_push_kinds.moc"
