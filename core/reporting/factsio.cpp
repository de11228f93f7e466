// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/factsio.h"

#include "core/storage/database.h"
#include "core/workflow/slaservice.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace hd::reporting {

namespace {
QVariant optional(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant();
}
QVariant optional(const std::optional<bool> &v)
{
    return v ? QVariant(*v ? 1 : 0) : QVariant();
}
std::optional<qint64> optionalInt(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}
std::optional<bool> optionalBool(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<bool>(v.toLongLong() != 0);
}
} // namespace

Result<SlaPolicy> PolicyCache::policy(RowId policyId)
{
    if (auto it = m_cache.constFind(policyId); it != m_cache.constEnd())
        return *it;
    auto stored = SlaService::storedPolicy(m_db, policyId);
    if (!stored)
        return stored.error();
    SlaPolicy p;
    if (*stored) {
        p = **stored;
    } else if (policyId) {
        auto fallback = policy(0);
        if (!fallback)
            return fallback;
        p = *fallback;
    } else {
        p = SlaService::builtInDefault();
    }
    m_cache.insert(policyId, p);
    return p;
}

Result<QString> PolicyCache::fingerprint(Database &db)
{
    // The content of the policies, not their rows: SlaService stores the built-in default on
    // first use, which changes nothing for the figures.
    auto q = db.exec(
        QStringLiteral("SELECT id, is_default, definition FROM sla_policies ORDER BY id"));
    if (!q)
        return q.error();
    QByteArray defaultDefinition;
    QByteArray others;
    while (q->next()) {
        const QByteArray definition = q->value(2).toString().toUtf8();
        if (q->value(1).toBool())
            defaultDefinition = definition;
        else
            others += q->value(0).toString().toUtf8() + '|' + definition + '\n';
    }
    if (defaultDefinition.isEmpty())
        defaultDefinition
            = QJsonDocument(SlaService::builtInDefault().toJson()).toJson(QJsonDocument::Compact);
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(defaultDefinition);
    h.addData(QByteArrayView("\n"));
    h.addData(others);
    return QString::fromLatin1(h.result().toHex());
}

QString idsJson(const QList<RowId> &ids)
{
    QString s;
    s.reserve(ids.size() * 8 + 2);
    s += QLatin1Char('[');
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            s += QLatin1Char(',');
        s += QString::number(ids[i]);
    }
    s += QLatin1Char(']');
    return s;
}

QString daysText(const QList<qint64> &days)
{
    return idsJson(days);
}

QString tagsText(const QStringList &tags)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

QStringList tagsFromText(const QString &text)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        out << v.toString();
    return out;
}

QList<qint64> daysFromText(const QString &text)
{
    QList<qint64> out;
    const QStringView v = QStringView(text).mid(1).chopped(text.size() >= 2 ? 1 : 0);
    if (text.size() <= 2)
        return out;
    for (QStringView part : v.split(QLatin1Char(',')))
        out << part.toLongLong();
    return out;
}

Result<QList<LoadedInput>> loadInputs(Database &db, const QList<RowId> &ticketIds)
{
    QList<LoadedInput> out;
    if (ticketIds.isEmpty())
        return out;
    const QString ids = idsJson(ticketIds);
    auto q = db.exec(
        QStringLiteral("SELECT id, created_at, first_response_at, channel, direction, priority, "
                       "coalesce(category_id, 0), coalesce(team_id, 0), coalesce(assignee_id, 0), "
                       "status, merged_into IS NOT NULL, coalesce(csat, 0), "
                       "coalesce(sla_policy_id, 0) FROM tickets "
                       "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id"),
        {ids});
    if (!q)
        return q.error();
    QHash<RowId, qsizetype> index;
    while (q->next()) {
        LoadedInput l;
        FactsInput &in = l.input;
        in.ticketId = q->value(0).toLongLong();
        in.createdAt = q->value(1).toLongLong();
        in.firstResponseAt = optionalInt(q->value(2));
        in.channel = parseChannel(q->value(3).toString()).value_or(Channel::Web);
        in.direction = parseDirection(q->value(4).toString()).value_or(Direction::Inbound);
        in.priority = static_cast<Priority>(qBound(0, q->value(5).toInt(), 3));
        in.categoryId = q->value(6).toLongLong();
        in.teamId = q->value(7).toLongLong();
        in.assigneeId = q->value(8).toLongLong();
        in.status = parseStatus(q->value(9).toString()).value_or(TicketStatus::New);
        in.merged = q->value(10).toBool();
        in.csat = q->value(11).toInt();
        l.policyId = q->value(12).toLongLong();
        index.insert(in.ticketId, out.size());
        out << l;
    }
    q->finish();
    auto tags = db.exec(QStringLiteral("SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN "
                                       "(SELECT value FROM json_each(?)) ORDER BY ticket_id, tag"),
                        {ids});
    if (!tags)
        return tags.error();
    while (tags->next())
        if (const qsizetype i = index.value(tags->value(0).toLongLong(), -1); i >= 0)
            out[i].input.tags << tags->value(1).toString();
    tags->finish();
    auto ev = db.exec(
        QStringLiteral("SELECT ticket_id, at, coalesce(old_value, ''), coalesce(new_value, '') "
                       "FROM events WHERE ticket_id IN (SELECT value FROM json_each(?)) "
                       "AND +kind = 'status' ORDER BY ticket_id, at, id"),
        {ids});
    if (!ev)
        return ev.error();
    while (ev->next())
        if (const qsizetype i = index.value(ev->value(0).toLongLong(), -1); i >= 0)
            out[i].input.statusChanges << FactsInput::StatusChange{
                ev->value(1).toLongLong(), ev->value(2).toString(), ev->value(3).toString()};
    ev->finish();
    return out;
}

