// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboard/dashboardcharts.h"

#include "core/domain/enums.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QPieSeries>
#include <QValueAxis>

namespace hd {

using namespace reporting;

namespace {
qint64 msecsOf(QDate d)
{
    return d.startOfDay().toMSecsSinceEpoch();
}

QFont smallFont()
{
    QFont f;
    f.setPointSizeF(qMax(7.0, f.pointSizeF() - 1.5));
    return f;
}

QValueAxis *countAxis(qint64 max)
{
    auto *axis = new QValueAxis;
    axis->setLabelsFont(smallFont());
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setRange(0, double(qMax<qint64>(max, 4)));
    axis->applyNiceNumbers();
    return axis;
}
} // namespace

DashboardCharts::DashboardCharts(QWidget *parent)
    : QObject(parent)
{
    static const char *names[kChartCount] = {"trendChart",      "agentsChart",   "categoriesChart",
                                             "resolutionChart", "channelsChart", "prioritiesChart"};
    for (int i = 0; i < kChartCount; ++i) {
        auto *chart = new QChart;
        chart->setLocalizeNumbers(true);
        chart->setMargins(QMargins(4, 4, 4, 4));
        chart->legend()->setAlignment(Qt::AlignBottom);
        chart->legend()->setFont(smallFont());
        m_views[size_t(i)] = new QChartView(chart, parent);
        m_views[size_t(i)]->setRenderHint(QPainter::Antialiasing);
        m_views[size_t(i)]->setObjectName(QLatin1String(names[i]));
        m_views[size_t(i)]->setMinimumSize(280, 255);
    }
}

void DashboardCharts::setReport(const Report &report)
{
    m_report = report;
    retranslateUi();
}

void DashboardCharts::retranslateUi()
{
    for (QChartView *v : m_views)
        v->chart()->setLocale(QLocale());
    fillTrend();
    fillAgents();
    fillCategories();
    fillResolution();
    fillChannels();
    fillPriorities();
}

void DashboardCharts::clear(QChart *chart)
{
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *a : axes) {
        chart->removeAxis(a);
        delete a;
    }
}

QString DashboardCharts::bucketLabel(QDate d) const
{
    switch (m_report.query.granularity) {
    case Granularity::Month:
        return QLocale().toString(d, tr("MMM yyyy", "date format of a month on a chart"));
    case Granularity::Week:
        return tr("Week of %1")
            .arg(QLocale().toString(d, tr("MMM d", "date format of a day on a chart")));
    case Granularity::Day:
        break;
    }
    return QLocale().toString(d, tr("MMM d", "date format of a day on a chart"));
}

void DashboardCharts::pick(Figure figure, ReportFilter extra, const QString &what, QDate from,
                           QDate to, int bucket)
{
    Pick p;
    p.figure = figure;
    p.filter = extra;
    p.from = from.isValid() ? from : m_report.query.from;
    p.to = to.isValid() ? to : m_report.query.to;
    p.bucket = bucket;
    p.title = what;
    Q_EMIT picked(p);
}

void DashboardCharts::fillTrend()
{
    QChart *chart = view(Chart::Trend)->chart();
    clear(chart);
    chart->setTitle(tr("Volume"));
    const std::array<std::pair<QString, Figure>, 3> lines{{{tr("Created"), Figure::Created},
                                                           {tr("Solved"), Figure::Solved},
                                                           {tr("Backlog"), Figure::Backlog}}};
    auto *x = new QDateTimeAxis;
    x->setLabelsFont(smallFont());
    x->setFormat(m_report.query.granularity == Granularity::Month
                     ? tr("MMM yyyy", "date format of a month on a chart")
                     : tr("MMM d", "date format of a day on a chart"));
    x->setTickCount(qBound(2, int(m_report.trend.size()), 7));
    chart->addAxis(x, Qt::AlignBottom);
    qint64 max = 0;
    for (const TrendPoint &p : std::as_const(m_report.trend))
        max = qMax(max, qMax(p.created, qMax(p.solved, p.backlog)));
    QValueAxis *y = countAxis(max);
    chart->addAxis(y, Qt::AlignLeft);
    if (!m_report.trend.isEmpty())
        x->setRange(m_report.trend.first().bucket.start.startOfDay(),
                    m_report.trend.last().bucket.start.startOfDay());
    for (const auto &[name, figure] : lines) {
        auto *series = new QLineSeries;
        series->setName(name);
        series->setPointsVisible(true);
        for (const TrendPoint &p : std::as_const(m_report.trend)) {
            const qint64 v = figure == Figure::Created ? p.created
                : figure == Figure::Solved             ? p.solved
                                                       : p.backlog;
            series->append(double(msecsOf(p.bucket.start)), double(v));
        }
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        connect(series, &QLineSeries::clicked, this, [this, figure, name](const QPointF &at) {
            // The bucket whose start is nearest to the click.
            int best = -1;
            double distance = 0;
            for (int i = 0; i < m_report.trend.size(); ++i) {
                const double d = qAbs(double(msecsOf(m_report.trend[i].bucket.start)) - at.x());
                if (best < 0 || d < distance) {
                    best = i;
                    distance = d;
                }
            }
            if (best < 0)
                return;
            const Bucket &b = m_report.trend[best].bucket;
            pick(figure, {}, name + QStringLiteral(" · ") + bucketLabel(b.start), b.start, b.end);
        });
    }
}

