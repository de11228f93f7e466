// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reporting/reportquery.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace hd {
class Database;
}

namespace hd::reporting {

/// Count, mean, median and 90th percentile (nearest rank, see nearestRank()) of durations in
/// seconds. Everything is 0 when count is 0.
struct DurationStats
{
    qint64 count = 0;
    qint64 sum = 0;
    qint64 median = 0;
    qint64 p90 = 0;
    [[nodiscard]] double mean() const { return count ? double(sum) / double(count) : 0.0; }
    bool operator==(const DurationStats &) const = default;
};

/// Headline figures of a period. Definitions (all from ticket facts, core/reporting/facts.h):
/// - created: tickets created in the period; inbound/outbound split it by direction.
/// - solved: changes from an active status to solved/closed in the period; reopened: changes
///   from solved back to active. backlogStart/End: tickets created and not resolved at the start
///   of the first / end of the last day (created - solved + reopened up to then).
/// - first response (inbound tickets, by the day of the first public agent reply) and resolution
///   (tickets solved or closed now, by the day of their last resolution), in calendar and
///   business seconds, pending time left out of both.
/// - SLA: clocks with a target that stopped in the period (first response, resolution), met when
///   stopped at or before their due time.
/// - reopen rate: share of the resolved tickets that were reopened at least once.
/// - CSAT (1..5): score = share of ratings of 4 or 5; response rate = rated / resolved tickets;
///   both over the tickets resolved in the period.
struct Kpis
{
    qint64 created = 0;
    qint64 inbound = 0;
    qint64 outbound = 0;
    qint64 solved = 0;
    qint64 reopened = 0;
    qint64 backlogStart = 0;
    qint64 backlogEnd = 0;
    DurationStats firstResponse, firstResponseBusiness, resolution, resolutionBusiness;
    qint64 frtSlaTotal = 0, frtSlaMet = 0, resSlaTotal = 0, resSlaMet = 0;
    qint64 resolved = 0, resolvedReopened = 0;
    qint64 csatSent = 0, csatResponses = 0, csatSum = 0, csatSatisfied = 0;

    [[nodiscard]] std::optional<double> slaCompliance() const; ///< both clocks together
    [[nodiscard]] std::optional<double> frtSlaCompliance() const;
    [[nodiscard]] std::optional<double> resSlaCompliance() const;
    [[nodiscard]] std::optional<double> reopenRate() const;
    [[nodiscard]] std::optional<double> csatScore() const;
    [[nodiscard]] std::optional<double> csatResponseRate() const;
    [[nodiscard]] std::optional<double> csatMean() const;
    bool operator==(const Kpis &) const = default;
};

struct TrendPoint
{
    Bucket bucket;
    qint64 created = 0;
    qint64 solved = 0;
    qint64 reopened = 0;
    qint64 backlog = 0; ///< at the end of the bucket
    DurationStats firstResponse; ///< median/p90 only with Report::TrendPercentiles
    DurationStats resolution;
    bool operator==(const TrendPoint &) const = default;
};

struct AgentRow
{
    RowId agentId = 0; ///< 0 = unassigned
    QString name;
    qint64 solved = 0;
    DurationStats firstResponse, resolution, resolutionBusiness;
    qint64 csatResponses = 0, csatSatisfied = 0;
    bool operator==(const AgentRow &) const = default;
};

/// Created and solved tickets of one value of a dimension.
struct MixRow
{
    QString key; ///< wire name, or decimal id (0 = none)
    QString name; ///< display name
    qint64 created = 0;
    qint64 solved = 0;
    bool operator==(const MixRow &) const = default;
};

/// Resolution time (calendar, pending excluded) of the tickets resolved in the period.
inline constexpr std::array<qint64, 6> kHistogramBounds{3600,      4 * 3600,  8 * 3600,
                                                        24 * 3600, 3 * 86400, 7 * 86400};
inline constexpr int kHistogramBuckets = 7; ///< <1h, 1-4h, 4-8h, 8-24h, 1-3d, 3-7d, >7d
[[nodiscard]] int histogramBucket(qint64 secs);
[[nodiscard]] QString histogramLabel(int bucket); ///< "<1h", "1-4h", ... (stable)

struct Report
{
    enum Part {
        Headline = 0x1, ///< current and previous Kpis
        Trend = 0x2,
        TrendPercentiles = 0x4, ///< median and p90 per trend bucket (reads every fact row)
        Agents = 0x8,
        Mix = 0x10,
        Histogram = 0x20,
        Everything = 0x3b, ///< all but TrendPercentiles
    };
    ReportQuery query;
    ReportQuery previousQuery;
    Kpis current, previous;
    QList<TrendPoint> trend;
    QList<AgentRow> agents; ///< by solved, descending, then id
    QList<MixRow> categories, channels, priorities, directions; ///< by created, descending, key
    std::array<qint64, kHistogramBuckets> histogram{};
    bool operator==(const Report &) const = default;
};

/// Builds reports from the rollups (refresh the ReportEngine first): counts and means from
/// report_dim/report_daily, percentiles from the ticket_facts rows of the period.
class ReportBuilder
{
    Q_DECLARE_TR_FUNCTIONS(hd::reporting::ReportBuilder)
public:
    explicit ReportBuilder(Database &db)
        : m_db(db)
    { }
    Result<Report> build(const ReportQuery &q, int parts = Report::Everything);

private:
    Database &m_db;
};

/// Checks a query: valid dates, from <= to, at most ~10 years.
Result<void> validate(const ReportQuery &q);

/// Display names of the mix rows and agents (categories, agents from the database).
Result<void> fillNames(Database &db, Report &r);

} // namespace hd::reporting