static const char *kFactColumns
    = "ticket_id, created_at, created_day, channel, direction, category_id, priority, team_id, "
      "assignee_id, status, merged, fr_day, frt_secs, frt_bsecs, frt_sla_met, resolved_at, "
      "resolved_day, res_secs, res_bsecs, res_sla_met, solve_days, reopen_days, reopens, csat, "
      "tags";

Result<QHash<RowId, TicketFacts>> loadFacts(Database &db, const QList<RowId> &ticketIds)
{
    QHash<RowId, TicketFacts> out;
    if (ticketIds.isEmpty())
        return out;
    auto q = db.exec(QStringLiteral("SELECT %1 FROM ticket_facts WHERE ticket_id IN "
                                    "(SELECT value FROM json_each(?))")
                         .arg(QLatin1String(kFactColumns)),
                     {idsJson(ticketIds)});
    if (!q)
        return q.error();
    while (q->next()) {
        TicketFacts f;
        f.ticketId = q->value(0).toLongLong();
        f.createdAt = q->value(1).toLongLong();
        f.createdDay = q->value(2).toLongLong();
        f.channel = q->value(3).toString();
        f.direction = q->value(4).toString();
        f.categoryId = q->value(5).toLongLong();
        f.priority = q->value(6).toInt();
        f.teamId = q->value(7).toLongLong();
        f.assigneeId = q->value(8).toLongLong();
        f.status = q->value(9).toString();
        f.merged = q->value(10).toBool();
        f.frDay = optionalInt(q->value(11));
        f.frtSecs = optionalInt(q->value(12));
        f.frtBsecs = optionalInt(q->value(13));
        f.frtSlaMet = optionalBool(q->value(14));
        f.resolvedAt = optionalInt(q->value(15));
        f.resolvedDay = optionalInt(q->value(16));
        f.resSecs = optionalInt(q->value(17));
        f.resBsecs = optionalInt(q->value(18));
        f.resSlaMet = optionalBool(q->value(19));
        f.solveDays = daysFromText(q->value(20).toString());
        f.reopenDays = daysFromText(q->value(21).toString());
        f.csat = q->value(23).toInt();
        f.tags = tagsFromText(q->value(24).toString());
        out.insert(f.ticketId, f);
    }
    return out;
}

Result<void> deleteFacts(Database &db, const QList<RowId> &ticketIds)
{
    if (ticketIds.isEmpty())
        return {};
    auto q = db.exec(QStringLiteral("DELETE FROM ticket_facts WHERE ticket_id IN "
                                    "(SELECT value FROM json_each(?))"),
                     {idsJson(ticketIds)});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<void> insertFacts(Database &db, const QList<TicketFacts> &facts)
{
    const QString sql = QStringLiteral("INSERT INTO ticket_facts(%1) VALUES "
                                       "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                            .arg(QLatin1String(kFactColumns));
    for (const TicketFacts &f : facts) {
        auto q = db.exec(sql,
                         {f.ticketId,
                          f.createdAt,
                          f.createdDay,
                          f.channel,
                          f.direction,
                          f.categoryId,
                          f.priority,
                          f.teamId,
                          f.assigneeId,
                          f.status,
                          f.merged ? 1 : 0,
                          optional(f.frDay),
                          optional(f.frtSecs),
                          optional(f.frtBsecs),
                          optional(f.frtSlaMet),
                          optional(f.resolvedAt),
                          optional(f.resolvedDay),
                          optional(f.resSecs),
                          optional(f.resBsecs),
                          optional(f.resSlaMet),
                          daysText(f.solveDays),
                          daysText(f.reopenDays),
                          f.reopens(),
                          f.csat,
                          tagsText(f.tags)});
        if (!q)
            return q.error();
    }
    return {};
}

} // namespace hd::reporting
