// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/sla.h"

#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace hd {

namespace {

constexpr std::array<const char *, kSlaPriorityCount> kPriorityKeys{"urgent", "high", "normal",
                                                                    "low"};
constexpr qint64 kForever = std::numeric_limits<qint64>::max();

Error invalid(QString message)
{
    return Error{ErrorCode::InvalidArgument, std::move(message)};
}

std::size_t indexOf(SlaPriority priority)
{
    return static_cast<std::size_t>(priority);
}

std::optional<qint64> sanitized(std::optional<qint64> target)
{
    if (!target || *target < 0)
        return std::nullopt;
    return std::min(*target, SlaPolicy::kMaxTargetSecs);
}

QDateTime utcOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toUTC(); // spec Qt::UTC
}

struct Span
{
    qint64 begin;
    qint64 end; // kForever = open
};

} // namespace

QString slaPriorityKey(SlaPriority priority)
{
    return QString::fromLatin1(kPriorityKeys[indexOf(priority)]);
}

std::optional<SlaPriority> slaPriorityFromKey(const QString &key)
{
    for (int i = 0; i < kSlaPriorityCount; ++i) {
        if (key == QLatin1String(kPriorityKeys[static_cast<std::size_t>(i)]))
            return SlaPriority(i);
    }
    return std::nullopt;
}

SlaPolicy::SlaPolicy()
    : m_calendar(BusinessCalendar::always())
{ }

SlaPolicy::SlaPolicy(QString id, QString name, BusinessCalendar calendar)
    : m_id(std::move(id))
    , m_name(std::move(name))
    , m_calendar(std::move(calendar))
{ }

BusinessCalendar SlaPolicy::effectiveCalendar() const
{
    return m_calendarTime ? BusinessCalendar::always() : m_calendar;
}

SlaTargets SlaPolicy::targets(SlaPriority priority) const
{
    return m_targets[indexOf(priority)];
}

void SlaPolicy::setTargets(SlaPriority priority, SlaTargets targets)
{
    m_targets[indexOf(priority)]
        = {sanitized(targets.firstResponseSecs), sanitized(targets.resolutionSecs)};
}

QJsonObject SlaPolicy::toJson() const
{
    QJsonObject targetsJson;
    for (int i = 0; i < kSlaPriorityCount; ++i) {
        const SlaTargets &t = m_targets[static_cast<std::size_t>(i)];
        QJsonObject one;
        if (t.firstResponseSecs)
            one.insert(QStringLiteral("firstResponse"), *t.firstResponseSecs);
        if (t.resolutionSecs)
            one.insert(QStringLiteral("resolution"), *t.resolutionSecs);
        if (!one.isEmpty())
            targetsJson.insert(slaPriorityKey(SlaPriority(i)), one);
    }
    return QJsonObject{
        {QStringLiteral("id"), m_id},
        {QStringLiteral("name"), m_name},
        {QStringLiteral("calendarTime"), m_calendarTime},
        {QStringLiteral("calendar"), m_calendar.toJson()},
        {QStringLiteral("targets"), targetsJson},
    };
}

