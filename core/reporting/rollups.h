// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <functional>
#include <memory>

namespace hd {
class Database;
}

namespace hd::reporting {

class DayMapper;
class PolicyCache;

/// Dimensions of report_dim (one dimension at a time; 0 = every ticket, key '').
enum class Dim { All = 0, Channel, Direction, Category, Priority, Team, Agent };

/// Keeps ticket_facts and the per-day rollups (report_daily, report_dim, report_daily_tag) in
/// step with the tickets, without hooks in the writers: every change writes an events row with a
/// growing id, so refresh() recomputes the facts of the tickets named by events past the
/// watermark (and of deleted tickets, listed by a trigger in report_dirty), subtracts their old
/// contributions from the rollups, adds the new ones and moves the watermark, one transaction
/// per batch.
///
/// A rebuild (first refresh, another report time zone, changed SLA policies) recomputes every
/// ticket's facts in batches (resumable: the cursor is kept in report_state, so a cancelled or
/// interrupted rebuild continues where it stopped), then aggregates the rollups from the facts
/// in SQL, then catches up with the events written meanwhile.
class ReportEngine
{
    Q_DECLARE_TR_FUNCTIONS(hd::reporting::ReportEngine)
public:
    /// Report days are local dates in `zone`.
    ReportEngine(Database &db, QTimeZone zone);
    ~ReportEngine();

    [[nodiscard]] const QTimeZone &timeZone() const { return m_zone; }
    [[nodiscard]] Database &database() { return m_db; }

    /// done/total tickets; return false to cancel (the work done so far is kept).
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    struct Stats
    {
        qint64 tickets = 0; ///< tickets recomputed
        bool rebuilt = false; ///< a full rebuild ran (or continued)
        bool cancelled = false;
    };
    /// Brings the facts and rollups up to date.
    Result<Stats> refresh(const Progress &progress = {});
    /// Forgets the facts and rollups; the next refresh rebuilds them.
    Result<void> invalidate();

    /// Tickets per batch (one transaction each).
    void setBatchSize(int n) { m_batch = qMax(1, n); }

private:
    Result<void> startRebuild(const QString &fingerprint);
    Result<bool> rebuildStep(qint64 &done, qint64 *recomputed);
    Result<void> aggregateRollups();
    Result<bool> incrementalStep(qint64 *recomputed);
    Result<void> recompute(const QList<RowId> &ids, bool withRollups);
    Result<QString> state(const QString &key);
    Result<void> setState(const QString &key, const QVariant &value);

    Database &m_db;
    QTimeZone m_zone;
    int m_batch = 2000;
    std::unique_ptr<DayMapper> m_days;
    std::unique_ptr<PolicyCache> m_policies;
};

} // namespace hd::reporting
