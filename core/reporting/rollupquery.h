// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reporting/facts.h"
#include "core/reporting/reportquery.h"
#include "core/reporting/rollups.h"

#include <QHash>
#include <QMap>

namespace hd {
class Database;
}

namespace hd::reporting {

/// Sums of the rollup counters for a filter. With no filter or one, reads report_dim (a few rows
/// per day); with more, the full cube report_daily.
class RollupReader
{
public:
    RollupReader(Database &db, ReportFilter filter)
        : m_db(db)
        , m_filter(std::move(filter))
    { }
    /// Counters per day in [fromDay, toDay] (days without rows are absent).
    Result<QMap<qint64, Counters>> daily(qint64 fromDay, qint64 toDay);
    /// Sum of all days before `day`.
    Result<Counters> before(qint64 day);
    /// Counters in [fromDay, toDay] grouped by a dimension's key (as report_dim keys: wire
    /// names, decimal ids and priorities).
    Result<QHash<QString, Counters>> grouped(Dim by, qint64 fromDay, qint64 toDay);

private:
    /// FROM ... WHERE ... (without the day condition) and its arguments.
    QString source(QVariantList &args) const;

    Database &m_db;
    ReportFilter m_filter;
};

/// The report_daily column of a dimension ("" for Dim::All).
QString cubeColumn(Dim d);

} // namespace hd::reporting
