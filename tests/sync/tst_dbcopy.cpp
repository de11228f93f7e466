// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-server copy (server/dbcopy.h): a seeded server database (SQLite) copied into an empty
// one — PostgreSQL in the _pg variant — holds the same tickets, people and histories, keeps
// numbering after them, serves the feed from its first start, and a failed copy leaves nothing.
#include "support/storefixture.h"
#include "tests/sync/replicafixture.h"

#include "server/dbcopy.h"
#include "server/feedschema.h"

using namespace hd;

namespace {

const QStringList kTables{"teams",
                          "agents",
                          "customers",
                          "customer_identities",
                          "categories",
                          "sla_policies",
                          "tickets",
                          "ticket_tags",
                          "messages",
                          "attachments",
                          "message_attachments",
                          "events",
                          "counters",
                          "auth_tokens",
                          "applied_ops"};

QStringList counts(Database &db)
{
    QStringList out;
    for (const QString &t : kTables)
        out << t + "=" + db.scalar("SELECT count(*) FROM " + t)->toString();
    auto c = db.exec("SELECT status, archived, assignee_id, n FROM ticket_counts WHERE n <> 0 "
                     "ORDER BY status, archived, assignee_id");
    while (c->next())
        out << QString("count %1/%2/%3=%4")
                   .arg(c->value(0).toString(), c->value(1).toString(), c->value(2).toString(),
                        c->value(3).toString());
    return out;
}

/// A server's database with a history: demo tickets, a merge, tags, a token, the change feed
/// (entries moved to later seqs by a change) and an answered push.
struct Source : StoreFixture
{
    Source()
    {
        if (!seedDemo(120))
            qFatal("seed");
        const Agent kim = agent("김상담");
        auto ids = db->exec("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY id LIMIT 2");
        QList<RowId> open;
        while (ids->next())
            open << ids->value(0).toLongLong();
        ids->finish();
        if (open.size() < 2 || !store->merge(open[1], open[0], Actor::agent(kim.id)))
            qFatal("merge");
        if (!server::feedschema::install(*db))
            qFatal("feed");
        reply(open[0], kim.id, "피드가 생긴 뒤의 답변"); // moves entries to later seqs
        if (!db->exec("INSERT INTO applied_ops(op_id, client_id, agent_id, result, at) VALUES "
                      "('0190-op', 'client', ?, '{\"status\":\"applied\"}', 1)",
                      {kim.id}))
            qFatal("applied_ops");
        if (!db->exec("INSERT INTO auth_tokens(token_hash, agent_id, created_at, expires_at, "
                      "last_used_at) VALUES ('abc', ?, 1, 2, 1)",
                      {kim.id}))
            qFatal("token");
    }
};

} // namespace

class TestDbCopy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void copyHoldsEverythingAndCarriesOn()
    {
        Source from;
        StoreFixture to(StoreFixture::Backend::Server);
        QStringList seen;
        auto report
            = server::copyDatabase(*from.db, *to.db, [&](const QString &t, qint64) { seen << t; });
        QVERIFY2(bool(report), qPrintable(report.errorMessage()));
        QVERIFY(seen.contains("tickets") && seen.contains("applied_ops"));
        QVERIFY(report->rows > 1000);
        QCOMPARE(counts(*to.db), counts(*from.db));
        QCOMPARE(difference(contentOf(*to.db), contentOf(*from.db)), QString());
        QCOMPARE(to.count("ticket_search"), from.count("tickets"));
        QCOMPARE(to.count("customer_search"), from.count("customers"));
        // The feed came with its seqs: the desktops' cursors mean the same on the new server.
        const auto feed = [](Database &db) {
            QStringList out;
            auto q = db.exec("SELECT seq, entity, uuid, op FROM changes ORDER BY seq");
            while (q->next())
                out << QString("%1 %2 %3 %4")
                           .arg(q->value(0).toString(), q->value(1).toString(),
                                q->value(2).toString(), q->value(3).toString());
            return out;
        };
        QCOMPARE(feed(*to.db), feed(*from.db));
        QVERIFY(feed(*from.db).size() > from.count("tickets"));
        // New rows come after the copied ones.
        const qint64 maxId = from.db->scalar("SELECT max(id) FROM tickets")->toLongLong();
        const qint64 maxNumber = from.db->scalar("SELECT max(number) FROM tickets")->toLongLong();
        const qint64 maxSeq = from.db->scalar("SELECT max(seq) FROM changes")->toLongLong();
        const Ticket t = to.ticket("복사 후 새 문의", "본문");
        QVERIFY(t.id > maxId);
        QCOMPARE(t.number, maxNumber + 1);
        QVERIFY(to.db->scalar("SELECT seq FROM changes WHERE uuid = ?", {t.uuid})->toLongLong()
                > maxSeq);
        const Agent lee = to.agent("이상담");
        QVERIFY(lee.id > from.db->scalar("SELECT max(id) FROM agents")->toLongLong());
    }

    void onlyIntoAnEmptyDatabaseAndAllOrNothing()
    {
        Source from;
        StoreFixture to(StoreFixture::Backend::Server);
        // A failure half way leaves the target as it was.
        to.db->failAfter(40);
        auto failed = server::copyDatabase(*from.db, *to.db);
        QVERIFY(!failed);
        to.db->failAfter(0);
        QCOMPARE(to.count("tickets"), 0);
        QCOMPARE(to.count("messages"), 0);
        QVERIFY(bool(server::copyDatabase(*from.db, *to.db)));
        QCOMPARE(to.count("tickets"), from.count("tickets"));
        // Not twice: the target has tickets now.
        auto again = server::copyDatabase(*from.db, *to.db);
        QVERIFY(!again);
        QCOMPARE(again.errorCode(), ErrorCode::Conflict);
        QVERIFY2(again.errorMessage().contains("not empty"), qPrintable(again.errorMessage()));
        QCOMPARE(to.count("tickets"), from.count("tickets"));
    }
};

QTEST_GUILESS_MAIN(TestDbCopy)
#include "tst_dbcopy.moc"
