// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/ticketrow.h"

#include "core/storage/database.h"

namespace hd::ticketrow {

QString selectSql()
{
    return QStringLiteral(
        "SELECT t.id, t.uuid, t.number, t.subject, t.description, t.channel, t.direction, "
        "t.status, t.priority, coalesce(t.category_id, 0), coalesce(c.name, ''), "
        "coalesce(t.requester_id, 0), coalesce(r.name, ''), coalesce(t.assignee_id, 0), "
        "coalesce(a.name, ''), coalesce(t.team_id, 0), t.created_at, t.updated_at, "
        "t.first_response_at, t.solved_at, t.closed_at, t.first_response_due, "
        "t.resolution_due, t.sla_paused_since, coalesce(t.sla_policy_id, 0), "
        "coalesce(t.external_ref, ''), coalesce(t.csat, 0), coalesce(t.merged_into, 0), "
        "coalesce(t.split_from, 0), coalesce(t.follow_up_of, 0), t.archived, "
        "(SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tags g "
        "WHERE g.ticket_id = t.id ORDER BY tag)) "
        "FROM tickets t LEFT JOIN categories c ON c.id = t.category_id "
        "LEFT JOIN customers r ON r.id = t.requester_id "
        "LEFT JOIN agents a ON a.id = t.assignee_id ");
}

Ticket fromQuery(const Rows &q)
{
    Ticket t;
    t.id = q.value(0).toLongLong();
    t.uuid = q.value(1).toString();
    t.number = q.value(2).toLongLong();
    t.subject = q.value(3).toString();
    t.description = q.value(4).toString();
    t.channel = parseChannel(q.value(5).toString()).value_or(Channel::Web);
    t.direction = parseDirection(q.value(6).toString()).value_or(Direction::Inbound);
    t.status = parseStatus(q.value(7).toString()).value_or(TicketStatus::New);
    t.priority = static_cast<Priority>(qBound(0, q.value(8).toInt(), 3));
    t.categoryId = q.value(9).toLongLong();
    t.categoryName = q.value(10).toString();
    t.requesterId = q.value(11).toLongLong();
    t.requesterName = q.value(12).toString();
    t.assigneeId = q.value(13).toLongLong();
    t.assigneeName = q.value(14).toString();
    t.teamId = q.value(15).toLongLong();
    t.createdAt = Database::fromDb(q.value(16));
    t.updatedAt = Database::fromDb(q.value(17));
    t.firstResponseAt = Database::fromDb(q.value(18));
    t.solvedAt = Database::fromDb(q.value(19));
    t.closedAt = Database::fromDb(q.value(20));
    t.firstResponseDue = Database::fromDb(q.value(21));
    t.resolutionDue = Database::fromDb(q.value(22));
    t.slaPausedSince = Database::fromDb(q.value(23));
    t.slaPolicyId = q.value(24).toLongLong();
    t.externalRef = q.value(25).toString();
    t.csat = q.value(26).toInt();
    t.mergedInto = q.value(27).toLongLong();
    t.splitFrom = q.value(28).toLongLong();
    t.followUpOf = q.value(29).toLongLong();
    t.archived = q.value(30).toBool();
    t.tags = q.value(31).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    return t;
}

} // namespace hd::ticketrow
