// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the dashboard window, the tickets behind its figures, volume alerts, scheduled
// report exports.
#include "core/domain/enums.h"
#include "core/reporting/spikes.h"
#include "core/storage/ticketquery.h"
#include "ui/assignmentnotifier.h"
#include "ui/dashboard/dashboardview.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/scheduledexports.h"
#include "ui/dashboard/spikewatcher.h"
#include "ui/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/ticketlistmodel.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QStatusBar>
#include <QSystemTrayIcon>

namespace hd {

namespace {
constexpr int kFirstSpikeCheckMs = 2 * 60 * 1000;
constexpr int kSpikeCheckIntervalMs = 15 * 60 * 1000;
constexpr int kFirstExportRunMs = 60 * 1000;
constexpr int kExportRunIntervalMs = 30 * 60 * 1000;
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

    m_scheduledExportsAction = new QAction(this);
    m_scheduledExportsAction->setObjectName(QStringLiteral("actionScheduledExports"));
    connect(m_scheduledExportsAction, &QAction::triggered, this, &MainWindow::openScheduledExports);
    m_exporter = new ScheduledExporter(m_database, m_clock, m_settings, this);
    connect(m_exporter, &ScheduledExporter::exported, this, [this](const QString &path) {
        statusBar()->showMessage(
            tr("Scheduled report saved: %1").arg(QDir::toNativeSeparators(path)));
    });
    connect(m_exporter, &ScheduledExporter::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message); });
    m_exporter->start(kFirstExportRunMs, kExportRunIntervalMs);
}

void MainWindow::retranslateReportActions()
{
    m_reportsMenu->setTitle(tr("&Reports"));
    m_dashboardAction->setText(tr("&Dashboard"));
    m_scheduledExportsAction->setText(tr("&Scheduled Exports…"));
}

void MainWindow::openScheduledExports()
{
    ScheduledExportsDialog dialog(m_settings, this);
    if (dialog.exec() == QDialog::Accepted)
        m_exporter->runDue(); // a new schedule's last period at once
}

DashboardWindow *MainWindow::openDashboard()
{
    DashboardWindow *window = m_dashboard;
    if (!window) {
        window = new DashboardWindow(m_database, m_clock, this);
        m_dashboard = window;
        connect(window, &DashboardWindow::openTickets, this, &MainWindow::showTickets);
        window->show();
        window->view()->reload();
    }
    window->show();
    window->raise();
    window->activateWindow();
    return window;
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
