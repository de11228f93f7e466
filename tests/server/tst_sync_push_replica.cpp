// SPDX-License-Identifier: GPL-3.0-or-later
// POST /api/v1/sync/push fed with what a replica records: the operations a TicketStore with a
// journal writes (core/storage/ticketjournal.cpp) replay on the server to the replica's state;
// the `overwrote` notice is in the answer exactly when an operation's base differs from the
// server's value.
#include "pushtestutil.h"

#include "core/storage/opjournal.h"

#include <QTest>

using namespace hd;
using namespace hd::server;

namespace {

/// The journal of a replica: every recorded operation, in order.
struct Recorder : OpJournal
{
    QList<JournalOp> ops;
    Result<void> record(const JournalOp &op) override
    {
        ops << op;
        return {};
    }
};

/// The state push should reproduce, the same query on either database: tickets and messages
/// with the people, team and linked tickets named by uuid.
QStringList state(Database &db)
{
    QStringList out;
    auto t = db.exec(
        "SELECT t.uuid, t.subject, t.status, t.priority, coalesce(c.name, ''), "
        "coalesce(r.uuid, ''), coalesce(a.uuid, ''), coalesce(tm.uuid, ''), "
        "coalesce(mi.uuid, ''), coalesce(sf.uuid, ''), coalesce(fu.uuid, ''), t.archived, "
        "coalesce(t.csat, 0), coalesce(t.external_ref, ''), "
        "(SELECT group_concat(tag) FROM (SELECT tag FROM ticket_tags WHERE ticket_id = t.id "
        "ORDER BY tag)) FROM tickets t LEFT JOIN categories c ON c.id = t.category_id "
        "LEFT JOIN customers r ON r.id = t.requester_id LEFT JOIN agents a ON a.id = "
        "t.assignee_id LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN tickets mi ON mi.id = "
        "t.merged_into LEFT JOIN tickets sf ON sf.id = t.split_from LEFT JOIN tickets fu ON "
        "fu.id = t.follow_up_of ORDER BY t.uuid");
    while (t->next()) {
        QStringList cols;
        for (int i = 0; i < 15; ++i)
            cols << t->value(i).toString();
        out << cols.join(" | ");
    }
    auto m = db.exec(
        "SELECT m.uuid, t.uuid, m.author_kind, coalesce(a.uuid, ''), coalesce(c.uuid, ''), "
        "m.visibility, m.body, coalesce(m.body_html, ''), (SELECT group_concat(sha256 || ':' || "
        "file_name) FROM message_attachments WHERE message_id = m.id) FROM messages m "
        "JOIN tickets t ON t.id = m.ticket_id LEFT JOIN agents a ON a.id = m.author_agent_id "
        "LEFT JOIN customers c ON c.id = m.author_customer_id ORDER BY m.uuid");
    while (m->next()) {
        QStringList cols;
        for (int i = 0; i < 9; ++i)
            cols << m->value(i).toString();
        out << cols.join(" | ");
    }
    return out;
}

} // namespace

