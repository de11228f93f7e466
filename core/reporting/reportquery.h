// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/enums.h"
#include "core/domain/ticket.h"

#include <QDate>
#include <QList>
#include <QVariant>

#include <optional>

namespace hd::reporting {

enum class Granularity { Day, Week, Month };
[[nodiscard]] QString wireName(Granularity g); ///< "day", "week", "month"
[[nodiscard]] std::optional<Granularity> parseGranularity(QStringView s);

/// Which tickets a report covers. Unset = any. Ids of 0 mean "none" (unassigned, no team, no
/// category). Dimensions are the tickets' current values.
struct ReportFilter
{
    std::optional<RowId> teamId;
    std::optional<RowId> agentId;
    std::optional<RowId> categoryId;
    std::optional<Channel> channel;
    std::optional<Priority> priority;
    std::optional<Direction> direction;

    [[nodiscard]] int count() const;
    /// (column of ticket_facts / report_daily, value) of each set dimension.
    [[nodiscard]] QList<std::pair<QString, QVariant>> columns() const;
    /// " AND col = ? ..." with the values appended to args; `prefix` qualifies the columns.
    [[nodiscard]] QString sql(QVariantList &args, const QString &prefix = QString()) const;
    bool operator==(const ReportFilter &) const = default;
};

/// A period [from, to] (local dates, both included) cut into buckets.
struct ReportQuery
{
    QDate from;
    QDate to;
    Granularity granularity = Granularity::Day;
    ReportFilter filter;

    [[nodiscard]] qint64 days() const { return from.daysTo(to) + 1; }
    /// The period of equal length just before this one.
    [[nodiscard]] ReportQuery previous() const;
    bool operator==(const ReportQuery &) const = default;
};

/// A bucket of a trend: [start, end], clipped to the period. Weeks start on Monday (ISO).
struct Bucket
{
    QDate start;
    QDate end;
    bool operator==(const Bucket &) const = default;
};
[[nodiscard]] QList<Bucket> buckets(const ReportQuery &q);

/// Exact nearest-rank percentile of sorted values: the smallest value v such that at least p% of
/// the values are <= v, i.e. sorted[ceil(p/100 * n) - 1] (rank at least 1). The median is p = 50
/// (for an even count, the lower of the two middle values). 0 when there are no values.
[[nodiscard]] qint64 nearestRank(const QList<qint64> &sorted, int p);

} // namespace hd::reporting
