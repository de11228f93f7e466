// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/macros.h"

#include "core/base/clock.h"
#include "core/domain/workflow.h"
#include "core/storage/database.h"
#include "core/storage/ticketstore.h"

#include <QRegularExpression>
#include <QUuid>

namespace hd {

namespace {
const QString kSelect = QStringLiteral(
    "SELECT id, uuid, coalesce(owner_agent_id, 0), title, body, visibility, set_status, "
    "set_priority, add_tags, created_at, updated_at FROM macros ");

Macro macroFrom(const Rows &q)
{
    Macro m;
    m.id = q.value(0).toLongLong();
    m.uuid = q.value(1).toString();
    m.ownerAgentId = q.value(2).toLongLong();
    m.title = q.value(3).toString();
    m.body = q.value(4).toString();
    m.visibility = parseVisibility(q.value(5).toString()).value_or(Visibility::Public);
    if (!q.value(6).isNull())
        m.actions.status = parseStatus(q.value(6).toString());
    if (!q.value(7).isNull()) {
        const int p = q.value(7).toInt();
        if (p >= 0 && p < int(kAllPriorities.size()))
            m.actions.priority = Priority(p);
    }
    m.actions.addTags = q.value(8).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    m.createdAt = Database::fromDb(q.value(9));
    m.updatedAt = Database::fromDb(q.value(10));
    return m;
}

QVariantList actionArgs(const Macro &m)
{
    QStringList tags = m.actions.addTags;
    for (QString &t : tags)
        t = t.trimmed().toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
    tags.removeAll(QString());
    tags.removeDuplicates();
    return {m.actions.status ? QVariant(wireName(*m.actions.status)) : QVariant(),
            m.actions.priority ? QVariant(int(*m.actions.priority)) : QVariant(),
            tags.join(QLatin1Char(','))};
}

/// The value of a known placeholder; nullopt for unknown names, an empty string for missing.
std::optional<QString> placeholderValue(const QString &name, const Ticket &t, const Agent &a,
                                        const Customer &c)
{
    if (name == QLatin1String("requester.name"))
        return c.name.isEmpty() ? t.requesterName : c.name;
    if (name == QLatin1String("requester.email"))
        return c.email;
    if (name == QLatin1String("requester.phone"))
        return c.phone;
    if (name == QLatin1String("ticket.number"))
        return t.number > 0 ? QString::number(t.number) : QString();
    if (name == QLatin1String("ticket.subject"))
        return t.subject;
    if (name == QLatin1String("ticket.status"))
        return t.id ? displayName(t.status) : QString();
    if (name == QLatin1String("ticket.priority"))
        return t.id ? displayName(t.priority) : QString();
    if (name == QLatin1String("ticket.category"))
        return t.categoryName;
    if (name == QLatin1String("agent.name"))
        return a.name;
    if (name == QLatin1String("agent.email"))
        return a.email;
    return std::nullopt;
}
} // namespace

Macros::Macros(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{ }

QStringList Macros::placeholderNames()
{
    return {QStringLiteral("requester.name"),  QStringLiteral("requester.email"),
            QStringLiteral("requester.phone"), QStringLiteral("ticket.number"),
            QStringLiteral("ticket.subject"),  QStringLiteral("ticket.status"),
            QStringLiteral("ticket.priority"), QStringLiteral("ticket.category"),
            QStringLiteral("agent.name"),      QStringLiteral("agent.email")};
}

MacroExpansion Macros::expand(const Macro &macro, const Ticket &ticket, const Agent &agent,
                              const Customer &customer)
{
    return expandText(macro.body, ticket, agent, customer);
}

MacroExpansion Macros::expandText(const QString &text, const Ticket &ticket, const Agent &agent,
                                  const Customer &customer)
{
    static const QRegularExpression re(
        QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(?:\\|([^{}]*))?\\}\\}"));
    MacroExpansion out;
    out.text.reserve(text.size());
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out.text += QStringView(text).mid(last, m.capturedStart() - last);
        last = m.capturedEnd();
        const QString name = m.captured(1).toLower();
        const auto value = placeholderValue(name, ticket, agent, customer);
        if (!value) {
            if (!out.unknown.contains(name))
                out.unknown << name;
            out.text += m.captured(0);
        } else if (!value->trimmed().isEmpty()) {
            out.text += *value;
        } else if (m.capturedStart(2) >= 0) {
            out.text += m.captured(2).trimmed();
        } else {
            if (!out.missing.contains(name))
                out.missing << name;
            out.text += m.captured(0);
        }
    }
    out.text += QStringView(text).mid(last);
    return out;
}

