// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/ticketids.h"

#include "core/reporting/facts.h"
#include "core/reporting/factsio.h"
#include "core/reporting/report.h"
#include "core/storage/database.h"

namespace hd::reporting {

namespace {
struct Name
{
    Figure figure;
    const char *wire;
    const char *display;
};
const Name kNames[] = {
    {Figure::Created, "created", QT_TRANSLATE_NOOP("hd::reporting::Figures", "Created")},
    {Figure::Solved, "solved", QT_TRANSLATE_NOOP("hd::reporting::Figures", "Solved")},
    {Figure::Reopened, "reopened", QT_TRANSLATE_NOOP("hd::reporting::Figures", "Reopened")},
    {Figure::Backlog, "backlog", QT_TRANSLATE_NOOP("hd::reporting::Figures", "Backlog")},
    {Figure::FirstResponse, "first_response",
     QT_TRANSLATE_NOOP("hd::reporting::Figures", "First response")},
    {Figure::FrtBreached, "first_response_breached",
     QT_TRANSLATE_NOOP("hd::reporting::Figures", "First response SLA breached")},
    {Figure::Resolved, "resolved", QT_TRANSLATE_NOOP("hd::reporting::Figures", "Resolved")},
    {Figure::ResolutionBreached, "resolution_breached",
     QT_TRANSLATE_NOOP("hd::reporting::Figures", "Resolution SLA breached")},
    {Figure::Reopens, "reopens", QT_TRANSLATE_NOOP("hd::reporting::Figures", "Reopened before")},
    {Figure::CsatRated, "csat_rated", QT_TRANSLATE_NOOP("hd::reporting::Figures", "Rated")},
    {Figure::CsatSatisfied, "csat_satisfied",
     QT_TRANSLATE_NOOP("hd::reporting::Figures", "Satisfied")},
    {Figure::CsatUnsatisfied, "csat_unsatisfied",
     QT_TRANSLATE_NOOP("hd::reporting::Figures", "Unsatisfied")},
    {Figure::ResolutionBucket, "resolution_bucket",
     QT_TRANSLATE_NOOP("hd::reporting::Figures", "Resolution time")},
};

qint64 countIn(const QList<qint64> &days, qint64 a, qint64 b)
{
    return std::count_if(days.begin(), days.end(), [&](qint64 d) { return d >= a && d <= b; });
}
} // namespace

QString wireName(Figure f)
{
    for (const Name &n : kNames)
        if (n.figure == f)
            return QString::fromLatin1(n.wire);
    return {};
}

std::optional<Figure> parseFigure(QStringView s)
{
    for (const Name &n : kNames)
        if (s == QLatin1String(n.wire))
            return n.figure;
    return std::nullopt;
}

QString displayName(Figure f)
{
    for (const Name &n : kNames)
        if (n.figure == f)
            return QCoreApplication::translate("hd::reporting::Figures", n.display);
    return {};
}

Result<QList<RowId>> ticketIds(Database &db, const ReportFilter &filter, Figure figure, QDate from,
                               QDate to, int bucket, int limit)
{
    const qint64 a = DayMapper::dayOfDate(from), b = DayMapper::dayOfDate(to);
    QVariantList args;
    QString where;
    // Tickets whose solve/reopen days need checking in C++ (lists stored as JSON).
    bool checkSolves = false, checkReopens = false, checkBacklog = false;
    switch (figure) {
    case Figure::Created:
        where = QStringLiteral("created_day BETWEEN ? AND ?");
        args << a << b;
        break;
    case Figure::Solved:
        where = QStringLiteral("(resolved_day BETWEEN ? AND ? OR reopens > 0)");
        args << a << b;
        checkSolves = true;
        break;
    case Figure::Reopened:
        where = QStringLiteral("reopens > 0");
        checkReopens = true;
        break;
    case Figure::Backlog:
        where = QStringLiteral("created_day <= ? AND (resolved_day IS NULL OR resolved_day > ? "
                               "OR reopens > 0)");
        args << b << b;
        checkBacklog = true;
        break;
    case Figure::FirstResponse:
    case Figure::FrtBreached:
        where = QStringLiteral("fr_day BETWEEN ? AND ?");
        args << a << b;
        if (figure == Figure::FrtBreached)
            where += QStringLiteral(" AND frt_sla_met = 0");
        break;
    default:
        where = QStringLiteral("resolved_day BETWEEN ? AND ?");
        args << a << b;
        if (figure == Figure::ResolutionBreached)
            where += QStringLiteral(" AND res_sla_met = 0");
        else if (figure == Figure::Reopens)
            where += QStringLiteral(" AND reopens > 0");
        else if (figure == Figure::CsatRated)
            where += QStringLiteral(" AND csat > 0");
        else if (figure == Figure::CsatSatisfied)
            where += QStringLiteral(" AND csat >= %1").arg(kCsatSatisfied);
        else if (figure == Figure::CsatUnsatisfied)
            where += QStringLiteral(" AND csat > 0 AND csat < %1").arg(kCsatSatisfied);
        else if (figure == Figure::ResolutionBucket) {
            const int i = qBound(0, bucket, kHistogramBuckets - 1);
            if (i > 0) {
                where += QStringLiteral(" AND res_secs >= ?");
                args << kHistogramBounds[std::size_t(i - 1)];
            }
            if (i < kHistogramBuckets - 1) {
                where += QStringLiteral(" AND res_secs < ?");
                args << kHistogramBounds[std::size_t(i)];
            }
        }
        break;
    }
    where += filter.sql(args);
    auto q = db.exec(QStringLiteral("SELECT ticket_id, solve_days, reopen_days, created_day FROM "
                                    "ticket_facts WHERE merged = 0 AND %1 ORDER BY ticket_id")
                         .arg(where),
                     args);
    if (!q)
        return q.error();
    QList<RowId> out;
    while (q->next() && out.size() < limit) {
        if (checkSolves || checkReopens || checkBacklog) {
            const QList<qint64> solves = daysFromText(q->value(1).toString());
            const QList<qint64> reopens = daysFromText(q->value(2).toString());
            if (checkSolves && !countIn(solves, a, b))
                continue;
            if (checkReopens && !countIn(reopens, a, b))
                continue;
            if (checkBacklog && countIn(solves, LLONG_MIN, b) != countIn(reopens, LLONG_MIN, b))
                continue;
        }
        out << q->value(0).toLongLong();
    }
    q->finish();
    return out;
}

} // namespace hd::reporting
