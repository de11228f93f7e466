// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/reporting/report.h"
#include "core/reporting/ticketids.h"

#include <QObject>

#include <array>
#include <functional>

class QChart;
class QChartView;
class QWidget;

namespace hd {

/// The dashboard's charts, rebuilt from a Report: the volume trend (created, solved, backlog),
/// solved tickets per agent, tickets per category, the distribution of resolution times, the
/// channel mix and the priority mix. A click on a point, bar or slice emits picked() with what
/// it stands for, so that the dashboard can open the tickets behind it.
class DashboardCharts : public QObject
{
    Q_OBJECT
public:
    enum class Chart { Trend, Agents, Categories, Resolution, Channels, Priorities };
    static constexpr int kChartCount = 6;
    static constexpr int kTopRows = 8; ///< bars of the agent and category charts

    /// What a click picked: the figure, the filter it adds to the dashboard's, the dates
    /// (a trend bucket, or the whole period), the histogram bucket and a title for the list.
    struct Pick
    {
        reporting::Figure figure = reporting::Figure::Created;
        reporting::ReportFilter filter;
        QDate from, to;
        int bucket = 0;
        QString title;
    };

    explicit DashboardCharts(QWidget *parent);
    [[nodiscard]] QChartView *view(Chart c) const { return m_views[size_t(c)]; }
    void setReport(const reporting::Report &report);
    void retranslateUi();

Q_SIGNALS:
    void picked(const hd::DashboardCharts::Pick &pick);

private:
    void fillTrend();
    void fillAgents();
    void fillCategories();
    void fillResolution();
    void fillChannels();
    void fillPriorities();
    void horizontalBars(Chart c, const QStringList &labels, const QList<qint64> &values,
                        const QString &setName, const std::function<void(int)> &onClick);
    void pick(reporting::Figure figure, reporting::ReportFilter extra, const QString &what,
              QDate from = {}, QDate to = {}, int bucket = 0);
    [[nodiscard]] QString bucketLabel(QDate d) const;
    static void clear(QChart *chart);

    std::array<QChartView *, kChartCount> m_views{};
    reporting::Report m_report;
};

} // namespace hd
