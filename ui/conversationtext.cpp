// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/conversationtext.h"

#include "core/storage/directory.h"

#include <QLocale>

namespace hd {

NameCache::NameCache(Directory &directory)
    : m_directory(directory)
{ }

void NameCache::clear()
{
    m_listsLoaded = false;
    m_agents.clear();
    m_customers.clear();
    m_teams.clear();
    m_categories.clear();
}

void NameCache::loadLists()
{
    if (m_listsLoaded)
        return;
    m_listsLoaded = true;
    if (auto agents = m_directory.agents())
        for (const Agent &a : *agents)
            m_agents.insert(a.id, a.name);
    if (auto teams = m_directory.teams())
        for (const Team &t : *teams)
            m_teams.insert(t.id, t.name);
    if (auto categories = m_directory.categories())
        for (const Category &c : *categories)
            m_categories.insert(c.id, c.name);
}

QString NameCache::agent(RowId id)
{
    loadLists();
    return m_agents.value(id, id ? QStringLiteral("#%1").arg(id) : QString());
}

QString NameCache::customer(RowId id)
{
    if (!id)
        return QString();
    auto it = m_customers.constFind(id);
    if (it != m_customers.constEnd())
        return *it;
    auto c = m_directory.customer(id);
    const QString name = c ? c->name : QString();
    m_customers.insert(id, name);
    return name;
}

QString NameCache::team(RowId id)
{
    loadLists();
    return m_teams.value(id);
}

QString NameCache::category(RowId id)
{
    loadLists();
    return m_categories.value(id);
}

QString NameCache::actor(AuthorKind kind, RowId id)
{
    switch (kind) {
    case AuthorKind::Agent:
        return id ? agent(id) : ConversationText::tr("An agent");
    case AuthorKind::Customer: {
        const QString n = customer(id);
        return n.isEmpty() ? ConversationText::tr("The customer") : n;
    }
    case AuthorKind::Bot:
        return ConversationText::tr("Bot");
    case AuthorKind::System:
        break;
    }
    return ConversationText::tr("System");
}

bool ConversationText::isShown(const Event &e)
{
    return e.kind != EventKind::FirstResponse;
}

QString ConversationText::when(const QDateTime &at, const QDateTime &now)
{
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    if (local.date() == now.toLocalTime().date())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

QString ConversationText::describe(const Event &e, NameCache &names)
{
    const auto status = [](const QString &wire) {
        const auto s = parseStatus(wire);
        return s ? displayName(*s) : wire;
    };
    const auto priority = [](const QString &v) {
        bool ok = false;
        const int p = v.toInt(&ok);
        return ok && p >= 0 && p < int(kAllPriorities.size()) ? displayName(Priority(p)) : v;
    };
    const RowId oldId = e.oldValue.toLongLong();
    const RowId newId = e.newValue.toLongLong();
    switch (e.kind) {
    case EventKind::Created:
        return tr("Ticket created");
    case EventKind::Status:
        return tr("Status: %1 → %2").arg(status(e.oldValue), status(e.newValue));
    case EventKind::Assignee:
        if (!newId)
            return tr("Unassigned (was %1)").arg(names.agent(oldId));
        if (!oldId)
            return tr("Assigned to %1").arg(names.agent(newId));
        return tr("Reassigned: %1 → %2").arg(names.agent(oldId), names.agent(newId));
    case EventKind::Team:
        return newId ? tr("Team: %1").arg(names.team(newId)) : tr("Team removed");
    case EventKind::Priority:
        return tr("Priority: %1 → %2").arg(priority(e.oldValue), priority(e.newValue));
    case EventKind::Category:
        return newId ? tr("Category: %1").arg(names.category(newId)) : tr("Category cleared");
    case EventKind::Tags: {
        const QStringList before = e.oldValue.split(QLatin1Char(','), Qt::SkipEmptyParts);
        const QStringList after = e.newValue.split(QLatin1Char(','), Qt::SkipEmptyParts);
        QStringList added, removed;
        for (const QString &t : after)
            if (!before.contains(t))
                added << t;
        for (const QString &t : before)
            if (!after.contains(t))
                removed << t;
        QStringList parts;
        if (!added.isEmpty())
            parts << tr("Tags added: %1").arg(added.join(QStringLiteral(", ")));
        if (!removed.isEmpty())
            parts << tr("Tags removed: %1").arg(removed.join(QStringLiteral(", ")));
        return parts.join(QStringLiteral("; "));
    }
    case EventKind::Subject:
        return tr("Subject changed to “%1”").arg(e.newValue);
    case EventKind::Merged:
        return tr("Merged into #%1").arg(e.newValue);
    case EventKind::MergedFrom:
        return tr("#%1 merged into this ticket").arg(e.newValue);
    case EventKind::Split:
        return tr("Messages split off into #%1").arg(e.newValue);
    case EventKind::SplitFrom:
        return tr("Split off from #%1").arg(e.newValue);
    case EventKind::Archived:
        return tr("Archived");
    case EventKind::Csat:
        return tr("Customer rating: %1 of 5").arg(e.newValue);
    case EventKind::FirstResponse:
        break;
    }
    return QString();
}

} // namespace hd
