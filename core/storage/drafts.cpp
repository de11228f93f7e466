// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/drafts.h"

#include "core/base/clock.h"
#include "core/storage/database.h"

namespace hd {

Drafts::Drafts(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{ }

Result<void> Drafts::save(const Draft &d)
{
    if (d.ticketId <= 0 || d.agentId <= 0)
        return Error{ErrorCode::InvalidArgument, tr("A draft needs a ticket and an agent.")};
    if (d.isEmpty())
        return clear(d.ticketId, d.agentId);
    if (d.body.size() > kMaxBodyChars)
        return Error{ErrorCode::TooLarge,
                     tr("The draft is %1 characters long; the limit is %2.")
                         .arg(d.body.size())
                         .arg(kMaxBodyChars)};
    const QDateTime now = m_clock.now();
    return m_db.transaction([&]() -> Result<void> {
        auto q = m_db.exec(
            QStringLiteral("INSERT INTO drafts(ticket_id, agent_id, visibility, body, "
                           "seen_message_id, seen_event_id, macro_id, updated_at) "
                           "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(ticket_id, agent_id) DO UPDATE "
                           "SET visibility = excluded.visibility, body = excluded.body, "
                           "seen_message_id = excluded.seen_message_id, "
                           "seen_event_id = excluded.seen_event_id, macro_id = excluded.macro_id, "
                           "updated_at = excluded.updated_at"),
            {d.ticketId, d.agentId, wireName(d.visibility), d.body, d.seenMessageId, d.seenEventId,
             Database::idOrNull(d.macroId), Database::toDb(now)});
        if (!q) {
            if (Database::isForeignKeyError(q.error()))
                return Error{ErrorCode::NotFound,
                             tr("The ticket, agent or macro of the draft does not exist.")};
            return q.error();
        }
        if (auto del = m_db.exec(QStringLiteral("DELETE FROM draft_attachments WHERE ticket_id = "
                                                "? AND agent_id = ?"),
                                 {d.ticketId, d.agentId});
            !del)
            return del.error();
        for (int i = 0; i < d.attachments.size(); ++i) {
            const AttachmentRef &a = d.attachments[i];
            if (auto ins = m_db.exec(
                    QStringLiteral("INSERT INTO draft_attachments(ticket_id, agent_id, position, "
                                   "sha256, file_name, media_type, size) VALUES (?,?,?,?,?,?,?)"),
                    {d.ticketId, d.agentId, i, a.sha256, a.fileName, a.mediaType, a.size});
                !ins)
                return ins.error();
        }
        return {};
    });
}

Result<std::optional<Draft>> Drafts::load(RowId ticketId, RowId agentId)
{
    auto q = m_db.exec(QStringLiteral("SELECT visibility, body, seen_message_id, seen_event_id, "
                                      "coalesce(macro_id, 0), updated_at FROM drafts "
                                      "WHERE ticket_id = ? AND agent_id = ?"),
                       {ticketId, agentId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Draft>();
    Draft d;
    d.ticketId = ticketId;
    d.agentId = agentId;
    d.visibility = parseVisibility(q->value(0).toString()).value_or(Visibility::Internal);
    d.body = q->value(1).toString();
    d.seenMessageId = q->value(2).toLongLong();
    d.seenEventId = q->value(3).toLongLong();
    d.macroId = q->value(4).toLongLong();
    d.updatedAt = Database::fromDb(q->value(5));
    q->finish();
    auto a = m_db.exec(QStringLiteral("SELECT sha256, file_name, media_type, size FROM "
                                      "draft_attachments WHERE ticket_id = ? AND agent_id = ? "
                                      "ORDER BY position"),
                       {ticketId, agentId});
    if (!a)
        return a.error();
    while (a->next())
        d.attachments << AttachmentRef{a->value(0).toString(), a->value(1).toString(),
                                       a->value(2).toString(), a->value(3).toLongLong()};
    a->finish();
    return std::optional<Draft>(std::move(d));
}

Result<void> Drafts::clear(RowId ticketId, RowId agentId)
{
    // draft_attachments follow through ON DELETE CASCADE.
    auto q = m_db.exec(QStringLiteral("DELETE FROM drafts WHERE ticket_id = ? AND agent_id = ?"),
                       {ticketId, agentId});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<QList<RowId>> Drafts::ticketsWithDrafts(RowId agentId)
{
    auto q = m_db.exec(QStringLiteral("SELECT ticket_id FROM drafts WHERE agent_id = ? "
                                      "ORDER BY updated_at DESC, ticket_id"),
                       {agentId});
    if (!q)
        return q.error();
    QList<RowId> out;
    while (q->next())
        out << q->value(0).toLongLong();
    q->finish();
    return out;
}

} // namespace hd