Result<SlaPolicy> SlaPolicy::fromJson(const QJsonObject &json)
{
    SlaPolicy policy;
    policy.m_id = json.value(QLatin1String("id")).toString();
    if (policy.m_id.trimmed().isEmpty())
        return invalid(tr("The SLA policy has no id (\"id\")"));
    policy.m_name = json.value(QLatin1String("name")).toString();
    if (policy.m_name.trimmed().isEmpty())
        return invalid(tr("SLA policy \"%1\" has no name (\"name\")").arg(policy.m_id));

    const QJsonValue calendarTime = json.value(QLatin1String("calendarTime"));
    if (!calendarTime.isUndefined() && !calendarTime.isBool())
        return invalid(
            tr("SLA policy \"%1\": \"calendarTime\" must be true or false").arg(policy.m_id));
    policy.m_calendarTime = calendarTime.toBool(false);

    const QJsonValue calendarValue = json.value(QLatin1String("calendar"));
    if (calendarValue.isObject()) {
        Result<BusinessCalendar> cal = BusinessCalendar::fromJson(calendarValue.toObject());
        if (!cal)
            return invalid(
                tr("Calendar of SLA policy \"%1\": %2").arg(policy.m_id, cal.errorMessage()));
        policy.m_calendar = std::move(cal).value();
    } else if (!calendarValue.isUndefined() || !policy.m_calendarTime) {
        return invalid(tr("SLA policy \"%1\" needs a \"calendar\" object (or \"calendarTime\": "
                          "true)")
                           .arg(policy.m_id));
    }
    if (!policy.m_calendarTime && !policy.m_calendar.hasWorkingHours())
        return invalid(tr("Calendar of SLA policy \"%1\" has no working hours, so its clocks "
                          "would never run")
                           .arg(policy.m_id));

    const QJsonValue targetsValue = json.value(QLatin1String("targets"));
    if (!targetsValue.isUndefined() && !targetsValue.isObject())
        return invalid(tr("SLA policy \"%1\": \"targets\" must be an object keyed by priority")
                           .arg(policy.m_id));
    const QJsonObject targetsJson = targetsValue.toObject();
    for (auto it = targetsJson.begin(); it != targetsJson.end(); ++it) {
        const std::optional<SlaPriority> priority = slaPriorityFromKey(it.key());
        if (!priority)
            return invalid(tr("SLA policy \"%1\": unknown priority \"%2\" (expected urgent, high, "
                              "normal or low)")
                               .arg(policy.m_id, it.key()));
        if (!it.value().isObject())
            return invalid(tr("SLA policy \"%1\": targets of \"%2\" must be an object")
                               .arg(policy.m_id, it.key()));
        const QJsonObject one = it.value().toObject();
        SlaTargets targets;
        for (auto t = one.begin(); t != one.end(); ++t) {
            std::optional<qint64> *slot = nullptr;
            if (t.key() == QLatin1String("firstResponse"))
                slot = &targets.firstResponseSecs;
            else if (t.key() == QLatin1String("resolution"))
                slot = &targets.resolutionSecs;
            else
                return invalid(tr("SLA policy \"%1\": unknown target \"%2\" for \"%3\" (expected "
                                  "firstResponse or resolution)")
                                   .arg(policy.m_id, t.key(), it.key()));
            if (t.value().isNull())
                continue;
            const double secs = t.value().toDouble(-1);
            if (!t.value().isDouble() || secs < 0 || secs > double(kMaxTargetSecs)
                || std::floor(secs) != secs)
                return invalid(tr("SLA policy \"%1\": target \"%2\" of \"%3\" must be a whole "
                                  "number of seconds from 0 to %4")
                                   .arg(policy.m_id, t.key(), it.key())
                                   .arg(kMaxTargetSecs));
            *slot = qint64(secs);
        }
        policy.m_targets[indexOf(*priority)] = targets;
    }
    return policy;
}

bool SlaPolicy::operator==(const SlaPolicy &other) const
{
    return m_id == other.m_id && m_name == other.m_name && m_calendar == other.m_calendar
        && m_calendarTime == other.m_calendarTime && m_targets == other.m_targets;
}

