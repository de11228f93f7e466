// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>

namespace hd {

class Directory;
class TicketStore;

/// How far an agent has seen a ticket: its newest message and event. Ids only grow, so anything
/// newer changed the ticket (unlike updated_at, which two changes in the same millisecond share).
struct TicketMark
{
    RowId lastMessageId = 0;
    RowId lastEventId = 0;
    friend bool operator==(const TicketMark &, const TicketMark &) = default;
};

/// Detects that a ticket changed underneath an open composer, and says how.
class CollisionCheck
{
    Q_DECLARE_TR_FUNCTIONS(hd::CollisionCheck)
public:
    static Result<TicketMark> mark(TicketStore &store, RowId ticketId);
    /// What others (anyone but `me`) did to the ticket after `seen`, one line each, for
    /// people: "New messages from the customer: 2", "Status: Open → Solved (Lee)". Empty when
    /// nothing happened.
    static Result<QStringList> changesSince(TicketStore &store, Directory &directory,
                                            RowId ticketId, const TicketMark &seen, RowId me);
};

} // namespace hd
