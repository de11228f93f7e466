// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/sla.h"
#include "core/domain/ticket.h"

#include <QHash>

#include <optional>

namespace hd {

class Clock;
class Database;

/// Keeps each ticket's SLA due times in step with its history. The clocks themselves are
/// computed by computeSla() (core/domain/sla.h) from the ticket's times and the pauses read
/// from its status events (pending → paused). refresh() writes first_response_due,
/// resolution_due, sla_paused_since and sla_due (the earliest open due, for sorting).
class SlaService
{
public:
    SlaService(Database &db, const Clock &clock);

    Result<void> refresh(RowId ticketId);
    /// Both clocks of a ticket now, for display.
    Result<SlaState> state(RowId ticketId);

    /// The policy used for tickets without their own; made on first use (Mon–Fri 09:00–18:00
    /// in the system time zone; urgent 1 h / 4 h, high 4 h / 8 h, normal 8 h / 24 h,
    /// low 24 h / 40 h business time).
    Result<SlaPolicy> defaultPolicy();
    Result<void> setDefaultPolicy(const SlaPolicy &policy);
    static SlaPolicy builtInDefault();
    /// The stored policy `policyId` (0 = the default one), or nullopt when none is stored.
    /// Reads only; the reporting engine uses it too.
    static Result<std::optional<SlaPolicy>> storedPolicy(Database &db, RowId policyId);

    static SlaPriority toSla(Priority p) { return static_cast<SlaPriority>(int(p)); }

private:
    struct Input
    {
        Priority priority = Priority::Normal;
        RowId policyId = 0;
        SlaTimeline timeline;
    };
    Result<Input> load(RowId ticketId);
    Result<SlaPolicy> policy(RowId policyId);

    Database &m_db;
    const Clock &m_clock;
    QHash<RowId, SlaPolicy> m_policies; ///< 0 = default
};

} // namespace hd
