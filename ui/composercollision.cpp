// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/composercollision.h"

#include "core/storage/ticketstore.h"
#include "ui/conversationtext.h"

namespace hd {

Result<TicketMark> CollisionCheck::mark(TicketStore &store, RowId ticketId)
{
    TicketMark m;
    auto messages = store.messages(ticketId, true);
    if (!messages)
        return messages.error();
    for (const Message &msg : *messages)
        m.lastMessageId = qMax(m.lastMessageId, msg.id);
    auto events = store.events(ticketId);
    if (!events)
        return events.error();
    for (const Event &e : *events)
        m.lastEventId = qMax(m.lastEventId, e.id);
    return m;
}

Result<QStringList> CollisionCheck::changesSince(TicketStore &store, Directory &directory,
                                                 RowId ticketId, const TicketMark &seen, RowId me)
{
    auto messages = store.messages(ticketId, true);
    if (!messages)
        return messages.error();
    int fromCustomer = 0, replies = 0, notes = 0;
    for (const Message &m : *messages) {
        if (m.id <= seen.lastMessageId)
            continue;
        if (m.authorKind == AuthorKind::Customer)
            ++fromCustomer;
        else if (m.authorKind == AuthorKind::Agent && m.authorAgentId == me && me != 0)
            continue; // the agent's own messages are no surprise
        else if (m.visibility == Visibility::Internal)
            ++notes;
        else
            ++replies;
    }
    QStringList out;
    if (fromCustomer)
        out << tr("New messages from the customer: %L1").arg(fromCustomer);
    if (replies)
        out << tr("New replies to the customer by colleagues: %L1").arg(replies);
    if (notes)
        out << tr("New internal notes by colleagues: %L1").arg(notes);

    auto events = store.events(ticketId);
    if (!events)
        return events.error();
    NameCache names(directory);
    for (const Event &e : *events) {
        if (e.id <= seen.lastEventId || !ConversationText::isShown(e))
            continue;
        if (e.actorKind == AuthorKind::Agent && e.actorId == me && me != 0)
            continue;
        const QString what = ConversationText::describe(e, names);
        if (!what.isEmpty())
            out << QStringLiteral("%1 (%2)").arg(what, names.actor(e.actorKind, e.actorId));
    }
    return out;
}

} // namespace hd
