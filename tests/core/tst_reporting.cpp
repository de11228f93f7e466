// SPDX-License-Identifier: GPL-3.0-or-later
// The reporting engine on a hand-built week of tickets (business hours Mon-Fri 09:00-18:00 in
// Asia/Seoul, report days in Seoul), every figure computed by hand; incremental refresh equals
// a rebuild and the from-scratch computation, also after random operations.
#include "support/storefixture.h"

#include "core/reporting/fromscratch.h"
#include "core/reporting/report.h"
#include "core/reporting/rollups.h"
#include "core/reporting/ticketids.h"

#include <QRandomGenerator>

using namespace hd;
using namespace hd::reporting;

namespace {
const QTimeZone kSeoul("Asia/Seoul");

QDateTime kst(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2025, month, day), QTime(hour, minute), kSeoul).toUTC();
}

template<typename T>
T ok(Result<T> r)
{
    if (!r)
        qFatal("%s", qPrintable(r.errorMessage()));
    return std::move(r).value();
}
void ok(Result<void> r)
{
    if (!r)
        qFatal("%s", qPrintable(r.errorMessage()));
}

/// Every rollup row with a non-zero counter and every fact row, as text, sorted.
QStringList rollupRows(Database &db)
{
    QStringList out;
    const struct
    {
        const char *table;
        int columns;
        int firstCounter; ///< rows whose counters are all zero are left out; -1 = keep all
    } tables[] = {{"report_daily", 25, 7},
                  {"report_dim", 21, 3},
                  {"report_daily_tag", 3, 2},
                  {"ticket_facts", 25, -1}};
    for (const auto &t : tables) {
        auto q = db.exec(QStringLiteral("SELECT * FROM ") + QLatin1String(t.table));
        if (!q)
            qFatal("%s", qPrintable(q.errorMessage()));
        while (q->next()) {
            QStringList cells;
            bool keep = t.firstCounter < 0;
            for (int i = 0; i < t.columns; ++i) {
                cells << q->value(i).toString();
                if (t.firstCounter >= 0 && i >= t.firstCounter && q->value(i).toLongLong() != 0)
                    keep = true;
            }
            if (keep)
                out << QLatin1String(t.table) + ':' + cells.join('|');
        }
    }
    out.sort();
    return out;
}
} // namespace

class TestReporting : public QObject
{
    Q_OBJECT

    std::unique_ptr<StoreFixture> fx;
    RowId alice = 0, bob = 0, billing = 0, shipping = 0, support = 0;
    RowId t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0;

