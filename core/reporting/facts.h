// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/enums.h"
#include "core/domain/sla.h"
#include "core/domain/ticket.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <array>
#include <optional>
#include <unordered_map>

namespace hd::reporting {

/// Days are counted since 1970-01-01 in the report time zone (the local date of an instant).
/// Converts instants to days quickly: UTC offsets are cached per quarter hour (every time zone
/// changes its offset on a quarter hour).
class DayMapper
{
public:
    explicit DayMapper(QTimeZone zone);
    [[nodiscard]] qint64 day(qint64 utcMs) const;
    [[nodiscard]] const QTimeZone &zone() const { return m_zone; }

    [[nodiscard]] static qint64 dayOfDate(QDate date);
    [[nodiscard]] static QDate dateOfDay(qint64 day);

private:
    QTimeZone m_zone;
    mutable std::unordered_map<qint64, int>
        m_offsets; ///< quarter hour -> offset from UTC in seconds
};

/// What a ticket is at the moment of computation (the current row) and what happened to it (its
/// status events), as the reporting engine sees it.
struct FactsInput
{
    RowId ticketId = 0;
    qint64 createdAt = 0; ///< UTC ms
    std::optional<qint64> firstResponseAt; ///< tickets.first_response_at (UTC ms)
    Channel channel = Channel::Web;
    Direction direction = Direction::Inbound;
    Priority priority = Priority::Normal;
    RowId categoryId = 0;
    RowId teamId = 0;
    RowId assigneeId = 0;
    TicketStatus status = TicketStatus::New;
    bool merged = false; ///< merged into another ticket
    int csat = 0; ///< 0 = not rated, else 1..5
    QStringList tags; ///< sorted
    struct StatusChange
    {
        qint64 at = 0;
        QString from;
        QString to;
    };
    QList<StatusChange> statusChanges; ///< in (at, id) order
};

/// One ticket's measurements. Business times use the ticket's SLA policy calendar; calendar and
/// business times both leave out the time spent pending (the SLA pause rule of core/domain/sla.h).
struct TicketFacts
{
    RowId ticketId = 0;
    qint64 createdAt = 0;
    qint64 createdDay = 0;
    QString channel;
    QString direction;
    RowId categoryId = 0;
    int priority = 2;
    RowId teamId = 0;
    RowId assigneeId = 0;
    QString status;
    bool merged = false;
    /// First response: inbound tickets only (an outbound ticket starts with the agent's message).
    std::optional<qint64> frDay, frtSecs, frtBsecs;
    std::optional<bool> frtSlaMet; ///< unset without a target
    /// Resolution: set while the ticket is solved or closed (last resolution; a reopen clears it).
    std::optional<qint64> resolvedAt, resolvedDay, resSecs, resBsecs;
    std::optional<bool> resSlaMet;
    QList<qint64> solveDays; ///< every change from an active status to solved/closed
    QList<qint64> reopenDays; ///< every change from solved back to an active status
    int csat = 0;
    QStringList tags;

    [[nodiscard]] int reopens() const { return int(reopenDays.size()); }
    bool operator==(const TicketFacts &) const = default;
};

/// Computes a ticket's facts. Pure: no database, no clock.
[[nodiscard]] TicketFacts computeFacts(const FactsInput &in, const SlaPolicy &policy,
                                       const DayMapper &days);

/// Additive counters of report_daily / report_dim, in column order.
enum Counter {
    Created,
    Solved,
    Reopened,
    FrtN,
    FrtSum,
    FrtBsum,
    FrtSlaN,
    FrtSlaMet,
    ResN,
    ResSum,
    ResBsum,
    ResSlaN,
    ResSlaMet,
    ResReopened,
    CsatSent,
    CsatN,
    CsatSum,
    CsatGood,
    kCounterCount
};
using Counters = std::array<qint64, kCounterCount>;
/// Column names of the counters, in order.
[[nodiscard]] const std::array<const char *, kCounterCount> &counterColumns();

inline Counters &operator+=(Counters &a, const Counters &b)
{
    for (std::size_t i = 0; i < a.size(); ++i)
        a[i] += b[i];
    return a;
}

/// What one ticket adds to the per-day counters. A merged ticket adds nothing (its request
/// continues in the ticket it was merged into). Each entry is one day's counters.
struct DayContribution
{
    qint64 day = 0;
    Counters counters{};
};
[[nodiscard]] QList<DayContribution> contributions(const TicketFacts &f);

/// A CSAT rating counts as satisfied at 4 or 5 (of 5).
inline constexpr int kCsatSatisfied = 4;

} // namespace hd::reporting