SlaClock computeSlaClock(const BusinessCalendar &calendar, std::optional<qint64> targetSecs,
                         const QDateTime &createdAt, const QDateTime &stopAt,
                         const QList<SlaPause> &pauses, const QDateTime &nowUtc)
{
    SlaClock clock;
    clock.targetSecs = sanitized(targetSecs);
    if (!createdAt.isValid())
        return clock;
    const qint64 created = createdAt.toMSecsSinceEpoch();
    const bool stopped = stopAt.isValid();
    if (stopped)
        clock.stoppedAt = stopAt.toUTC();
    // Counting ends at the stop, or now; never before creation.
    qint64 end = stopped ? stopAt.toMSecsSinceEpoch()
                         : (nowUtc.isValid() ? nowUtc.toMSecsSinceEpoch() : created);
    end = std::max(end, created);

    // Pauses clipped to [created, end], merged. A pause covering `end` of a running clock means
    // the clock is paused now.
    QList<Span> clipped;
    bool pausedNow = false;
    for (const SlaPause &p : pauses) {
        if (!p.from.isValid())
            continue;
        const qint64 from = p.from.toMSecsSinceEpoch();
        const qint64 to = p.to.isValid() ? p.to.toMSecsSinceEpoch() : kForever;
        if (to <= from || to <= created || from > end)
            continue;
        if (!stopped && to > end)
            pausedNow = true;
        const qint64 b = std::max(from, created);
        const qint64 e = std::min(to, end);
        if (e > b)
            clipped.append({b, e});
    }
    std::sort(clipped.begin(), clipped.end(),
              [](const Span &x, const Span &y) { return x.begin < y.begin; });
    QList<Span> merged;
    for (const Span &s : std::as_const(clipped)) {
        if (!merged.isEmpty() && s.begin <= merged.last().end)
            merged.last().end = std::max(merged.last().end, s.end);
        else
            merged.append(s);
    }

    // Stretches during which the clock runs.
    QList<Span> active;
    qint64 cursor = created;
    for (const Span &p : std::as_const(merged)) {
        active.append({cursor, p.begin});
        cursor = p.end;
    }
    active.append({cursor, pausedNow ? std::max(cursor, end) : kForever});

    qint64 elapsedMs = 0;
    for (const Span &s : std::as_const(active))
        elapsedMs += calendar.businessMSecsBetween(utcOf(s.begin), utcOf(std::min(s.end, end)));
    clock.elapsedSecs = elapsedMs / 1000;
    if (!clock.targetSecs)
        return clock;
    clock.remainingSecs = *clock.targetSecs - clock.elapsedSecs;

    // Due: walk the active stretches until the target is used up.
    qint64 remainingMs = *clock.targetSecs * 1000;
    QDateTime due;
    for (const Span &s : std::as_const(active)) {
        const QDateTime candidate = calendar.addBusinessMSecs(utcOf(s.begin), remainingMs);
        if (s.end == kForever) {
            due = candidate; // null if the calendar never opens again
            break;
        }
        const qint64 c = candidate.isValid() ? candidate.toMSecsSinceEpoch() : kForever;
        // A zero target is due at the first business instant the clock actually runs.
        if (c < s.end || (remainingMs > 0 && c == s.end)) {
            due = candidate;
            break;
        }
        remainingMs -= calendar.businessMSecsBetween(utcOf(s.begin), utcOf(s.end));
    }

    const bool pastDue = due.isValid() && end > due.toMSecsSinceEpoch();
    if (pastDue) {
        clock.status = SlaClockStatus::Breached;
        clock.breachedAt = due;
        clock.dueAt = due;
    } else if (stopped) {
        clock.status = SlaClockStatus::Met;
        clock.dueAt = due;
    } else if (pausedNow) {
        clock.status = SlaClockStatus::Paused;
    } else {
        clock.status = SlaClockStatus::Running;
        clock.dueAt = due;
    }
    return clock;
}

SlaState computeSla(const SlaPolicy &policy, SlaPriority priority, const SlaTimeline &timeline,
                    const QDateTime &nowUtc)
{
    const BusinessCalendar calendar = policy.effectiveCalendar();
    const SlaTargets targets = policy.targets(priority);
    SlaState state;
    state.firstResponse = computeSlaClock(calendar, targets.firstResponseSecs, timeline.createdAt,
                                          timeline.firstResponseAt, timeline.pauses, nowUtc);
    state.resolution = computeSlaClock(calendar, targets.resolutionSecs, timeline.createdAt,
                                       timeline.solvedAt, timeline.pauses, nowUtc);
    return state;
}

} // namespace hd
