// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the dashboard window, the tickets behind its figures, volume alerts.
#include "core/domain/enums.h"
#include "core/reporting/spikes.h"
#include "core/storage/ticketquery.h"
#include "ui/assignmentnotifier.h"
#include "ui/dashboard/dashboardview.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/spikewatcher.h"
#include "ui/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/ticketlistmodel.h"

#include <QAction>
#include <QMenu>
#include <QStatusBar>
#include <QSystemTrayIcon>

namespace hd {

namespace {
constexpr int kFirstSpikeCheckMs = 2 * 60 * 1000;
constexpr int kSpikeCheckIntervalMs = 15 * 60 * 1000;
} // namespace

void MainWindow::buildReportActions()
{
    m_dashboardAction = new QAction(this);
    m_dashboardAction->setObjectName(QStringLiteral("actionDashboard"));
    m_dashboardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_dashboardAction, &QAction::triggered, this, [this] { openDashboard(); });
    m_spikes = new SpikeWatcher(m_database, m_clock, this);
    connect(m_spikes, &SpikeWatcher::alertsRaised, this, &MainWindow::showSpikeAlerts);
    m_spikes->start(kFirstSpikeCheckMs, kSpikeCheckIntervalMs);
}

void MainWindow::retranslateReportActions()
{
    m_reportsMenu->setTitle(tr("&Reports"));
    m_dashboardAction->setText(tr("&Dashboard"));
}

DashboardWindow *MainWindow::openDashboard()
{
    if (!m_dashboard) {
        m_dashboard = new DashboardWindow(m_database, m_clock, this);
        connect(m_dashboard, &DashboardWindow::openTickets, this, &MainWindow::showTickets);
        m_dashboard->show();
        m_dashboard->view()->reload();
    }
    m_dashboard->show();
    m_dashboard->raise();
    m_dashboard->activateWindow();
    return m_dashboard;
}

void MainWindow::showTickets(const QString &title, const QList<RowId> &ids)
{
    TicketFilter filter;
    // No ticket at all must list nothing, not everything: an id no ticket has.
    filter.ids = ids.isEmpty() ? QList<RowId>{-1} : ids;
    m_filterBar->setFilter(filter);
    m_ticketModel->setQuery(filter, {SortColumn::Created, true});
    statusBar()->showMessage(tr("%1: %n ticket(s)", nullptr, int(ids.size())).arg(title));
    show();
    raise();
    activateWindow();
}

void MainWindow::showSpikeAlerts(const QList<reporting::SpikeAlert> &alerts)
{
    QStringList lines;
    for (const reporting::SpikeAlert &a : alerts)
        lines << tr("%1: %n tickets today", nullptr, int(a.count))
                     .arg(a.name.isEmpty() ? a.key : a.name);
    const QString title = tr("Unusual ticket volume");
    statusBar()->showMessage(title + QStringLiteral(": ") + lines.join(QStringLiteral("; ")));
    QSystemTrayIcon *tray = m_notifier ? m_notifier->trayIcon() : nullptr;
    if (tray && tray->isVisible())
        tray->showMessage(title, lines.join(QLatin1Char('\n')), QSystemTrayIcon::Warning);
}

} // namespace hd
