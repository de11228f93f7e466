// SPDX-License-Identifier: GPL-3.0-or-later
// TicketStore: reading messages and history; merge, split and archive.
#include "core/base/clock.h"
#include "core/storage/database.h"
#include "core/storage/opjournal.h"
#include "core/storage/searchindex.h"
#include "core/storage/ticketstore.h"
#include "core/workflow/slaservice.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>
#include <QUuid>

namespace hd {

namespace {
const QString kMessageSelect = QStringLiteral(
    "SELECT m.id, m.uuid, m.ticket_id, m.author_kind, coalesce(m.author_agent_id, 0), "
    "coalesce(m.author_customer_id, 0), coalesce(a.name, c.name, ''), m.visibility, m.body, "
    "coalesce(m.body_html, ''), m.created_at FROM messages m "
    "LEFT JOIN agents a ON a.id = m.author_agent_id "
    "LEFT JOIN customers c ON c.id = m.author_customer_id ");

Message messageFrom(const Rows &q)
{
    Message m;
    m.id = q.value(0).toLongLong();
    m.uuid = q.value(1).toString();
    m.ticketId = q.value(2).toLongLong();
    m.authorKind = parseAuthorKind(q.value(3).toString()).value_or(AuthorKind::System);
    m.authorAgentId = q.value(4).toLongLong();
    m.authorCustomerId = q.value(5).toLongLong();
    m.authorName = q.value(6).toString();
    m.visibility = parseVisibility(q.value(7).toString()).value_or(Visibility::Internal);
    m.body = q.value(8).toString();
    m.bodyHtml = q.value(9).toString();
    m.createdAt = Database::fromDb(q.value(10));
    return m;
}
} // namespace

Result<QList<Message>> TicketStore::messages(RowId ticketId, bool includeInternal)
{
    auto q = m_db.exec(kMessageSelect
                           + QStringLiteral("WHERE m.ticket_id = ? AND (? <> 0 OR m.visibility = "
                                            "'public') ORDER BY m.created_at, m.id"),
                       {ticketId, includeInternal});
    if (!q)
        return q.error();
    QList<Message> out;
    while (q->next())
        out << messageFrom(*q);
    q->finish();
    auto att = m_db.exec(
        QStringLiteral("SELECT ma.message_id, ma.sha256, ma.file_name, a.media_type, a.size "
                       "FROM message_attachments ma JOIN attachments a ON a.sha256 = ma.sha256 "
                       "JOIN messages m ON m.id = ma.message_id WHERE m.ticket_id = ? "
                       "ORDER BY ma.file_name"),
        {ticketId});
    if (!att)
        return att.error();
    while (att->next()) {
        const RowId mid = att->value(0).toLongLong();
        for (Message &m : out)
            if (m.id == mid)
                m.attachments << AttachmentRef{att->value(1).toString(), att->value(2).toString(),
                                               att->value(3).toString(),
                                               att->value(4).toLongLong()};
    }
    return out;
}

Result<Message> TicketStore::message(RowId messageId)
{
    auto q = m_db.exec(kMessageSelect + QStringLiteral("WHERE m.id = ?"), {messageId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCode::NotFound, tr("No message with id %1.").arg(messageId)};
    Message m = messageFrom(*q);
    q->finish();
    return m;
}

Result<QList<Event>> TicketStore::events(RowId ticketId)
{
    auto q
        = m_db.exec(QStringLiteral("SELECT id, ticket_id, kind, actor_kind, coalesce(actor_id, 0), "
                                   "at, coalesce(old_value, ''), coalesce(new_value, '') "
                                   "FROM events WHERE ticket_id = ? ORDER BY at, id"),
                    {ticketId});
    if (!q)
        return q.error();
    QList<Event> out;
    while (q->next()) {
        Event e;
        e.id = q->value(0).toLongLong();
        e.ticketId = q->value(1).toLongLong();
        e.kind = parseEventKind(q->value(2).toString()).value_or(EventKind::Created);
        e.actorKind = parseAuthorKind(q->value(3).toString()).value_or(AuthorKind::System);
        e.actorId = q->value(4).toLongLong();
        e.at = Database::fromDb(q->value(5));
        e.oldValue = q->value(6).toString();
        e.newValue = q->value(7).toString();
        out << e;
    }
    return out;
}

Result<void> TicketStore::merge(RowId sourceId, RowId targetId, const Actor &actor)
{
    if (sourceId == targetId)
        return Error{ErrorCode::InvalidArgument, tr("A ticket cannot be merged into itself.")};
    auto source = ticket(sourceId);
    if (!source)
        return source.error();
    auto target = ticket(targetId);
    if (!target)
        return target.error();
    if (source->mergedInto)
        return Error{ErrorCode::Conflict, tr("Ticket #%1 was already merged.").arg(source->number)};
    if (target->status == TicketStatus::Closed)
        return Error{
            ErrorCode::Conflict,
            tr("Ticket #%1 is closed; merge into an open ticket instead.").arg(target->number)};
    const QDateTime at = m_clock.now();
    return inTransaction({sourceId, targetId}, [&]() -> Result<void> {
        auto moved = m_search->reindexTicket(targetId, [&]() -> Result<void> {
            return m_search->reindexTicket(sourceId, [&]() -> Result<void> {
                auto q = m_db.exec(QStringLiteral("UPDATE messages SET ticket_id = ?, moved_from = "
                                                  "coalesce(moved_from, ?) WHERE ticket_id = ?"),
                                   {targetId, sourceId, sourceId});
                if (!q)
                    return q.error();
                return {};
            });
        });
        if (!moved)
            return moved;
        QStringList tags = target->tags + source->tags;
        tags.removeDuplicates();
        tags.sort();
        for (const QString &tag : source->tags)
            if (auto q
                = m_db.exec(QStringLiteral("INSERT OR IGNORE INTO ticket_tags(ticket_id, tag) "
                                           "VALUES (?, ?)"),
                            {targetId, tag});
                !q)
                return q.error();
        auto q = m_db.exec(
            QStringLiteral(
                "UPDATE tickets SET status = 'closed', closed_at = coalesce(closed_at, ?), "
                "merged_into = ?, updated_at = max(updated_at, ?) WHERE id = ?"),
            {Database::toDb(at), targetId, Database::toDb(at), sourceId});
        if (!q)
            return q.error();
        if (source->status != TicketStatus::Closed)
            if (auto e = writeEvent(sourceId, EventKind::Status, actor, at,
                                    wireName(source->status), wireName(TicketStatus::Closed));
                !e)
                return e;
        if (auto e = writeEvent(sourceId, EventKind::Merged, actor, at, {}, target->number); !e)
            return e;
        if (auto e = writeEvent(targetId, EventKind::MergedFrom, actor, at, {}, source->number); !e)
            return e;
        if (auto e = touch(targetId, at); !e)
            return e;
        if (auto j = record({QStringLiteral("merge"),
                             source->uuid,
                             QJsonObject{{QStringLiteral("target_uuid"), target->uuid}},
                             {}});
            !j)
            return j;
        if (auto s = m_sla->refresh(sourceId); !s)
            return s;
        return m_sla->refresh(targetId);
    });
}

Result<Ticket> TicketStore::split(RowId ticketId, const QList<RowId> &messageIds,
                                  const Actor &actor, const QString &newUuid)
{
    auto t = ticket(ticketId);
    if (!t)
        return t.error();
    if (t->status == TicketStatus::Closed)
        return Error{ErrorCode::Conflict,
                     tr("Ticket #%1 is closed and cannot be split.").arg(t->number)};
    if (messageIds.isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     tr("Choose the messages that become the new ticket.")};
    auto all = messages(ticketId);
    if (!all)
        return all.error();
    QSet<RowId> chosen(messageIds.begin(), messageIds.end());
    QSet<RowId> own;
    Message first;
    QJsonArray movedUuids;
    for (const Message &m : *all) {
        own.insert(m.id);
        if (chosen.contains(m.id) && !first.id)
            first = m;
        if (chosen.contains(m.id))
            movedUuids.append(m.uuid);
    }
    for (RowId id : chosen)
        if (!own.contains(id))
            return Error{ErrorCode::InvalidArgument,
                         tr("Message %1 does not belong to ticket #%2.").arg(id).arg(t->number)};
    if (chosen.size() == own.size())
        return Error{ErrorCode::InvalidArgument,
                     tr("At least one message must stay in ticket #%1.").arg(t->number)};

    const QDateTime at = m_clock.now();
    RowId newId = 0;
    Result<void> r = inTransaction({ticketId}, [&]() -> Result<void> {
        NewTicket nt;
        nt.subject = t->subject;
        nt.channel = t->channel;
        nt.direction
            = first.authorKind == AuthorKind::Customer ? Direction::Inbound : Direction::Outbound;
        nt.priority = t->priority;
        nt.categoryId = t->categoryId;
        nt.requesterId = t->requesterId;
        nt.teamId = t->teamId;
        nt.tags = t->tags;
        nt.createdAt = first.createdAt.isValid() ? first.createdAt : at;
        nt.actor = actor;
        nt.uuid = newUuid;
        ++m_journalMuted; // part of split
        auto created = create(nt);
        --m_journalMuted;
        if (!created)
            return created.error();
        newId = created->id;
        auto moved = m_search->reindexTicket(newId, [&]() -> Result<void> {
            return m_search->reindexTicket(ticketId, [&]() -> Result<void> {
                for (RowId mid : chosen)
                    if (auto q
                        = m_db.exec(QStringLiteral("UPDATE messages SET ticket_id = ?, moved_from "
                                                   "= coalesce(moved_from, ?) WHERE id = ?"),
                                    {newId, ticketId, mid});
                        !q)
                        return q.error();
                return {};
            });
        });
        if (!moved)
            return moved;
        if (auto q = m_db.exec(
                QStringLiteral("UPDATE tickets SET split_from = ?, updated_at = ? WHERE id = ?"),
                {ticketId, Database::toDb(at), newId});
            !q)
            return q.error();
        // The first public agent reply among the moved messages is the new ticket's first response.
        if (auto q = m_db.exec(
                QStringLiteral("UPDATE tickets SET first_response_at = (SELECT min(created_at) "
                               "FROM messages WHERE ticket_id = ? AND author_kind = 'agent' "
                               "AND visibility = 'public') WHERE id = ?"),
                {newId, newId});
            !q)
            return q.error();
        if (auto e = writeEvent(ticketId, EventKind::Split, actor, at, {}, created->number); !e)
            return e;
        if (auto e = writeEvent(newId, EventKind::SplitFrom, actor, at, {}, t->number); !e)
            return e;
        if (auto e = touch(ticketId, at); !e)
            return e;
        if (auto j = record({QStringLiteral("split"),
                             t->uuid,
                             QJsonObject{{QStringLiteral("message_uuids"), movedUuids},
                                         {QStringLiteral("new_ticket_uuid"), created->uuid}},
                             {}});
            !j)
            return j;
        if (auto s = m_sla->refresh(newId); !s)
            return s;
        return m_sla->refresh(ticketId);
    });
    if (!r)
        return r.error();
    notify({newId});
    return ticket(newId);
}

Result<int> TicketStore::archiveClosedBefore(const QDateTime &closedBefore, const Actor &actor)
{
    if (!closedBefore.isValid())
        return Error{ErrorCode::InvalidArgument, tr("An archive cut-off date is required.")};
    int count = 0;
    const QDateTime at = m_clock.now();
    Result<void> r = inTransaction({}, [&]() -> Result<void> {
        if (m_journal && m_journalMuted == 0) {
            auto archived = m_db.exec(QStringLiteral("SELECT uuid FROM tickets WHERE status = "
                                                     "'closed' AND archived = 0 AND closed_at < ?"),
                                      {Database::toDb(closedBefore)});
            if (!archived)
                return archived.error();
            QStringList uuids;
            while (archived->next())
                uuids << archived->value(0).toString();
            archived->finish();
            for (const QString &uuid : std::as_const(uuids))
                if (auto j = record({QStringLiteral("archive"), uuid, {}, {}}); !j)
                    return j;
        }
        auto e = m_db.exec(
            QStringLiteral("INSERT INTO events(ticket_id, kind, actor_kind, actor_id, at, "
                           "old_value, new_value) SELECT id, 'archived', ?, ?, ?, '0', '1' "
                           "FROM tickets WHERE status = 'closed' AND archived = 0 "
                           "AND closed_at < ?"),
            {wireName(actor.kind), Database::idOrNull(actor.id), Database::toDb(at),
             Database::toDb(closedBefore)});
        if (!e)
            return e.error();
        auto q = m_db.exec(QStringLiteral("UPDATE tickets SET archived = 1 WHERE status = 'closed' "
                                          "AND archived = 0 AND closed_at < ?"),
                           {Database::toDb(closedBefore)});
        if (!q)
            return q.error();
        count = q->numRowsAffected();
        return {};
    });
    if (!r)
        return r.error();
    return count;
}

} // namespace hd