void DashboardCharts::horizontalBars(Chart c, const QStringList &labels,
                                     const QList<qint64> &values, const QString &setName,
                                     const std::function<void(int)> &onClick)
{
    QChart *chart = view(c)->chart();
    auto *set = new QBarSet(setName);
    qint64 max = 0;
    // Largest on top: a horizontal bar chart draws its first category at the bottom.
    QStringList shown;
    for (qsizetype i = values.size() - 1; i >= 0; --i) {
        *set << double(values[i]);
        shown << labels[i];
        max = qMax(max, values[i]);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->setLabelsFont(smallFont());
    y->setTruncateLabels(false); // names are short; "..." for every bar helps nobody
    // Axis labels are rich text: names must not be read as markup.
    for (QString &label : shown)
        label = label.toHtmlEscaped();
    y->append(shown);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    QValueAxis *x = countAxis(max);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    chart->legend()->setVisible(false);
    const int n = int(values.size());
    connect(set, &QBarSet::clicked, this, [onClick, n](int index) { onClick(n - 1 - index); });
}

void DashboardCharts::fillAgents()
{
    QChart *chart = view(Chart::Agents)->chart();
    clear(chart);
    chart->setTitle(tr("Solved per agent"));
    QStringList names;
    QList<qint64> solved;
    QList<RowId> ids;
    for (const AgentRow &a : std::as_const(m_report.agents)) {
        if (names.size() == kTopRows)
            break;
        names << (a.agentId ? a.name : tr("Unassigned"));
        solved << a.solved;
        ids << a.agentId;
    }
    horizontalBars(Chart::Agents, names, solved, tr("Solved"), [this, names, ids](int i) {
        ReportFilter f;
        f.agentId = ids[i];
        pick(Figure::Solved, f, tr("Solved by %1").arg(names[i]));
    });
}

void DashboardCharts::fillCategories()
{
    QChart *chart = view(Chart::Categories)->chart();
    clear(chart);
    chart->setTitle(tr("Tickets per category"));
    QStringList names;
    QList<qint64> created;
    QList<RowId> ids;
    for (const MixRow &m : std::as_const(m_report.categories)) {
        if (names.size() == kTopRows)
            break;
        const RowId id = m.key.toLongLong();
        names << (id ? m.name : tr("No category"));
        created << m.created;
        ids << id;
    }
    horizontalBars(Chart::Categories, names, created, tr("Created"), [this, names, ids](int i) {
        ReportFilter f;
        f.categoryId = ids[i];
        pick(Figure::Created, f, tr("Created in %1").arg(names[i]));
    });
}

void DashboardCharts::fillResolution()
{
    QChart *chart = view(Chart::Resolution)->chart();
    clear(chart);
    chart->setTitle(tr("Resolution time"));
    // Horizontal, like the other bar charts: the ranges' names need the room.
    const QStringList labels{tr("<1h"),  tr("1–4h"), tr("4–8h"), tr("8–24h"),
                             tr("1–3d"), tr("3–7d"), tr(">7d")};
    const QList<qint64> counts(m_report.histogram.begin(), m_report.histogram.end());
    horizontalBars(Chart::Resolution, labels, counts, tr("Resolved tickets"),
                   [this, labels](int i) {
                       pick(Figure::ResolutionBucket, {}, tr("Resolved in %1").arg(labels.value(i)),
                            {}, {}, i);
                   });
}

void DashboardCharts::fillChannels()
{
    QChart *chart = view(Chart::Channels)->chart();
    clear(chart);
    chart->setTitle(tr("Channels"));
    auto *series = new QPieSeries;
    series->setHoleSize(0.35);
    for (const MixRow &m : std::as_const(m_report.channels)) {
        if (m.created == 0)
            continue;
        const auto channel = parseChannel(m.key);
        const QString name = channel ? displayName(*channel) : m.key;
        QPieSlice *slice = series->append(
            name + QStringLiteral(" ") + QLocale().toString(m.created), double(m.created));
        connect(slice, &QPieSlice::clicked, this, [this, channel, name] {
            ReportFilter f;
            f.channel = channel;
            pick(Figure::Created, f, tr("Created via %1").arg(name));
        });
    }
    chart->addSeries(series);
    chart->legend()->setAlignment(Qt::AlignRight);
}

void DashboardCharts::fillPriorities()
{
    QChart *chart = view(Chart::Priorities)->chart();
    clear(chart);
    chart->setTitle(tr("Priority"));
    QStringList names;
    QList<qint64> created;
    QList<Priority> values;
    for (Priority p : kAllPriorities) {
        qint64 n = 0;
        for (const MixRow &m : std::as_const(m_report.priorities))
            if (m.key == QString::number(int(p)) || m.key == wireName(p))
                n = m.created;
        names << displayName(p);
        created << n;
        values << p;
    }
    horizontalBars(Chart::Priorities, names, created, tr("Created"), [this, names, values](int i) {
        ReportFilter f;
        f.priority = values[i];
        pick(Figure::Created, f, tr("Created with priority %1").arg(names[i]));
    });
}

} // namespace hd