    void at(const QDateTime &t) { fx->clock.set(t); }
    RowId create(const QDateTime &when, Channel channel, Priority priority, RowId category,
                 RowId assignee, Direction direction = Direction::Inbound,
                 const QString &body = QString())
    {
        at(when);
        NewTicket t;
        t.subject = QStringLiteral("ticket");
        t.channel = channel;
        t.priority = priority;
        t.categoryId = category;
        t.assigneeId = assignee;
        t.direction = direction;
        t.body = body;
        t.requesterId = fx->customer(QStringLiteral("Kim")).id;
        return ok(fx->store->create(t)).id;
    }
    void reply(RowId ticket, RowId agent, const QDateTime &when)
    {
        at(when);
        fx->reply(ticket, agent, QStringLiteral("answer"));
    }
    void move(RowId ticket, TicketStatus to, const QDateTime &when)
    {
        at(when);
        ok(fx->store->transition(ticket, to, Actor::agent(alice), when));
    }
    Report report(QDate from, QDate to, Granularity g = Granularity::Day, ReportFilter f = {})
    {
        ReportEngine engine(*fx->db, kSeoul);
        ok(engine.refresh());
        return ok(ReportBuilder(*fx->db).build(ReportQuery{from, to, g, f}));
    }
    void compareWithScratch(const ReportQuery &q, int parts = Report::Everything)
    {
        const Report built = ok(ReportBuilder(*fx->db).build(q, parts));
        const Report scratch = ok(buildFromScratch(*fx->db, kSeoul, q, parts));
        QCOMPARE(built.current, scratch.current);
        QCOMPARE(built.previous, scratch.previous);
        QCOMPARE(built.trend, scratch.trend);
        QCOMPARE(built.agents, scratch.agents);
        QCOMPARE(built.categories, scratch.categories);
        QCOMPARE(built.channels, scratch.channels);
        QCOMPARE(built.priorities, scratch.priorities);
        QCOMPARE(built.directions, scratch.directions);
        QCOMPARE(built.histogram, scratch.histogram);
    }

private Q_SLOTS:
    void init()
    {
        fx = std::make_unique<StoreFixture>();
        SlaPolicy p(QStringLiteral("biz"), QStringLiteral("Business"),
                    BusinessCalendar::standard(kSeoul));
        p.setTargets(SlaPriority::Urgent, {3600, 4 * 3600});
        p.setTargets(SlaPriority::Normal, {8 * 3600, 24 * 3600});
        ok(fx->store->sla().setDefaultPolicy(p));
        alice = fx->agent(QStringLiteral("Alice")).id;
        bob = fx->agent(QStringLiteral("Bob")).id;
        billing = ok(fx->directory->ensureCategory(QStringLiteral("Billing"))).id;
        shipping = ok(fx->directory->ensureCategory(QStringLiteral("Shipping"))).id;
        support = ok(fx->directory->addTeam(QStringLiteral("Support"))).id;
        const RowId kim = fx->customer(QStringLiteral("Kim")).id;

        // Previous week (Mon 2025-01-06 .. Sun 01-12).
        t6 = create(kst(1, 7, 10), Channel::Email, Priority::Normal, shipping, bob);
        reply(t6, bob, kst(1, 7, 12));
        move(t6, TicketStatus::Solved, kst(1, 8, 10));
        t1 = create(kst(1, 10, 17), Channel::Email, Priority::Normal, billing, 0);
        at(kst(1, 10, 17, 30));
        ok(fx->store->assign(t1, alice, Actor::agent(alice), kst(1, 10, 17, 30)));
        // This week (Mon 01-13 .. Sun 01-19).
        t2 = create(kst(1, 13, 9), Channel::Web, Priority::Urgent, shipping, bob);
        reply(t1, alice, kst(1, 13, 10));
        move(t1, TicketStatus::Pending, kst(1, 13, 11));
        reply(t2, bob, kst(1, 13, 11));
        move(t2, TicketStatus::Solved, kst(1, 13, 12));
        at(kst(1, 13, 15));
        fx->customerWrites(t1, kim, QStringLiteral("here is the receipt")); // pending -> assigned
        at(kst(1, 14, 10));
        fx->customerWrites(t2, kim, QStringLiteral("still broken")); // reopens
        move(t2, TicketStatus::Solved, kst(1, 14, 11));
        at(kst(1, 14, 11, 30));
        ok(fx->store->rate(t2, 2, Actor::customer(kim)));
        move(t1, TicketStatus::Solved, kst(1, 14, 12));
        at(kst(1, 14, 13));
        ok(fx->store->rate(t1, 5, Actor::customer(kim)));
        t5 = create(kst(1, 15, 9), Channel::Email, Priority::Normal, billing, 0);
        at(kst(1, 15, 9, 30));
        ok(fx->store->merge(t5, t1, Actor::agent(alice))); // a duplicate: counted nowhere
        t3 = create(kst(1, 15, 10), Channel::Phone, Priority::Normal, billing, alice,
                    Direction::Outbound, QStringLiteral("calling about your refund"));
        t4 = create(kst(1, 16, 20), Channel::Email, Priority::Low, 0, 0);
        at(kst(1, 17, 9));
        ok(fx->store->setTeam(t2, support, Actor::agent(alice)));
    }

