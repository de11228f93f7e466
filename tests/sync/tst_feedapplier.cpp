// SPDX-License-Identifier: GPL-3.0-or-later
// FeedApplier's two ways of writing a page agree: the set-wise path of an initial sync (bulk)
// and the row-by-row path give replicas equal to the server and to each other, whatever the
// page size (pages cut between tickets and their messages, people and the rows naming them),
// with merged and split tickets, attachments, internal notes, tags and later changes.
#include "support/storefixture.h"
#include "tests/sync/replicafixture.h"

#include "server/feedschema.h"
#include "server/syncapi.h"
#include "sync/feedapplier.h"

using namespace hd;

namespace {

struct Replica
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<TicketStore> store;
    std::unique_ptr<sync::Outbox> outbox;
    std::unique_ptr<sync::FeedApplier> applier;
    qint64 cursor = 0;

    Replica()
    {
        db = std::move(Database::open(dir.filePath("r.sqlite"))).value();
        if (!sync::replica::install(*db))
            qFatal("install");
        store = std::make_unique<TicketStore>(*db, SystemClock::instance());
        outbox = std::make_unique<sync::Outbox>(*db, SystemClock::instance());
        applier = std::make_unique<sync::FeedApplier>(*db, store->searchIndex(), *outbox);
    }

    /// Pages from the cursor to the head of server's feed.
    void pull(Database &server, int limit, bool bulk)
    {
        applier->setBulk(bulk);
        server::SyncApi api(server);
        for (;;) {
            auto page = api.page(cursor, limit);
            if (!page)
                qFatal("page: %s", qPrintable(page.errorMessage()));
            auto r = applier->apply(page->parsed(), page->cursor);
            if (!r)
                qFatal("apply: %s", qPrintable(r.errorMessage()));
            cursor = page->cursor;
            if (!page->more)
                break;
        }
        if (bulk && !store->searchIndex().rebuildAll())
            qFatal("rebuild");
    }

    QStringList attachments()
    {
        QStringList out;
        auto q = db->exec("SELECT m.uuid, ma.sha256, ma.file_name, a.size FROM message_attachments "
                          "ma JOIN messages m ON m.id = ma.message_id JOIN attachments a ON "
                          "a.sha256 = ma.sha256 ORDER BY 1, 2");
        while (q->next())
            out << QString("%1 %2 %3 %4")
                       .arg(q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
                            q->value(3).toString());
        return out;
    }
};

} // namespace

class TestFeedApplier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bulkAndRowByRowAgree()
    {
        StoreFixture s;
        QVERIFY(s.seedDemo(300));
        const Agent kim = s.agent("김상담");
        auto madeTeam = s.directory->addTeam("동기화 검증팀");
        QVERIFY2(bool(madeTeam), qPrintable(madeTeam.errorMessage()));
        const Team team = *madeTeam;
        auto ids = s.db->exec("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY id DESC "
                              "LIMIT 6");
        QList<RowId> open;
        while (ids->next())
            open << ids->value(0).toLongLong();
        QCOMPARE(open.size(), 6);
        QVERIFY(bool(s.store->merge(open[0], open[1], Actor::system())));
        NewMessage withFile;
        withFile.authorId = kim.id;
        withFile.body = "영수증 첨부";
        withFile.attachments = {{QString(64, 'b'), "영수증.pdf", "application/pdf", 4321}};
        QVERIFY(bool(s.store->addMessage(open[2], withFile)));
        const Message note = s.reply(open[2], kim.id, "내부 메모", Visibility::Internal);
        auto split = s.store->split(open[2], {note.id}, Actor::system());
        QVERIFY(bool(split));
        QVERIFY(bool(s.store->setTeam(open[3], team.id, Actor::system())));
        QVERIFY(bool(s.store->setTags(open[3], {"vip", "환불"}, Actor::system())));
        QVERIFY(bool(server::feedschema::install(*s.db)));

        Replica bulkSmall, bulkOne, rows;
        bulkSmall.pull(*s.db, 37, true);
        bulkOne.pull(*s.db, 5000, true);
        rows.pull(*s.db, 53, false);
        const QStringList server = contentOf(*s.db);
        QVERIFY(server.size() > 1000);
        for (Replica *r : {&bulkSmall, &bulkOne, &rows}) {
            QCOMPARE(difference(contentOf(*r->db), server), QString());
            QCOMPARE(r->db->scalar("SELECT count(*) FROM sync_parked")->toInt(), 0);
            QCOMPARE(r->db->scalar("SELECT count(*) FROM agents WHERE name = ''")->toInt(), 0);
            QCOMPARE(r->attachments().size(), 1);
        }
        QCOMPARE(bulkSmall.attachments(), rows.attachments());
        // The same search documents either way.
        const auto hits = [](Replica &r, const QString &word) {
            return r.db
                ->scalar("SELECT group_concat(rowid) FROM (SELECT rowid FROM ticket_search WHERE "
                         "ticket_search MATCH ? ORDER BY rowid)",
                         {SearchIndex::analyze(word, {}, {}).pub})
                ->toString();
        };
        QVERIFY(!hits(rows, "환불").isEmpty());
        QCOMPARE(hits(bulkSmall, "환불"), hits(rows, "환불"));
        QCOMPARE(hits(bulkOne, "배송"), hits(rows, "배송"));

        // Later changes, row by row on every replica.
        QVERIFY(bool(s.store->setSubject(open[4], "택배 분실 문의", Actor::system())));
        s.reply(open[4], kim.id, "다시 보내드렸습니다");
        QVERIFY(bool(s.store->assign(open[5], kim.id, Actor::system())));
        QVERIFY(bool(s.store->merge(open[3], open[5], Actor::system())));
        const QStringList later = contentOf(*s.db);
        for (Replica *r : {&bulkSmall, &bulkOne, &rows}) {
            r->pull(*s.db, 7, false);
            QCOMPARE(difference(contentOf(*r->db), later), QString());
        }
        QCOMPARE(hits(bulkSmall, "택배"), hits(rows, "택배"));
        QVERIFY(!hits(rows, "택배").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFeedApplier)
#include "tst_feedapplier.moc"
