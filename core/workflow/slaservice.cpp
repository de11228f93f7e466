// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/workflow/slaservice.h"

#include "core/base/clock.h"
#include "core/storage/database.h"

#include <QJsonDocument>
#include <QTimeZone>

namespace hd {

SlaService::SlaService(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{ }

SlaPolicy SlaService::builtInDefault()
{
    SlaPolicy p(QStringLiteral("default"), QStringLiteral("Standard"),
                BusinessCalendar::standard(QTimeZone::systemTimeZone()));
    constexpr qint64 h = 3600;
    p.setTargets(SlaPriority::Urgent, {1 * h, 4 * h});
    p.setTargets(SlaPriority::High, {4 * h, 8 * h});
    p.setTargets(SlaPriority::Normal, {8 * h, 24 * h});
    p.setTargets(SlaPriority::Low, {24 * h, 40 * h});
    return p;
}

Result<SlaPolicy> SlaService::defaultPolicy()
{
    return policy(0);
}

Result<void> SlaService::setDefaultPolicy(const SlaPolicy &p)
{
    const QString json
        = QString::fromUtf8(QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact));
    auto r = m_db.transaction([&]() -> Result<void> {
        auto clear = m_db.exec(QStringLiteral("UPDATE sla_policies SET is_default = 0"));
        if (!clear)
            return clear.error();
        auto q = m_db.exec(
            QStringLiteral("INSERT INTO sla_policies(name, definition, is_default) VALUES "
                           "(?, ?, 1) ON CONFLICT(name) DO UPDATE SET definition = "
                           "excluded.definition, is_default = 1"),
            {p.name(), json});
        return q ? Result<void>() : Result<void>(q.error());
    });
    if (r)
        m_policies.insert(0, p);
    return r;
}

Result<std::optional<SlaPolicy>> SlaService::storedPolicy(Database &db, RowId policyId)
{
    auto def = policyId
        ? db.scalar(QStringLiteral("SELECT definition FROM sla_policies WHERE id = ?"), {policyId})
        : db.scalar(QStringLiteral("SELECT definition FROM sla_policies WHERE is_default = 1"));
    if (!def)
        return def.error();
    if (def->isNull())
        return std::optional<SlaPolicy>();
    auto parsed = SlaPolicy::fromJson(QJsonDocument::fromJson(def->toString().toUtf8()).object());
    if (!parsed)
        return parsed.error();
    return std::optional<SlaPolicy>(*parsed);
}

Result<SlaPolicy> SlaService::policy(RowId policyId)
{
    if (auto it = m_policies.constFind(policyId); it != m_policies.constEnd())
        return *it;
    auto stored = storedPolicy(m_db, policyId);
    if (!stored)
        return stored.error();
    if (!*stored) {
        if (policyId)
            return policy(0);
        const SlaPolicy p = builtInDefault();
        if (auto s = setDefaultPolicy(p); !s)
            return s.error();
        return p;
    }
    m_policies.insert(policyId, **stored);
    return **stored;
}

Result<SlaService::Input> SlaService::load(RowId ticketId)
{
    auto q = m_db.exec(QStringLiteral("SELECT priority, coalesce(sla_policy_id, 0), created_at, "
                                      "first_response_at, solved_at FROM tickets WHERE id = ?"),
                       {ticketId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCode::NotFound, QStringLiteral("ticket %1").arg(ticketId)};
    Input in;
    in.priority = static_cast<Priority>(qBound(0, q->value(0).toInt(), 3));
    in.policyId = q->value(1).toLongLong();
    in.timeline.createdAt = Database::fromDb(q->value(2));
    in.timeline.firstResponseAt = Database::fromDb(q->value(3));
    in.timeline.solvedAt = Database::fromDb(q->value(4));
    q->finish();

    auto ev = m_db.exec(
        QStringLiteral("SELECT at, old_value, new_value FROM events WHERE ticket_id = ? "
                       "AND kind = 'status' AND (old_value = 'pending' OR new_value = "
                       "'pending') ORDER BY at, id"),
        {ticketId});
    if (!ev)
        return ev.error();
    QDateTime pauseStart;
    while (ev->next()) {
        const QDateTime at = Database::fromDb(ev->value(0));
        if (ev->value(2).toString() == QLatin1String("pending")) {
            if (!pauseStart.isValid())
                pauseStart = at;
        } else if (pauseStart.isValid()) {
            in.timeline.pauses << SlaPause{pauseStart, at};
            pauseStart = QDateTime();
        }
    }
    if (pauseStart.isValid())
        in.timeline.pauses << SlaPause{pauseStart, QDateTime()};
    return in;
}

Result<SlaState> SlaService::state(RowId ticketId)
{
    auto in = load(ticketId);
    if (!in)
        return in.error();
    auto p = policy(in->policyId);
    if (!p)
        return p.error();
    return computeSla(*p, toSla(in->priority), in->timeline, m_clock.now());
}

Result<void> SlaService::refresh(RowId ticketId)
{
    auto in = load(ticketId);
    if (!in)
        return in.error();
    auto p = policy(in->policyId);
    if (!p)
        return p.error();
    const SlaState s = computeSla(*p, toSla(in->priority), in->timeline, m_clock.now());
    auto openDue = [](const SlaClock &c) {
        return (c.status == SlaClockStatus::Running || c.status == SlaClockStatus::Breached)
                && !c.stoppedAt.isValid()
            ? c.dueAt
            : QDateTime();
    };
    const QDateTime fr = openDue(s.firstResponse);
    const QDateTime res = openDue(s.resolution);
    QDateTime earliest = fr;
    if (res.isValid() && (!earliest.isValid() || res < earliest))
        earliest = res;
    QDateTime pausedSince;
    if (s.resolution.status == SlaClockStatus::Paused && !in->timeline.pauses.isEmpty())
        pausedSince = in->timeline.pauses.last().from;
    auto q
        = m_db.exec(QStringLiteral("UPDATE tickets SET first_response_due = ?, resolution_due = ?, "
                                   "sla_paused_since = ?, sla_due = ? WHERE id = ?"),
                    {Database::toDb(fr), Database::toDb(res), Database::toDb(pausedSince),
                     earliest.isValid() ? QVariant(earliest.toMSecsSinceEpoch())
                                        : QVariant(std::numeric_limits<qint64>::max()),
                     ticketId});
    return q ? Result<void>() : Result<void>(q.error());
}

} // namespace hd
