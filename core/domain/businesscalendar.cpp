// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/businesscalendar.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace hd {

namespace {

constexpr qint64 kMsPerMinute = 60 * 1000;
constexpr qint64 kMsPerDay = 24 * 60 * kMsPerMinute;
constexpr int kMinutesPerDay = 24 * 60;
const QDate kEpoch(1970, 1, 1);

// JSON keys of the weekdays, index 0 = Monday (Qt::Monday == 1).
constexpr std::array<const char *, 7> kDayKeys{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

QString dayKey(int index)
{
    return QString::fromLatin1(kDayKeys[static_cast<std::size_t>(index)]);
}

QString dayName(Qt::DayOfWeek day)
{
    return QLocale().dayName(day, QLocale::LongFormat);
}

QString formatMinute(int minute)
{
    return QStringLiteral("%1:%2")
        .arg(minute / 60, 2, 10, QLatin1Char('0'))
        .arg(minute % 60, 2, 10, QLatin1Char('0'));
}

QString formatInterval(const WorkInterval &iv)
{
    return formatMinute(iv.startMinute) + QLatin1Char('-') + formatMinute(iv.endMinute);
}

qint64 msOf(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}

// QTimeZone::utc() is not free in Qt 6.4: build it once.
const QTimeZone &utcZone()
{
    static const QTimeZone zone = QTimeZone::utc();
    return zone;
}

QDateTime utcOf(qint64 ms) // with time spec Qt::UTC, as toUTC() gives
{
    return QDateTime::fromMSecsSinceEpoch(ms, utcZone()).toUTC();
}

Error invalid(QString message)
{
    return Error{ErrorCode::InvalidArgument, std::move(message)};
}

} // namespace

BusinessCalendar::BusinessCalendar()
    : m_zone(QTimeZone::utc())
{ }

BusinessCalendar::BusinessCalendar(const QTimeZone &zone)
    : m_zone(zone.isValid() ? zone : QTimeZone::utc())
{ }

BusinessCalendar BusinessCalendar::always()
{
    BusinessCalendar cal;
    for (auto &day : cal.m_week)
        day = {WorkInterval{0, kMinutesPerDay}};
    return cal;
}

BusinessCalendar BusinessCalendar::standard(const QTimeZone &zone)
{
    BusinessCalendar cal(zone);
    for (int i = 0; i < 5; ++i)
        cal.m_week[static_cast<std::size_t>(i)] = {WorkInterval::hm(9, 0, 18, 0)};
    return cal;
}

void BusinessCalendar::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
}

QList<WorkInterval> BusinessCalendar::hours(Qt::DayOfWeek day) const
{
    return m_week[static_cast<std::size_t>(day - 1)];
}

Result<void> BusinessCalendar::setHours(Qt::DayOfWeek day, QList<WorkInterval> intervals)
{
    if (day < Qt::Monday || day > Qt::Sunday)
        return invalid(tr("Unknown weekday %1").arg(int(day)));
    for (const WorkInterval &iv : intervals) {
        if (iv.startMinute < 0 || iv.endMinute > kMinutesPerDay)
            return invalid(tr("Working hours on %1: %2 is outside 00:00-24:00")
                               .arg(dayName(day), formatInterval(iv)));
        if (iv.endMinute <= iv.startMinute)
            return invalid(tr("Working hours on %1: %2 ends before it starts")
                               .arg(dayName(day), formatInterval(iv)));
    }
    std::sort(intervals.begin(), intervals.end(), [](const WorkInterval &a, const WorkInterval &b) {
        return a.startMinute < b.startMinute;
    });
    for (qsizetype i = 1; i < intervals.size(); ++i) {
        if (intervals[i].startMinute < intervals[i - 1].endMinute)
            return invalid(tr("Working hours on %1: %2 and %3 overlap")
                               .arg(dayName(day), formatInterval(intervals[i - 1]),
                                    formatInterval(intervals[i])));
    }
    m_week[static_cast<std::size_t>(day - 1)] = std::move(intervals);
    return {};
}

Result<void> BusinessCalendar::setWeekdayHours(const QList<WorkInterval> &intervals)
{
    BusinessCalendar copy = *this;
    for (int d = Qt::Monday; d <= Qt::Sunday; ++d) {
        const auto r
            = copy.setHours(Qt::DayOfWeek(d), d <= Qt::Friday ? intervals : QList<WorkInterval>());
        if (!r)
            return r;
    }
    *this = std::move(copy);
    return {};
}