    void headlineFiguresByHand()
    {
        const Report r = report(QDate(2025, 1, 13), QDate(2025, 1, 19));
        const Kpis &k = r.current;
        QCOMPARE(k.created, 3); // t2, t3, t4 (t5 merged)
        QCOMPARE(k.inbound, 2);
        QCOMPARE(k.outbound, 1);
        QCOMPARE(k.solved, 3); // t2 twice, t1
        QCOMPARE(k.reopened, 1);
        QCOMPARE(k.backlogStart, 1); // t1
        QCOMPARE(k.backlogEnd, 2); // t3, t4
        // First response: t1 Fri 17:00 -> Mon 10:00 (65 h; 2 business h), t2 2 h (2 h).
        QCOMPARE(k.firstResponse.count, 2);
        QCOMPARE(k.firstResponse.mean(), (65.0 + 2.0) / 2 * 3600);
        QCOMPARE(k.firstResponse.median, 2 * 3600);
        QCOMPARE(k.firstResponse.p90, 65 * 3600);
        QCOMPARE(k.firstResponseBusiness.mean(), 2.0 * 3600);
        QCOMPARE(k.firstResponseBusiness.median, 2 * 3600);
        QCOMPARE(k.frtSlaTotal, 2);
        QCOMPARE(k.frtSlaMet, 1); // t2 (urgent, 1 h) breached
        // Resolution: t1 87 h (Fri 17 -> Tue 12 minus 4 h pending), 9 business h;
        // t2 Mon 9 -> Tue 11 = 26 h, 11 business h (urgent, 4 h: breached).
        QCOMPARE(k.resolution.count, 2);
        QCOMPARE(k.resolution.mean(), (87.0 + 26.0) / 2 * 3600);
        QCOMPARE(k.resolution.median, 26 * 3600);
        QCOMPARE(k.resolution.p90, 87 * 3600);
        QCOMPARE(k.resolutionBusiness.mean(), 10.0 * 3600);
        QCOMPARE(k.resolutionBusiness.median, 9 * 3600);
        QCOMPARE(k.resolutionBusiness.p90, 11 * 3600);
        QCOMPARE(k.resSlaTotal, 2);
        QCOMPARE(k.resSlaMet, 1);
        QCOMPARE(*k.slaCompliance(), 0.5);
        QCOMPARE(*k.reopenRate(), 0.5); // t2 of t1, t2
        QCOMPARE(k.csatSent, 2);
        QCOMPARE(k.csatResponses, 2);
        QCOMPARE(*k.csatScore(), 0.5); // 5 yes, 2 no
        QCOMPARE(*k.csatResponseRate(), 1.0);
        QCOMPARE(*k.csatMean(), 3.5);
        QCOMPARE(r.histogram[4], 1); // 26 h: 1-3 d
        QCOMPARE(r.histogram[5], 1); // 87 h: 3-7 d
        QCOMPARE(r.histogram[0] + r.histogram[1] + r.histogram[2] + r.histogram[3] + r.histogram[6],
                 0);

        const Kpis &p = r.previous; // 01-06 .. 01-12
        QCOMPARE(r.previousQuery.from, QDate(2025, 1, 6));
        QCOMPARE(p.created, 2); // t6, t1
        QCOMPARE(p.solved, 1);
        QCOMPARE(p.backlogStart, 0);
        QCOMPARE(p.backlogEnd, 1);
        QCOMPARE(p.firstResponse.count, 1);
        QCOMPARE(p.firstResponse.median, 2 * 3600);
        QCOMPARE(p.resolution.median, 24 * 3600); // Tue 10 -> Wed 10
        QCOMPARE(p.resolutionBusiness.median, 9 * 3600); // Tue 10-18 + Wed 9-10
        QCOMPARE(p.csatSent, 1);
        QCOMPARE(p.csatResponses, 0);
        QVERIFY(!p.csatScore());
        QCOMPARE(*p.csatResponseRate(), 0.0);
        compareWithScratch(r.query);
    }

