// SPDX-License-Identifier: GPL-3.0-or-later
// The change feed of docs/sync.md "Pull" over HTTP: paging from 0 yields every current ticket
// and message exactly once and equal to the database, later changes come after the cursor,
// repeated changes collapse to the newest seq, deletions, parameter checks, rows that existed
// before the feed, and no feed triggers in a desktop client's database. Prints the time to page
// HELPDESK_SYNC_FEED_TICKETS tickets (default 300) with the largest page.
#include "serverfixture.h"

#include "server/feedschema.h"
#include "server/syncapi.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace hd;
using namespace hd::server;

namespace {

struct Pulled
{
    QHash<QString, QJsonObject> tickets; ///< by uuid: the row, or {"deleted": true}
    QHash<QString, QJsonObject> messages;
    QHash<QString, QJsonObject> others; ///< people, teams, categories by "entity:key"
    int duplicates = 0;
    int pages = 0;
    qint64 cursor = 0;
};

/// Pages from `after` to the end with `limit`, checking the page invariants on the way.
Pulled pull(ServerFixture &f, const QByteArray &auth, qint64 after, int limit)
{
    Pulled p;
    p.cursor = after;
    for (;;) {
        const Reply r = f.send(
            "GET", QString("/api/v1/sync/changes?after=%1&limit=%2").arg(p.cursor).arg(limit), {},
            auth);
        if (r.status != 200)
            qFatal("feed: %d %s", r.status, r.body.constData());
        ++p.pages;
        const QJsonArray changes = r.json.value("changes").toArray();
        if (changes.size() > limit)
            qFatal("page larger than its limit");
        qint64 last = p.cursor;
        for (const QJsonValue &v : changes) {
            const QJsonObject e = v.toObject();
            const qint64 seq = e.value("seq").toInteger();
            if (seq <= last)
                qFatal("seqs not increasing");
            last = seq;
            const QString entity = e.value("entity").toString();
            auto &into = entity == "ticket" ? p.tickets
                : entity == "message"       ? p.messages
                                            : p.others;
            const QString uuid = entity == "ticket" || entity == "message"
                ? e.value("uuid").toString()
                : entity + ":" + e.value("uuid").toString();
            if (into.contains(uuid))
                ++p.duplicates;
            into.insert(uuid,
                        e.value("deleted").toBool() ? QJsonObject{{"deleted", true}}
                                                    : e.value("row").toObject());
        }
        const qint64 cursor = r.json.value("cursor").toInteger();
        if (cursor < last || (changes.isEmpty() && cursor != p.cursor))
            qFatal("cursor %lld behind the page", cursor);
        p.cursor = cursor;
        if (!r.json.value("more").toBool()) {
            if (cursor != r.json.value("head").toInteger())
                qFatal("last page's cursor is not the head");
            return p;
        }
    }
}

QStringList column(ServerFixture &f, const QString &sql)
{
    QStringList out;
    auto rows = f.db->exec(sql);
    while (rows->next())
        out << rows->value(0).toString();
    out.sort();
    return out;
}

} // namespace