Result<void> BusinessCalendar::setAllDaysHours(const QList<WorkInterval> &intervals)
{
    BusinessCalendar copy = *this;
    for (int d = Qt::Monday; d <= Qt::Sunday; ++d) {
        const auto r = copy.setHours(Qt::DayOfWeek(d), intervals);
        if (!r)
            return r;
    }
    *this = std::move(copy);
    return {};
}

void BusinessCalendar::setHolidays(const QList<QDate> &dates)
{
    m_holidays.clear();
    for (const QDate &d : dates) {
        if (d.isValid())
            m_holidays.append(d);
    }
    std::sort(m_holidays.begin(), m_holidays.end());
    m_holidays.erase(std::unique(m_holidays.begin(), m_holidays.end()), m_holidays.end());
}

void BusinessCalendar::addHoliday(QDate date)
{
    if (!date.isValid())
        return;
    const auto it = std::lower_bound(m_holidays.begin(), m_holidays.end(), date);
    if (it == m_holidays.end() || *it != date)
        m_holidays.insert(it, date);
}

bool BusinessCalendar::isHoliday(QDate localDate) const
{
    return std::binary_search(m_holidays.cbegin(), m_holidays.cend(), localDate);
}

qint64 BusinessCalendar::weeklyBusinessSeconds() const
{
    qint64 minutes = 0;
    for (const auto &day : m_week) {
        for (const WorkInterval &iv : day)
            minutes += iv.endMinute - iv.startMinute;
    }
    return minutes * 60;
}

qint64 BusinessCalendar::offsetMs(qint64 utcMs) const
{
    return qint64(m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, utcZone()))) * 1000;
}

QDate BusinessCalendar::localDate(qint64 utcMs) const
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, m_zone).date();
}

qint64 BusinessCalendar::localToUtcMs(QDate date, int minute) const
{
    const qint64 dayLocal = kEpoch.daysTo(date) * kMsPerDay;
    return resolveLocal(dayLocal + minute * kMsPerMinute, offsetMs(dayLocal - kMsPerDay));
}

// The instant a local wall time (ms since the epoch as if local were UTC) occurs, given the
// offset in force shortly before it (`early`, taken a day before its date; at most one
// transition is assumed within two days). local - early is right when the zone agrees: during
// a fall-back overlap that is the first occurrence. Else the offset of a day later may be right
// (after a transition). Neither = a spring-forward gap: the transition instant, by bisection.
qint64 BusinessCalendar::resolveLocal(qint64 local, qint64 early) const
{
    const qint64 uEarly = local - early;
    if (offsetMs(uEarly) == early)
        return uEarly;
    const qint64 late = offsetMs(local + kMsPerDay);
    const qint64 uLate = local - late;
    if (offsetMs(uLate) == late)
        return uLate;
    if (uLate >= uEarly) // not a simple gap (several transitions in two days): best effort
        return uEarly;
    // Gap: offset(uLate) is still the early one, offset(uEarly) is already another one.
    qint64 lo = uLate;
    qint64 hi = uEarly;
    const qint64 loOffset = offsetMs(lo);
    while (hi - lo > 1000) {
        const qint64 mid = lo + (hi - lo) / 2;
        if (offsetMs(mid) == loOffset)
            lo = mid;
        else
            hi = mid;
    }
    return hi - (hi % 1000 + 1000) % 1000; // transitions fall on whole seconds
}

QList<BusinessCalendar::Span> BusinessCalendar::spansOn(QDate date) const
{
    QList<Span> spans;
    const auto &intervals = m_week[static_cast<std::size_t>(date.dayOfWeek() - 1)];
    if (intervals.isEmpty() || isHoliday(date))
        return spans;
    const qint64 dayLocal = kEpoch.daysTo(date) * kMsPerDay;
    const qint64 early = offsetMs(dayLocal - kMsPerDay);
    for (const WorkInterval &iv : intervals) {
        // "24:00" is the next date's 00:00, resolved the same way.
        const qint64 begin = resolveLocal(dayLocal + iv.startMinute * kMsPerMinute, early);
        const qint64 end = resolveLocal(dayLocal + iv.endMinute * kMsPerMinute, early);
        if (end > begin)
            spans.append({begin, end});
    }
    return spans;
}

