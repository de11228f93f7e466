// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reporting/reportquery.h"

#include <QCoreApplication>

namespace hd {
class Database;
}

namespace hd::reporting {

/// The figures a dashboard can open the tickets of. Wire names are stable (JSON, CSV, CLI).
enum class Figure {
    Created, ///< created in the range
    Solved, ///< solved or closed (from active) in the range, at least once
    Reopened, ///< reopened in the range
    Backlog, ///< unresolved at the end of the range's last day
    FirstResponse, ///< first response in the range (inbound)
    FrtBreached, ///< ... after its SLA due time
    Resolved, ///< last resolution in the range
    ResolutionBreached, ///< ... after its SLA due time
    Reopens, ///< resolved in the range after at least one reopen
    CsatRated, ///< resolved in the range and rated
    CsatSatisfied, ///< ... rated 4 or 5
    CsatUnsatisfied, ///< ... rated 1 to 3
    ResolutionBucket, ///< resolved in the range with a resolution time in histogram bucket `bucket`
};
[[nodiscard]] QString wireName(Figure f);
[[nodiscard]] std::optional<Figure> parseFigure(QStringView s);
[[nodiscard]] QString displayName(Figure f); ///< translated (context hd::reporting::Figures)

/// The tickets behind a figure over [from, to] (local dates) with the query's filter, by id,
/// at most `limit`. Reads ticket_facts, so refresh the ReportEngine first.
Result<QList<RowId>> ticketIds(Database &db, const ReportFilter &filter, Figure figure, QDate from,
                               QDate to, int bucket = 0, int limit = 10'000);

} // namespace hd::reporting
