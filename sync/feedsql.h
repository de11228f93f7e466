// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/storage/database.h"

#include <QJsonValue>
#include <QString>

// Helpers and the statements' shared parts of FeedApplier's two ways of writing rows — one row at a
// time (feedapplierrows.cpp) and a page at once (feedbulk.cpp) — so both always write the same
// columns the same way.
namespace hd::sync::feedsql {

/// A statement's outcome without its rows.
inline Result<void> done(const Result<Rows> &q)
{
    return q ? Result<void>() : Result<void>(q.error());
}

/// A feed value as a column value: text, or NULL.
inline QVariant text(const QJsonValue &v)
{
    return v.isString() ? QVariant(v.toString()) : QVariant();
}

/// A feed time (ISO 8601) as stored: ms since the epoch, or NULL.
inline QVariant time(const QJsonValue &v)
{
    return v.isString() ? Database::toDb(QDateTime::fromString(v.toString(), Qt::ISODateWithMs))
                        : QVariant();
}

/// INSERT INTO tickets(<every column the feed carries>)
inline QString ticketInsert()
{
    return QStringLiteral(
        "INSERT INTO tickets(uuid, number, subject, description, channel, direction, status, "
        "priority, category_id, requester_id, assignee_id, team_id, created_at, updated_at, "
        "first_response_at, solved_at, closed_at, first_response_due, resolution_due, "
        "sla_paused_since, sla_due, external_ref, csat, merged_into, split_from, "
        "follow_up_of, archived, requester_sort, assignee_sort) ");
}

/// The upsert clause: the server's row replaces every one of those columns.
inline QString ticketUpsert()
{
    return QStringLiteral(
        "ON CONFLICT(uuid) DO UPDATE SET number = excluded.number, "
        "subject = excluded.subject, description = excluded.description, "
        "channel = excluded.channel, direction = excluded.direction, "
        "status = excluded.status, priority = excluded.priority, "
        "category_id = excluded.category_id, requester_id = excluded.requester_id, "
        "assignee_id = excluded.assignee_id, team_id = excluded.team_id, "
        "created_at = excluded.created_at, updated_at = excluded.updated_at, "
        "first_response_at = excluded.first_response_at, solved_at = excluded.solved_at, "
        "closed_at = excluded.closed_at, first_response_due = excluded.first_response_due, "
        "resolution_due = excluded.resolution_due, "
        "sla_paused_since = excluded.sla_paused_since, sla_due = excluded.sla_due, "
        "external_ref = excluded.external_ref, csat = excluded.csat, "
        "merged_into = excluded.merged_into, split_from = excluded.split_from, "
        "follow_up_of = excluded.follow_up_of, archived = excluded.archived, "
        "requester_sort = excluded.requester_sort, assignee_sort = excluded.assignee_sort ");
}

/// INSERT INTO messages(<every column the feed carries>)
inline QString messageInsert()
{
    return QStringLiteral("INSERT INTO messages(uuid, ticket_id, author_kind, author_agent_id, "
                          "author_customer_id, visibility, body, body_html, created_at, "
                          "moved_from) ");
}

inline QString messageUpsert()
{
    return QStringLiteral(
        "ON CONFLICT(uuid) DO UPDATE SET ticket_id = excluded.ticket_id, "
        "author_kind = excluded.author_kind, author_agent_id = excluded.author_agent_id, "
        "author_customer_id = excluded.author_customer_id, visibility = excluded.visibility, "
        "body = excluded.body, body_html = excluded.body_html, "
        "created_at = excluded.created_at, moved_from = excluded.moved_from ");
}

} // namespace hd::sync::feedsql
