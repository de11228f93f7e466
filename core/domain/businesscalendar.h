// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QTimeZone>

#include <array>

namespace hd {

/// One working interval of a day, in local wall-clock minutes after midnight: [start, end).
/// 0 <= startMinute < endMinute <= 1440; an end of 1440 is written "24:00" (end of the day).
struct WorkInterval
{
    int startMinute = 0;
    int endMinute = 0;

    static WorkInterval hm(int startHour, int startMin, int endHour, int endMin)
    {
        return {startHour * 60 + startMin, endHour * 60 + endMin};
    }
    friend bool operator==(const WorkInterval &, const WorkInterval &) = default;
};

/// When a team works: an IANA time zone, weekly working hours (zero or more intervals per
/// weekday, in local time) and holidays (whole local dates off).
///
/// All instants at the API are UTC QDateTimes (any valid QDateTime is accepted and treated as
/// the instant it denotes); local times are resolved in the calendar's zone internally.
///
/// Daylight-saving rules: a working interval on a local date runs between the instants its
/// local start and end occur on that date. A local time skipped by a spring-forward gap maps to
/// the instant the gap ends (so 00:00-06:00 on the New York spring-forward Sunday is 5 real
/// hours); a local time repeated by a fall-back maps to its first occurrence (00:00-06:00 on the
/// fall-back Sunday is 7 real hours). "24:00" is the next date's 00:00, so a 24/7 calendar is
/// contiguous and counts real elapsed time across transitions.
///
/// Business time is counted in milliseconds; the *Seconds functions round elapsed time down.
class BusinessCalendar
{
    Q_DECLARE_TR_FUNCTIONS(hd::BusinessCalendar)
public:
    /// UTC with no working hours: never business time. Set hours before use.
    BusinessCalendar();
    /// The given zone (UTC if invalid) with no working hours.
    explicit BusinessCalendar(const QTimeZone &zone);

    /// Every day 00:00-24:00 in UTC: business time is real elapsed time.
    [[nodiscard]] static BusinessCalendar always();
    /// Monday to Friday 09:00-18:00 in zone, no holidays.
    [[nodiscard]] static BusinessCalendar standard(const QTimeZone &zone);

    [[nodiscard]] QTimeZone timeZone() const { return m_zone; }
    void setTimeZone(const QTimeZone &zone);

    /// Working intervals of a weekday, sorted by start.
    [[nodiscard]] QList<WorkInterval> hours(Qt::DayOfWeek day) const;
    /// Replaces a weekday's intervals. Fails (leaving the calendar unchanged) when an interval is
    /// out of range, ends before it starts, or overlaps another; touching intervals are allowed.
    Result<void> setHours(Qt::DayOfWeek day, QList<WorkInterval> intervals);
    /// Sets the same intervals on Monday to Friday (weekend cleared) or on all seven days.
    Result<void> setWeekdayHours(const QList<WorkInterval> &intervals);
    Result<void> setAllDaysHours(const QList<WorkInterval> &intervals);

    /// Sorted, without duplicates.
    [[nodiscard]] QList<QDate> holidays() const { return m_holidays; }
    void setHolidays(const QList<QDate> &dates);
    void addHoliday(QDate date);
    [[nodiscard]] bool isHoliday(QDate localDate) const;

    /// Nominal business seconds of a week without holidays or DST transitions.
    [[nodiscard]] qint64 weeklyBusinessSeconds() const;
    [[nodiscard]] bool hasWorkingHours() const { return weeklyBusinessSeconds() > 0; }

    /// Whether the instant lies inside a working interval ([start, end): closing time is not).
    [[nodiscard]] bool isBusinessTime(const QDateTime &utc) const;
    /// utc itself when it is business time, else the next opening (UTC). Null when there is
    /// none within the scan limit (no working hours, or holidays for ages).
    [[nodiscard]] QDateTime nextBusinessStart(const QDateTime &utc) const;

    /// The instant (UTC) at which `seconds` of business time have elapsed since startUtc:
    /// counting begins at nextBusinessStart(startUtc), and the earliest such instant is
    /// returned, so a target reached at closing time yields the closing time, not the next
    /// opening. seconds <= 0 yields nextBusinessStart(startUtc). Null if startUtc is invalid or
    /// the target is not reached within the scan limit (kMaxScanDays of calendar days).
    [[nodiscard]] QDateTime addBusinessSeconds(const QDateTime &startUtc, qint64 seconds) const;
    [[nodiscard]] QDateTime addBusinessMSecs(const QDateTime &startUtc, qint64 msecs) const;

    /// Business time inside [aUtc, bUtc); 0 if bUtc <= aUtc or either is invalid.
    [[nodiscard]] qint64 businessSecondsBetween(const QDateTime &aUtc, const QDateTime &bUtc) const;
    [[nodiscard]] qint64 businessMSecsBetween(const QDateTime &aUtc, const QDateTime &bUtc) const;

    /// {"timeZone": "Asia/Seoul", "hours": {"mon": ["09:00-12:00", "13:00-18:00"], ...},
    ///  "holidays": ["2025-01-28", ...]}. Days without hours are omitted.
    [[nodiscard]] QJsonObject toJson() const;
    /// Parses and validates toJson()'s format. "hours" and "holidays" may be omitted; the time
    /// zone is required. Errors (InvalidArgument) name the offending value.
    [[nodiscard]] static Result<BusinessCalendar> fromJson(const QJsonObject &json);

    bool operator==(const BusinessCalendar &other) const;

    /// How far ahead (in local days) searches for business time go before giving up.
    static constexpr int kMaxScanDays = 366 * 100;

private:
    struct Span
    {
        qint64 begin; // UTC ms since epoch
        qint64 end;
    };
    [[nodiscard]] qint64 localToUtcMs(QDate date, int minute) const;
    [[nodiscard]] qint64 resolveLocal(qint64 localMs, qint64 earlyOffsetMs) const;
    [[nodiscard]] QDate localDate(qint64 utcMs) const;
    [[nodiscard]] QList<Span> spansOn(QDate date) const;
    [[nodiscard]] bool uniformWeek(QDate firstDay) const;
    [[nodiscard]] qint64 offsetMs(qint64 utcMs) const;

    QTimeZone m_zone;
    std::array<QList<WorkInterval>, 7> m_week; // index 0 = Monday
    QList<QDate> m_holidays;
};

} // namespace hd
