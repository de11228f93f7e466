// SPDX-License-Identifier: GPL-3.0-or-later
// FeedApplier: a ticket's history. The server sends a ticket's events with its row; they replace
// the events that came from the server before (listed in sync_events) and, once no operation
// on the ticket waits to be pushed, the replica's own events too (the server's versions of them
// are in the list, or the operation changed nothing there).
#include "core/storage/database.h"
#include "sync/feedapplier.h"
#include "sync/feedsql.h"
#include "sync/replica.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hd::sync {

using feedsql::done;

Result<void> FeedApplier::dropLocalEvents(RowId ticketId)
{
    return done(m_db.exec(QStringLiteral("DELETE FROM events WHERE ticket_id = ? AND id NOT IN "
                                         "(SELECT event_id FROM sync_events)"),
                          {ticketId}));
}

Result<void> FeedApplier::replaceEvents(RowId ticketId, const QString &ticketUuid,
                                        const QJsonArray &events)
{
    auto pending = m_outbox.forTicket(ticketUuid);
    if (!pending)
        return pending.error();
    // The server's earlier versions go (their ids first, from sync_events, then the rows).
    auto old = m_db.exec(QStringLiteral("SELECT e.id FROM events e JOIN sync_events s ON "
                                        "s.event_id = e.id WHERE e.ticket_id = ?"),
                         {ticketId});
    if (!old)
        return old.error();
    QJsonArray ids;
    while (old->next())
        ids.append(old->value(0).toLongLong());
    old->finish();
    if (!ids.isEmpty()) {
        const QString list = QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact));
        if (auto d = m_db.exec(QStringLiteral("DELETE FROM sync_events WHERE event_id IN (SELECT "
                                              "value FROM json_each(?))"),
                               {list});
            !d)
            return d.error();
        if (auto d = m_db.exec(QStringLiteral("DELETE FROM events WHERE id IN (SELECT value FROM "
                                              "json_each(?))"),
                               {list});
            !d)
            return d.error();
    }
    if (pending->isEmpty())
        if (auto d = dropLocalEvents(ticketId); !d)
            return d;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        const QString kind = e.value(QStringLiteral("kind")).toString();
        const QString actorKind = e.value(QStringLiteral("actor_kind")).toString();
        auto actor = actorKind == QLatin1String("agent")
            ? person("agents", e.value(QStringLiteral("actor_uuid")))
            : actorKind == QLatin1String("customer")
            ? person("customers", e.value(QStringLiteral("actor_uuid")))
            : Result<RowId>(RowId(0));
        if (!actor)
            return actor.error();
        QVariant values[2];
        for (int i = 0; i < 2; ++i) {
            auto value
                = eventValue(kind, e.value(i == 0 ? QStringLiteral("old") : QStringLiteral("new")));
            if (!value)
                return value.error();
            values[i] = *value;
        }
        const QDateTime at
            = QDateTime::fromString(e.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        auto q = m_db.exec(QStringLiteral("INSERT INTO events(ticket_id, kind, actor_kind, "
                                          "actor_id, at, old_value, new_value) "
                                          "VALUES (?,?,?,?,?,?,?)"),
                           {ticketId, kind, actorKind, Database::idOrNull(*actor),
                            Database::toDb(at), values[0], values[1]});
        if (!q)
            return q.error();
        if (auto m = m_db.exec(QStringLiteral("INSERT INTO sync_events(event_id) VALUES (?)"),
                               {q->lastInsertId()});
            !m)
            return m.error();
    }
    return {};
}

Result<QVariant> FeedApplier::eventValue(const QString &kind, const QJsonValue &v)
{
    if (!v.isString())
        return QVariant();
    // Ids differ between databases: the feed names agents and teams by uuid, categories by name.
    Result<RowId> id = RowId(0);
    if (kind == QLatin1String("assignee"))
        id = person("agents", v);
    else if (kind == QLatin1String("team"))
        id = teamId(v);
    else if (kind == QLatin1String("category"))
        id = categoryId(v);
    else
        return QVariant(v.toString());
    if (!id)
        return id.error();
    return Database::idOrNull(*id);
}

} // namespace hd::sync
