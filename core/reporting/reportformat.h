// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/reporting/report.h"
#include "core/reporting/spikes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace hd::reporting {

/// One headline figure with its stable wire name (JSON, CSV) and translated display name
/// (context hd::reporting::Figures).
struct KpiValue
{
    enum Kind { Count, Seconds, Ratio, Score };
    QString wire;
    QString display;
    Kind kind = Count;
    std::optional<double> value; ///< unset when undefined (no tickets to measure)
};
[[nodiscard]] QList<KpiValue> kpiValues(const Kpis &k);

/// "3", "1 h 05 min", "2 d 4 h", "87.5%", "—".
[[nodiscard]] QString formatValue(KpiValue::Kind kind, const std::optional<double> &value);
[[nodiscard]] QString formatDuration(double secs);

/// The whole report as one JSON object (keys are wire names; durations in seconds).
[[nodiscard]] QJsonObject toJson(const Report &r);
/// Long format: section,start,end,key,name,figure,value (one figure per line, RFC 4180).
[[nodiscard]] QString toCsv(const Report &r);
/// toCsv() into a file, UTF-8 with a byte order mark (spreadsheets then read Korean right),
/// written atomically.
Result<void> saveCsv(const Report &r, const QString &path);
[[nodiscard]] QJsonObject toJson(const SpikeAlert &a);

} // namespace hd::reporting