    void trendAgentsAndMix()
    {
        const Report r = report(QDate(2025, 1, 13), QDate(2025, 1, 19));
        QCOMPARE(r.trend.size(), 7);
        const qint64 backlog[] = {1, 0, 1, 2, 2, 2, 2};
        const qint64 created[] = {1, 0, 1, 1, 0, 0, 0};
        const qint64 solved[] = {1, 2, 0, 0, 0, 0, 0};
        for (int i = 0; i < 7; ++i) {
            QCOMPARE(r.trend[i].backlog, backlog[i]);
            QCOMPARE(r.trend[i].created, created[i]);
            QCOMPARE(r.trend[i].solved, solved[i]);
        }
        QCOMPARE(r.trend[1].reopened, 1);

        QCOMPARE(r.agents.size(), 2);
        QCOMPARE(r.agents[0].agentId, bob);
        QCOMPARE(r.agents[0].name, QString("Bob"));
        QCOMPARE(r.agents[0].solved, 2);
        QCOMPARE(r.agents[0].resolution.median, 26 * 3600);
        QCOMPARE(r.agents[0].csatResponses, 1);
        QCOMPARE(r.agents[0].csatSatisfied, 0);
        QCOMPARE(r.agents[1].agentId, alice);
        QCOMPARE(r.agents[1].solved, 1);
        QCOMPARE(r.agents[1].firstResponse.median, 65 * 3600);
        QCOMPARE(r.agents[1].resolutionBusiness.median, 9 * 3600);
        QCOMPARE(r.agents[1].csatSatisfied, 1);

        auto mix = [](const QList<MixRow> &rows, const QString &key) {
            for (const MixRow &m : rows)
                if (m.key == key)
                    return std::pair{m.created, m.solved};
            return std::pair<qint64, qint64>{-1, -1};
        };
        QCOMPARE(mix(r.categories, QString::number(billing)), (std::pair<qint64, qint64>{1, 1}));
        QCOMPARE(mix(r.categories, QString::number(shipping)), (std::pair<qint64, qint64>{1, 2}));
        QCOMPARE(mix(r.categories, "0"), (std::pair<qint64, qint64>{1, 0}));
        QCOMPARE(mix(r.channels, "email"), (std::pair<qint64, qint64>{1, 1}));
        QCOMPARE(mix(r.channels, "web"), (std::pair<qint64, qint64>{1, 2}));
        QCOMPARE(mix(r.channels, "phone"), (std::pair<qint64, qint64>{1, 0}));
        QCOMPARE(mix(r.priorities, "0"), (std::pair<qint64, qint64>{1, 2}));
        QCOMPARE(mix(r.priorities, "3"), (std::pair<qint64, qint64>{1, 0}));
        QCOMPARE(mix(r.directions, "outbound"), (std::pair<qint64, qint64>{1, 0}));

        const Report weeks = report(QDate(2025, 1, 1), QDate(2025, 1, 19), Granularity::Week);
        QCOMPARE(weeks.trend.size(), 3);
        QCOMPARE(weeks.trend[1].created, 2);
        QCOMPARE(weeks.trend[1].backlog, 1);
        QCOMPARE(weeks.trend[2].backlog, 2);
        compareWithScratch(weeks.query, Report::Everything | Report::TrendPercentiles);
    }

    void filters()
    {
        ReportFilter team;
        team.teamId = support;
        Report r = report(QDate(2025, 1, 13), QDate(2025, 1, 19), Granularity::Day, team);
        QCOMPARE(r.current.created, 1);
        QCOMPARE(r.current.solved, 2);
        QCOMPARE(r.current.resolution.median, 26 * 3600);
        compareWithScratch(r.query);

        ReportFilter agent;
        agent.agentId = alice;
        r = report(QDate(2025, 1, 13), QDate(2025, 1, 19), Granularity::Day, agent);
        QCOMPARE(r.current.created, 1); // t3
        QCOMPARE(r.current.outbound, 1);
        QCOMPARE(r.current.solved, 1); // t1
        QCOMPARE(r.previous.created, 1); // t1
        compareWithScratch(r.query);

        ReportFilter two; // two dimensions: read from the full cube
        two.categoryId = billing;
        two.channel = Channel::Email;
        r = report(QDate(2025, 1, 6), QDate(2025, 1, 19), Granularity::Week, two);
        QCOMPARE(r.current.created, 1); // t1 (t5 merged)
        QCOMPARE(r.current.solved, 1);
        QCOMPARE(r.current.csatSatisfied, 1);
        compareWithScratch(r.query);

        ReportFilter unassigned;
        unassigned.agentId = 0;
        unassigned.priority = Priority::Low;
        r = report(QDate(2025, 1, 13), QDate(2025, 1, 19), Granularity::Day, unassigned);
        QCOMPARE(r.current.created, 1); // t4
        QCOMPARE(r.current.backlogEnd, 1);
    }

