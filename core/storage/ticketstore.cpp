// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/ticketstore.h"

#include "core/base/clock.h"
#include "core/domain/workflow.h"
#include "core/storage/database.h"
#include "core/storage/opjournal.h"
#include "core/storage/searchindex.h"
#include "core/storage/ticketrow.h"
#include "core/workflow/slaservice.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUuid>

namespace hd {

namespace {
QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

constexpr int kMaxSubjectChars = 500;
constexpr int kMaxBodyChars = 1'000'000;

Result<void> fromQuery(const Result<Rows> &q)
{
    return q ? Result<void>() : Result<void>(q.error());
}

QStringList normalizedTags(QStringList tags)
{
    for (QString &t : tags)
        t = t.trimmed().toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
    tags.removeAll(QString());
    tags.removeDuplicates();
    tags.sort();
    return tags;
}
} // namespace

TicketStore::TicketStore(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_search(std::make_unique<SearchIndex>(db))
    , m_sla(std::make_unique<SlaService>(db, clock))
{ }

TicketStore::~TicketStore() = default;

void TicketStore::notify(QList<RowId> ids)
{
    if (m_batchDepth > 0) {
        m_pendingNotify << ids;
        return;
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (!ids.isEmpty())
        Q_EMIT changed(ids);
}

Result<void> TicketStore::inTransaction(QList<RowId> ids, const std::function<Result<void>()> &fn)
{
    Result<void> r = m_db.transaction(fn);
    if (r)
        notify(std::move(ids));
    return r;
}

Result<void> TicketStore::batch(const std::function<Result<void>()> &fn)
{
    ++m_batchDepth;
    Result<void> r = m_db.transaction(fn);
    --m_batchDepth;
    QList<RowId> ids;
    ids.swap(m_pendingNotify);
    if (r)
        notify(ids);
    return r;
}

Result<qint64> TicketStore::nextNumber()
{
    if (m_journal) {
        // Provisional: below every number so far; the server's number replaces it (docs/sync.md).
        auto n = m_db.scalar(QStringLiteral("SELECT min(0, coalesce(min(number), 0)) - 1 "
                                            "FROM tickets"));
        if (!n)
            return n.error();
        return n->toLongLong();
    }
    auto q = m_db.exec(QStringLiteral(
        "INSERT INTO counters(name, value) VALUES ('ticket_number', "
        "coalesce((SELECT max(number) FROM tickets), 0) + 1) "
        "ON CONFLICT(name) DO UPDATE SET value = counters.value + 1 RETURNING value"));
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCode::Storage, tr("Could not allocate a ticket number.")};
    const qint64 n = q->value(0).toLongLong();
    q->finish();
    return n;
}

Result<void> TicketStore::writeEvent(RowId ticketId, EventKind kind, const Actor &actor,
                                     const QDateTime &at, const QVariant &oldValue,
                                     const QVariant &newValue)
{
    return fromQuery(m_db.exec(
        QStringLiteral("INSERT INTO events(ticket_id, kind, actor_kind, actor_id, at, old_value, "
                       "new_value) VALUES (?,?,?,?,?,?,?)"),
        {ticketId, wireName(kind), wireName(actor.kind), Database::idOrNull(actor.id),
         Database::toDb(at), oldValue, newValue}));
}

Result<void> TicketStore::touch(RowId ticketId, const QDateTime &at)
{
    return fromQuery(
        m_db.exec(QStringLiteral("UPDATE tickets SET updated_at = max(updated_at, ?) WHERE id = ?"),
                  {Database::toDb(at), ticketId}));
}

Result<Ticket> TicketStore::ticket(RowId id)
{
    auto q = m_db.exec(ticketrow::selectSql() + QStringLiteral("WHERE t.id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCode::NotFound, tr("No ticket with id %1.").arg(id)};
    Ticket t = ticketrow::fromQuery(*q);
    q->finish();
    return t;
}

Result<Ticket> TicketStore::find(const QString &key)
{
    QString k = key.trimmed();
    if (k.startsWith(QLatin1Char('#')))
        k.remove(0, 1);
    bool isNumber = false;
    const qint64 number = k.toLongLong(&isNumber);
    Result<Rows> q = isNumber
        ? m_db.exec(ticketrow::selectSql() + QStringLiteral("WHERE t.number = ?"), {number})
        : m_db.exec(ticketrow::selectSql() + QStringLiteral("WHERE t.uuid = ?"), {k.toLower()});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCode::NotFound,
                     tr("No ticket '%1': give a ticket number (e.g. 1042) or its UUID.").arg(key)};
    Ticket t = ticketrow::fromQuery(*q);
    q->finish();
    return t;
}

Result<Ticket> TicketStore::create(const NewTicket &in)
{
    const QString subject = in.subject.simplified();
    if (subject.isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("A ticket needs a subject.")};
    if (subject.size() > kMaxSubjectChars)
        return Error{ErrorCode::InvalidArgument,
                     tr("The subject is %1 characters long; the limit is %2.")
                         .arg(subject.size())
                         .arg(kMaxSubjectChars)};
    if (in.body.size() > kMaxBodyChars)
        return Error{ErrorCode::TooLarge,
                     tr("The message is %1 characters long; the limit is %2.")
                         .arg(in.body.size())
                         .arg(kMaxBodyChars)};
    const QString uuid = in.uuid.isEmpty() ? newUuid() : in.uuid.toLower();
    if (QUuid::fromString(uuid).isNull())
        return Error{ErrorCode::InvalidArgument, tr("'%1' is not a UUID.").arg(in.uuid)};
    const QDateTime at = in.createdAt.isValid() ? in.createdAt.toUTC() : m_clock.now();
    const TicketStatus status = in.assigneeId ? TicketStatus::Assigned : TicketStatus::New;
    const QStringList tags = normalizedTags(in.tags);
    RowId id = 0;

    Result<void> r = m_db.transaction([&]() -> Result<void> {
        auto number = nextNumber();
        if (!number)
            return number.error();
        auto q = m_db.exec(
            QStringLiteral(
                "INSERT INTO tickets(uuid, number, subject, description, channel, direction, "
                "status, priority, category_id, requester_id, assignee_id, team_id, created_at, "
                "updated_at, external_ref, follow_up_of, requester_sort, assignee_sort) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
                "coalesce((SELECT lower(name) FROM customers WHERE id = ?), ''),"
                "coalesce((SELECT lower(name) FROM agents WHERE id = ?), ''))"),
            {uuid, *number, subject, in.body.left(2000), wireName(in.channel),
             wireName(in.direction), wireName(status), int(in.priority),
             Database::idOrNull(in.categoryId), Database::idOrNull(in.requesterId),
             Database::idOrNull(in.assigneeId), Database::idOrNull(in.teamId), Database::toDb(at),
             Database::toDb(at), in.externalRef.isEmpty() ? QVariant() : QVariant(in.externalRef),
             Database::idOrNull(in.followUpOf), Database::idOrNull(in.requesterId),
             Database::idOrNull(in.assigneeId)});
        if (!q) {
            if (Database::isForeignKeyError(q.error()))
                return Error{ErrorCode::NotFound,
                             tr("The requester, assignee, team or category does not exist.")};
            if (Database::isUniqueError(q.error(), "tickets", "uuid"))
                return Error{ErrorCode::Conflict, tr("A ticket with UUID %1 exists.").arg(uuid)};
            return q.error();
        }
        id = q->lastInsertId().toLongLong();
        for (const QString &tag : tags)
            if (auto t
                = m_db.exec(QStringLiteral("INSERT INTO ticket_tags(ticket_id, tag) VALUES (?, ?)"),
                            {id, tag});
                !t)
                return t.error();
        if (auto e = writeEvent(id, EventKind::Created, in.actor, at, {}, wireName(status)); !e)
            return e;
        if (in.assigneeId)
            if (auto e = writeEvent(id, EventKind::Assignee, in.actor, at, {}, in.assigneeId); !e)
                return e;
        if (auto s = m_search->insertTicket(id); !s)
            return s;
        const QString messageUuid = in.body.isEmpty() ? QString()
            : in.messageUuid.isEmpty()                ? newUuid()
                                                      : in.messageUuid.toLower();
        NewTicket recorded = in;
        recorded.tags = tags;
        if (auto j = recordCreate(uuid, subject, messageUuid, recorded); !j)
            return j;
        if (!in.body.isEmpty()) {
            NewMessage m;
            m.uuid = messageUuid;
            m.authorKind
                = in.direction == Direction::Inbound ? AuthorKind::Customer : AuthorKind::Agent;
            m.authorId = in.direction == Direction::Inbound
                ? in.requesterId
                : (in.assigneeId ? in.assigneeId : in.actor.id);
            m.visibility = Visibility::Public;
            m.body = in.body;
            m.createdAt = at;
            ++m_journalMuted; // part of create_ticket
            auto added = addMessage(id, m);
            --m_journalMuted;
            if (!added)
                return added.error();
        }
        return m_sla->refresh(id);
    });
    if (!r)
        return r.error();
    notify({id});
    return ticket(id);
}

Result<Message> TicketStore::addMessage(RowId ticketId, const NewMessage &in)
{
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    if (in.body.trimmed().isEmpty() && in.attachments.isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("An empty message cannot be added.")};
    if (in.body.size() > kMaxBodyChars)
        return Error{ErrorCode::TooLarge,
                     tr("The message is %1 characters long; the limit is %2.")
                         .arg(in.body.size())
                         .arg(kMaxBodyChars)};
    if (t->status == TicketStatus::Closed)
        return Error{ErrorCode::Conflict,
                     tr("Ticket #%1 is closed and takes no more messages; create a follow-up "
                        "ticket instead.")
                         .arg(t->number)};
    if (in.authorKind == AuthorKind::Customer && in.visibility == Visibility::Internal)
        return Error{ErrorCode::InvalidArgument, tr("Customers cannot write internal notes.")};
    const QDateTime at = in.createdAt.isValid() ? in.createdAt.toUTC() : m_clock.now();
    Message m;
    m.uuid = in.uuid.isEmpty() ? newUuid() : in.uuid.toLower();
    m.ticketId = ticketId;
    m.authorKind = in.authorKind;
    m.authorAgentId = in.authorKind == AuthorKind::Agent ? in.authorId : 0;
    m.authorCustomerId = in.authorKind == AuthorKind::Customer ? in.authorId : 0;
    m.visibility = in.visibility;
    m.body = in.body;
    m.bodyHtml = in.bodyHtml;
    m.createdAt = at;
    m.attachments = in.attachments;
    const Actor actor{in.authorKind, in.authorId};

    Result<void> r = m_db.transaction([&]() -> Result<void> {
        return m_search->reindexTicket(ticketId, [&]() -> Result<void> {
            auto q = m_db.exec(
                QStringLiteral(
                    "INSERT INTO messages(uuid, ticket_id, author_kind, author_agent_id, "
                    "author_customer_id, visibility, body, body_html, created_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?)"),
                {m.uuid, ticketId, wireName(m.authorKind), Database::idOrNull(m.authorAgentId),
                 Database::idOrNull(m.authorCustomerId), wireName(m.visibility), m.body,
                 m.bodyHtml.isEmpty() ? QVariant() : QVariant(m.bodyHtml), Database::toDb(at)});
            if (!q) {
                if (Database::isUniqueError(q.error(), "messages", "uuid"))
                    return Error{ErrorCode::Conflict,
                                 tr("A message with UUID %1 exists.").arg(m.uuid)};
                return q.error();
            }
            m.id = q->lastInsertId().toLongLong();
            for (const AttachmentRef &a : m.attachments) {
                if (auto s = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO attachments(sha256, "
                                                      "size, media_type) VALUES (?,?,?)"),
                                       {a.sha256, a.size, a.mediaType});
                    !s)
                    return s.error();
                if (auto s
                    = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO message_attachments("
                                               "message_id, sha256, file_name) VALUES (?,?,?)"),
                                {m.id, a.sha256, a.fileName});
                    !s)
                    return s.error();
            }
            if (m.authorKind == AuthorKind::Agent && m.visibility == Visibility::Public
                && !t->firstResponseAt.isValid()) {
                if (auto s = m_db.exec(QStringLiteral("UPDATE tickets SET first_response_at = ? "
                                                      "WHERE id = ?"),
                                       {Database::toDb(at), ticketId});
                    !s)
                    return s.error();
                if (auto e = writeEvent(ticketId, EventKind::FirstResponse, actor, at, {}, m.id);
                    !e)
                    return e;
            }
            if (m.authorKind == AuthorKind::Customer) {
                const auto next = workflow::statusAfterCustomerReply(t->status, t->assigneeId != 0);
                if (next && *next != t->status)
                    if (auto s = applyStatus(*t, *next, actor, at); !s)
                        return s;
            }
            if (auto s = touch(ticketId, at); !s)
                return s;
            if (auto j = recordMessage(t->uuid, m); !j)
                return j;
            return m_sla->refresh(ticketId);
        });
    });
    if (!r)
        return r.error();
    notify({ticketId});
    return m;
}

Result<void> TicketStore::applyStatus(const Ticket &t, TicketStatus to, const Actor &actor,
                                      const QDateTime &at)
{
    QString sql = QStringLiteral("UPDATE tickets SET status = ?, updated_at = max(updated_at, ?)");
    QVariantList args{wireName(to), Database::toDb(at)};
    if (to == TicketStatus::Solved) {
        sql += QStringLiteral(", solved_at = ?");
        args << Database::toDb(at);
    } else if (t.status == TicketStatus::Solved && to != TicketStatus::Closed) {
        sql += QStringLiteral(", solved_at = NULL"); // reopened
    }
    if (to == TicketStatus::Closed) {
        sql += QStringLiteral(", closed_at = ?");
        args << Database::toDb(at);
    }
    sql += QStringLiteral(" WHERE id = ?");
    args << t.id;
    if (auto q = m_db.exec(sql, args); !q)
        return q.error();
    return writeEvent(t.id, EventKind::Status, actor, at, wireName(t.status), wireName(to));
}

Result<void> TicketStore::transition(RowId ticketId, TicketStatus to, const Actor &actor,
                                     const QDateTime &at)
{
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    if (auto allowed = workflow::checkTransition(t->status, to); !allowed)
        return allowed;
    if (to == TicketStatus::Assigned && t->assigneeId == 0)
        return Error{
            ErrorCode::Conflict,
            tr("Ticket #%1 has no assignee; assign an agent to make it assigned.").arg(t->number)};
    return inTransaction({ticketId}, [&]() -> Result<void> {
        if (auto s = applyStatus(*t, to, actor, at.isValid() ? at.toUTC() : m_clock.now()); !s)
            return s;
        if (auto j = record({QStringLiteral("set_status"), t->uuid,
                             QJsonObject{{QStringLiteral("status"), wireName(to)}},
                             QJsonObject{{QStringLiteral("status"), wireName(t->status)}}});
            !j)
            return j;
        return m_sla->refresh(ticketId);
    });
}

Result<void> TicketStore::assign(RowId ticketId, RowId agentId, const Actor &actor,
                                 const QDateTime &when)
{
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    if (t->assigneeId == agentId)
        return {};
    if (t->status == TicketStatus::Closed)
        return Error{ErrorCode::Conflict,
                     tr("Ticket #%1 is closed; its assignee can no longer change.").arg(t->number)};
    if (agentId) {
        auto exists
            = m_db.scalar(QStringLiteral("SELECT active FROM agents WHERE id = ?"), {agentId});
        if (!exists)
            return exists.error();
        if (exists->isNull())
            return Error{ErrorCode::NotFound, tr("No agent with id %1.").arg(agentId)};
        if (!exists->toBool())
            return Error{ErrorCode::Conflict, tr("Agent %1 is deactivated.").arg(agentId)};
    }
    const QDateTime at = when.isValid() ? when.toUTC() : m_clock.now();
    return inTransaction({ticketId}, [&]() -> Result<void> {
        auto q = m_db.exec(
            QStringLiteral(
                "UPDATE tickets SET assignee_id = ?, updated_at = max(updated_at, ?), "
                "assignee_sort = coalesce((SELECT lower(name) FROM agents WHERE id = ?), "
                "'') WHERE id = ?"),
            {Database::idOrNull(agentId), Database::toDb(at), Database::idOrNull(agentId),
             ticketId});
        if (!q)
            return q.error();
        if (auto e = writeEvent(ticketId, EventKind::Assignee, actor, at,
                                Database::idOrNull(t->assigneeId), Database::idOrNull(agentId));
            !e)
            return e;
        const TicketStatus next = workflow::statusAfterAssignment(t->status, agentId != 0);
        if (next != t->status)
            if (auto s = applyStatus(*t, next, actor, at); !s)
                return s;
        auto before = uuidOf("agents", t->assigneeId);
        auto after = uuidOf("agents", agentId);
        if (!before || !after)
            return before ? after.error() : before.error();
        if (auto j = record({QStringLiteral("assign"), t->uuid,
                             QJsonObject{{QStringLiteral("assignee_uuid"), *after}},
                             QJsonObject{{QStringLiteral("assignee_uuid"), *before}}});
            !j)
            return j;
        return m_sla->refresh(ticketId);
    });
}

Result<void> TicketStore::updateField(RowId ticketId, const char *column, EventKind kind,
                                      const QVariant &oldValue, const QVariant &newValue,
                                      const Actor &actor, const JournalOp &op)
{
    const QDateTime at = m_clock.now();
    return inTransaction({ticketId}, [&]() -> Result<void> {
        auto q
            = m_db.exec(QStringLiteral("UPDATE tickets SET %1 = ?, updated_at = max(updated_at, ?) "
                                       "WHERE id = ?")
                            .arg(QLatin1String(column)),
                        {newValue, Database::toDb(at), ticketId});
        if (!q)
            return q.error();
        if (auto e = writeEvent(ticketId, kind, actor, at, oldValue, newValue); !e)
            return e;
        if (auto j = record(op); !j)
            return j;
        return kind == EventKind::Priority ? m_sla->refresh(ticketId) : Result<void>();
    });
}

Result<void> TicketStore::setPriority(RowId ticketId, Priority p, const Actor &actor)
{
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    if (t->priority == p)
        return {};
    return updateField(ticketId, "priority", EventKind::Priority, int(t->priority), int(p), actor,
                       {QStringLiteral("set_priority"), t->uuid,
                        QJsonObject{{QStringLiteral("priority"), wireName(p)}},
                        QJsonObject{{QStringLiteral("priority"), wireName(t->priority)}}});
}

Result<void> TicketStore::setCategory(RowId ticketId, RowId categoryId, const Actor &actor)
{
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    if (t->categoryId == categoryId)
        return {};
    if (categoryId) {
        auto c
            = m_db.scalar(QStringLiteral("SELECT id FROM categories WHERE id = ?"), {categoryId});
        if (!c)
            return c.error();
        if (c->isNull())
            return Error{ErrorCode::NotFound, tr("No category with id %1.").arg(categoryId)};
    }
    auto before = categoryName(t->categoryId);
    auto after = categoryName(categoryId);
    if (!before || !after)
        return before ? after.error() : before.error();
    return updateField(ticketId, "category_id", EventKind::Category,
                       Database::idOrNull(t->categoryId), Database::idOrNull(categoryId), actor,
                       {QStringLiteral("set_category"), t->uuid,
                        QJsonObject{{QStringLiteral("category"), *after}},
                        QJsonObject{{QStringLiteral("category"), *before}}});
}

Result<void> TicketStore::setTeam(RowId ticketId, RowId teamId, const Actor &actor)
{
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    if (t->teamId == teamId)
        return {};
    auto before = uuidOf("teams", t->teamId);
    auto after = uuidOf("teams", teamId);
    if (!before || !after)
        return before ? after.error() : before.error();
    return updateField(ticketId, "team_id", EventKind::Team, Database::idOrNull(t->teamId),
                       Database::idOrNull(teamId), actor,
                       {QStringLiteral("set_team"), t->uuid,
                        QJsonObject{{QStringLiteral("team_uuid"), *after}},
                        QJsonObject{{QStringLiteral("team_uuid"), *before}}});
}

Result<void> TicketStore::setSubject(RowId ticketId, const QString &subject, const Actor &actor)
{
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    const QString s = subject.simplified();
    if (s.isEmpty() || s.size() > kMaxSubjectChars)
        return Error{ErrorCode::InvalidArgument,
                     tr("A subject must have 1 to %1 characters.").arg(kMaxSubjectChars)};
    if (s == t->subject)
        return {};
    const QDateTime at = m_clock.now();
    return inTransaction({ticketId}, [&]() -> Result<void> {
        return m_search->reindexTicket(ticketId, [&]() -> Result<void> {
            auto q = m_db.exec(QStringLiteral("UPDATE tickets SET subject = ?, updated_at = "
                                              "max(updated_at, ?) WHERE id = ?"),
                               {s, Database::toDb(at), ticketId});
            if (!q)
                return q.error();
            if (auto j = record({QStringLiteral("set_subject"), t->uuid,
                                 QJsonObject{{QStringLiteral("subject"), s}},
                                 QJsonObject{{QStringLiteral("subject"), t->subject}}});
                !j)
                return j;
            return writeEvent(ticketId, EventKind::Subject, actor, at, t->subject, s);
        });
    });
}

Result<void> TicketStore::setTags(RowId ticketId, QStringList tags, const Actor &actor)
{
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    tags = normalizedTags(tags);
    if (tags == t->tags)
        return {};
    const QDateTime at = m_clock.now();
    return inTransaction({ticketId}, [&]() -> Result<void> {
        if (auto q
            = m_db.exec(QStringLiteral("DELETE FROM ticket_tags WHERE ticket_id = ?"), {ticketId});
            !q)
            return q.error();
        for (const QString &tag : tags)
            if (auto q
                = m_db.exec(QStringLiteral("INSERT INTO ticket_tags(ticket_id, tag) VALUES (?, ?)"),
                            {ticketId, tag});
                !q)
                return q.error();
        if (auto q = touch(ticketId, at); !q)
            return q;
        if (auto j = recordTags(t->uuid, t->tags, tags); !j)
            return j;
        return writeEvent(ticketId, EventKind::Tags, actor, at, t->tags.join(QLatin1Char(',')),
                          tags.join(QLatin1Char(',')));
    });
}

Result<void> TicketStore::rate(RowId ticketId, int csat, const Actor &actor)
{
    if (csat < 1 || csat > 5)
        return Error{ErrorCode::InvalidArgument,
                     tr("A satisfaction rating is 1 to 5, not %1.").arg(csat)};
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    if (t->status != TicketStatus::Solved && t->status != TicketStatus::Closed)
        return Error{ErrorCode::Conflict,
                     tr("Ticket #%1 can be rated once it is solved.").arg(t->number)};
    return updateField(ticketId, "csat", EventKind::Csat, t->csat ? QVariant(t->csat) : QVariant(),
                       csat, actor,
                       {QStringLiteral("rate"), t->uuid,
                        QJsonObject{{QStringLiteral("csat"), csat}}, QJsonObject{}});
}

} // namespace hd
