// SPDX-License-Identifier: GPL-3.0-or-later
// FeedApplier: tickets and messages, deletions, search documents.
#include "core/domain/enums.h"
#include "core/domain/workflow.h"
#include "core/storage/database.h"
#include "sync/feedapplier.h"
#include "sync/feedsql.h"
#include "sync/replica.h"

#include <limits>

namespace hd::sync {

using feedsql::done;
using feedsql::text;
using feedsql::time;

namespace {

Error badRow(const QString &what)
{
    return Error{ErrorCode::InvalidArgument,
                 FeedApplier::tr("The server sent a row this client cannot read: %1.").arg(what)};
}

} // namespace

Result<void> FeedApplier::noteBefore(RowId ticketId)
{
    if (m_bulk || !ticketId || m_before.contains(ticketId) || m_new.contains(ticketId))
        return {};
    auto doc = m_search.documentFor(ticketId);
    if (!doc)
        return doc.error();
    m_before.insert(ticketId, *doc);
    return {};
}

Result<void> FeedApplier::reindex()
{
    if (m_bulk)
        return {};
    for (auto it = m_before.cbegin(); it != m_before.cend(); ++it) {
        auto exists = m_db.scalar(QStringLiteral("SELECT 1 FROM tickets WHERE id = ?"), {it.key()});
        if (!exists)
            return exists.error();
        SearchIndex::Doc after;
        if (!exists->isNull()) {
            auto d = m_search.documentFor(it.key());
            if (!d)
                return d.error();
            after = *d;
        }
        if (after == it.value() && !exists->isNull())
            continue;
        if (auto d = m_search.deleteDoc(it.key(), it.value()); !d)
            return d;
        if (!exists->isNull())
            if (auto i = m_search.insertDoc(it.key(), after); !i)
                return i;
    }
    for (RowId id : std::as_const(m_new))
        if (auto i = m_search.insertTicket(id); !i)
            return i;
    return {};
}

Result<bool> FeedApplier::ticket(const QJsonObject &row)
{
    const QString uuid = row.value(QStringLiteral("uuid")).toString();
    const auto status = parseStatus(row.value(QStringLiteral("status")).toString());
    const auto priority = parsePriority(row.value(QStringLiteral("priority")).toString());
    if (uuid.isEmpty() || !status || !priority)
        return badRow(QStringLiteral("ticket %1").arg(uuid));
    auto requester = person("customers", row.value(QStringLiteral("requester_uuid")));
    auto assignee = person("agents", row.value(QStringLiteral("assignee_uuid")));
    auto team = teamId(row.value(QStringLiteral("team_uuid")));
    auto category = categoryId(row.value(QStringLiteral("category")));
    if (!requester || !assignee || !team || !category)
        return !requester ? requester.error()
            : !assignee   ? assignee.error()
            : !team       ? team.error()
                          : category.error();
    QList<RowId> links;
    for (const char *key : {"merged_into_uuid", "split_from_uuid", "follow_up_of_uuid"}) {
        const QString other = row.value(QLatin1String(key)).toString();
        auto id = ticketId(other);
        if (!id)
            return id.error();
        if (!other.isEmpty() && !*id)
            m_unresolved = true; // applied without the link now, again when it arrives
        links << *id;
    }
    auto existing = ticketId(uuid);
    if (!existing)
        return existing.error();
    if (auto b = noteBefore(*existing); !b)
        return b.error();
    // sla_due: the earlier of the open due times (SlaService stores only open ones).
    const QVariant frDue = time(row.value(QStringLiteral("first_response_due")));
    const QVariant resDue = time(row.value(QStringLiteral("resolution_due")));
    qint64 slaDue = std::numeric_limits<qint64>::max();
    for (const QVariant &d : {frDue, resDue})
        if (!d.isNull())
            slaDue = qMin(slaDue, d.toLongLong());
    auto q = m_db.exec(
        feedsql::ticketInsert()
            + QStringLiteral("VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
                             "coalesce((SELECT lower(name) FROM customers WHERE id = ?), ''),"
                             "coalesce((SELECT lower(name) FROM agents WHERE id = ?), '')) ")
            + feedsql::ticketUpsert() + QStringLiteral("RETURNING id"),
        {uuid,
         row.value(QStringLiteral("number")).toInteger(),
         row.value(QStringLiteral("subject")).toString(),
         row.value(QStringLiteral("description")).toString(),
         row.value(QStringLiteral("channel")).toString(),
         row.value(QStringLiteral("direction")).toString(),
         wireName(*status),
         int(*priority),
         Database::idOrNull(*category),
         Database::idOrNull(*requester),
         Database::idOrNull(*assignee),
         Database::idOrNull(*team),
         time(row.value(QStringLiteral("created_at"))),
         time(row.value(QStringLiteral("updated_at"))),
         time(row.value(QStringLiteral("first_response_at"))),
         time(row.value(QStringLiteral("solved_at"))),
         time(row.value(QStringLiteral("closed_at"))),
         frDue,
         resDue,
         time(row.value(QStringLiteral("sla_paused_since"))),
         slaDue,
         text(row.value(QStringLiteral("external_ref"))),
         row.value(QStringLiteral("csat")).isDouble()
             ? QVariant(row.value(QStringLiteral("csat")).toInt())
             : QVariant(),
         Database::idOrNull(links[0]),
         Database::idOrNull(links[1]),
         Database::idOrNull(links[2]),
         row.value(QStringLiteral("archived")).toBool() ? 1 : 0,
         Database::idOrNull(*requester),
         Database::idOrNull(*assignee)});
    if (!q)
        return q.error();
    q->next();
    const RowId id = q->value(0).toLongLong();
    q->finish();
    if (!*existing)
        m_new.insert(id);
    m_ids.insert(QStringLiteral("tickets:") + uuid, id);
    if (auto d = m_db.exec(QStringLiteral("DELETE FROM ticket_tags WHERE ticket_id = ?"), {id}); !d)
        return d.error();
    for (const QJsonValue &tag : row.value(QStringLiteral("tags")).toArray())
        if (auto t = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO ticket_tags(ticket_id, tag) "
                                              "VALUES (?, ?)"),
                               {id, tag.toString()});
            !t)
            return t.error();
    if (auto e = replaceEvents(id, uuid, row.value(QStringLiteral("events")).toArray()); !e)
        return e.error();
    m_touched.insert(uuid);
    return true;
}

