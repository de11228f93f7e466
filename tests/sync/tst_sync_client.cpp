// SPDX-License-Identifier: GPL-3.0-or-later
// The client's side of sync against the real server in process: the first pull makes a replica
// equal to the server; offline edits are recorded in the outbox with their change, pushed once
// and equal on both sides afterwards; two replicas editing the same ticket converge; what the
// server refuses is undone locally and kept in sync_rejections; a cursor survives a restart.
#include "tests/sync/replicafixture.h"

#include "core/channels/chatimport.h"
#include "server/serverfixture.h"
#include "sync/feedapplier.h"

using namespace hd;

namespace {

struct Setup
{
    ServerFixture server;
    QNetworkAccessManager nam;
    QString agentUuid;
    QString token;

    Setup()
    {
        agentUuid = server.db->scalar("SELECT uuid FROM agents WHERE email = 'agent@example.com'")
                        ->toString();
        token = QString::fromLatin1(server.bearer("agent@example.com").mid(7));
    }
    QUrl url() const { return QUrl(QString("http://127.0.0.1:%1").arg(server.server->port())); }
    std::unique_ptr<ReplicaFixture> replica()
    {
        return std::make_unique<ReplicaFixture>(nam, url(), token);
    }
    QStringList content() { return contentOf(*server.db); }
};

} // namespace

class TestSyncClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstPullMakesTheReplicaEqual()
    {
        Setup team;
        const Agent kim = team.server.agent("Kim");
        const Customer lee = team.server.customer("이영희");
        const Ticket a = team.server.ticket("배송 문의", "언제 오나요", lee.id);
        const Ticket b = team.server.ticket("환불 문의", "환불해 주세요", lee.id);
        team.server.reply(a.id, kim.id, "내일 도착합니다");
        team.server.reply(a.id, kim.id, "내부 메모", Visibility::Internal);
        QVERIFY(bool(team.server.store->assign(b.id, kim.id, Actor::system())));
        // A team and a category named by a ticket, and an agent in that team made after the
        // ticket: their entries come after the rows that name them.
        const Team billing = *team.server.directory->addTeam("결제팀");
        const Category refunds = *team.server.directory->ensureCategory("환불");
        QVERIFY(bool(team.server.store->setTeam(b.id, billing.id, Actor::system())));
        QVERIFY(bool(team.server.store->setCategory(b.id, refunds.id, Actor::system())));
        Agent park;
        park.name = "박결제";
        park.email = "park@example.com";
        park.teamId = billing.id;
        park = *team.server.directory->addAgent(park);
        QVERIFY(bool(team.server.store->assign(a.id, park.id, Actor::system())));
        QVERIFY(bool(team.server.db->exec("UPDATE teams SET name = '결제·환불팀' WHERE id = ?",
                                          {billing.id})));
        QVERIFY(bool(team.server.store->setTags(b.id, {"환불", "vip"}, Actor::system())));
        auto r = team.replica();
        r->client->setPageSize(2); // several pages
        QSignalSpy progress(r->client.get(), &sync::SyncClient::progress);
        QVERIFY(r->sync());
        QCOMPARE(r->client->state(), sync::SyncClient::State::Idle);
        QCOMPARE(difference(contentOf(*r->db), team.content()), QString());
        QVERIFY(progress.size() > 3);
        QCOMPARE(progress.last().at(0).toLongLong(), progress.last().at(1).toLongLong());
        // People came with it; the search index was rebuilt once at the end.
        QCOMPARE(r->db->scalar("SELECT name FROM customers WHERE uuid = ?", {lee.uuid})->toString(),
                 QString("이영희"));
        QCOMPARE(r->db->scalar("SELECT count(*) FROM agents WHERE name = ''")->toInt(), 0);
        QCOMPARE(r->db
                     ->scalar("SELECT t.name FROM agents a JOIN teams t ON t.id = a.team_id "
                              "WHERE a.uuid = ?",
                              {park.uuid})
                     ->toString(),
                 QString("결제·환불팀"));
        QCOMPARE(r->db->scalar("SELECT count(*) FROM teams")->toInt(), 1);
        auto hits = r->db->scalar("SELECT count(*) FROM ticket_search WHERE ticket_search MATCH ?",
                                  {SearchIndex::analyze("배송", {}, {}).pub});
        QCOMPARE(hits->toInt(), 1);
        QCOMPARE(r->pending(), 0);
        // A second round has nothing to do and keeps the cursor.
        const qint64 cursor = r->client->cursor();
        QVERIFY(r->sync());
        QCOMPARE(r->client->cursor(), cursor);
    }

    void offlineEditsArePushedOnceAndEqualEverywhere()
    {
        Setup team;
        const Ticket a = team.server.ticket("배송 문의", "언제 오나요");
        auto r = team.replica();
        QVERIFY(r->sync());
        const Actor me = Actor::agent(r->agentId(team.agentUuid));
        // Offline: a new ticket with a first message, a reply, status, tags, priority, subject.
        NewTicket nt;
        nt.subject = "전화 문의: 로그인 안 됨";
        nt.body = "고객이 전화로 로그인 문제를 알림";
        nt.channel = Channel::Phone;
        nt.actor = me;
        nt.tags = {"로그인"};
        const Ticket made = *r->store->create(nt);
        QVERIFY(made.number < 0); // provisional until the server numbers it
        const Ticket local = r->ticket(a.uuid);
        NewMessage reply;
        reply.authorId = me.id;
        reply.body = "확인해 보겠습니다";
        QVERIFY(bool(r->store->addMessage(local.id, reply)));
        QVERIFY(bool(r->store->setPriority(local.id, Priority::High, me)));
        QVERIFY(bool(r->store->transition(local.id, TicketStatus::Open, me)));
        QVERIFY(bool(r->store->setTags(local.id, {"배송", "지연"}, me)));
        QVERIFY(bool(r->store->setSubject(local.id, "배송 지연 문의", me)));
        // create_ticket + add_tags, add_message, set_priority, set_status, add_tags, set_subject
        QCOMPARE(r->pending(), 7);
        QVERIFY(r->sync());
        QCOMPARE(r->pending(), 0);
        QCOMPARE(difference(contentOf(*r->db), team.content()), QString());
        QVERIFY(r->ticket(made.uuid).number > 0);
        QCOMPARE(team.server.db->scalar("SELECT count(*) FROM applied_ops")->toInt(), 7);
        const Ticket onServer = *team.server.store->find(a.uuid);
        QCOMPARE(onServer.subject, QString("배송 지연 문의"));
        QCOMPARE(onServer.status, TicketStatus::Open);
        QCOMPARE(onServer.tags, QStringList({"배송", "지연"}));
        // The search index follows the feed's changes too.
        QVERIFY(bool(team.server.store->setSubject(onServer.id, "택배 분실", Actor::system())));
        QVERIFY(r->sync());
        auto hits = r->db->scalar("SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?",
                                  {SearchIndex::analyze("택배", {}, {}).pub});
        QCOMPARE(hits->toLongLong(), local.id);
    }

    void twoReplicasEditingOneTicketConverge()
    {
        Setup team;
        const Ticket t = team.server.ticket("결제 오류", "결제가 안 돼요");
        auto one = team.replica();
        auto two = team.replica();
        QVERIFY(one->sync());
        QVERIFY(two->sync());
        const Actor me1 = Actor::agent(one->agentId(team.agentUuid));
        const Actor me2 = Actor::agent(two->agentId(team.agentUuid));
        const RowId id1 = one->ticket(t.uuid).id;
        const RowId id2 = two->ticket(t.uuid).id;
        // Both offline: different priorities, a tag each, a reply each.
        QVERIFY(bool(one->store->setPriority(id1, Priority::Urgent, me1)));
        QVERIFY(bool(two->store->setPriority(id2, Priority::Low, me2)));
        QVERIFY(bool(one->store->setTags(id1, {"결제"}, me1)));
        QVERIFY(bool(two->store->setTags(id2, {"카드"}, me2)));
        NewMessage m;
        m.authorId = me1.id;
        m.body = "첫 번째 답변";
        QVERIFY(bool(one->store->addMessage(id1, m)));
        m.authorId = me2.id;
        m.body = "두 번째 답변";
        QVERIFY(bool(two->store->addMessage(id2, m)));
        QVERIFY(one->sync());
        QVERIFY(two->sync()); // pushes after one: its priority wins (server order)
        QVERIFY(one->sync());
        const QStringList server = team.content();
        QCOMPARE(difference(contentOf(*one->db), server), QString());
        QCOMPARE(difference(contentOf(*two->db), server), QString());
        const Ticket after = *team.server.store->find(t.uuid);
        QCOMPARE(after.priority, Priority::Low);
        QCOMPARE(after.tags, QStringList({"결제", "카드"})); // tags merge
        QCOMPARE(team.server.store->messages(after.id)->size(), 3);
    }

    void refusedOperationsAreUndoneAndKept()
    {
        Setup team;
        const Ticket t = team.server.ticket("해지 요청", "해지해 주세요");
        auto r = team.replica();
        QVERIFY(r->sync());
        const Actor me = Actor::agent(r->agentId(team.agentUuid));
        const RowId local = r->ticket(t.uuid).id;
        // Meanwhile the ticket is closed on the server; offline the agent replies and solves.
        QVERIFY(bool(team.server.store->transition(t.id, TicketStatus::Open, Actor::system())));
        QVERIFY(bool(team.server.store->transition(t.id, TicketStatus::Solved, Actor::system())));
        QVERIFY(bool(team.server.store->transition(t.id, TicketStatus::Closed, Actor::system())));
        NewMessage m;
        m.authorId = me.id;
        m.body = "해지 처리했습니다";
        const Message reply = *r->store->addMessage(local, m);
        QVERIFY(bool(r->store->setPriority(local, Priority::High, me)));
        QSignalSpy rejections(r->client.get(), &sync::SyncClient::rejectionsChanged);
        QVERIFY(r->sync());
        QVERIFY(rejections.size() >= 1);
        QCOMPARE(r->pending(), 0);
        // Both refused (a closed ticket takes no message and no priority change); the local
        // reply is gone, the replica equals the server, the rejections say why.
        QCOMPARE(difference(contentOf(*r->db), team.content()), QString());
        QCOMPARE(
            r->db->scalar("SELECT count(*) FROM messages WHERE uuid = ?", {reply.uuid})->toInt(),
            0);
        auto rows = r->db->exec("SELECT kind, code, payload FROM sync_rejections ORDER BY kind");
        QVERIFY(rows->next());
        QCOMPARE(rows->value(0).toString(), QString("add_message"));
        QCOMPARE(rows->value(1).toString(), QString("transition_not_allowed"));
        QVERIFY(rows->value(2).toString().contains("해지 처리했습니다")); // nothing lost
    }

    void aRejectedCreateRemovesTheLocalTicket()
    {
        Setup team;
        auto r = team.replica();
        QVERIFY(r->sync());
        const Actor me = Actor::agent(r->agentId(team.agentUuid));
        NewTicket nt;
        nt.subject = "중복 UUID";
        nt.body = "본문";
        nt.actor = me;
        const Ticket made = *r->store->create(nt);
        // The server already has a ticket with this uuid (another desktop made it): refused.
        NewTicket clash;
        clash.uuid = made.uuid;
        clash.subject = "다른 티켓";
        QVERIFY(bool(team.server.store->create(clash)));
        QVERIFY(r->sync());
        QCOMPARE(r->pending(), 0);
        QCOMPARE(difference(contentOf(*r->db), team.content()), QString());
        QCOMPARE(r->db->scalar("SELECT code FROM sync_rejections WHERE kind = 'create_ticket'")
                     ->toString()
                     .isEmpty(),
                 false);
    }

    void bulkImportsAreRefusedOnAReplica()
    {
        // A chat import writes past TicketStore: on a replica nothing of it would reach the
        // outbox and its numbers would collide with the server's, so it is refused, clearly.
        Setup team;
        auto r = team.replica();
        Directory directory(*r->db, r->clock);
        chat::ChatImporter importer(*r->store, directory);
        chat::ChatImportOptions options;
        options.room = "상담채널";
        auto imported = importer.import(chat::ParsedChat{}, options);
        QVERIFY(!imported);
        QCOMPARE(imported.errorCode(), ErrorCode::InvalidArgument);
        QVERIFY(imported.errorMessage().contains("replica"));
        QCOMPARE(r->db->scalar("SELECT count(*) FROM tickets")->toInt(), 0);
    }

    void theCursorSurvivesARestart()
    {
        Setup team;
        for (int i = 0; i < 5; ++i)
            team.server.ticket(QString("문의 %1").arg(i), "본문");
        auto r = team.replica();
        QVERIFY(r->sync());
        const qint64 cursor = r->client->cursor();
        QVERIFY(cursor > 0);
        const QString path = r->db->path();
        r->client.reset();
        r->store.reset();
        r->outbox.reset();
        r->db.reset();
        team.server.ticket("새 문의", "본문");
        auto db = std::move(Database::open(path)).value();
        QCOMPARE(sync::replica::state(*db, "cursor")->toLongLong(), cursor);
        QCOMPARE(db->scalar("SELECT count(*) FROM tickets")->toInt(), 5);
    }
};

QTEST_GUILESS_MAIN(TestSyncClient)
#include "tst_sync_client.moc"
