// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QDate>
#include <QTimeZone>

namespace hd {
class Clock;
class Database;
} // namespace hd

namespace hd::reporting {

/// Volume spikes: for every category, channel and tag, the tickets created today against a
/// baseline of the same weekday in the previous weeks (weekday seasonality: Mondays are compared
/// with Mondays). The baseline is an exponentially weighted moving average over those weeks
/// (oldest first, weight alpha on the newest), with an exponentially weighted variance; sigma is
/// at least the Poisson spread sqrt(max(expected, 1)). An alert is raised when today's count is
/// at least minCount and exceeds expected + k * sigma. Reads report_dim / report_daily_tag, so
/// refresh the ReportEngine first.
struct SpikeOptions
{
    int weeks = 8;
    double alpha = 0.3;
    double k = 3.0;
    qint64 minCount = 10;
};

enum class SpikeDimension { Category, Channel, Tag };
[[nodiscard]] QString wireName(SpikeDimension d); ///< "category", "channel", "tag"

struct SpikeAlert
{
    SpikeDimension dimension = SpikeDimension::Category;
    QString key; ///< category id, channel wire name or tag
    QString name; ///< display name
    QDate day;
    qint64 count = 0;
    double expected = 0;
    double sigma = 0;
    QList<RowId> ticketIds; ///< the tickets behind the alert (created that day)
};

/// The baseline of one series: values of the same weekday, oldest first.
struct Baseline
{
    double expected = 0;
    double sigma = 0;
};
[[nodiscard]] Baseline ewmaBaseline(const QList<qint64> &oldestFirst, double alpha);

class SpikeDetector
{
    Q_DECLARE_TR_FUNCTIONS(hd::reporting::SpikeDetector)
public:
    explicit SpikeDetector(Database &db, SpikeOptions options = {})
        : m_db(db)
        , m_options(options)
    { }
    /// Alerts for `day`, largest excess first.
    Result<QList<SpikeAlert>> detect(QDate day);
    /// Alerts for today in `zone`.
    Result<QList<SpikeAlert>> detectToday(const Clock &clock, const QTimeZone &zone);

private:
    Database &m_db;
    SpikeOptions m_options;
};

} // namespace hd::reporting