Result<bool> FeedApplier::message(const QJsonObject &row)
{
    const QString uuid = row.value(QStringLiteral("uuid")).toString();
    const QString ticketUuid = row.value(QStringLiteral("ticket_uuid")).toString();
    auto ticket = ticketId(ticketUuid);
    if (!ticket)
        return ticket.error();
    if (!*ticket)
        return false; // parked until its ticket arrives
    auto agent = person("agents", row.value(QStringLiteral("author_agent_uuid")));
    auto customer = person("customers", row.value(QStringLiteral("author_customer_uuid")));
    if (!agent || !customer)
        return agent ? customer.error() : agent.error();
    const QString movedFromUuid = row.value(QStringLiteral("moved_from_uuid")).toString();
    auto movedFrom = ticketId(movedFromUuid);
    if (!movedFrom)
        return movedFrom.error();
    if (!movedFromUuid.isEmpty() && !*movedFrom)
        m_unresolved = true;
    // The ticket it is in now, locally (a move changes two tickets' documents); an initial
    // sync (bulk) has no local moves to care about.
    RowId wasTicket = 0;
    if (!m_bulk) {
        auto was = m_db.exec(QStringLiteral("SELECT m.ticket_id, t.uuid FROM messages m JOIN "
                                            "tickets t ON t.id = m.ticket_id WHERE m.uuid = ?"),
                             {uuid});
        if (!was)
            return was.error();
        if (was->next()) {
            wasTicket = was->value(0).toLongLong();
            m_touched.insert(was->value(1).toString());
        }
        was->finish();
    }
    for (RowId t : {wasTicket, *ticket})
        if (auto b = noteBefore(t); !b)
            return b.error();
    auto q = m_db.exec(
        feedsql::messageInsert() + QStringLiteral("VALUES (?,?,?,?,?,?,?,?,?,?) ")
            + feedsql::messageUpsert() + QStringLiteral("RETURNING id"),
        {uuid, *ticket, row.value(QStringLiteral("author_kind")).toString(),
         Database::idOrNull(*agent), Database::idOrNull(*customer),
         row.value(QStringLiteral("visibility")).toString(),
         row.value(QStringLiteral("body")).toString(), text(row.value(QStringLiteral("body_html"))),
         time(row.value(QStringLiteral("created_at"))), Database::idOrNull(*movedFrom)});
    if (!q)
        return q.error();
    q->next();
    const RowId id = q->value(0).toLongLong();
    q->finish();
    if (auto d
        = m_db.exec(QStringLiteral("DELETE FROM message_attachments WHERE message_id = ?"), {id});
        !d)
        return d.error();
    for (const QJsonValue &v : row.value(QStringLiteral("attachments")).toArray()) {
        const QJsonObject a = v.toObject();
        const QString sha = a.value(QStringLiteral("sha256")).toString();
        if (auto s = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO attachments(sha256, size, "
                                              "media_type) VALUES (?,?,?)"),
                               {sha, a.value(QStringLiteral("size")).toInteger(),
                                a.value(QStringLiteral("media_type")).toString()});
            !s)
            return s.error();
        if (auto s = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO message_attachments("
                                              "message_id, sha256, file_name) VALUES (?,?,?)"),
                               {id, sha, a.value(QStringLiteral("file_name")).toString()});
            !s)
            return s.error();
    }
    m_touched.insert(ticketUuid);
    return true;
}

