// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/json.h"

#include <QJsonArray>

namespace hd::json {

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

namespace {
QJsonValue id(RowId v)
{
    return v ? QJsonValue(v) : QJsonValue();
}
} // namespace

QJsonObject toJson(const Ticket &t)
{
    return QJsonObject{
        {QStringLiteral("id"), t.id},
        {QStringLiteral("uuid"), t.uuid},
        {QStringLiteral("number"), t.number},
        {QStringLiteral("subject"), t.subject},
        {QStringLiteral("channel"), wireName(t.channel)},
        {QStringLiteral("direction"), wireName(t.direction)},
        {QStringLiteral("status"), wireName(t.status)},
        {QStringLiteral("priority"), wireName(t.priority)},
        {QStringLiteral("category"),
         t.categoryName.isEmpty() ? QJsonValue() : QJsonValue(t.categoryName)},
        {QStringLiteral("tags"), QJsonArray::fromStringList(t.tags)},
        {QStringLiteral("requester_id"), id(t.requesterId)},
        {QStringLiteral("requester"),
         t.requesterName.isEmpty() ? QJsonValue() : QJsonValue(t.requesterName)},
        {QStringLiteral("assignee_id"), id(t.assigneeId)},
        {QStringLiteral("assignee"),
         t.assigneeName.isEmpty() ? QJsonValue() : QJsonValue(t.assigneeName)},
        {QStringLiteral("team_id"), id(t.teamId)},
        {QStringLiteral("created_at"), time(t.createdAt)},
        {QStringLiteral("updated_at"), time(t.updatedAt)},
        {QStringLiteral("first_response_at"), time(t.firstResponseAt)},
        {QStringLiteral("solved_at"), time(t.solvedAt)},
        {QStringLiteral("closed_at"), time(t.closedAt)},
        {QStringLiteral("first_response_due"), time(t.firstResponseDue)},
        {QStringLiteral("resolution_due"), time(t.resolutionDue)},
        {QStringLiteral("sla_paused_since"), time(t.slaPausedSince)},
        {QStringLiteral("external_ref"),
         t.externalRef.isEmpty() ? QJsonValue() : QJsonValue(t.externalRef)},
        {QStringLiteral("csat"), t.csat ? QJsonValue(t.csat) : QJsonValue()},
        {QStringLiteral("merged_into"), id(t.mergedInto)},
        {QStringLiteral("split_from"), id(t.splitFrom)},
        {QStringLiteral("follow_up_of"), id(t.followUpOf)},
        {QStringLiteral("archived"), t.archived},
    };
}

QJsonObject toJson(const Message &m)
{
    QJsonArray attachments;
    for (const AttachmentRef &a : m.attachments)
        attachments.append(QJsonObject{{QStringLiteral("sha256"), a.sha256},
                                       {QStringLiteral("file_name"), a.fileName},
                                       {QStringLiteral("media_type"), a.mediaType},
                                       {QStringLiteral("size"), a.size}});
    return QJsonObject{
        {QStringLiteral("id"), m.id},
        {QStringLiteral("uuid"), m.uuid},
        {QStringLiteral("ticket_id"), m.ticketId},
        {QStringLiteral("author_kind"), wireName(m.authorKind)},
        {QStringLiteral("author"), m.authorName},
        {QStringLiteral("visibility"), wireName(m.visibility)},
        {QStringLiteral("body"), m.body},
        {QStringLiteral("created_at"), time(m.createdAt)},
        {QStringLiteral("attachments"), attachments},
    };
}

QJsonObject toJson(const Event &e)
{
    return QJsonObject{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("kind"), wireName(e.kind)},
        {QStringLiteral("actor_kind"), wireName(e.actorKind)},
        {QStringLiteral("actor_id"), id(e.actorId)},
        {QStringLiteral("at"), time(e.at)},
        {QStringLiteral("old"), e.oldValue.isEmpty() ? QJsonValue() : QJsonValue(e.oldValue)},
        {QStringLiteral("new"), e.newValue.isEmpty() ? QJsonValue() : QJsonValue(e.newValue)},
    };
}

QJsonObject toJson(const Agent &a)
{
    return QJsonObject{
        {QStringLiteral("id"), a.id},
        {QStringLiteral("uuid"), a.uuid},
        {QStringLiteral("name"), a.name},
        {QStringLiteral("email"), a.email},
        {QStringLiteral("role"), wireName(a.role)},
        {QStringLiteral("skills"), QJsonArray::fromStringList(a.skills)},
        {QStringLiteral("languages"), QJsonArray::fromStringList(a.languages)},
        {QStringLiteral("capacity"), a.capacity},
        {QStringLiteral("active"), a.active},
    };
}

QJsonObject toJson(const Customer &c)
{
    QJsonArray ids;
    for (const CustomerIdentity &i : c.identities)
        ids.append(QJsonObject{{QStringLiteral("channel"), wireName(i.channel)},
                               {QStringLiteral("handle"), i.handle}});
    return QJsonObject{
        {QStringLiteral("id"), c.id},
        {QStringLiteral("uuid"), c.uuid},
        {QStringLiteral("name"), c.name},
        {QStringLiteral("email"), c.email.isEmpty() ? QJsonValue() : QJsonValue(c.email)},
        {QStringLiteral("identities"), ids},
    };
}

} // namespace hd::json
