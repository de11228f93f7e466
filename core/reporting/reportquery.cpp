// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/reportquery.h"

namespace hd::reporting {

QString wireName(Granularity g)
{
    switch (g) {
    case Granularity::Day:
        return QStringLiteral("day");
    case Granularity::Week:
        return QStringLiteral("week");
    case Granularity::Month:
        return QStringLiteral("month");
    }
    return {};
}

std::optional<Granularity> parseGranularity(QStringView s)
{
    for (Granularity g : {Granularity::Day, Granularity::Week, Granularity::Month})
        if (s == wireName(g))
            return g;
    return std::nullopt;
}

int ReportFilter::count() const
{
    return int(columns().size());
}

QList<std::pair<QString, QVariant>> ReportFilter::columns() const
{
    QList<std::pair<QString, QVariant>> out;
    if (channel)
        out.append({QStringLiteral("channel"), hd::wireName(*channel)});
    if (direction)
        out.append({QStringLiteral("direction"), hd::wireName(*direction)});
    if (categoryId)
        out.append({QStringLiteral("category_id"), *categoryId});
    if (priority)
        out.append({QStringLiteral("priority"), int(*priority)});
    if (teamId)
        out.append({QStringLiteral("team_id"), *teamId});
    if (agentId)
        out.append({QStringLiteral("assignee_id"), *agentId});
    return out;
}

QString ReportFilter::sql(QVariantList &args, const QString &prefix) const
{
    QString s;
    for (const auto &[column, value] : columns()) {
        s += QStringLiteral(" AND ") + prefix + column + QStringLiteral(" = ?");
        args << value;
    }
    return s;
}

ReportQuery ReportQuery::previous() const
{
    ReportQuery p = *this;
    p.to = from.addDays(-1);
    p.from = from.addDays(-days());
    return p;
}

QList<Bucket> buckets(const ReportQuery &q)
{
    QList<Bucket> out;
    if (!q.from.isValid() || !q.to.isValid() || q.to < q.from)
        return out;
    QDate start = q.from;
    while (start <= q.to) {
        QDate end;
        switch (q.granularity) {
        case Granularity::Day:
            end = start;
            break;
        case Granularity::Week:
            end = start.addDays(7 - start.dayOfWeek());
            break;
        case Granularity::Month:
            end = QDate(start.year(), start.month(), start.daysInMonth());
            break;
        }
        if (end > q.to)
            end = q.to;
        out.append({start, end});
        start = end.addDays(1);
    }
    return out;
}

qint64 nearestRank(const QList<qint64> &sorted, int p)
{
    const qint64 n = sorted.size();
    if (n == 0)
        return 0;
    qint64 rank = (qint64(p) * n + 99) / 100; // ceil(p * n / 100)
    rank = qBound<qint64>(1, rank, n);
    return sorted[rank - 1];
}

} // namespace hd::reporting