    void ticketIdsBehindFigures()
    {
        report(QDate(2025, 1, 13), QDate(2025, 1, 19));
        auto ids = [&](Figure f, int bucket = 0) {
            return ok(ticketIds(*fx->db, {}, f, QDate(2025, 1, 13), QDate(2025, 1, 19), bucket));
        };
        QCOMPARE(ids(Figure::Created), (QList<RowId>{t2, t3, t4}));
        QCOMPARE(ids(Figure::Solved), (QList<RowId>{t1, t2}));
        QCOMPARE(ids(Figure::Reopened), (QList<RowId>{t2}));
        QCOMPARE(ids(Figure::Backlog), (QList<RowId>{t3, t4}));
        QCOMPARE(ids(Figure::FirstResponse), (QList<RowId>{t1, t2}));
        QCOMPARE(ids(Figure::FrtBreached), (QList<RowId>{t2}));
        QCOMPARE(ids(Figure::ResolutionBreached), (QList<RowId>{t2}));
        QCOMPARE(ids(Figure::CsatSatisfied), (QList<RowId>{t1}));
        QCOMPARE(ids(Figure::CsatUnsatisfied), (QList<RowId>{t2}));
        QCOMPARE(ids(Figure::ResolutionBucket, 5), (QList<RowId>{t1}));
        QCOMPARE(wireName(Figure::FrtBreached), QString("first_response_breached"));
        QCOMPARE(parseFigure(u"backlog"), Figure::Backlog);
    }

    void incrementalRefreshEqualsRebuildAndScratch()
    {
        ReportEngine engine(*fx->db, kSeoul);
        ok(engine.refresh());
        const RowId kim = fx->customer(QStringLiteral("Kim")).id;
        // Assign, solve, reopen, merge, a new ticket, tags, category and priority changes.
        at(kst(1, 17, 10));
        ok(fx->store->assign(t4, bob, Actor::agent(bob)));
        reply(t4, bob, kst(1, 17, 11));
        move(t4, TicketStatus::Solved, kst(1, 17, 12));
        at(kst(1, 17, 13));
        fx->customerWrites(t1, kim, QStringLiteral("one more thing")); // reopens t1
        const RowId t7 = create(kst(1, 17, 14), Channel::ChatKakao, Priority::High, shipping, 0);
        at(kst(1, 17, 15));
        ok(fx->store->merge(t3, t7, Actor::agent(alice)));
        ok(fx->store->setTags(t7, {QStringLiteral("vip")}, Actor::agent(alice)));
        ok(fx->store->setCategory(t2, billing, Actor::agent(alice)));
        ok(fx->store->setPriority(t6, Priority::High, Actor::agent(alice)));
        const auto stats = ok(engine.refresh());
        QVERIFY(!stats.rebuilt);
        QVERIFY(stats.tickets >= 6);

        const Report r = ok(ReportBuilder(*fx->db).build(
            ReportQuery{QDate(2025, 1, 13), QDate(2025, 1, 19), Granularity::Day, {}}));
        QCOMPARE(r.current.created, 3); // t2, t4, t7 (t3 merged now)
        QCOMPARE(r.current.solved, 4); // t2 x2, t1, t4
        QCOMPARE(r.current.reopened, 2);
        QCOMPARE(r.current.backlogEnd, 2); // t1 reopened, t7
        compareWithScratch(r.query);
        ReportFilter billingOnly;
        billingOnly.categoryId = billing;
        compareWithScratch(
            ReportQuery{QDate(2025, 1, 1), QDate(2025, 1, 31), Granularity::Week, billingOnly});

        const QStringList incremental = rollupRows(*fx->db);
        ok(engine.invalidate());
        QVERIFY(ok(engine.refresh()).rebuilt);
        QCOMPARE(rollupRows(*fx->db), incremental);
    }

