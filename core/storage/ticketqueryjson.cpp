// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/json.h"
#include "core/storage/ticketquery.h"

#include <QJsonArray>

namespace hd {

// --- saved-view (de)serialization -------------------------------------------------------------

std::optional<SortColumn> TicketSort::parseColumn(QStringView name)
{
    static const char *names[]
        = {"number",   "subject", "requester", "status",  "priority", "category",
           "assignee", "channel", "direction", "created", "updated",  "sla_due"};
    for (int i = 0; i < int(std::size(names)); ++i)
        if (name.compare(QLatin1String(names[i]), Qt::CaseInsensitive) == 0)
            return static_cast<SortColumn>(i);
    return std::nullopt;
}

QString TicketSort::columnName(SortColumn c)
{
    static const char *names[]
        = {"number",   "subject", "requester", "status",  "priority", "category",
           "assignee", "channel", "direction", "created", "updated",  "sla_due"};
    return QString::fromLatin1(names[int(c)]);
}

QJsonObject TicketFilter::toJson() const
{
    QJsonObject o;
    auto list = [](const auto &values, auto name) {
        QJsonArray a;
        for (const auto &v : values)
            a.append(name(v));
        return a;
    };
    if (!statuses.isEmpty())
        o[QStringLiteral("statuses")] = list(statuses, [](TicketStatus s) { return wireName(s); });
    if (archived)
        o[QStringLiteral("archived")] = *archived;
    if (!priorities.isEmpty())
        o[QStringLiteral("priorities")] = list(priorities, [](Priority p) { return wireName(p); });
    if (!categoryIds.isEmpty())
        o[QStringLiteral("categories")]
            = list(categoryIds, [](RowId id) { return QJsonValue(id); });
    if (assigneeId)
        o[QStringLiteral("assignee")] = *assigneeId;
    if (!teamIds.isEmpty())
        o[QStringLiteral("teams")] = list(teamIds, [](RowId id) { return QJsonValue(id); });
    if (!channels.isEmpty())
        o[QStringLiteral("channels")] = list(channels, [](Channel c) { return wireName(c); });
    if (direction)
        o[QStringLiteral("direction")] = wireName(*direction);
    if (!tags.isEmpty())
        o[QStringLiteral("tags")] = QJsonArray::fromStringList(tags);
    if (requesterId)
        o[QStringLiteral("requester")] = requesterId;
    if (!ids.isEmpty())
        o[QStringLiteral("ids")] = list(ids, [](RowId id) { return QJsonValue(id); });
    auto date = [&](const char *k, const QDateTime &t) {
        if (t.isValid())
            o[QLatin1String(k)] = t.toUTC().toString(Qt::ISODate);
    };
    date("created_from", createdFrom);
    date("created_to", createdTo);
    date("updated_from", updatedFrom);
    date("updated_to", updatedTo);
    if (!text.isEmpty())
        o[QStringLiteral("text")] = text;
    return o;
}

Result<TicketFilter> TicketFilter::fromJson(const QJsonObject &o)
{
    TicketFilter f;
    auto bad = [](const QString &what) {
        return Error{ErrorCode::InvalidArgument, what};
    };
    for (const QJsonValue v : o.value(QStringLiteral("statuses")).toArray()) {
        const auto s = parseStatus(v.toString());
        if (!s)
            return bad(TicketQuery::tr("Unknown status '%1'; use one of: %2.")
                           .arg(v.toString(), statusNames()));
        f.statuses << *s;
    }
    if (o.contains(QStringLiteral("archived")))
        f.archived = o.value(QStringLiteral("archived")).toBool();
    for (const QJsonValue v : o.value(QStringLiteral("priorities")).toArray()) {
        const auto p = parsePriority(v.toString());
        if (!p)
            return bad(TicketQuery::tr("Unknown priority '%1'; use one of: %2.")
                           .arg(v.toString(), priorityNames()));
        f.priorities << *p;
    }
    for (const QJsonValue v : o.value(QStringLiteral("categories")).toArray())
        f.categoryIds << v.toInteger();
    if (o.contains(QStringLiteral("assignee")))
        f.assigneeId = o.value(QStringLiteral("assignee")).toInteger();
    for (const QJsonValue v : o.value(QStringLiteral("teams")).toArray())
        f.teamIds << v.toInteger();
    for (const QJsonValue v : o.value(QStringLiteral("channels")).toArray()) {
        const auto c = parseChannel(v.toString());
        if (!c)
            return bad(TicketQuery::tr("Unknown channel '%1'; use one of: %2.")
                           .arg(v.toString(), channelNames()));
        f.channels << *c;
    }
    if (o.contains(QStringLiteral("direction"))) {
        const auto d = parseDirection(o.value(QStringLiteral("direction")).toString());
        if (!d)
            return bad(TicketQuery::tr("Direction must be inbound or outbound."));
        f.direction = *d;
    }
    for (const QJsonValue v : o.value(QStringLiteral("tags")).toArray())
        f.tags << v.toString();
    f.requesterId = o.value(QStringLiteral("requester")).toInteger();
    for (const QJsonValue v : o.value(QStringLiteral("ids")).toArray())
        f.ids << v.toInteger();
    auto date = [&](const char *k, QDateTime &out) -> bool {
        const QString s = o.value(QLatin1String(k)).toString();
        if (s.isEmpty())
            return true;
        out = QDateTime::fromString(s, Qt::ISODate);
        return out.isValid();
    };
    for (auto [k, target] :
         {std::pair{"created_from", &f.createdFrom}, std::pair{"created_to", &f.createdTo},
          std::pair{"updated_from", &f.updatedFrom}, std::pair{"updated_to", &f.updatedTo}})
        if (!date(k, *target))
            return bad(TicketQuery::tr("'%1' is not a date (expected e.g. 2025-03-01T00:00:00Z).")
                           .arg(o.value(QLatin1String(k)).toString()));
    f.text = o.value(QStringLiteral("text")).toString();
    return f;
}

QJsonObject toJson(const TicketListRow &r)
{
    return QJsonObject{
        {QStringLiteral("number"), r.number},
        {QStringLiteral("subject"), r.subject},
        {QStringLiteral("requester"), r.requesterName},
        {QStringLiteral("status"), wireName(r.status)},
        {QStringLiteral("priority"), wireName(r.priority)},
        {QStringLiteral("category"), r.categoryName},
        {QStringLiteral("assignee"), r.assigneeName},
        {QStringLiteral("channel"), wireName(r.channel)},
        {QStringLiteral("direction"), wireName(r.direction)},
        {QStringLiteral("created_at"), json::time(r.createdAt)},
        {QStringLiteral("updated_at"), json::time(r.updatedAt)},
        {QStringLiteral("sla_due"), json::time(r.slaDue)},
    };
}

} // namespace hd
