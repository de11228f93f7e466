// SPDX-License-Identifier: GPL-3.0-or-later
// PushOps: ticket fields (with the `overwrote` notice of docs/sync.md's conflict policy), tags,
// rating, merge, split and archive.
#include "core/base/clock.h"
#include "core/domain/json.h"
#include "core/storage/database.h"
#include "core/storage/ticketstore.h"
#include "server/pushops.h"
#include "server/pushopsutil.h"

#include <QJsonArray>

#include <cmath>

namespace hd::server {

using namespace pushutil;

namespace {

QString normalizedTag(const QString &t)
{
    // The rule TicketStore applies to stored tags.
    return t.trimmed().toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
}

} // namespace

Result<QJsonObject> PushOps::overwrote(const Ticket &t, const QJsonObject &base,
                                       const QString &field, EventKind eventKind,
                                       const QJsonValue &current, const QJsonValue &next)
{
    if (!base.contains(field))
        return QJsonObject();
    QJsonValue seen = base.value(field);
    if (field.endsWith(QLatin1String("_uuid")) && seen.isString())
        seen = seen.toString().toLower();
    if (seen == current || next == current)
        return QJsonObject();
    // Who made the value the agent did not see: the last change of that field, if any.
    auto last = m_db.exec(
        QStringLiteral(
            "SELECT e.at, a.uuid FROM events e LEFT JOIN agents a "
            "ON e.actor_kind = 'agent' AND a.id = e.actor_id "
            "WHERE e.ticket_id = ? AND e.kind = ? ORDER BY e.at DESC, e.id DESC LIMIT 1"),
        {t.id, wireName(eventKind)});
    if (!last)
        return last.error();
    QJsonValue by, at;
    if (last->next()) {
        at = json::time(Database::fromDb(last->value(0)));
        by = last->value(1).isNull() ? QJsonValue() : QJsonValue(last->value(1).toString());
        last->finish();
    }
    return QJsonObject{{QStringLiteral("field"), field},
                       {QStringLiteral("value"), current},
                       {QStringLiteral("by"), by},
                       {QStringLiteral("at"), at}};
}

Result<Rejection> PushOps::withNotice(const Result<void> &r, const QJsonObject &notice,
                                      const QString &field, PushEffect *effect)
{
    auto out = outcome(r, QStringLiteral("transition_not_allowed"), field);
    if (out && out->code.isEmpty() && !notice.isEmpty())
        effect->notices.insert(QStringLiteral("overwrote"), notice);
    return out;
}

Result<Rejection> PushOps::setStatus(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                     const QJsonObject &base, PushEffect *effect)
{
    std::optional<Rejection> bad;
    const auto status = text(p, QStringLiteral("status"), 40, bad);
    if (bad)
        return *bad;
    if (!status)
        return missing(QStringLiteral("status"));
    const auto to = parseStatus(*status);
    if (!to)
        return badValue(QStringLiteral("status"), *status, statusNames());
    if (*to == t.status)
        return Rejection{}; // docs/sync.md: the status it already has is a no-op
    auto notice = overwrote(t, base, QStringLiteral("status"), EventKind::Status,
                            wireName(t.status), wireName(*to));
    if (!notice)
        return notice.error();
    return withNotice(m_store.transition(t.id, *to, Actor::agent(agent.id)), *notice,
                      QStringLiteral("status"), effect);
}

Result<Rejection> PushOps::assign(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                  const QJsonObject &base, PushEffect *effect)
{
    const QString key = QStringLiteral("assignee_uuid");
    std::optional<Rejection> bad;
    const auto uuid = uuidField(p, key, Presence::Nullable, bad);
    if (p.value(key).isUndefined())
        return missing(key);
    if (bad)
        return invalid(tr("payload.assignee_uuid must be an agent's UUID or null."));
    RowId assignee = 0;
    if (!uuid->isEmpty()) {
        auto row
            = m_db.exec(QStringLiteral("SELECT id, active FROM agents WHERE uuid = ?"), {*uuid});
        if (!row)
            return row.error();
        if (!row->next())
            return Rejection{QStringLiteral("not_found"), tr("No agent with UUID %1.").arg(*uuid)};
        assignee = row->value(0).toLongLong();
        const bool active = row->value(1).toBool();
        row->finish();
        if (!active)
            return invalid(tr("payload.assignee_uuid names a deactivated agent."));
    }
    auto current = TicketStore::uuidOf(m_db, "agents", t.assigneeId);
    if (!current)
        return current.error();
    auto notice = overwrote(t, base, key, EventKind::Assignee, *current,
                            uuid->isEmpty() ? QJsonValue() : QJsonValue(*uuid));
    if (!notice)
        return notice.error();
    return withNotice(m_store.assign(t.id, assignee, Actor::agent(agent.id)), *notice, key, effect);
}

Result<Rejection> PushOps::setPriority(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                       const QJsonObject &base, PushEffect *effect)
{
    std::optional<Rejection> bad;
    const auto priority = text(p, QStringLiteral("priority"), 40, bad);
    if (bad)
        return *bad;
    if (!priority)
        return missing(QStringLiteral("priority"));
    const auto pr = parsePriority(*priority);
    if (!pr)
        return badValue(QStringLiteral("priority"), *priority,
                        QStringLiteral("low, normal, high, urgent"));
    auto notice = overwrote(t, base, QStringLiteral("priority"), EventKind::Priority,
                            wireName(t.priority), wireName(*pr));
    if (!notice)
        return notice.error();
    return withNotice(m_store.setPriority(t.id, *pr, Actor::agent(agent.id)), *notice,
                      QStringLiteral("priority"), effect);
}

Result<Rejection> PushOps::setCategory(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                       const QJsonObject &base, PushEffect *effect)
{
    const QString key = QStringLiteral("category");
    const QJsonValue v = p.value(key);
    if (v.isUndefined())
        return missing(key);
    const QString name = v.toString().trimmed();
    if (!v.isNull() && (!v.isString() || name.isEmpty() || name.size() > kMaxNameChars))
        return invalid(tr("payload.category must be a category's name or null."));
    RowId category = 0;
    if (!v.isNull()) {
        auto id = m_db.scalar(QStringLiteral("SELECT id FROM categories WHERE name = ?"), {name});
        if (!id)
            return id.error();
        if (id->isNull())
            return Rejection{QStringLiteral("not_found"), tr("No category named '%1'.").arg(name)};
        category = id->toLongLong();
    }
    auto notice = overwrote(t, base, key, EventKind::Category,
                            t.categoryId ? QJsonValue(t.categoryName) : QJsonValue(),
                            category ? QJsonValue(name) : QJsonValue());
    if (!notice)
        return notice.error();
    return withNotice(m_store.setCategory(t.id, category, Actor::agent(agent.id)), *notice, key,
                      effect);
}

Result<Rejection> PushOps::setTeam(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                   const QJsonObject &base, PushEffect *effect)
{
    const QString key = QStringLiteral("team_uuid");
    std::optional<Rejection> bad;
    const auto uuid = uuidField(p, key, Presence::Nullable, bad);
    if (p.value(key).isUndefined())
        return missing(key);
    if (bad)
        return *bad;
    RowId team = 0;
    if (!uuid->isEmpty()) {
        auto id = m_db.scalar(QStringLiteral("SELECT id FROM teams WHERE uuid = ?"), {*uuid});
        if (!id)
            return id.error();
        if (id->isNull())
            return Rejection{QStringLiteral("not_found"), tr("No team with UUID %1.").arg(*uuid)};
        team = id->toLongLong();
    }
    auto current = TicketStore::uuidOf(m_db, "teams", t.teamId);
    if (!current)
        return current.error();
    auto notice = overwrote(t, base, key, EventKind::Team, *current,
                            uuid->isEmpty() ? QJsonValue() : QJsonValue(*uuid));
    if (!notice)
        return notice.error();
    return withNotice(m_store.setTeam(t.id, team, Actor::agent(agent.id)), *notice, key, effect);
}

Result<Rejection> PushOps::setSubject(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                      const QJsonObject &base, PushEffect *effect)
{
    const QString key = QStringLiteral("subject");
    std::optional<Rejection> bad;
    // A guard against huge strings only: TicketStore::setSubject checks the length.
    const auto subject = text(p, key, 10 * kMaxSubjectChars, bad);
    if (bad)
        return *bad;
    if (!subject)
        return missing(key);
    auto notice = overwrote(t, base, key, EventKind::Subject, t.subject, subject->simplified());
    if (!notice)
        return notice.error();
    return withNotice(m_store.setSubject(t.id, *subject, Actor::agent(agent.id)), *notice, key,
                      effect);
}

Result<Rejection> PushOps::rate(const Agent &agent, const Ticket &t, const QJsonObject &p)
{
    const QJsonValue v = p.value(QStringLiteral("csat"));
    if (!v.isDouble() || std::trunc(v.toDouble()) != v.toDouble() || std::abs(v.toDouble()) > 1e6)
        return invalid(tr("payload.csat must be a whole number from 1 to 5."));
    return outcome(m_store.rate(t.id, v.toInt(), Actor::agent(agent.id)),
                   QStringLiteral("transition_not_allowed"), QStringLiteral("csat"));
}

Result<Rejection> PushOps::changeTags(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                      bool add)
{
    const QJsonValue v = p.value(QStringLiteral("tags"));
    if (!v.isArray() || v.toArray().isEmpty() || v.toArray().size() > kMaxTags)
        return invalid(tr("payload.tags must be a list of 1 to %1 tags.").arg(kMaxTags));
    QStringList tags = t.tags;
    for (const QJsonValue &tag : v.toArray()) {
        const QString name = normalizedTag(tag.toString());
        if (!tag.isString() || name.isEmpty() || name.size() > kMaxTagChars)
            return invalid(
                tr("payload.tags must hold tags of 1 to %1 characters.").arg(kMaxTagChars));
        if (add)
            tags << name;
        else
            tags.removeAll(name);
    }
    return outcome(m_store.setTags(t.id, tags, Actor::agent(agent.id)));
}

Result<Rejection> PushOps::merge(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                 PushEffect *effect)
{
    std::optional<Rejection> bad;
    const auto targetUuid = uuidField(p, QStringLiteral("target_uuid"), Presence::Required, bad);
    if (bad)
        return *bad;
    auto target = m_store.find(*targetUuid);
    if (!target && target.errorCode() == ErrorCode::NotFound)
        return Rejection{QStringLiteral("not_found"),
                         tr("payload.target_uuid: no ticket with UUID %1.").arg(*targetUuid)};
    if (!target)
        return target.error();
    // TicketStore::merge decides; each of its refusals (the same ticket, a ticket merged
    // already, a closed target) is merge_not_allowed.
    auto r = m_store.merge(t.id, target->id, Actor::agent(agent.id));
    if (!r && r.errorCode() == ErrorCode::InvalidArgument)
        return Rejection{QStringLiteral("merge_not_allowed"), r.errorMessage()};
    effect->ticketUuids = QStringList{t.uuid, target->uuid};
    return outcome(r, QStringLiteral("merge_not_allowed"));
}

Result<Rejection> PushOps::split(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                 PushEffect *effect)
{
    std::optional<Rejection> bad;
    const auto newUuid = uuidField(p, QStringLiteral("new_ticket_uuid"), Presence::Required, bad);
    if (bad)
        return *bad;
    const QJsonValue list = p.value(QStringLiteral("message_uuids"));
    const Rejection badList
        = invalid(tr("payload.message_uuids must be a list of 1 to %1 message UUIDs.")
                      .arg(kMaxSplitMessages));
    if (!list.isArray() || list.toArray().isEmpty() || list.toArray().size() > kMaxSplitMessages)
        return badList;
    QList<RowId> ids;
    for (const QJsonValue &v : list.toArray()) {
        if (!v.isString() || !isUuid(v.toString()))
            return badList;
        auto id = m_db.scalar(QStringLiteral("SELECT id FROM messages WHERE uuid = ?"),
                              {v.toString().toLower()});
        if (!id)
            return id.error();
        if (id->isNull())
            return Rejection{
                QStringLiteral("not_found"),
                tr("payload.message_uuids: no message with UUID %1.").arg(v.toString())};
        ids << id->toLongLong();
    }
    // TicketStore::split decides: a message that left the ticket meanwhile, a closed ticket or
    // no message left behind are split_not_allowed; a taken new uuid is the client's error.
    auto made = m_store.split(t.id, ids, Actor::agent(agent.id), *newUuid);
    if (!made) {
        const Error &e = made.error();
        if (e.code == ErrorCode::Conflict && e.message.contains(*newUuid))
            return invalid(tr("payload.new_ticket_uuid: %1").arg(e.message));
        if (e.code == ErrorCode::InvalidArgument || e.code == ErrorCode::Conflict)
            return Rejection{QStringLiteral("split_not_allowed"), e.message};
        return fromCore(e, QStringLiteral("split_not_allowed"));
    }
    effect->ticketUuids = QStringList{t.uuid, made->uuid};
    return Rejection{};
}

Result<Rejection> PushOps::archive(const Agent &agent, const Ticket &t)
{
    if (t.status != TicketStatus::Closed)
        return Rejection{
            QStringLiteral("transition_not_allowed"),
            tr("Ticket #%1 is not closed; only closed tickets are archived.").arg(t.number)};
    if (t.archived)
        return Rejection{}; // docs/sync.md: archive is idempotent
    // TicketStore has no per-ticket archive yet: the statements of archiveClosedBefore, for one.
    const QDateTime at = m_store.clock().now();
    auto e = m_db.exec(QStringLiteral("INSERT INTO events(ticket_id, kind, actor_kind, actor_id, "
                                      "at, old_value, new_value) VALUES (?, ?, ?, ?, ?, '0', '1')"),
                       {t.id, wireName(EventKind::Archived), wireName(AuthorKind::Agent), agent.id,
                        Database::toDb(at)});
    if (!e)
        return e.error();
    auto q = m_db.exec(
        QStringLiteral("UPDATE tickets SET archived = 1 WHERE id = ? AND status = 'closed' "
                       "AND archived = 0"),
        {t.id});
    if (!q)
        return q.error();
    return Rejection{};
}

} // namespace hd::server