class TestSyncPushReplica : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void whatAReplicaRecordsReplaysToItsState()
    {
        ServerFixture server;
        const QByteArray auth = server.bearer("agent@example.com");
        const QJsonObject me
            = server.send("GET", "/api/v1/me", {}, auth).json.value("agent").toObject();
        QVERIFY(server.directory->ensureCategory("배송"));
        const auto team = server.directory->addTeam("1차 지원");
        QVERIFY(team);
        const QString sha = QString(64, QChar('c'));
        QVERIFY(server.db->exec("INSERT INTO attachments(sha256, size, media_type) VALUES (?, 10, "
                                "'text/plain')",
                                {sha}));

        // A replica that knows the same agent, category and team, and records what it does.
        StoreFixture replica;
        Recorder journal;
        Agent self;
        self.uuid = me.value("uuid").toString();
        self.name = me.value("name").toString();
        self.email = "agent@example.com";
        const auto agent = replica.directory->addAgent(self);
        QVERIFY(agent);
        QVERIFY(replica.directory->ensureCategory("배송"));
        const auto localTeam = replica.directory->addTeam("1차 지원");
        QVERIFY(localTeam);
        QVERIFY(replica.db->exec("UPDATE teams SET uuid = ? WHERE id = ?",
                                 {team->uuid, localTeam->id}));
        const Customer kim = replica.customer("Kim");
        const Actor actor = Actor::agent(agent->id);
        replica.store->setJournal(&journal);
        TicketStore &s = *replica.store;

        NewTicket in;
        in.subject = "배송 문의";
        in.body = "상자가 찢어져 왔어요";
        in.channel = Channel::Email;
        in.requesterId = kim.id;
        in.assigneeId = agent->id;
        in.categoryId = replica.directory->categories()->value(0).id;
        in.teamId = localTeam->id;
        in.tags = {"배송", "파손"};
        in.externalRef = "MAIL-1";
        in.actor = actor;
        const auto t = s.create(in);
        QVERIFY(t);
        const Message reply = replica.reply(t->id, agent->id, "사진을 보내 주세요");
        const Message photo = replica.customerWrites(t->id, kim.id, "사진 첨부합니다");
        NewMessage file;
        file.authorId = agent->id;
        file.body = "받은 사진";
        file.bodyHtml = "<b>받은 사진</b>";
        file.visibility = Visibility::Internal;
        file.attachments = {AttachmentRef{sha, "photo.txt", "text/plain", 10}};
        QVERIFY(s.addMessage(t->id, file));
        QVERIFY(s.setPriority(t->id, Priority::High, actor));
        QVERIFY(s.setSubject(t->id, "배송 파손 문의", actor));
        QVERIFY(s.setTags(t->id, {"파손", "긴급"}, actor));
        QVERIFY(s.transition(t->id, TicketStatus::Pending, actor));
        // A second ticket merged into the first, and the reply split off into a third.
        NewTicket other;
        other.subject = "같은 건";
        other.body = "재문의";
        other.requesterId = kim.id;
        other.actor = actor;
        const auto u = s.create(other);
        QVERIFY(u);
        QVERIFY(s.merge(u->id, t->id, actor));
        const auto part = s.split(t->id, {reply.id}, actor);
        QVERIFY(part);
        // The third is solved, rated, closed and archived; the category and team leave it.
        QVERIFY(s.setCategory(part->id, 0, actor));
        QVERIFY(s.setTeam(part->id, 0, actor));
        QVERIFY(s.transition(part->id, TicketStatus::Solved, actor));
        QVERIFY(s.rate(part->id, 5, actor));
        QVERIFY(s.transition(part->id, TicketStatus::Closed, actor));
        replica.clock.advanceSecs(60);
        QVERIFY(s.archiveClosedBefore(replica.clock.now(), actor));
        // A follow-up of the closed ticket.
        NewTicket again;
        again.subject = "다시 문의";
        again.followUpOf = part->id;
        again.actor = actor;
        QVERIFY(s.create(again));

        QStringList kinds;
        QJsonArray ops;
        for (const JournalOp &j : journal.ops) {
            QJsonObject o = op(newId(), j.ticketUuid, j.kind, j.payload);
            if (!j.base.isEmpty())
                o.insert("base", j.base);
            ops << o;
            if (!kinds.contains(j.kind))
                kinds << j.kind;
        }
        kinds.sort();
        // Every kind of docs/sync.md.
        QCOMPARE(kinds.join(' '),
                 QString("add_message add_tags archive assign create_ticket merge rate remove_tags "
                         "set_category set_priority set_status set_subject set_team split"));
        const auto got = expect(server, auth, ops, QStringList(ops.size(), "applied"));
        QVERIFY(!got.isEmpty());
        // Nothing changed on the server meanwhile, so nothing was overwritten.
        for (const QJsonObject &r : got)
            QVERIFY2(!r.contains("overwrote") && !r.contains("redirected"),
                     QJsonDocument(r).toJson().constData());
        const QStringList local = state(*replica.db), remote = state(*server.db);
        QCOMPARE(remote.size(), 4 + 5); // tickets t, u, part, again; five messages
        QCOMPARE(local.size(), remote.size());
        for (int i = 0; i < local.size(); ++i)
            QCOMPARE(remote.value(i), local[i]);
        QCOMPARE(server.db->scalar("SELECT count(*) FROM events WHERE kind = 'archived'")->toInt(),
                 2); // the split-off ticket and the merged one (closed by the merge)

        // The whole journal again: duplicates, nothing changes.
        const QString after = counts(server);
        QVERIFY(!expect(server, auth, ops, QStringList(ops.size(), "duplicate")).isEmpty());
        QCOMPARE(counts(server), after);
    }

    void overwroteExactlyWhenTheBaseDiffers()
    {
        ServerFixture f;
        const QByteArray agent = f.bearer("agent@example.com");
        const QByteArray manager = f.bearer("manager@example.com");
        const QString me = f.send("GET", "/api/v1/me", {}, agent)
                               .json.value("agent")
                               .toObject()
                               .value("uuid")
                               .toString();
        const QString boss = f.send("GET", "/api/v1/me", {}, manager)
                                 .json.value("agent")
                                 .toObject()
                                 .value("uuid")
                                 .toString();
        QVERIFY(f.directory->ensureCategory("배송"));
        const auto team = f.directory->addTeam("1차 지원");
        QVERIFY(team);
        const QString t = newId();
        expect(f, agent,
               {op(newId(), t, "create_ticket", {{"subject", "원래 제목"}, {"priority", "low"}})},
               {"applied"});
        // The manager changes every field at 10:00 ...
        f.clock.advanceSecs(3600);
        const QString at = "2025-01-06T10:00:00.000Z";
        expect(f, manager,
               {op(newId(), t, "set_priority", {{"priority", "high"}}),
                op(newId(), t, "assign", {{"assignee_uuid", boss}}),
                op(newId(), t, "set_category", {{"category", "배송"}}),
                op(newId(), t, "set_team", {{"team_uuid", team->uuid}}),
                op(newId(), t, "set_subject", {{"subject", "관리자 제목"}})},
               {"applied", "applied", "applied", "applied", "applied"}, "desk-2");
        // ... and the agent, offline, changed them from what he saw before.
        f.clock.advanceSecs(60);
        const QJsonArray ops{
            withBase(op(newId(), t, "set_priority", {{"priority", "urgent"}}),
                     {{"priority", "low"}}),
            withBase(op(newId(), t, "assign", {{"assignee_uuid", me}}),
                     {{"assignee_uuid", QJsonValue()}}),
            withBase(op(newId(), t, "set_category", {{"category", QJsonValue()}}),
                     {{"category", QJsonValue()}}),
            withBase(op(newId(), t, "set_team", {{"team_uuid", QJsonValue()}}),
                     {{"team_uuid", QJsonValue()}}),
            withBase(op(newId(), t, "set_subject", {{"subject", "상담원 제목"}}),
                     {{"subject", "원래 제목"}}),
            // The manager's assignment made the ticket assigned.
            withBase(op(newId(), t, "set_status", {{"status", "pending"}}), {{"status", "new"}}),
        };
        const QList<QJsonObject> expected{
            overwrote("priority", "high", boss, at),
            overwrote("assignee_uuid", boss, boss, at),
            overwrote("category", "배송", boss, at),
            overwrote("team_uuid", team->uuid, boss, at),
            overwrote("subject", "관리자 제목", boss, at),
            overwrote("status", "assigned", boss, at),
        };
        const auto got = expect(f, agent, ops, QStringList(ops.size(), "applied"));
        QVERIFY(!got.isEmpty());
        for (int i = 0; i < got.size(); ++i)
            QCOMPARE(got[i].value("overwrote").toObject(), expected[i]);
        const auto again = expect(f, agent, ops, QStringList(ops.size(), "duplicate"));
        QVERIFY(!again.isEmpty());
        for (int i = 0; i < again.size(); ++i)
            QCOMPARE(again[i].value("overwrote").toObject(), expected[i]);

        // No notice when the base is what the server had, when the new value is the server's,
        // without a base, or with a base about another field.
        const QJsonArray quiet{
            withBase(op(newId(), t, "set_priority", {{"priority", "low"}}),
                     {{"priority", "urgent"}}),
            withBase(op(newId(), t, "set_priority", {{"priority", "low"}}),
                     {{"priority", "normal"}}),
            op(newId(), t, "set_priority", {{"priority", "high"}}),
            withBase(op(newId(), t, "set_priority", {{"priority", "normal"}}), {{"subject", "x"}}),
            withBase(op(newId(), t, "assign", {{"assignee_uuid", me}}), {{"assignee_uuid", boss}}),
            withBase(op(newId(), t, "set_subject", {{"subject", "상담원 제목"}}),
                     {{"subject", "관리자 제목"}}),
        };
        const auto calm = expect(f, agent, quiet, QStringList(quiet.size(), "applied"));
        QVERIFY(!calm.isEmpty());
        for (const QJsonObject &r : calm)
            QVERIFY2(!r.contains("overwrote"), QJsonDocument(r).toJson().constData());
        QCOMPARE(f.store->find(t)->priority, Priority::Normal);

        // A value no event changed (set at creation): by and at are null.
        const QString u = newId();
        const auto fresh = expect(
            f, agent,
            {op(newId(), u, "create_ticket", {{"subject", "새 문의"}, {"priority", "low"}}),
             withBase(op(newId(), u, "set_priority", {{"priority", "high"}}),
                      {{"priority", "normal"}})},
            {"applied", "applied"});
        QVERIFY(!fresh.isEmpty());
        QCOMPARE(fresh[1].value("overwrote").toObject(),
                 overwrote("priority", "low", QJsonValue(), QJsonValue()));
        // A base that is not an object is malformed.
        QJsonObject bare = op(newId(), u, "set_priority", {{"priority", "urgent"}});
        bare.insert("base", "normal");
        QVERIFY(refusedEach(f, agent, {{bare, "invalid", "base"}}));
        QCOMPARE(f.store->find(u)->priority, Priority::High);
    }
};

QTEST_GUILESS_MAIN(TestSyncPushReplica)
#include "tst_sync_push_replica.moc"
