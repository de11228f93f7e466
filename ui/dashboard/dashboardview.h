// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"
#include "core/reporting/report.h"
#include "core/reporting/spikes.h"
#include "ui/dashboard/dashboardcharts.h"
#include "ui/dashboard/dashboardformat.h"

#include <QTimeZone>
#include <QWidget>

#include <array>
#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QTableWidget;
class QProgressBar;
class QPushButton;

namespace hd {

class Clock;
class Database;
class ImportJob;
class KpiTile;

/// The managers' dashboard: period and filter controls, headline figures against the previous
/// period, charts and today's volume alerts. Figures come from core/reporting's rollups, brought
/// up to date and computed on a worker thread (the first time over a large base this rebuilds
/// the rollups, with progress and cancel). Clicking a tile, point, bar, slice or alert asks for
/// the tickets behind it (openTickets()).
class DashboardView : public QWidget
{
    Q_OBJECT
public:
    enum class Period {
        Last7Days,
        Last30Days,
        Last90Days,
        ThisMonth,
        LastMonth,
        Last12Months,
        Custom
    };
    Q_ENUM(Period)
    using Tile = dashboard::Tile;
    static constexpr int kTileCount = dashboard::kTileCount;

    DashboardView(Database &db, const Clock &clock, QWidget *parent = nullptr);
    ~DashboardView() override;

    [[nodiscard]] reporting::ReportQuery query() const;
    void setPeriod(Period p);
    void setQuery(const reporting::ReportQuery &q);
    /// Computes the dashboard again (in the background).
    void reload();
    [[nodiscard]] bool isBusy() const;
    void cancel();

    [[nodiscard]] const reporting::Report &report() const { return m_report; }
    [[nodiscard]] const QList<reporting::SpikeAlert> &alerts() const { return m_alerts; }
    [[nodiscard]] KpiTile *tile(Tile t) const { return m_tiles[size_t(t)]; }
    [[nodiscard]] DashboardCharts *charts() const { return m_charts; }
    /// Per agent: solved, median first response and resolution, CSAT (double-click: tickets).
    [[nodiscard]] QTableWidget *agentTable() const { return m_agents; }
    [[nodiscard]] QTimeZone timeZone() const { return m_zone; }

Q_SIGNALS:
    /// The tickets behind something the manager clicked, ready for the ticket list.
    void openTickets(const QString &title, const QList<hd::RowId> &ids);
    /// A computation ended: the figures are shown (or an error is).
    void loaded();
    void failed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildControls();
    void buildBody();
    void retranslateUi();
    void fillChoices();
    void periodChosen();
    void showReport();
    void showTiles();
    void showAlerts();
    void showAgents();
    void openPick(const DashboardCharts::Pick &pick);
    void openTile(Tile t);
    void setBusy(bool busy, const QString &what = {});

    Database &m_db;
    const Clock &m_clock;
    QTimeZone m_zone;
    QComboBox *m_period = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_granularity = nullptr;
    QComboBox *m_team = nullptr;
    QComboBox *m_agent = nullptr;
    QComboBox *m_channel = nullptr;
    QComboBox *m_category = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_direction = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_periodLabel = nullptr;
    QLabel *m_filterLabel = nullptr;
    QLabel *m_byLabel = nullptr;
    QWidget *m_busyRow = nullptr;
    QLabel *m_busyLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_alertsTitle = nullptr;
    QListWidget *m_alertList = nullptr;
    std::array<KpiTile *, kTileCount> m_tiles{};
    DashboardCharts *m_charts = nullptr;
    QLabel *m_agentsTitle = nullptr;
    QTableWidget *m_agents = nullptr;
    ImportJob *m_job = nullptr;
    reporting::Report m_report;
    QList<reporting::SpikeAlert> m_alerts;
    bool m_haveReport = false;
    bool m_pendingReload = false;
};

} // namespace hd
