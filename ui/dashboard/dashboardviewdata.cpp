// SPDX-License-Identifier: GPL-3.0-or-later
// DashboardView: computing the figures on a worker thread, showing them, opening the tickets
// behind them.
#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/reporting/rollups.h"
#include "core/reporting/ticketids.h"
#include "ui/dashboard/dashboardformat.h"
#include "ui/dashboard/dashboardview.h"
#include "ui/dashboard/kpitile.h"
#include "ui/importdialogjob.h"

#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>

namespace hd {

using namespace reporting;

namespace {
struct Outcome
{
    Report report;
    QList<SpikeAlert> alerts;
    QString error;
    bool cancelled = false;
};

struct Ids
{
    QList<RowId> ids;
    QString error;
};

/// The dashboard's filter with what a click adds (a set dimension of `extra` wins).
ReportFilter combined(ReportFilter base, const ReportFilter &extra)
{
    if (extra.teamId)
        base.teamId = extra.teamId;
    if (extra.agentId)
        base.agentId = extra.agentId;
    if (extra.categoryId)
        base.categoryId = extra.categoryId;
    if (extra.channel)
        base.channel = extra.channel;
    if (extra.priority)
        base.priority = extra.priority;
    if (extra.direction)
        base.direction = extra.direction;
    return base;
}

} // namespace

bool DashboardView::isBusy() const
{
    return m_job != nullptr;
}

void DashboardView::cancel()
{
    m_pendingReload = false;
    if (m_job)
        m_job->cancel();
}

void DashboardView::setBusy(bool busy, const QString &what)
{
    m_busyRow->setVisible(busy);
    m_busyLabel->setText(what);
    m_progress->setRange(0, 0);
    m_refresh->setEnabled(!busy);
}

void DashboardView::reload()
{
    if (m_job) {
        m_pendingReload = true; // after the running computation ends
        return;
    }
    const ReportQuery q = query();
    if (auto v = validate(q); !v) {
        Q_EMIT failed(v.errorMessage());
        return;
    }
    auto outcome = std::make_shared<Outcome>();
    m_job = new ImportJob(this);
    ImportJob *job = m_job;
    connect(job, &ImportJob::progressed, this, [this](int, qint64 done, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
        m_busyLabel->setText(tr("Updating the report figures: %1 of %2 tickets")
                                 .arg(QLocale().toString(done), QLocale().toString(total)));
    });
    connect(job, &ImportJob::finished, this, [this, job, outcome] {
        job->deleteLater();
        m_job = nullptr;
        setBusy(false);
        if (!outcome->error.isEmpty()) {
            qCWarning(lcUi) << "dashboard:" << outcome->error;
            Q_EMIT failed(outcome->error);
        } else if (!outcome->cancelled) {
            m_report = std::move(outcome->report);
            m_alerts = std::move(outcome->alerts);
            m_haveReport = true;
            showReport();
            Q_EMIT loaded();
        }
        if (std::exchange(m_pendingReload, false))
            reload();
    });
    setBusy(true, tr("Computing the dashboard…"));
    Database &db = m_db;
    const Clock &clock = m_clock;
    const QTimeZone zone = m_zone;
    job->start([&db, &clock, zone, q, outcome, job] {
        ReportEngine engine(db, zone);
        auto refreshed = engine.refresh([job](qint64 done, qint64 total) {
            job->report(0, done, total);
            return !job->isCancelled();
        });
        if (!refreshed) {
            outcome->error = refreshed.errorMessage();
            return;
        }
        if (refreshed->cancelled || job->isCancelled()) {
            outcome->cancelled = true;
            return;
        }
        auto report = ReportBuilder(db).build(q);
        if (!report) {
            outcome->error = report.errorMessage();
            return;
        }
        outcome->report = std::move(*report);
        auto alerts = SpikeDetector(db).detectToday(clock, zone);
        if (!alerts) {
            outcome->error = alerts.errorMessage();
            return;
        }
        outcome->alerts = std::move(*alerts);
    });
}

void DashboardView::showReport()
{
    showTiles();
    showAlerts();
    showAgents();
    m_charts->setReport(m_report);
}

void DashboardView::showTiles()
{
    const auto texts = dashboard::tileTexts(m_report);
    for (int i = 0; i < kTileCount; ++i) {
        KpiTile *tile = m_tiles[size_t(i)];
        tile->setTitle(texts[size_t(i)].title);
        tile->setValue(texts[size_t(i)].value);
        tile->setChange(texts[size_t(i)].change, texts[size_t(i)].sentiment);
        const QString click = tr("Click to list the tickets behind this figure.");
        tile->setToolTip(texts[size_t(i)].detail.isEmpty()
                             ? click
                             : texts[size_t(i)].detail + QLatin1Char('\n') + click);
    }
}

void DashboardView::showAlerts()
{
    m_alertList->clear();
    m_alertList->setVisible(!m_alerts.isEmpty());
    m_alertsTitle->setText(m_alerts.isEmpty() ? tr("Volume alerts today: none")
                                              : tr("Volume alerts today"));
    for (int i = 0; i < m_alerts.size(); ++i) {
        const SpikeAlert &a = m_alerts[i];
        QString what;
        switch (a.dimension) {
        case SpikeDimension::Category:
            what = tr("Category %1").arg(a.name);
            break;
        case SpikeDimension::Channel: {
            const auto channel = parseChannel(a.key);
            what = tr("Channel %1").arg(channel ? displayName(*channel) : a.key);
            break;
        }
        case SpikeDimension::Tag:
            what = tr("Tag %1").arg(a.key);
            break;
        }
        auto *item = new QListWidgetItem(
            tr("⚠ %1: %n tickets today, usually about %2", nullptr, int(a.count))
                .arg(what, QLocale().toString(a.expected, 'f', 0)),
            m_alertList);
        item->setData(Qt::UserRole, i);
    }
}

void DashboardView::showAgents()
{
    m_agents->setRowCount(int(m_report.agents.size()));
    auto item = [](const QString &text, Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter) {
        auto *i = new QTableWidgetItem(text);
        i->setTextAlignment(align);
        return i;
    };
    auto median = [](const DurationStats &s) {
        return dashboard::Format::duration(s.count ? std::optional<qint64>(s.median)
                                                   : std::nullopt);
    };
    for (int r = 0; r < m_report.agents.size(); ++r) {
        const AgentRow &a = m_report.agents[r];
        m_agents->setItem(
            r, 0, item(a.agentId ? a.name : tr("Unassigned"), Qt::AlignLeft | Qt::AlignVCenter));
        m_agents->setItem(r, 1, item(dashboard::Format::count(a.solved)));
        m_agents->setItem(r, 2, item(median(a.firstResponse)));
        m_agents->setItem(r, 3, item(median(a.resolutionBusiness)));
        m_agents->setItem(r, 4,
                          item(a.csatResponses
                                   ? tr("%1 (%2 ratings)")
                                         .arg(dashboard::Format::percent(double(a.csatSatisfied)
                                                                         / double(a.csatResponses)),
                                              dashboard::Format::count(a.csatResponses))
                                   : QStringLiteral("–")));
    }
}

void DashboardView::openTile(Tile t)
{
    if (!m_haveReport)
        return;
    DashboardCharts::Pick p;
    p.from = m_report.query.from;
    p.to = m_report.query.to;
    p.title = m_tiles[size_t(t)]->title();
    static const Figure figures[kTileCount]
        = {Figure::Created,  Figure::Solved,      Figure::Backlog, Figure::FirstResponse,
           Figure::Resolved, Figure::FrtBreached, Figure::Reopens, Figure::CsatRated};
    p.figure = figures[int(t)];
    if (t == Tile::Sla)
        p.title = tr("SLA breached");
    openPick(p);
}

void DashboardView::openPick(const DashboardCharts::Pick &pick)
{
    const ReportFilter filter = combined(m_report.query.filter, pick.filter);
    auto out = std::make_shared<Ids>();
    auto *job = new ImportJob(this);
    const QString title = pick.title;
    connect(job, &ImportJob::finished, this, [this, job, out, title] {
        job->deleteLater();
        if (!out->error.isEmpty())
            Q_EMIT failed(out->error);
        else
            Q_EMIT openTickets(title, out->ids);
    });
    Database &db = m_db;
    job->start([&db, filter, pick, out] {
        auto ids = ticketIds(db, filter, pick.figure, pick.from, pick.to, pick.bucket);
        if (ids && pick.figure == Figure::FrtBreached) {
            // SLA compliance covers both clocks: the breaches of either.
            auto more = ticketIds(db, filter, Figure::ResolutionBreached, pick.from, pick.to);
            if (!more) {
                out->error = more.errorMessage();
                return;
            }
            for (RowId id : *more)
                if (!ids->contains(id))
                    ids->append(id);
        }
        if (!ids)
            out->error = ids.errorMessage();
        else
            out->ids = *ids;
    });
}

} // namespace hd
