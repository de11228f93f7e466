// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>

#include <optional>

namespace hd {

class Clock;
class Database;

/// An unsent message in the composer: one per (ticket, agent).
struct Draft
{
    RowId ticketId = 0;
    RowId agentId = 0;
    Visibility visibility = Visibility::Public;
    QString body;
    QList<AttachmentRef> attachments; ///< already in the attachment store
    /// The newest message and event of the ticket the agent had seen while writing; newer ones
    /// changed the ticket underneath the draft.
    RowId seenMessageId = 0;
    RowId seenEventId = 0;
    RowId macroId = 0; ///< a macro whose actions run when the draft is sent; 0 = none
    QDateTime updatedAt; ///< set by save()

    /// Nothing worth keeping: no text and no attachments.
    [[nodiscard]] bool isEmpty() const { return body.trimmed().isEmpty() && attachments.isEmpty(); }
};

/// Drafts kept per ticket and agent, so that switching tickets (or closing the program) loses
/// no unsent text. Saving an empty draft clears it.
class Drafts
{
    Q_DECLARE_TR_FUNCTIONS(hd::Drafts)
public:
    static constexpr int kMaxBodyChars = 1'000'000;

    Drafts(Database &db, const Clock &clock);

    /// Inserts or replaces the draft of (ticketId, agentId); an empty draft clears it instead.
    /// Errors: InvalidArgument (no ticket or agent id), NotFound (unknown ticket, agent or
    /// macro), TooLarge, Storage.
    Result<void> save(const Draft &draft);
    /// The draft, or nullopt when there is none.
    Result<std::optional<Draft>> load(RowId ticketId, RowId agentId);
    Result<void> clear(RowId ticketId, RowId agentId);
    /// Tickets on which the agent has a draft, most recently edited first.
    Result<QList<RowId>> ticketsWithDrafts(RowId agentId);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace hd