    void rebuildIsResumableAndFollowsTheTimeZone()
    {
        // Tue 07:00 in Seoul is Mon 22:00 UTC.
        create(kst(1, 14, 7), Channel::Email, Priority::Normal, 0, 0);
        ReportEngine engine(*fx->db, kSeoul);
        engine.setBatchSize(2);
        int calls = 0;
        auto stats = ok(engine.refresh([&](qint64, qint64) { return ++calls < 2; }));
        QVERIFY(stats.cancelled);
        QCOMPARE(fx->count("ticket_facts"), 4); // two batches of two
        stats = ok(engine.refresh());
        QVERIFY(stats.rebuilt && !stats.cancelled);
        QCOMPARE(fx->count("ticket_facts"), 7);
        const QStringList seoul = rollupRows(*fx->db);
        compareWithScratch(
            ReportQuery{QDate(2025, 1, 6), QDate(2025, 1, 19), Granularity::Day, {}});

        // Another zone: days move, so the engine rebuilds.
        ReportEngine utc(*fx->db, QTimeZone::utc());
        QVERIFY(ok(utc.refresh()).rebuilt);
        QVERIFY(rollupRows(*fx->db) != seoul);
        const Report r = ok(buildFromScratch(
            *fx->db, QTimeZone::utc(),
            ReportQuery{QDate(2025, 1, 6), QDate(2025, 1, 19), Granularity::Day, {}}));
        const Report built = ok(ReportBuilder(*fx->db).build(r.query));
        QCOMPARE(built.current, r.current);
        QCOMPARE(built.trend, r.trend);
        QCOMPARE(r.trend[7].created, 2); // Monday 01-13 in UTC: t2 and the early ticket
        QCOMPARE(r.trend[8].created, 0);
        QVERIFY(ok(engine.refresh()).rebuilt); // back to Seoul: rebuilt again
        QCOMPARE(rollupRows(*fx->db), seoul);
    }

    void deletedTicketsLeaveTheRollups()
    {
        ReportEngine engine(*fx->db, kSeoul);
        ok(engine.refresh());
        ok(fx->db->transaction([&]() -> Result<void> {
            ok(fx->db->execScript({QStringLiteral("PRAGMA defer_foreign_keys = ON")}));
            for (const char *sql : {"DELETE FROM events WHERE ticket_id = ?",
                                    "DELETE FROM messages WHERE ticket_id = ?",
                                    "DELETE FROM ticket_tags WHERE ticket_id = ?",
                                    "DELETE FROM tickets WHERE id = ?"})
                ok(fx->db->exec(QString::fromLatin1(sql), {t4}));
            return {};
        }));
        ok(engine.refresh());
        const Report r = ok(ReportBuilder(*fx->db).build(
            ReportQuery{QDate(2025, 1, 13), QDate(2025, 1, 19), Granularity::Day, {}}));
        QCOMPARE(r.current.created, 2);
        compareWithScratch(r.query);
    }

