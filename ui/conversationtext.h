// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QHash>

namespace hd {

class Directory;

/// Names for the ids that events and messages carry (agents, customers, teams, categories),
/// read once per refresh from the directory.
class NameCache
{
public:
    explicit NameCache(Directory &directory);

    void clear();
    QString agent(RowId id);
    QString customer(RowId id);
    QString team(RowId id);
    QString category(RowId id);
    /// Who did something: an agent's or customer's name, or "System".
    QString actor(AuthorKind kind, RowId id);

private:
    void loadLists();
    Directory &m_directory;
    bool m_listsLoaded = false;
    QHash<RowId, QString> m_agents, m_customers, m_teams, m_categories;
};

/// The words the conversation shows for history events, in the UI language.
class ConversationText
{
    Q_DECLARE_TR_FUNCTIONS(hd::ConversationText)
public:
    /// What an event changed ("Status: Open → Pending"); empty for events the conversation
    /// does not show (first response, which the reply itself shows).
    static QString describe(const Event &event, NameCache &names);
    /// Whether the conversation shows the event.
    static bool isShown(const Event &event);
    /// "10:42" today, else a short date and time, in the UI locale and local time.
    static QString when(const QDateTime &at, const QDateTime &now);
};

} // namespace hd
