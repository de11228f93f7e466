// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/reporting/spikes.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace hd {

class Clock;
class Database;
class ImportJob;

/// Looks for volume spikes now and then (brings the report figures up to date on a worker
/// thread, then runs the SpikeDetector for today) and announces each alert once a day.
class SpikeWatcher : public QObject
{
    Q_OBJECT
public:
    SpikeWatcher(Database &db, const Clock &clock, QObject *parent = nullptr);
    ~SpikeWatcher() override;

    /// Checks after `firstDelayMs`, then every `intervalMs`.
    void start(int firstDelayMs, int intervalMs);
    /// Checks now (unless a check is running).
    void check();

Q_SIGNALS:
    /// Alerts not announced before today.
    void alertsRaised(const QList<hd::reporting::SpikeAlert> &alerts);
    void checked();

private:
    Database &m_db;
    const Clock &m_clock;
    QTimer m_timer;
    ImportJob *m_job = nullptr;
    QSet<QString> m_announced; ///< day|dimension|key
};

} // namespace hd