Result<void> Macros::validate(const Macro &m) const
{
    const QString title = m.title.simplified();
    if (title.isEmpty() || title.size() > kMaxTitleChars)
        return Error{ErrorCode::InvalidArgument,
                     tr("A macro title must have 1 to %1 characters.").arg(kMaxTitleChars)};
    if (m.body.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("A macro needs a text.")};
    if (m.body.size() > kMaxBodyChars)
        return Error{ErrorCode::TooLarge,
                     tr("The macro text is %1 characters long; the limit is %2.")
                         .arg(m.body.size())
                         .arg(kMaxBodyChars)};
    return {};
}

Result<Macro> Macros::create(Macro m)
{
    if (auto v = validate(m); !v)
        return v.error();
    m.title = m.title.simplified();
    m.uuid = m.uuid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : m.uuid;
    m.createdAt = m.updatedAt = m_clock.now();
    QVariantList args{m.uuid, Database::idOrNull(m.ownerAgentId), m.title, m.body,
                      wireName(m.visibility)};
    args << actionArgs(m) << Database::toDb(m.createdAt) << Database::toDb(m.updatedAt);
    auto q = m_db.exec(
        QStringLiteral("INSERT INTO macros(uuid, owner_agent_id, title, body, visibility, "
                       "set_status, set_priority, add_tags, created_at, updated_at) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?)"),
        args);
    if (!q) {
        if (Database::isForeignKeyError(q.error()))
            return Error{ErrorCode::NotFound, tr("No agent with id %1.").arg(m.ownerAgentId)};
        return q.error();
    }
    return macro(q->lastInsertId().toLongLong());
}

Result<Macro> Macros::update(const Macro &m)
{
    if (auto v = validate(m); !v)
        return v.error();
    QVariantList args{Database::idOrNull(m.ownerAgentId), m.title.simplified(), m.body,
                      wireName(m.visibility)};
    args << actionArgs(m) << Database::toDb(m_clock.now()) << m.id;
    auto q = m_db.exec(QStringLiteral("UPDATE macros SET owner_agent_id = ?, title = ?, body = ?, "
                                      "visibility = ?, set_status = ?, set_priority = ?, "
                                      "add_tags = ?, updated_at = ? WHERE id = ?"),
                       args);
    if (!q) {
        if (Database::isForeignKeyError(q.error()))
            return Error{ErrorCode::NotFound, tr("No agent with id %1.").arg(m.ownerAgentId)};
        return q.error();
    }
    if (q->numRowsAffected() == 0)
        return Error{ErrorCode::NotFound, tr("No macro with id %1.").arg(m.id)};
    return macro(m.id);
}

Result<void> Macros::remove(RowId macroId)
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM macros WHERE id = ?"), {macroId});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error{ErrorCode::NotFound, tr("No macro with id %1.").arg(macroId)};
    return {};
}

Result<Macro> Macros::macro(RowId macroId)
{
    auto q = m_db.exec(kSelect + QStringLiteral("WHERE id = ?"), {macroId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCode::NotFound, tr("No macro with id %1.").arg(macroId)};
    Macro m = macroFrom(*q);
    q->finish();
    return m;
}

Result<QList<Macro>> Macros::list(RowId agentId)
{
    auto q = m_db.exec(kSelect
                           + QStringLiteral("WHERE owner_agent_id IS NULL OR owner_agent_id = ? "
                                            "ORDER BY title COLLATE NOCASE, id"),
                       {agentId});
    if (!q)
        return q.error();
    QList<Macro> out;
    while (q->next())
        out << macroFrom(*q);
    q->finish();
    return out;
}

Result<void> Macros::applyActions(TicketStore &store, RowId ticketId, const MacroActions &actions,
                                  const Actor &actor)
{
    if (actions.isEmpty())
        return {};
    auto t = store.ticket(ticketId);
    if (!t)
        return t.error();
    if (!actions.addTags.isEmpty()) {
        QStringList tags = t->tags;
        tags << actions.addTags;
        if (auto r = store.setTags(ticketId, tags, actor); !r)
            return r;
    }
    if (actions.priority)
        if (auto r = store.setPriority(ticketId, *actions.priority, actor); !r)
            return r;
    if (actions.status && *actions.status != t->status)
        if (auto r = store.transition(ticketId, *actions.status, actor); !r)
            return r;
    return {};
}

} // namespace hd