    void randomOperationsMatchScratch()
    {
        QRandomGenerator rng(20250113);
        ReportEngine engine(*fx->db, kSeoul);
        ok(engine.refresh());
        const RowId kim = fx->customer(QStringLiteral("Kim")).id;
        const RowId agents[] = {alice, bob, 0};
        const RowId cats[] = {billing, shipping, 0};
        QList<RowId> tickets{t1, t2, t3, t4, t6};
        QDateTime now = kst(1, 20, 8);
        for (int step = 0; step < 2500; ++step) {
            now = now.addSecs(rng.bounded(1, 4 * 3600));
            at(now);
            const RowId t = tickets[rng.bounded(int(tickets.size()))];
            const Actor actor = Actor::agent(alice);
            switch (rng.bounded(tickets.size() < 300 ? 11 : 9)) {
            case 0:
                (void)fx->store->assign(t, agents[rng.bounded(3)], actor);
                break;
            case 1:
                (void)fx->store->transition(t, TicketStatus::Solved, actor);
                break;
            case 2:
                (void)fx->store->transition(t, TicketStatus::Pending, actor);
                break;
            case 3: {
                NewMessage m;
                m.authorKind = AuthorKind::Customer;
                m.authorId = kim;
                m.body = QStringLiteral("hello");
                (void)fx->store->addMessage(t, m);
                break;
            }
            case 4: {
                NewMessage m;
                m.authorKind = AuthorKind::Agent;
                m.authorId = agents[rng.bounded(2)];
                m.body = QStringLiteral("answer");
                (void)fx->store->addMessage(t, m);
                break;
            }
            case 5:
                (void)fx->store->rate(t, rng.bounded(1, 6), Actor::customer(kim));
                break;
            case 6:
                if (rng.bounded(4) == 0)
                    (void)fx->store->merge(t, tickets[rng.bounded(int(tickets.size()))], actor);
                else
                    (void)fx->store->transition(t, TicketStatus::Closed, actor);
                break;
            case 7:
                (void)fx->store->setCategory(t, cats[rng.bounded(3)], actor);
                (void)fx->store->setPriority(t, Priority(rng.bounded(4)), actor);
                break;
            case 8:
                (void)fx->store->setTags(
                    t, {rng.bounded(2) ? QStringLiteral("vip") : QStringLiteral("bug")}, actor);
                (void)fx->store->setTeam(t, rng.bounded(2) ? support : 0, actor);
                break;
            default:
                tickets << create(now, kAllChannels[std::size_t(rng.bounded(8))],
                                  Priority(rng.bounded(4)), cats[rng.bounded(3)],
                                  agents[rng.bounded(3)],
                                  rng.bounded(5) ? Direction::Inbound : Direction::Outbound,
                                  QStringLiteral("first"));
            }
            if (step % 250 == 0)
                ok(engine.refresh()); // refreshes interleaved with the changes
        }
        QVERIFY(tickets.size() >= 250);
        ok(engine.refresh());
        auto count = [&](const char *where) {
            return ok(fx->db->scalar(QStringLiteral("SELECT count(*) FROM ticket_facts WHERE ")
                                     + QLatin1String(where)))
                .toLongLong();
        };
        qInfo() << "tickets" << tickets.size() << "reopened" << count("reopens > 0") << "merged"
                << count("merged = 1") << "resolved" << count("resolved_day IS NOT NULL") << "rated"
                << count("csat > 0") << "pending pauses" << count("frt_secs <> frt_bsecs");
        QVERIFY(count("reopens > 0") > 10);
        QVERIFY(count("merged = 1") > 3);
        QVERIFY(count("csat > 0") > 10);
        const QDate end = now.toTimeZone(kSeoul).date();
        ReportFilter team;
        team.teamId = support;
        ReportFilter pair;
        pair.agentId = bob;
        pair.direction = Direction::Inbound;
        ReportFilter cat;
        cat.categoryId = shipping;
        for (const ReportQuery &q :
             {ReportQuery{QDate(2025, 1, 1), end, Granularity::Week, {}},
              ReportQuery{end.addDays(-30), end, Granularity::Day, {}},
              ReportQuery{QDate(2025, 1, 1), end, Granularity::Month, team},
              ReportQuery{end.addDays(-60), end, Granularity::Week, pair},
              ReportQuery{end.addDays(-45), end.addDays(-10), Granularity::Day, cat}})
            compareWithScratch(q, Report::Everything | Report::TrendPercentiles);
        const QStringList incremental = rollupRows(*fx->db);
        ok(engine.invalidate());
        ok(engine.refresh());
        QCOMPARE(rollupRows(*fx->db), incremental);
    }
};

QTEST_GUILESS_MAIN(TestReporting)
#include "tst_reporting.moc"
