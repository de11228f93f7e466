// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/facts.h"

#include <QDateTime>

namespace hd::reporting {

namespace {
constexpr qint64 kEpochJulianDay = 2440588; // 1970-01-01
constexpr qint64 kQuarterHourMs = 15 * 60 * 1000;

bool isResolved(const QString &status)
{
    return status == QLatin1String("solved") || status == QLatin1String("closed");
}

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
} // namespace

DayMapper::DayMapper(QTimeZone zone)
    : m_zone(zone.isValid() ? std::move(zone) : QTimeZone::utc())
{ }

qint64 DayMapper::day(qint64 utcMs) const
{
    const qint64 quarter = floorDiv(utcMs, kQuarterHourMs);
    auto it = m_offsets.find(quarter);
    if (it == m_offsets.end()) {
        if (m_offsets.size() > 200'000)
            m_offsets.clear();
        it = m_offsets.emplace(quarter, m_zone.offsetFromUtc(utc(quarter * kQuarterHourMs))).first;
    }
    return floorDiv(utcMs + qint64(it->second) * 1000, 86'400'000);
}

qint64 DayMapper::dayOfDate(QDate date)
{
    return date.toJulianDay() - kEpochJulianDay;
}

QDate DayMapper::dateOfDay(qint64 day)
{
    return QDate::fromJulianDay(day + kEpochJulianDay);
}

TicketFacts computeFacts(const FactsInput &in, const SlaPolicy &policy, const DayMapper &days)
{
    TicketFacts f;
    f.ticketId = in.ticketId;
    f.createdAt = in.createdAt;
    f.createdDay = days.day(in.createdAt);
    f.channel = wireName(in.channel);
    f.direction = wireName(in.direction);
    f.categoryId = in.categoryId;
    f.priority = int(in.priority);
    f.teamId = in.teamId;
    f.assigneeId = in.assigneeId;
    f.status = wireName(in.status);
    f.merged = in.merged;
    f.csat = in.csat;
    f.tags = in.tags;

    // The status history: resolutions, reopens and pending pauses (as SlaService reads them).
    bool resolved = false;
    std::optional<qint64> resolvedAt;
    QList<SlaPause> pauses;
    std::optional<qint64> pauseStart;
    for (const FactsInput::StatusChange &c : in.statusChanges) {
        const bool now = isResolved(c.to);
        if (!resolved && now) {
            f.solveDays << days.day(c.at);
            resolvedAt = c.at;
        } else if (resolved && !now) {
            f.reopenDays << days.day(c.at);
            resolvedAt.reset();
        }
        resolved = now;
        if (c.to == QLatin1String("pending")) {
            if (!pauseStart)
                pauseStart = c.at;
        } else if (pauseStart) {
            pauses << SlaPause{utc(*pauseStart), utc(c.at)};
            pauseStart.reset();
        }
    }
    if (pauseStart)
        pauses << SlaPause{utc(*pauseStart), QDateTime()};

    const BusinessCalendar always = BusinessCalendar::always();
    const BusinessCalendar business = policy.effectiveCalendar();
    const SlaTargets targets = policy.targets(static_cast<SlaPriority>(int(in.priority)));
    const QDateTime created = utc(in.createdAt);
    auto measure = [&](qint64 stop, std::optional<qint64> target, std::optional<qint64> &secs,
                       std::optional<qint64> &bsecs, std::optional<bool> &met) {
        const QDateTime at = utc(stop);
        secs = computeSlaClock(always, std::nullopt, created, at, pauses, at).elapsedSecs;
        const SlaClock clock = computeSlaClock(business, target, created, at, pauses, at);
        bsecs = clock.elapsedSecs;
        if (clock.targetSecs)
            met = clock.status == SlaClockStatus::Met;
    };
    if (in.direction == Direction::Inbound && in.firstResponseAt) {
        f.frDay = days.day(*in.firstResponseAt);
        measure(*in.firstResponseAt, targets.firstResponseSecs, f.frtSecs, f.frtBsecs, f.frtSlaMet);
    }
    if (resolvedAt) {
        f.resolvedAt = resolvedAt;
        f.resolvedDay = days.day(*resolvedAt);
        measure(*resolvedAt, targets.resolutionSecs, f.resSecs, f.resBsecs, f.resSlaMet);
    }
    return f;
}

const std::array<const char *, kCounterCount> &counterColumns()
{
    static const std::array<const char *, kCounterCount> names{
        "created",     "solved",       "reopened",  "frt_n",   "frt_sum",  "frt_bsum",
        "frt_sla_n",   "frt_sla_met",  "res_n",     "res_sum", "res_bsum", "res_sla_n",
        "res_sla_met", "res_reopened", "csat_sent", "csat_n",  "csat_sum", "csat_good"};
    return names;
}

QList<DayContribution> contributions(const TicketFacts &f)
{
    QList<DayContribution> out;
    if (f.merged)
        return out;
    auto on = [&](qint64 day) -> Counters & {
        for (DayContribution &c : out)
            if (c.day == day)
                return c.counters;
        out.append(DayContribution{day, {}});
        return out.last().counters;
    };
    on(f.createdDay)[Created] += 1;
    for (qint64 d : f.solveDays)
        on(d)[Solved] += 1;
    for (qint64 d : f.reopenDays)
        on(d)[Reopened] += 1;
    if (f.frDay) {
        Counters &c = on(*f.frDay);
        c[FrtN] += 1;
        c[FrtSum] += f.frtSecs.value_or(0);
        c[FrtBsum] += f.frtBsecs.value_or(0);
        if (f.frtSlaMet) {
            c[FrtSlaN] += 1;
            c[FrtSlaMet] += *f.frtSlaMet ? 1 : 0;
        }
    }
    if (f.resolvedDay) {
        Counters &c = on(*f.resolvedDay);
        c[ResN] += 1;
        c[ResSum] += f.resSecs.value_or(0);
        c[ResBsum] += f.resBsecs.value_or(0);
        if (f.resSlaMet) {
            c[ResSlaN] += 1;
            c[ResSlaMet] += *f.resSlaMet ? 1 : 0;
        }
        c[ResReopened] += f.reopenDays.isEmpty() ? 0 : 1;
        c[CsatSent] += 1;
        if (f.csat > 0) {
            c[CsatN] += 1;
            c[CsatSum] += f.csat;
            c[CsatGood] += f.csat >= kCsatSatisfied ? 1 : 0;
        }
    }
    return out;
}

} // namespace hd::reporting