class TestSyncFeed : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pagingFromZeroYieldsEveryRowOnceEqualToTheDatabase()
    {
        ServerFixture f;
        const Agent kim = f.agent("Kim");
        const Customer lee = f.customer("Lee");
        QList<Ticket> tickets;
        for (int i = 0; i < 7; ++i) {
            tickets << f.ticket(QString("문의 %1").arg(i), QString("본문 %1").arg(i), lee.id);
            f.clock.advanceSecs(60);
        }
        f.reply(tickets[0].id, kim.id, "답변드립니다");
        const Message note = f.reply(tickets[1].id, kim.id, "내부 메모", Visibility::Internal);
        NewMessage withFile;
        withFile.authorId = kim.id;
        withFile.body = "영수증을 첨부합니다";
        withFile.attachments = {{QString(64, 'a'), "영수증.pdf", "application/pdf", 1234}};
        const Message filed = *f.store->addMessage(tickets[2].id, withFile);
        QVERIFY(bool(f.store->assign(tickets[2].id, kim.id, Actor::system())));
        QVERIFY(bool(f.store->setTags(tickets[3].id, {"배송", "vip"}, Actor::system())));
        QVERIFY(bool(f.store->setPriority(tickets[3].id, Priority::Urgent, Actor::system())));
        QVERIFY(bool(f.store->transition(tickets[4].id, TicketStatus::Open, Actor::system())));
        QVERIFY(bool(f.store->merge(tickets[5].id, tickets[6].id, Actor::system())));
        const QByteArray agent = f.bearer("agent@example.com");

        for (int limit : {1, 3, 5000}) {
            const Pulled p = pull(f, agent, 0, limit);
            QCOMPARE(p.duplicates, 0);
            QCOMPARE(p.tickets.size(), 7);
            QStringList uuids = p.tickets.keys();
            uuids.sort();
            QCOMPARE(uuids, column(f, "SELECT uuid FROM tickets"));
            uuids = p.messages.keys();
            uuids.sort();
            QCOMPARE(uuids, column(f, "SELECT uuid FROM messages"));
            QCOMPARE(p.messages.size(), 10); // 7 first messages, 2 replies, a note
            // Kim, the fixture's three accounts, Lee.
            QCOMPARE(p.others.size(), 5);
            QVERIFY(p.others.contains("agent:" + kim.uuid));
            QCOMPARE(p.others.value("customer:" + lee.uuid).value("name").toString(), lee.name);
            QVERIFY(!p.others.value("agent:" + kim.uuid).contains("password_hash"));
            const qint64 entries = p.tickets.size() + p.messages.size() + p.others.size();
            if (limit == 1)
                QCOMPARE(p.pages, int(entries));
            if (limit == 5000)
                QCOMPARE(p.pages, 1);
            // Every row equals the store's view of it.
            for (const Ticket &t0 : tickets) {
                const Ticket t = *f.store->ticket(t0.id);
                const QJsonObject row = p.tickets.value(t.uuid);
                QCOMPARE(row.value("number").toInteger(), t.number);
                QCOMPARE(row.value("subject").toString(), t.subject);
                QCOMPARE(row.value("status").toString(), wireName(t.status));
                QCOMPARE(row.value("priority").toString(), wireName(t.priority));
                QCOMPARE(row.value("requester_uuid").toString(), lee.uuid);
                QCOMPARE(row.value("updated_at").toString(),
                         t.updatedAt.toUTC().toString(Qt::ISODateWithMs));
                QStringList tags;
                for (const QJsonValue &v : row.value("tags").toArray())
                    tags << v.toString();
                QCOMPARE(tags, t.tags);
                const QList<Message> messages = *f.store->messages(t.id, true);
                for (const Message &m : messages) {
                    const QJsonObject mr = p.messages.value(m.uuid);
                    QCOMPARE(mr.value("ticket_uuid").toString(), t.uuid);
                    QCOMPARE(mr.value("body").toString(), m.body);
                    QCOMPARE(mr.value("visibility").toString(), wireName(m.visibility));
                    QCOMPARE(mr.value("author_kind").toString(), wireName(m.authorKind));
                }
            }
            const QJsonObject t2 = p.tickets.value(tickets[2].uuid);
            QCOMPARE(t2.value("assignee_uuid").toString(), kim.uuid);
            QCOMPARE(p.tickets.value(tickets[3].uuid).value("priority").toString(),
                     QString("urgent"));
            QCOMPARE(p.tickets.value(tickets[5].uuid).value("merged_into_uuid").toString(),
                     tickets[6].uuid);
            QCOMPARE(p.messages.value(filed.uuid).value("attachments").toArray(),
                     QJsonArray({QJsonObject{{"sha256", QString(64, 'a')},
                                             {"file_name", "영수증.pdf"},
                                             {"media_type", "application/pdf"},
                                             {"size", 1234}}}));
            QCOMPARE(p.messages.value(note.uuid).value("attachments").toArray(), QJsonArray());
            // Internal notes are in the feed (agents only).
            QCOMPARE(p.messages.value(note.uuid).value("visibility").toString(),
                     QString("internal"));
            QCOMPARE(p.messages.value(note.uuid).value("author_agent_uuid").toString(), kim.uuid);
        }
    }

    void laterChangesComeAfterTheCursorAndCollapse()
    {
        ServerFixture f;
        const Agent kim = f.agent("Kim");
        const Ticket a = f.ticket("배송 문의", "언제 오나요");
        const Ticket b = f.ticket("환불 문의", "환불해 주세요");
        const QByteArray agent = f.bearer("agent@example.com");
        const Pulled first = pull(f, agent, 0, 2);
        QCOMPARE(first.tickets.size() + first.messages.size(), 4);

        // Nothing new: an empty last page at the same cursor.
        Reply r
            = f.send("GET", QString("/api/v1/sync/changes?after=%1").arg(first.cursor), {}, agent);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.value("changes").toArray().isEmpty());
        QCOMPARE(r.json.value("cursor").toInteger(), first.cursor);
        QCOMPARE(r.json.value("head").toInteger(), first.cursor);
        QCOMPARE(r.json.value("more").toBool(), false);

        // Four changes of one ticket (and its tags) and one new message.
        QVERIFY(bool(f.store->setPriority(a.id, Priority::High, Actor::system())));
        QVERIFY(bool(f.store->setSubject(a.id, "배송 지연 문의", Actor::system())));
        QVERIFY(bool(f.store->assign(a.id, kim.id, Actor::system())));
        QVERIFY(bool(f.store->setTags(a.id, {"지연"}, Actor::system())));
        const Message m = f.reply(b.id, kim.id, "확인 중입니다");
        r = f.send("GET", QString("/api/v1/sync/changes?after=%1").arg(first.cursor), {}, agent);
        const QJsonArray changes = r.json.value("changes").toArray();
        // The reply touched ticket b too: a, b and the message, each once, newest seq last.
        QCOMPARE(changes.size(), 3);
        QHash<QString, qint64> seqOf;
        for (const QJsonValue &v : changes)
            seqOf.insert(v.toObject().value("uuid").toString(),
                         v.toObject().value("seq").toInteger());
        QVERIFY(seqOf.contains(a.uuid));
        QVERIFY(seqOf.contains(b.uuid));
        QVERIFY(seqOf.contains(m.uuid));
        QCOMPARE(r.json.value("cursor").toInteger(), r.json.value("head").toInteger());
        QCOMPARE(f.db->scalar("SELECT count(*) FROM changes WHERE uuid = ?", {a.uuid})->toInt(), 1);
        QCOMPARE(f.db->scalar("SELECT seq FROM changes WHERE uuid = ?", {a.uuid})->toLongLong(),
                 seqOf.value(a.uuid));
        const QJsonObject rowA = [&] {
            for (const QJsonValue &v : changes)
                if (v.toObject().value("uuid").toString() == a.uuid)
                    return v.toObject().value("row").toObject();
            return QJsonObject();
        }();
        QCOMPARE(rowA.value("subject").toString(), QString("배송 지연 문의"));
        QCOMPARE(rowA.value("priority").toString(), QString("high"));
        QCOMPARE(rowA.value("assignee_uuid").toString(), kim.uuid);
        QCOMPARE(rowA.value("tags").toArray(), QJsonArray({"지연"}));
        QCOMPARE(rowA.value("category"), QJsonValue());

        // Paging from 0 still yields each row once.
        const Pulled again = pull(f, agent, 0, 1);
        QCOMPARE(again.duplicates, 0);
        QCOMPARE(again.tickets.size(), 2);
        QCOMPARE(again.messages.size(), 3);
    }

    void deletedRowsAreMarked()
    {
        ServerFixture f;
        const Ticket keep = f.ticket("남는 문의", "본문");
        const Ticket gone = f.ticket("지울 문의");
        QVERIFY(bool(f.store->setTags(gone.id, {"spam"}, Actor::system())));
        const QList<Message> keptMessages = *f.store->messages(keep.id, true);
        const Message first = keptMessages.constFirst();
        const QByteArray agent = f.bearer("agent@example.com");
        const qint64 cursor = pull(f, agent, 0, 10).cursor;
        QVERIFY(bool(f.db->transaction([&]() -> Result<void> {
            for (const char *sql :
                 {"DELETE FROM events WHERE ticket_id = ?", "DELETE FROM tickets WHERE id = ?"})
                if (auto r = f.db->exec(sql, {gone.id}); !r)
                    return r.error();
            if (auto r = f.db->exec("DELETE FROM messages WHERE id = ?", {first.id}); !r)
                return r.error();
            return {};
        })));
        const Pulled p = pull(f, agent, cursor, 10);
        QCOMPARE(p.tickets.size(), 1);
        QCOMPARE(p.tickets.value(gone.uuid), QJsonObject({{"deleted", true}}));
        QCOMPARE(p.messages.size(), 1);
        QCOMPARE(p.messages.value(first.uuid), QJsonObject({{"deleted", true}}));
    }

    void parametersAreChecked()
    {
        ServerFixture f;
        for (int i = 0; i < SyncApi::kDefaultLimit + 1; ++i)
            f.ticket(QString("문의 %1").arg(i));
        QCOMPARE(f.send("GET", "/api/v1/sync/changes").status, 401);
        const QByteArray agent = f.bearer("agent@example.com");
        for (const char *query :
             {"limit=0", "limit=5001", "limit=-1", "limit=abc", "limit=", "limit=1.5", "after=-1",
              "after=x", "after=1.5", "after=", "after=99999999999999999999"}) {
            const Reply r = f.send("GET", QString("/api/v1/sync/changes?") + query, {}, agent);
            QVERIFY2(r.status == 400, query);
            QCOMPARE(r.errorCode(), QString("invalid_request"));
            QVERIFY(!r.json.value("error").toObject().value("message").toString().isEmpty());
        }
        Reply r = f.send("GET", "/api/v1/sync/changes", {}, agent);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value("changes").toArray().size(), SyncApi::kDefaultLimit);
        QCOMPARE(r.json.value("more").toBool(), true);
        // A ticket's creation is an insert and an update (SLA clocks): one entry, two seqs used.
        const int entries = f.count("changes");
        QCOMPARE(f.db->scalar("SELECT count(*) FROM changes WHERE entity = 'ticket'")->toInt(),
                 SyncApi::kDefaultLimit + 1);
        QCOMPARE(r.json.value("head").toInteger(),
                 f.db->scalar("SELECT max(seq) FROM changes")->toLongLong());
        r = f.send("GET", "/api/v1/sync/changes?limit=5000&after=0", {}, agent);
        QCOMPARE(r.json.value("changes").toArray().size(), entries);
        QCOMPARE(r.json.value("more").toBool(), false);
        // A cursor beyond the head (another server's database): nothing, and no going back.
        r = f.send("GET", "/api/v1/sync/changes?after=100000", {}, agent);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.value("changes").toArray().isEmpty());
        QCOMPARE(r.json.value("cursor").toInteger(), 100000);
        QCOMPARE(r.json.value("more").toBool(), false);
    }

    void rowsFromBeforeTheFeedAreServed()
    {
        StoreFixture s(StoreFixture::Backend::Server);
        const Ticket t = s.ticket("예전 문의", "예전 본문");
        QVERIFY(bool(feedschema::install(*s.db)));
        QVERIFY(bool(feedschema::install(*s.db))); // idempotent: no second backfill
        QCOMPARE(s.count("changes"), 2);
        auto page = SyncApi(*s.db).page(0, 10);
        QVERIFY(bool(page));
        const QJsonArray changes = page->parsed();
        QCOMPARE(changes.size(), 2);
        QCOMPARE(page->count, 2);
        QCOMPARE(changes[0].toObject().value("uuid").toString(), t.uuid);
        QCOMPARE(changes[0].toObject().value("op").toString(), QString("insert"));
        QCOMPARE(changes[1].toObject().value("entity").toString(), QString("message"));
        QCOMPARE(page->head, 2);
    }

    void desktopDatabasesHaveNoFeed()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath("desktop.sqlite"));
        QVERIFY(bool(db));
        const auto count = [&](Database &d, const QString &where) {
            return d.scalar("SELECT count(*) FROM sqlite_master WHERE " + where)->toInt();
        };
        QCOMPARE(count(**db, "name = 'changes'"), 0);
        QCOMPARE(count(**db, "type = 'trigger' AND sql LIKE '%changes%'"), 0);
        QCOMPARE(count(**db, "type = 'trigger' AND name LIKE '%feed%'"), 0);
        // The server's database has them all.
        ServerFixture f;
        if (f.db->isPostgres()) {
            // One trigger per table (a PL/pgSQL function serves insert, update and delete).
            QCOMPARE(f.db->scalar("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND "
                                  "tgname LIKE '%\\_feed'")
                         ->toInt(),
                     8);
            return;
        }
        int triggers = 0;
        for (const char *const *n = feedschema::triggerNames(); *n; ++n, ++triggers)
            QCOMPARE(count(*f.db, QString("type = 'trigger' AND name = '%1'").arg(*n)), 1);
        QCOMPARE(triggers, 22);
        QCOMPARE(count(*f.db, "type = 'trigger' AND sql LIKE '%changes%'"), triggers);
    }

    void pagingManyTicketsFigure()
    {
        const int n = qEnvironmentVariableIntValue("HELPDESK_SYNC_FEED_TICKETS") > 0
            ? qEnvironmentVariableIntValue("HELPDESK_SYNC_FEED_TICKETS")
            : 300;
        const auto seed = [n](StoreFixture &s) {
            QElapsedTimer t;
            t.start();
            const Result<void> r = s.store->batch([&]() -> Result<void> {
                for (int i = 0; i < n; ++i) {
                    NewTicket nt;
                    nt.subject = QString("문의 %1").arg(i);
                    nt.body = QString("본문 %1: 배송이 늦어요").arg(i);
                    nt.tags = {"bulk"};
                    if (auto made = s.store->create(nt); !made)
                        return made.error();
                }
                return {};
            });
            return r ? t.elapsed() : qint64(-1);
        };
        // The feed's triggers cost the server's imports this much (clients have none).
        StoreFixture client;
        const qint64 plainMs = seed(client);
        ServerFixture f;
        const qint64 feedMs = seed(f);
        QVERIFY(plainMs >= 0 && feedMs >= 0);
        qInfo("created %d tickets with a message in one batch: %lld ms without the feed's "
              "triggers, %lld ms with them",
              n, plainMs, feedMs);
        const QByteArray agent = f.bearer("agent@example.com");
        QElapsedTimer timer;
        timer.start();
        const Pulled p = pull(f, agent, 0, SyncApi::kMaxLimit);
        const qint64 ms = timer.elapsed();
        QCOMPARE(p.tickets.size(), n);
        QCOMPARE(p.messages.size(), n);
        QCOMPARE(p.duplicates, 0);
        qInfo("paged %d tickets + %d messages from 0 with limit %d: %d pages, %lld ms", n, n,
              SyncApi::kMaxLimit, p.pages, ms);
    }
};

QTEST_GUILESS_MAIN(TestSyncFeed)
#include "tst_sync_feed.moc"