Result<void> FeedApplier::deleteRow(const QString &entity, const QString &uuid)
{
    if (entity == QLatin1String("message")) {
        auto t
            = m_db.scalar(QStringLiteral("SELECT ticket_id FROM messages WHERE uuid = ?"), {uuid});
        if (!t)
            return t.error();
        if (t->isNull())
            return {};
        if (auto b = noteBefore(t->toLongLong()); !b)
            return b;
        if (auto d = m_db.exec(QStringLiteral("DELETE FROM message_attachments WHERE message_id = "
                                              "(SELECT id FROM messages WHERE uuid = ?)"),
                               {uuid});
            !d)
            return d.error();
        return done(m_db.exec(QStringLiteral("DELETE FROM messages WHERE uuid = ?"), {uuid}));
    }
    if (entity == QLatin1String("ticket")) {
        auto dropped = dropTicket(uuid);
        return dropped ? Result<void>() : Result<void>(dropped.error());
    }
    // People, teams and categories stay (the server deactivates rather than deletes them; a
    // row still named by old tickets must not vanish from them).
    return {};
}

Result<QList<RowId>> FeedApplier::drop(const QString &ticketUuid)
{
    m_before.clear();
    m_new.clear();
    QList<RowId> out;
    Result<void> r = m_db.transaction([&]() -> Result<void> {
        auto d = dropTicket(ticketUuid);
        if (!d)
            return d.error();
        out = *d;
        return reindex();
    });
    if (!r)
        return r.error();
    return out;
}

Result<void> FeedApplier::dropMessage(const QString &uuid)
{
    m_before.clear();
    m_new.clear();
    return m_db.transaction([&]() -> Result<void> {
        if (auto d = deleteRow(QStringLiteral("message"), uuid); !d)
            return d;
        return reindex();
    });
}

Result<QList<RowId>> FeedApplier::dropTicket(const QString &uuid)
{
    auto id = ticketId(uuid);
    if (!id)
        return id.error();
    if (!*id)
        return QList<RowId>{};
    if (auto b = noteBefore(*id); !b)
        return b.error();
    m_new.remove(*id);
    m_ids.remove(QStringLiteral("tickets:") + uuid);
    const QStringList script{
        QStringLiteral("DELETE FROM message_attachments WHERE message_id IN (SELECT id FROM "
                       "messages WHERE ticket_id = ?)"),
        QStringLiteral("DELETE FROM messages WHERE ticket_id = ?"),
        QStringLiteral("DELETE FROM events WHERE ticket_id = ?"),
        QStringLiteral("DELETE FROM drafts WHERE ticket_id = ?"),
        QStringLiteral("UPDATE tickets SET merged_into = NULL WHERE merged_into = ?"),
        QStringLiteral("UPDATE tickets SET split_from = NULL WHERE split_from = ?"),
        QStringLiteral("UPDATE tickets SET follow_up_of = NULL WHERE follow_up_of = ?"),
        QStringLiteral("UPDATE messages SET moved_from = NULL WHERE moved_from = ?"),
        QStringLiteral("DELETE FROM tickets WHERE id = ?"),
    };
    for (const QString &sql : script)
        if (auto q = m_db.exec(sql, {*id}); !q)
            return q.error();
    return QList<RowId>{*id};
}

} // namespace hd::sync
