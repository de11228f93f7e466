// SPDX-License-Identifier: GPL-3.0-or-later
// FeedApplier: rebase. A ticket with operations still to push takes the server's row and then
// gets those operations re-applied on top, locally, as the server will apply them when they
// arrive (docs/sync.md "Applying the feed on a client with pending operations").
#include "core/domain/enums.h"
#include "core/domain/workflow.h"
#include "core/storage/database.h"
#include "sync/feedapplier.h"
#include "sync/feedsql.h"
#include "sync/replica.h"

namespace hd::sync {

using feedsql::done;

Result<void> FeedApplier::rebase(const QString &ticketUuid)
{
    auto pending = m_outbox.forTicket(ticketUuid);
    if (!pending)
        return pending.error();
    if (pending->isEmpty())
        return {};
    auto id = ticketId(ticketUuid);
    if (!id)
        return id.error();
    if (!*id)
        return {};
    if (auto b = noteBefore(*id); !b)
        return b;
    for (const PendingOp &op : std::as_const(*pending))
        if (auto r = replay(*id, op); !r)
            return r;
    return {};
}

Result<void> FeedApplier::replay(RowId ticketId, const PendingOp &op)
{
    const QJsonObject &p = op.payload;
    const auto set = [&](const char *column, const QVariant &value) {
        return done(m_db.exec(
            QStringLiteral("UPDATE tickets SET %1 = ? WHERE id = ?").arg(QLatin1String(column)),
            {value, ticketId}));
    };
    if (op.kind == QLatin1String("set_status"))
        return set("status", p.value(QStringLiteral("status")).toString());
    if (op.kind == QLatin1String("set_priority")) {
        const auto pr = parsePriority(p.value(QStringLiteral("priority")).toString());
        return pr ? set("priority", int(*pr)) : Result<void>();
    }
    if (op.kind == QLatin1String("set_subject"))
        return set("subject", p.value(QStringLiteral("subject")).toString());
    if (op.kind == QLatin1String("rate"))
        return set("csat", p.value(QStringLiteral("csat")).toInt());
    if (op.kind == QLatin1String("archive"))
        return set("archived", 1);
    if (op.kind == QLatin1String("set_category")) {
        auto c = categoryId(p.value(QStringLiteral("category")));
        return c ? set("category_id", Database::idOrNull(*c)) : Result<void>(c.error());
    }
    if (op.kind == QLatin1String("set_team")) {
        auto t = teamId(p.value(QStringLiteral("team_uuid")));
        return t ? set("team_id", Database::idOrNull(*t)) : Result<void>(t.error());
    }
    if (op.kind == QLatin1String("assign")) {
        auto a = person("agents", p.value(QStringLiteral("assignee_uuid")));
        if (!a)
            return a.error();
        auto status
            = m_db.scalar(QStringLiteral("SELECT status FROM tickets WHERE id = ?"), {ticketId});
        if (!status)
            return status.error();
        const TicketStatus now = parseStatus(status->toString()).value_or(TicketStatus::Open);
        return done(m_db.exec(
            QStringLiteral("UPDATE tickets SET assignee_id = ?, status = ?, assignee_sort = "
                           "coalesce((SELECT lower(name) FROM agents WHERE id = ?), '') "
                           "WHERE id = ?"),
            {Database::idOrNull(*a), wireName(workflow::statusAfterAssignment(now, *a != 0)),
             Database::idOrNull(*a), ticketId}));
    }
    if (op.kind == QLatin1String("add_tags") || op.kind == QLatin1String("remove_tags")) {
        const bool add = op.kind == QLatin1String("add_tags");
        for (const QJsonValue &t : p.value(QStringLiteral("tags")).toArray())
            if (auto q = m_db.exec(add ? QStringLiteral("INSERT OR IGNORE INTO ticket_tags("
                                                        "ticket_id, tag) VALUES (?, ?)")
                                       : QStringLiteral("DELETE FROM ticket_tags WHERE "
                                                        "ticket_id = ? AND tag = ?"),
                                   {ticketId, t.toString()});
                !q)
                return q.error();
        return {};
    }
    if (op.kind == QLatin1String("merge")) {
        auto target = this->ticketId(p.value(QStringLiteral("target_uuid")).toString());
        if (!target)
            return target.error();
        if (!*target)
            return {};
        if (auto b = noteBefore(*target); !b)
            return b;
        if (auto q = m_db.exec(QStringLiteral("UPDATE messages SET ticket_id = ?, moved_from = "
                                              "coalesce(moved_from, ?) WHERE ticket_id = ?"),
                               {*target, ticketId, ticketId});
            !q)
            return q.error();
        return done(m_db.exec(QStringLiteral("UPDATE tickets SET status = 'closed', merged_into "
                                             "= ? WHERE id = ?"),
                              {*target, ticketId}));
    }
    if (op.kind == QLatin1String("split")) {
        auto made = this->ticketId(p.value(QStringLiteral("new_ticket_uuid")).toString());
        if (!made)
            return made.error();
        if (!*made)
            return {};
        if (auto b = noteBefore(*made); !b)
            return b;
        for (const QJsonValue &m : p.value(QStringLiteral("message_uuids")).toArray())
            if (auto q = m_db.exec(QStringLiteral("UPDATE messages SET ticket_id = ? WHERE "
                                                  "uuid = ? AND ticket_id = ?"),
                                   {*made, m.toString(), ticketId});
                !q)
                return q.error();
        return {};
    }
    return {}; // create_ticket, add_message: their rows are local until the feed brings them
}

} // namespace hd::sync