// True when days [firstDay, firstDay + 7) hold exactly the nominal weekly business time: no
// holiday among them and one UTC offset throughout.
bool BusinessCalendar::uniformWeek(QDate firstDay) const
{
    const QDate last = firstDay.addDays(7);
    const auto it = std::lower_bound(m_holidays.cbegin(), m_holidays.cend(), firstDay);
    if (it != m_holidays.cend() && *it < last)
        return false;
    const qint64 from = kEpoch.daysTo(firstDay) * kMsPerDay - kMsPerDay; // generous margins
    const qint64 to = kEpoch.daysTo(last) * kMsPerDay + kMsPerDay;
    if (offsetMs(from) != offsetMs(to))
        return false;
    if (!m_zone.hasTransitions())
        return true;
    const QTimeZone::OffsetData next = m_zone.nextTransition(utcOf(from));
    return !next.atUtc.isValid() || msOf(next.atUtc) > to;
}

bool BusinessCalendar::isBusinessTime(const QDateTime &utc) const
{
    if (!utc.isValid())
        return false;
    const qint64 t = msOf(utc);
    const QDate d = localDate(t);
    for (int delta = -1; delta <= 1; ++delta) {
        for (const Span &s : spansOn(d.addDays(delta))) {
            if (s.begin <= t && t < s.end)
                return true;
        }
    }
    return false;
}

QDateTime BusinessCalendar::nextBusinessStart(const QDateTime &utc) const
{
    return addBusinessMSecs(utc, 0);
}

QDateTime BusinessCalendar::addBusinessSeconds(const QDateTime &startUtc, qint64 seconds) const
{
    if (seconds > std::numeric_limits<qint64>::max() / 1000)
        return {}; // beyond any reachable scan
    return addBusinessMSecs(startUtc, seconds * 1000);
}

QDateTime BusinessCalendar::addBusinessMSecs(const QDateTime &startUtc, qint64 msecs) const
{
    const qint64 weekMs = weeklyBusinessSeconds() * 1000;
    if (!startUtc.isValid() || weekMs == 0)
        return {};
    const qint64 t = msOf(startUtc);
    qint64 remaining = std::max<qint64>(msecs, 0);
    QDate day = localDate(t).addDays(-1);
    for (int scanned = 0; scanned < kMaxScanDays;) {
        // Whole weeks that lie after the start are skipped arithmetically when uniform. Strictly
        // more than a week left, so the exact end is always found by the day loop below.
        if (remaining > weekMs && localToUtcMs(day, 0) >= t && uniformWeek(day)) {
            remaining -= weekMs;
            day = day.addDays(7);
            scanned += 7;
            continue;
        }
        for (const Span &s : spansOn(day)) {
            if (s.end <= t)
                continue;
            const qint64 from = std::max(s.begin, t);
            if (s.end - from >= remaining) // from < s.end, so 0 left yields from
                return utcOf(from + remaining);
            remaining -= s.end - from;
        }
        day = day.addDays(1);
        ++scanned;
    }
    return {};
}

qint64 BusinessCalendar::businessSecondsBetween(const QDateTime &aUtc, const QDateTime &bUtc) const
{
    return businessMSecsBetween(aUtc, bUtc) / 1000;
}

qint64 BusinessCalendar::businessMSecsBetween(const QDateTime &aUtc, const QDateTime &bUtc) const
{
    const qint64 weekMs = weeklyBusinessSeconds() * 1000;
    if (!aUtc.isValid() || !bUtc.isValid() || weekMs == 0)
        return 0;
    const qint64 a = msOf(aUtc);
    const qint64 b = msOf(bUtc);
    if (b <= a)
        return 0;
    qint64 total = 0;
    QDate day = localDate(a).addDays(-1);
    for (;;) {
        const qint64 dayStart = localToUtcMs(day, 0);
        if (dayStart >= b)
            break;
        if (dayStart >= a && localToUtcMs(day.addDays(7), 0) <= b && uniformWeek(day)) {
            total += weekMs;
            day = day.addDays(7);
            continue;
        }
        for (const Span &s : spansOn(day)) {
            const qint64 from = std::max(s.begin, a);
            const qint64 to = std::min(s.end, b);
            if (to > from)
                total += to - from;
        }
        day = day.addDays(1);
    }
    return total;
}

