// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reporting/report.h"

#include <QTimeZone>

namespace hd {
class Database;
}

namespace hd::reporting {

/// The same Report as ReportBuilder, computed from scratch: every ticket's row and status events
/// are read and measured (computeFacts) and the figures are summed ticket by ticket, without
/// ticket_facts, the rollup tables or the watermark; created counts come straight from
/// tickets.created_at with the period's bounds in `zone`. Slow by design (it reads every
/// ticket); tests and the benchmark compare it with ReportBuilder.
Result<Report> buildFromScratch(Database &db, const QTimeZone &zone, const ReportQuery &q,
                                int parts = Report::Everything);

} // namespace hd::reporting
