// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboard/spikewatcher.h"

#include "core/base/logging.h"
#include "core/reporting/rollups.h"
#include "ui/importdialogjob.h"

#include <QTimeZone>

#include <memory>

namespace hd {

using namespace reporting;

SpikeWatcher::SpikeWatcher(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
{
    connect(&m_timer, &QTimer::timeout, this, &SpikeWatcher::check);
}

SpikeWatcher::~SpikeWatcher() = default;

void SpikeWatcher::start(int firstDelayMs, int intervalMs)
{
    QTimer::singleShot(firstDelayMs, this, &SpikeWatcher::check);
    m_timer.start(intervalMs);
}

void SpikeWatcher::check()
{
    if (m_job)
        return;
    struct Outcome
    {
        QList<SpikeAlert> alerts;
        QString error;
    };
    auto out = std::make_shared<Outcome>();
    m_job = new ImportJob(this);
    ImportJob *job = m_job;
    connect(job, &ImportJob::finished, this, [this, job, out] {
        job->deleteLater();
        m_job = nullptr;
        if (!out->error.isEmpty()) {
            qCWarning(lcUi) << "spike check:" << out->error;
            return;
        }
        QList<SpikeAlert> fresh;
        for (const SpikeAlert &a : std::as_const(out->alerts)) {
            const QString key = a.day.toString(Qt::ISODate) + QLatin1Char('|')
                + wireName(a.dimension) + QLatin1Char('|') + a.key;
            if (!m_announced.contains(key)) {
                m_announced.insert(key);
                fresh << a;
            }
        }
        if (!fresh.isEmpty())
            Q_EMIT alertsRaised(fresh);
        Q_EMIT checked();
    });
    Database &db = m_db;
    const Clock &clock = m_clock;
    job->start([&db, &clock, out, job] {
        const QTimeZone zone = QTimeZone::systemTimeZone();
        auto refreshed
            = ReportEngine(db, zone).refresh([job](qint64, qint64) { return !job->isCancelled(); });
        if (!refreshed) {
            out->error = refreshed.errorMessage();
            return;
        }
        if (refreshed->cancelled)
            return;
        auto alerts = SpikeDetector(db).detectToday(clock, zone);
        if (!alerts)
            out->error = alerts.errorMessage();
        else
            out->alerts = *alerts;
    });
}

} // namespace hd