QJsonObject BusinessCalendar::toJson() const
{
    QJsonObject hoursJson;
    for (int i = 0; i < 7; ++i) {
        const auto &day = m_week[static_cast<std::size_t>(i)];
        if (day.isEmpty())
            continue;
        QJsonArray list;
        for (const WorkInterval &iv : day)
            list.append(formatInterval(iv));
        hoursJson.insert(dayKey(i), list);
    }
    QJsonArray holidaysJson;
    for (const QDate &d : m_holidays)
        holidaysJson.append(d.toString(Qt::ISODate));
    return QJsonObject{
        {QStringLiteral("timeZone"), QString::fromUtf8(m_zone.id())},
        {QStringLiteral("hours"), hoursJson},
        {QStringLiteral("holidays"), holidaysJson},
    };
}

Result<BusinessCalendar> BusinessCalendar::fromJson(const QJsonObject &json)
{
    const QJsonValue zoneValue = json.value(QLatin1String("timeZone"));
    if (!zoneValue.isString() || zoneValue.toString().isEmpty())
        return invalid(tr("The calendar has no time zone (\"timeZone\", e.g. \"Asia/Seoul\")"));
    const QString zoneId = zoneValue.toString();
    const QTimeZone zone(zoneId.toUtf8());
    if (!zone.isValid())
        return invalid(tr("Unknown time zone \"%1\" (expected an IANA name such as "
                          "\"Europe/Berlin\")")
                           .arg(zoneId));
    BusinessCalendar cal(zone);

    const QJsonValue hoursValue = json.value(QLatin1String("hours"));
    if (!hoursValue.isUndefined() && !hoursValue.isObject())
        return invalid(tr("\"hours\" must be an object keyed by weekday (\"mon\" to \"sun\")"));
    const QJsonObject hoursJson = hoursValue.toObject();
    static const QRegularExpression rangeRe(
        QStringLiteral("^(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})$"));
    for (auto it = hoursJson.begin(); it != hoursJson.end(); ++it) {
        int index = 0;
        while (index < 7 && dayKey(index) != it.key())
            ++index;
        if (index == 7)
            return invalid(tr("Unknown weekday \"%1\" in \"hours\" (expected mon, tue, wed, thu, "
                              "fri, sat, sun)")
                               .arg(it.key()));
        const Qt::DayOfWeek day = Qt::DayOfWeek(index + 1);
        if (!it.value().isArray())
            return invalid(tr("Working hours on %1 must be a list such as [\"09:00-18:00\"]")
                               .arg(dayName(day)));
        QList<WorkInterval> intervals;
        for (const QJsonValue &v : it.value().toArray()) {
            const QString text = v.toString();
            const QRegularExpressionMatch m = rangeRe.match(text);
            if (!v.isString() || !m.hasMatch())
                return invalid(tr("Working hours on %1: \"%2\" is not in the form HH:mm-HH:mm")
                                   .arg(dayName(day), text));
            const int h1 = m.captured(1).toInt(), m1 = m.captured(2).toInt();
            const int h2 = m.captured(3).toInt(), m2 = m.captured(4).toInt();
            const auto validTime = [](int h, int mi) {
                return (h < 24 && mi < 60) || (h == 24 && mi == 0);
            };
            if (!validTime(h1, m1) || !validTime(h2, m2))
                return invalid(
                    tr("Working hours on %1: \"%2\" is not a valid time (HH:mm, 00:00 to 24:00)")
                        .arg(dayName(day), text));
            intervals.append(WorkInterval::hm(h1, m1, h2, m2));
        }
        const Result<void> r = cal.setHours(day, intervals);
        if (!r)
            return r.error();
    }

    const QJsonValue holidaysValue = json.value(QLatin1String("holidays"));
    if (!holidaysValue.isUndefined() && !holidaysValue.isArray())
        return invalid(tr("\"holidays\" must be a list of dates (yyyy-MM-dd)"));
    static const QRegularExpression dateRe(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    QList<QDate> holidays;
    for (const QJsonValue &v : holidaysValue.toArray()) {
        const QString text = v.toString();
        const QDate date = dateRe.match(text).hasMatch()
            ? QDate::fromString(text, QStringLiteral("yyyy-MM-dd"))
            : QDate();
        if (!v.isString() || !date.isValid())
            return invalid(tr("Holiday \"%1\" is not a valid date (yyyy-MM-dd)")
                               .arg(v.isString() ? text : v.toVariant().toString()));
        holidays.append(date);
    }
    cal.setHolidays(holidays);
    return cal;
}

bool BusinessCalendar::operator==(const BusinessCalendar &other) const
{
    return m_zone.id() == other.m_zone.id() && m_week == other.m_week
        && m_holidays == other.m_holidays;
}

} // namespace hd
