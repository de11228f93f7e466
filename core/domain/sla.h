// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/businesscalendar.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace hd {

/// Ticket priority as SLA policies see it. Kept separate from the ticket model's own enum; the
/// integration maps one onto the other.
enum class SlaPriority { Urgent, High, Normal, Low };
inline constexpr int kSlaPriorityCount = 4;

/// "urgent", "high", "normal", "low": the keys used in JSON.
[[nodiscard]] QString slaPriorityKey(SlaPriority priority);
[[nodiscard]] std::optional<SlaPriority> slaPriorityFromKey(const QString &key);

/// Targets of one priority, in business seconds. Unset = that clock does not apply.
struct SlaTargets
{
    std::optional<qint64> firstResponseSecs;
    std::optional<qint64> resolutionSecs;
    friend bool operator==(const SlaTargets &, const SlaTargets &) = default;
};

/// A named set of per-priority targets, counted on a business calendar or in calendar time.
class SlaPolicy
{
    Q_DECLARE_TR_FUNCTIONS(hd::SlaPolicy)
public:
    /// Largest accepted target: 366 days' worth of seconds.
    static constexpr qint64 kMaxTargetSecs = 366LL * 24 * 3600;

    /// No id, no targets, counting on BusinessCalendar::always().
    SlaPolicy();
    SlaPolicy(QString id, QString name, BusinessCalendar calendar);

    [[nodiscard]] QString id() const { return m_id; }
    void setId(const QString &id) { m_id = id; }
    [[nodiscard]] QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }

    [[nodiscard]] const BusinessCalendar &calendar() const { return m_calendar; }
    void setCalendar(const BusinessCalendar &calendar) { m_calendar = calendar; }
    /// Count calendar time (24/7, real elapsed time) instead of the business calendar. The
    /// calendar is kept (and serialized) but not used.
    [[nodiscard]] bool usesCalendarTime() const { return m_calendarTime; }
    void setUsesCalendarTime(bool on) { m_calendarTime = on; }
    /// The calendar the clocks run on.
    [[nodiscard]] BusinessCalendar effectiveCalendar() const;

    [[nodiscard]] SlaTargets targets(SlaPriority priority) const;
    /// Negative targets are treated as unset; targets above kMaxTargetSecs are clamped.
    void setTargets(SlaPriority priority, SlaTargets targets);

    /// {"id": "std", "name": "Standard", "calendarTime": false, "calendar": {...},
    ///  "targets": {"urgent": {"firstResponse": 3600, "resolution": 14400}, ...}}.
    /// Unset targets and priorities without targets are omitted.
    [[nodiscard]] QJsonObject toJson() const;
    /// Validates: id and name present, calendar valid and with working hours (it may be left
    /// out when "calendarTime" is true), known priorities and target names, targets whole
    /// numbers of seconds in [0, kMaxTargetSecs] (null = unset).
    [[nodiscard]] static Result<SlaPolicy> fromJson(const QJsonObject &json);

    bool operator==(const SlaPolicy &other) const;

private:
    QString m_id;
    QString m_name;
    BusinessCalendar m_calendar;
    bool m_calendarTime = false;
    std::array<SlaTargets, kSlaPriorityCount> m_targets;
};

/// A stretch during which the SLA clocks stop (ticket pending on the customer): [from, to).
/// A null `to` means still paused.
struct SlaPause
{
    QDateTime from;
    QDateTime to;
};

/// What happened to a ticket, as far as SLA clocks care. All instants UTC.
struct SlaTimeline
{
    QDateTime createdAt;
    QDateTime firstResponseAt; ///< null until the first public agent reply
    QDateTime solvedAt; ///< null while unsolved (a reopen clears it)
    QList<SlaPause> pauses; ///< any order; may overlap, may span nights and weekends
};

enum class SlaClockStatus {
    None, ///< no target for this priority (elapsed time is still reported)
    Running, ///< counting, due in the future
    Paused, ///< currently inside a pause: no due time, see remainingSecs
    Met, ///< stopped at or before the due time
    Breached, ///< stopped after the due time, or still running past it
};

/// One SLA clock (first response or resolution).
struct SlaClock
{
    SlaClockStatus status = SlaClockStatus::None;
    std::optional<qint64> targetSecs;
    /// Business seconds counted from creation to the stop (or now), pauses excluded.
    qint64 elapsedSecs = 0;
    /// target - elapsed; negative once breached, 0 without a target.
    qint64 remainingSecs = 0;
    /// The instant the clock reaches its target given the pauses known so far. Null while
    /// Paused (it depends on when the pause ends), without a target, or when the calendar has
    /// no business time ahead. Kept for Met clocks (when it would have been due).
    QDateTime dueAt;
    /// When Breached: the instant the target was exceeded (equal to dueAt); else null.
    QDateTime breachedAt;
    /// The stop event (first response / solve) when it happened, else null.
    QDateTime stoppedAt;
};

struct SlaState
{
    SlaClock firstResponse;
    SlaClock resolution;
};

/// Computes both SLA clocks of a ticket at nowUtc.
///
/// - The first-response clock runs from createdAt to firstResponseAt, the resolution clock from
///   createdAt to solvedAt (or to nowUtc while unset). A stop before creation counts as zero.
/// - Pause semantics (one choice for both clocks): business time inside any pause is not
///   counted, for the first-response clock too (a ticket waiting on the customer does not
///   count against the agent). Pauses are clipped to [createdAt, stop or now]; overlapping
///   pauses are merged, so no time is subtracted twice. A pause that starts after nowUtc is
///   ignored; one covering nowUtc (open, or ending later) pauses a running clock. A pause open
///   at the stop just ends there. Time between a solve and a reopen counts unless the caller
///   records it as a pause.
/// - The due time is the earliest instant at which counted time reaches the target (counting
///   starts at the next business opening, so a zero target is due at the first business
///   instant the clock runs). A clock is breached when it stops after the due time, or is
///   still running after it; stopping exactly at the due time meets it.
[[nodiscard]] SlaState computeSla(const SlaPolicy &policy, SlaPriority priority,
                                  const SlaTimeline &timeline, const QDateTime &nowUtc);

/// One clock on an explicit calendar; stopAt null = not stopped. Used by computeSla.
[[nodiscard]] SlaClock computeSlaClock(const BusinessCalendar &calendar,
                                       std::optional<qint64> targetSecs, const QDateTime &createdAt,
                                       const QDateTime &stopAt, const QList<SlaPause> &pauses,
                                       const QDateTime &nowUtc);

} // namespace hd
