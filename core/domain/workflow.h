// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/enums.h"

#include <QList>

namespace hd::workflow {

/// The one table of allowed status changes, enforced on the client and on the server alike.
///
///   new      → open, assigned, solved
///   open     → assigned, pending, solved
///   assigned → open, pending, solved
///   pending  → open, assigned, solved
///   solved   → open, assigned (reopen), closed
///   closed   → nothing: closed is final; a follow-up ticket links to it
///
/// Merging is not a status change of this table: the merged-away ticket is closed by the merge
/// operation itself, whatever its status, and the history records it.
bool isAllowed(TicketStatus from, TicketStatus to);
QList<TicketStatus> allowedTargets(TicketStatus from);

/// Ok, or Conflict with a message naming both statuses.
Result<void> checkTransition(TicketStatus from, TicketStatus to);

/// The status a ticket takes when a customer writes to it: a reply on a solved or pending
/// ticket reopens it (assigned if it has an assignee, open otherwise). Closed tickets take no
/// replies (nullopt): the caller creates a follow-up ticket instead.
std::optional<TicketStatus> statusAfterCustomerReply(TicketStatus current, bool hasAssignee);

/// The status a ticket takes when its assignee changes (new/open become assigned when an agent
/// is set; assigned becomes open when the agent is removed; others keep their status).
TicketStatus statusAfterAssignment(TicketStatus current, bool hasAssignee);

} // namespace hd::workflow
