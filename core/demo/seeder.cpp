// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/seeder.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/demo/seedtext.h"
#include "core/domain/enums.h"
#include "core/storage/batchinsert.h"
#include "core/storage/database.h"
#include "core/storage/searchindex.h"
#include "core/storage/searchtext.h"
#include "core/workflow/slaservice.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <future>
#include <map>

namespace hd {

namespace {

constexpr qint64 kChunk = 10'000;
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

// Indexes dropped during large seeds and made again at the end (one sorted build each is far
// cheaper than a million random inserts into each).
const char *kListIndexes[][2] = {
    {"tickets_view_updated",
     "CREATE INDEX tickets_view_updated ON tickets(status, archived, updated_at, id)"},
    {"tickets_view_created",
     "CREATE INDEX tickets_view_created ON tickets(status, archived, created_at, id)"},
    {"tickets_view_priority",
     "CREATE INDEX tickets_view_priority ON tickets(status, archived, priority, updated_at, id)"},
    {"tickets_view_due", "CREATE INDEX tickets_view_due ON tickets(status, archived, sla_due, id)"},
    {"tickets_assignee",
     "CREATE INDEX tickets_assignee ON tickets(assignee_id, status, updated_at, id)"},
    {"tickets_requester", "CREATE INDEX tickets_requester ON tickets(requester_id, created_at)"},
    {"tickets_created", "CREATE INDEX tickets_created ON tickets(created_at)"},
    {"tickets_category", "CREATE INDEX tickets_category ON tickets(category_id, created_at)"},
    {"messages_ticket", "CREATE INDEX messages_ticket ON messages(ticket_id, created_at, id)"},
    {"events_ticket", "CREATE INDEX events_ticket ON events(ticket_id, at, id)"},
    {"events_kind_at", "CREATE INDEX events_kind_at ON events(kind, at)"},
};

/// Deterministic version-7 UUIDs (RFC 9562: a millisecond timestamp, then random bits) from the
/// seeded generator. Time-ordered ids keep inserts into the uuid indexes at their right edge.
QString uuid(QRandomGenerator &rng, qint64 ms = 0)
{
    QByteArray b(16, Qt::Uninitialized);
    for (int i = 0; i < 16; i += 4) {
        const quint32 v = rng.generate();
        std::memcpy(b.data() + i, &v, 4);
    }
    for (int i = 0; i < 6; ++i)
        b[i] = char((quint64(ms) >> (8 * (5 - i))) & 0xff);
    b[6] = char((b[6] & 0x0f) | 0x70);
    b[8] = char((b[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(b).toString(QUuid::WithoutBraces);
}

template<typename T>
T weighted(QRandomGenerator &rng, std::initializer_list<std::pair<T, int>> table)
{
    int total = 0;
    for (const auto &e : table)
        total += e.second;
    int r = rng.bounded(total);
    for (const auto &e : table) {
        if (r < e.second)
            return e.first;
        r -= e.second;
    }
    return table.begin()->first;
}

/// Working-hours-shaped delay: mostly minutes to hours, sometimes days.
qint64 delay(QRandomGenerator &rng, qint64 typical)
{
    const double u = rng.generateDouble();
    return qMax<qint64>(kMinute, qint64(double(typical) * -std::log(1.0 - u * 0.999)));
}

class Writer
{
public:
    explicit Writer(const QSqlDatabase &db)
        : ticket(
            db,
            QStringLiteral(
                "INSERT INTO tickets(id, uuid, number, subject, description, channel, "
                "direction, status, priority, category_id, requester_id, assignee_id, team_id, "
                "created_at, updated_at, first_response_at, solved_at, closed_at, "
                "first_response_due, resolution_due, sla_paused_since, sla_due, csat, "
                "requester_sort, assignee_sort) VALUES"),
            25, 20)
        , message(
              db,
              QStringLiteral("INSERT INTO messages(uuid, ticket_id, author_kind, author_agent_id, "
                             "author_customer_id, visibility, body, created_at) VALUES"),
              8, 50)
        , event(db,
                QStringLiteral(
                    "INSERT INTO events(ticket_id, kind, actor_kind, actor_id, at, old_value, "
                    "new_value) VALUES"),
                7, 50)
        , search(db, QStringLiteral("INSERT INTO ticket_search(rowid, pub, internal) VALUES"), 3,
                 20)
        , tag(db, QStringLiteral("INSERT INTO ticket_tags(ticket_id, tag) VALUES"), 2, 20)
    { }

    bool flush()
    {
        for (BatchInsert *b : {&ticket, &message, &event, &search, &tag})
            if (!b->flush()) {
                error = b->error;
                return false;
            }
        return true;
    }
    bool add(BatchInsert &b, const QVariantList &row)
    {
        if (b.add(row))
            return true;
        error = b.error;
        return false;
    }

    BatchInsert ticket, message, event, search, tag;
    QString error;
};

struct Person
{
    RowId id;
    QString name;
    bool korean;
};

} // namespace

Seeder::Seeder(Database &db, QDateTime now)
    : m_db(db)
    , m_now(std::move(now))
{ }

Result<SeedReport> Seeder::run(const SeedOptions &o)
{
    if (o.tickets < 0 || o.tickets > 20'000'000)
        return Error{ErrorCode::InvalidArgument,
                     tr("The number of tickets must be between 0 and 20,000,000.")};
    if (o.years < 1 || o.years > 20)
        return Error{ErrorCode::InvalidArgument, tr("Years of history must be between 1 and 20.")};
    QElapsedTimer timer;
    timer.start();
    QRandomGenerator rng(o.seed);
    SeedReport report;
    const qint64 end = (o.end.isValid() ? o.end : m_now).toMSecsSinceEpoch();
    const qint64 start = end - qint64(o.years) * 365 * kDay;
    // Bulk mode trades crash safety for speed (no rollback journal, indexes rebuilt at the end),
    // so it is only used to fill an empty database: a failed bulk seed loses nobody's data.
    const auto existing = m_db.scalar(QStringLiteral("SELECT count(*) FROM tickets"));
    if (!existing)
        return existing.error();
    const bool bulk = o.tickets >= 50'000 && existing->toLongLong() == 0;
    QSqlDatabase conn = m_db.connection();
    // The demo company works Seoul hours (its traffic follows them, see the creation times
    // below): its default SLA policy, unless the database has one, runs on a Seoul calendar.
    const ManualClock clock(m_now);
    SlaService sla(m_db, clock);
    SlaPolicy policy = SlaService::builtInDefault();
    const auto stored
        = m_db.scalar(QStringLiteral("SELECT count(*) FROM sla_policies WHERE is_default = 1"));
    if (!stored)
        return stored.error();
    if (stored->toLongLong() == 0) {
        policy.setCalendar(BusinessCalendar::standard(QTimeZone("Asia/Seoul")));
        if (auto r = sla.setDefaultPolicy(policy); !r)
            return r.error();
    } else if (auto p = sla.defaultPolicy()) {
        policy = *p;
    } else {
        return p.error();
    }

    auto check = [](const Result<Rows> &r) {
        return r ? Result<void>() : Result<void>(r.error());
    };

    const int koreanShare
        = o.language == QLatin1String("ko") ? 100 : (o.language == QLatin1String("en") ? 0 : 60);
    const QStringList categoryNames = seedtext::categories(o.language);
    // People, categories and teams.
    QList<Person> agents, customers;
    QList<RowId> categoryIds, teamIds;
    auto setup = m_db.transaction([&]() -> Result<void> {
        static const char *const koTeams[] = {"1차 상담", "2차 상담", "결제팀", "물류팀"};
        static const char *const enTeams[] = {"Tier 1", "Tier 2", "Payments", "Logistics"};
        for (int k = 0; k < 4; ++k) {
            const char *team = o.language == QLatin1String("en") ? enTeams[k] : koTeams[k];
            auto q = m_db.exec(
                QStringLiteral("INSERT INTO teams(uuid, name) VALUES (?, ?) ON CONFLICT(name) "
                               "DO UPDATE SET name = excluded.name RETURNING id"),
                {uuid(rng), QString::fromUtf8(team)});
            if (!q)
                return q.error();
            if (q->next())
                teamIds << q->value(0).toLongLong();
            q->finish();
        }
        for (const QString &c : seedtext::categories(o.language)) {
            auto q = m_db.exec(
                QStringLiteral("INSERT INTO categories(name) VALUES (?) ON CONFLICT(name) DO "
                               "UPDATE SET name = excluded.name RETURNING id"),
                {c});
            if (!q)
                return q.error();
            if (q->next())
                categoryIds << q->value(0).toLongLong();
            q->finish();
        }
        const int agentCount = int(qBound(qint64(5), o.tickets / 25000 + 20, qint64(60)));
        for (int i = 0; i < agentCount; ++i) {
            const bool korean
                = o.language == QLatin1String("ko") || (o.language.isEmpty() && i % 5 != 4);
            const QString name = seedtext::agentName(i, korean);
            const QString email = QStringLiteral("agent%1.%2@helpdesk.example").arg(i).arg(o.seed);
            auto q = m_db.exec(
                QStringLiteral("INSERT INTO agents(uuid, name, email, role, languages, team_id, "
                               "skills) VALUES (?,?,?,?,?,?,?) ON CONFLICT(email) DO UPDATE "
                               "SET name = excluded.name RETURNING id"),
                {uuid(rng), name, email,
                 i == 0 ? QStringLiteral("admin")
                        : (i < 3 ? QStringLiteral("manager") : QStringLiteral("agent")),
                 korean ? QStringLiteral("ko,en") : QStringLiteral("en"),
                 teamIds[i % teamIds.size()], categoryNames.at(i % categoryNames.size())});
            if (!q)
                return q.error();
            if (q->next())
                agents << Person{q->value(0).toLongLong(), name, korean};
            q->finish();
        }
        const qint64 customerCount = qBound(qint64(10), o.tickets / 4, qint64(2000000));
        for (qint64 i = 0; i < customerCount; ++i) {
            const bool korean = koreanShare > rng.bounded(100);
            const QString name = seedtext::customerName(rng, korean);
            const QString email = QStringLiteral("c%1.%2@customer.example").arg(i).arg(o.seed);
            auto q = m_db.exec(
                QStringLiteral("INSERT INTO customers(uuid, name, email, language, created_at) "
                               "VALUES (?,?,?,?,?)"),
                {uuid(rng), name, email, korean ? QStringLiteral("ko") : QStringLiteral("en"),
                 start});
            if (!q)
                return q.error();
            const RowId id = q->lastInsertId().toLongLong();
            customers << Person{id, name, korean};
            if (auto r = check(m_db.exec(
                    QStringLiteral("INSERT INTO customer_identities(channel, handle, customer_id) "
                                   "VALUES ('email', ?, ?)"),
                    {email, id}));
                !r)
                return r;
            if (auto r = check(m_db.exec(
                    QStringLiteral("INSERT INTO customer_search(rowid, body) VALUES (?, ?)"),
                    {id, searchTokens(QString(name + QLatin1Char(' ') + email))}));
                !r)
                return r;
        }
        report.agents = agents.size();
        report.customers = customers.size();
        return {};
    });
    if (!setup)
        return setup.error();
    if (o.tickets == 0)
        return report;

    if (bulk) {
        // Bulk mode: the demo database is rebuilt from scratch if the machine dies mid-seed, so
        // trade durability for speed, and let the full-text index merge once at the end.
        if (auto r = m_db.execScript(
                {QStringLiteral("PRAGMA synchronous=OFF"),
                 QStringLiteral("PRAGMA cache_size=-262144"),
                 QStringLiteral("PRAGMA journal_mode=OFF"),
                 QStringLiteral("INSERT INTO ticket_search(ticket_search, rank) VALUES "
                                "('automerge', 0)")});
            !r)
            return r.error();
        QStringList drops;
        for (const auto &ix : kListIndexes)
            drops << QStringLiteral("DROP INDEX IF EXISTS ") + QLatin1String(ix[0]);
        if (auto r = m_db.execScript(drops); !r)
            return r.error();
    }

    // Creation times: growth over the years (density rising linearly), weekday and hour shape in
    // Korea (UTC+9), sorted so ids follow time as in a real database.
    QList<qint64> created(o.tickets);
    for (qint64 &t : created) {
        const double u = std::sqrt(rng.generateDouble());
        qint64 day = start + qint64(u * double(end - start - kDay)) / kDay * kDay;
        const int weekday = int(((day / kDay) + 3) % 7); // 0 = Monday (1970-01-01 was a Thursday)
        if (weekday >= 5 && rng.bounded(10) < 6)
            day -= (weekday - 4) * kDay;
        const int hourKst = weighted<int>(rng,
                                          {{9, 9},
                                           {10, 12},
                                           {11, 12},
                                           {12, 6},
                                           {13, 10},
                                           {14, 12},
                                           {15, 11},
                                           {16, 10},
                                           {17, 8},
                                           {18, 4},
                                           {19, 3},
                                           {20, 3},
                                           {21, 2},
                                           {22, 1},
                                           {23, 1},
                                           {0, 1},
                                           {7, 1},
                                           {8, 4}});
        t = qMin(end - kMinute,
                 day + qint64((hourKst + 15) % 24) * kHour + rng.bounded(int(kHour)));
    }
    std::sort(created.begin(), created.end());

    auto firstId = m_db.scalar(QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM tickets"));
    auto firstNumber
        = m_db.scalar(QStringLiteral("SELECT coalesce(max(number), 0) + 1 FROM tickets"));
    if (!firstId || !firstNumber)
        return Error{ErrorCode::Storage, tr("Cannot read the ticket counters.")};
    const RowId baseId = firstId->toLongLong();
    const qint64 baseNumber = firstNumber->toLongLong();

    // Rows are buffered per table, so a message may reach SQLite before its ticket: foreign keys
    // are checked by construction here, not by SQLite (deferred checks would scan the child
    // tables, whose indexes are dropped during a bulk seed).
    if (auto r = m_db.execScript({QStringLiteral("PRAGMA foreign_keys=OFF")}); !r)
        return r.error();
    struct RestoreKeys
    {
        Database &db;
        ~RestoreKeys() { (void)db.execScript({QStringLiteral("PRAGMA foreign_keys=ON")}); }
    } restoreKeys{m_db};

    // Generation (text, tokens, timelines) runs on a second thread one chunk ahead of the
    // writer, so both cores work; the random sequence stays the same, so the data does too.
    struct Chunk
    {
        QList<QVariantList> tickets, messages, events, tags, search;
    };
    auto generate = [&](qint64 chunk, qint64 chunkEnd) {
        Chunk chunkRows;
        for (qint64 i = chunk; i < chunkEnd; ++i) {
            const RowId id = baseId + i;
            const qint64 at = created[i];
            const qint64 age = end - at;
            const Person &customer = customers[rng.bounded(int(customers.size()))];
            const bool korean = customer.korean;
            const bool outbound = rng.bounded(100) < 8;
            const seedtext::Conversation conv = seedtext::make(rng, korean, outbound);
            const Channel channel = weighted<Channel>(rng,
                                                      {{Channel::Email, 30},
                                                       {Channel::Web, 20},
                                                       {Channel::ChatKakao, 20},
                                                       {Channel::ChatChannelTalk, 10},
                                                       {Channel::Phone, 10},
                                                       {Channel::InApp, 5},
                                                       {Channel::Chatbot, 3},
                                                       {Channel::Api, 2}});
            const Priority priority = weighted<Priority>(rng,
                                                         {{Priority::Urgent, 5},
                                                          {Priority::High, 15},
                                                          {Priority::Normal, 60},
                                                          {Priority::Low, 20}});
            TicketStatus status;
            if (age > 14 * kDay)
                status = rng.bounded(100) < 99 ? TicketStatus::Closed : TicketStatus::Solved;
            else if (age > 3 * kDay)
                status = weighted<TicketStatus>(rng,
                                                {{TicketStatus::Closed, 45},
                                                 {TicketStatus::Solved, 30},
                                                 {TicketStatus::Pending, 12},
                                                 {TicketStatus::Assigned, 10},
                                                 {TicketStatus::Open, 3}});
            else
                status = weighted<TicketStatus>(rng,
                                                {{TicketStatus::New, 12},
                                                 {TicketStatus::Open, 20},
                                                 {TicketStatus::Assigned, 33},
                                                 {TicketStatus::Pending, 20},
                                                 {TicketStatus::Solved, 15}});
            const Person &agent = agents[rng.bounded(int(agents.size()))];
            const bool assigned = status != TicketStatus::New && status != TicketStatus::Open;
            const RowId categoryId = categoryIds[conv.topic % categoryIds.size()];

            // Timeline, clipped to now.
            const qint64 frt = delay(rng, priority == Priority::Urgent ? kHour : 4 * kHour);
            qint64 t = at;
            QVariant firstResponse, solvedAt, closedAt;
            qint64 updated = at;
            QList<QVariantList> events;
            QList<QVariantList> messages;
            QStringList pub{conv.subject}, internal;
            auto msg = [&](AuthorKind who, Visibility v, const QString &body, qint64 when) {
                messages << QVariantList{uuid(rng, when),
                                         id,
                                         wireName(who),
                                         who == AuthorKind::Agent ? QVariant(agent.id) : QVariant(),
                                         who == AuthorKind::Customer ? QVariant(customer.id)
                                                                     : QVariant(),
                                         wireName(v),
                                         body,
                                         when};
                (v == Visibility::Public ? pub : internal) << body;
                updated = qMax(updated, when);
            };
            auto ev = [&](EventKind k, AuthorKind who, qint64 when, const QVariant &oldV,
                          const QVariant &newV) {
                events << QVariantList{id,
                                       wireName(k),
                                       wireName(who),
                                       who == AuthorKind::Agent ? QVariant(agent.id) : QVariant(),
                                       when,
                                       oldV,
                                       newV};
                updated = qMax(updated, when);
            };
            ev(EventKind::Created, outbound ? AuthorKind::Agent : AuthorKind::Customer, at, {},
               QStringLiteral("new"));
            msg(outbound ? AuthorKind::Agent : AuthorKind::Customer, Visibility::Public,
                conv.firstMessage, at);
            if (outbound)
                firstResponse = at;
            QString current = QStringLiteral("new");
            auto move = [&](const QString &to, qint64 when) {
                ev(EventKind::Status, AuthorKind::Agent, when, current, to);
                current = to;
            };
            if (status != TicketStatus::New) {
                t += qMin(frt / 4, 10 * kMinute);
                move(QStringLiteral("open"), t);
            }
            if (assigned) {
                t += kMinute;
                ev(EventKind::Assignee, AuthorKind::Agent, t, {}, agent.id);
                move(QStringLiteral("assigned"), t);
                if (!conv.internalNote.isEmpty())
                    msg(AuthorKind::Agent, Visibility::Internal, conv.internalNote, t + kMinute);
                for (int k = 0; k < conv.agentReplies.size(); ++k) {
                    t = k == 0 ? qMax(t + kMinute, at + frt) : t + delay(rng, 3 * kHour);
                    if (t >= end - kMinute)
                        break;
                    msg(AuthorKind::Agent, Visibility::Public, conv.agentReplies[k], t);
                    if (firstResponse.isNull()) {
                        firstResponse = t;
                        ev(EventKind::FirstResponse, AuthorKind::Agent, t, {}, {});
                    }
                    const bool last = k + 1 == conv.agentReplies.size();
                    if (last && status == TicketStatus::Pending) {
                        move(QStringLiteral("pending"), t);
                        break;
                    }
                    const qint64 back = t + delay(rng, 5 * kHour);
                    if (last || back >= end - kMinute)
                        break;
                    t = back;
                    msg(AuthorKind::Customer, Visibility::Public, conv.customerReplies[k], t);
                }
                if (status == TicketStatus::Solved || status == TicketStatus::Closed) {
                    t = qMin(end - 2 * kMinute, t + delay(rng, 2 * kHour));
                    move(QStringLiteral("solved"), t);
                    solvedAt = t;
                    if (status == TicketStatus::Closed) {
                        // auto-close 72 h after solved
                        t = qMin(end - kMinute, t + 72 * kHour);
                        move(QStringLiteral("closed"), t);
                        closedAt = t;
                    }
                }
            }
            // The generated history decides the final status.
            status = parseStatus(current).value_or(TicketStatus::New);
            QVariant csat;
            if ((status == TicketStatus::Solved || status == TicketStatus::Closed)
                && rng.bounded(10) < 3)
                csat = weighted<int>(rng, {{5, 45}, {4, 30}, {3, 12}, {2, 6}, {1, 7}});

            QVariant frDue, resDue, pausedSince;
            qint64 slaDue = std::numeric_limits<qint64>::max();
            if (isActive(status)) {
                SlaTimeline tl;
                tl.createdAt = QDateTime::fromMSecsSinceEpoch(at, QTimeZone::utc());
                if (!firstResponse.isNull())
                    tl.firstResponseAt = QDateTime::fromMSecsSinceEpoch(firstResponse.toLongLong(),
                                                                        QTimeZone::utc());
                if (status == TicketStatus::Pending)
                    tl.pauses << SlaPause{QDateTime::fromMSecsSinceEpoch(t, QTimeZone::utc()),
                                          QDateTime()};
                const SlaState s
                    = computeSla(policy, SlaService::toSla(priority), tl,
                                 QDateTime::fromMSecsSinceEpoch(end, QTimeZone::utc()));
                auto open = [](const SlaClock &c) {
                    return (c.status == SlaClockStatus::Running
                            || c.status == SlaClockStatus::Breached)
                            && !c.stoppedAt.isValid() && c.dueAt.isValid()
                        ? QVariant(c.dueAt.toMSecsSinceEpoch())
                        : QVariant();
                };
                frDue = open(s.firstResponse);
                resDue = open(s.resolution);
                for (const QVariant &d : {frDue, resDue})
                    if (!d.isNull())
                        slaDue = qMin(slaDue, d.toLongLong());
                if (status == TicketStatus::Pending)
                    pausedSince = t;
            }

            chunkRows.tickets << QVariantList(
                {id,
                 uuid(rng, at),
                 baseNumber + i,
                 conv.subject,
                 conv.firstMessage,
                 wireName(channel),
                 wireName(outbound ? Direction::Outbound : Direction::Inbound),
                 wireName(status),
                 int(priority),
                 categoryId,
                 customer.id,
                 assigned ? QVariant(agent.id) : QVariant(),
                 teamIds[int(agent.id % teamIds.size())],
                 at,
                 updated,
                 firstResponse,
                 solvedAt,
                 closedAt,
                 frDue,
                 resDue,
                 pausedSince,
                 slaDue,
                 csat,
                 customer.name.toLower(),
                 assigned ? agent.name.toLower() : QString()});
            chunkRows.messages << messages;
            chunkRows.events << events;
            if (rng.bounded(20) == 0)
                chunkRows.tags << QVariantList{
                    id, korean ? QStringLiteral("vip") : QStringLiteral("follow_up")};
            const QStringList internalBodies = internal;
            const SearchIndex::Doc doc = SearchIndex::analyze(pub.takeFirst(), pub, internalBodies);
            chunkRows.search << QVariantList{id, doc.pub, doc.internal};
        }
        return chunkRows;
    };
    auto write = [&](const Chunk &c) -> Result<void> {
        Writer w(conn);
        for (const auto &[batch, rows] :
             {std::pair{&w.ticket, &c.tickets}, std::pair{&w.message, &c.messages},
              std::pair{&w.event, &c.events}, std::pair{&w.tag, &c.tags},
              std::pair{&w.search, &c.search}})
            for (const QVariantList &row : *rows)
                if (!w.add(*batch, row))
                    return Error{ErrorCode::Storage, w.error};
        if (!w.flush())
            return Error{ErrorCode::Storage, w.error};
        return {};
    };
    std::future<Chunk> next
        = std::async(std::launch::async, generate, qint64(0), qMin(o.tickets, kChunk));
    for (qint64 chunk = 0; chunk < o.tickets; chunk += kChunk) {
        const qint64 chunkEnd = qMin(o.tickets, chunk + kChunk);
        const Chunk rows = next.get();
        if (chunkEnd < o.tickets)
            next = std::async(std::launch::async, generate, chunkEnd,
                              qMin(o.tickets, chunkEnd + kChunk));
        auto r = m_db.transaction([&]() -> Result<void> { return write(rows); });
        if (!r) {
            if (next.valid())
                next.wait();
            return r.error();
        }
        report.tickets = chunkEnd;
        report.messages += rows.messages.size();
        report.events += rows.events.size();
        if (o.progress && !o.progress(chunkEnd, o.tickets)) {
            report.cancelled = true;
            if (next.valid())
                next.wait();
            break;
        }
    }

    qCInfo(lcStorage) << "seed: rows written after" << timer.elapsed() << "ms";
    auto finish = m_db.transaction([&]() -> Result<void> {
        if (auto q = m_db.exec(
                QStringLiteral("INSERT INTO counters(name, value) VALUES ('ticket_number', "
                               "(SELECT max(number) FROM tickets)) ON CONFLICT(name) DO UPDATE "
                               "SET value = excluded.value"));
            !q)
            return q.error();
        if (bulk) {
            QStringList creates;
            for (const auto &ix : kListIndexes)
                creates << QString::fromLatin1(ix[1]);
            if (auto r = m_db.execScript(creates); !r)
                return r;
        }
        return {};
    });
    if (!finish)
        return finish.error();
    qCInfo(lcStorage) << "seed: indexes built after" << timer.elapsed() << "ms";
    if (bulk) {
        if (auto r = m_db.execScript(
                {QStringLiteral("INSERT INTO ticket_search(ticket_search) VALUES ('optimize')"),
                 QStringLiteral("INSERT INTO ticket_search(ticket_search, rank) VALUES "
                                "('automerge', 4)"),
                 QStringLiteral("PRAGMA journal_mode=WAL"),
                 QStringLiteral("PRAGMA cache_size=-65536"),
                 QStringLiteral("PRAGMA synchronous=NORMAL")});
            !r)
            return r.error();
    }
    report.milliseconds = timer.elapsed();
    return report;
}

} // namespace hd
