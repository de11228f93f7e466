// SPDX-License-Identifier: GPL-3.0-or-later
// DashboardView: construction, the period and filter controls, the query they make.
#include "ui/dashboard/dashboardview.h"

#include "core/base/clock.h"
#include "core/storage/directory.h"
#include "ui/dashboard/kpitile.h"
#include "ui/importdialogjob.h"

#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hd {

using namespace reporting;

DashboardView::DashboardView(Database &db, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_clock(clock)
    , m_zone(QTimeZone::systemTimeZone())
{
    setObjectName(QStringLiteral("dashboard"));
    buildControls();
    buildBody();
    retranslateUi();
    fillChoices();
    setPeriod(Period::Last30Days);
}

DashboardView::~DashboardView() = default;

void DashboardView::buildControls()
{
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("dashboardPeriod"));
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        connect(e, &QDateEdit::dateChanged, this, [this] {
            if (!m_period->signalsBlocked())
                m_period->setCurrentIndex(int(Period::Custom));
        });
    }
    m_granularity = new QComboBox(this);
    m_granularity->setObjectName(QStringLiteral("dashboardGranularity"));
    m_team = new QComboBox(this);
    m_agent = new QComboBox(this);
    m_channel = new QComboBox(this);
    m_category = new QComboBox(this);
    m_priority = new QComboBox(this);
    m_direction = new QComboBox(this);
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(QStringLiteral("dashboardRefresh"));
    m_refresh->setDefault(true);
    m_periodLabel = new QLabel(this);
    m_filterLabel = new QLabel(this);
    m_byLabel = new QLabel(this);
    connect(m_period, &QComboBox::activated, this, [this] { periodChosen(); });
    connect(m_refresh, &QPushButton::clicked, this, &DashboardView::reload);
}

void DashboardView::buildBody()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *controls = new QGridLayout;
    controls->setContentsMargins(8, 8, 8, 0);
    controls->addWidget(m_periodLabel, 0, 0);
    auto *periodRow = new QHBoxLayout;
    periodRow->addWidget(m_period);
    periodRow->addWidget(m_from);
    periodRow->addWidget(new QLabel(QStringLiteral("–"), this));
    periodRow->addWidget(m_to);
    periodRow->addWidget(m_byLabel);
    periodRow->addWidget(m_granularity);
    periodRow->addStretch(1);
    periodRow->addWidget(m_refresh);
    controls->addLayout(periodRow, 0, 1);
    controls->addWidget(m_filterLabel, 1, 0);
    auto *filterRow = new QHBoxLayout;
    for (QComboBox *c : {m_team, m_agent, m_channel, m_category, m_priority, m_direction}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(8);
        filterRow->addWidget(c, 1);
    }
    controls->addLayout(filterRow, 1, 1);
    outer->addLayout(controls);

    m_busyRow = new QWidget(this);
    auto *busy = new QHBoxLayout(m_busyRow);
    busy->setContentsMargins(8, 0, 8, 0);
    m_busyLabel = new QLabel(m_busyRow);
    m_progress = new QProgressBar(m_busyRow);
    m_cancel = new QPushButton(m_busyRow);
    busy->addWidget(m_busyLabel);
    busy->addWidget(m_progress, 1);
    busy->addWidget(m_cancel);
    m_busyRow->hide();
    connect(m_cancel, &QPushButton::clicked, this, &DashboardView::cancel);
    outer->addWidget(m_busyRow);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *body = new QWidget(scroll);
    auto *grid = new QVBoxLayout(body);
    grid->setContentsMargins(8, 4, 8, 8);
    auto *tiles = new QHBoxLayout;
    static const char *tileNames[kTileCount]
        = {"tileCreated",    "tileSolved", "tileBacklog", "tileFirstResponse",
           "tileResolution", "tileSla",    "tileReopens", "tileCsat"};
    for (int i = 0; i < kTileCount; ++i) {
        auto *t = new KpiTile(body);
        t->setObjectName(QLatin1String(tileNames[i]));
        connect(t, &KpiTile::activated, this, [this, i] { openTile(Tile(i)); });
        m_tiles[size_t(i)] = t;
        tiles->addWidget(t, 1);
    }
    grid->addLayout(tiles);
    m_alertsTitle = new QLabel(body);
    m_alertList = new QListWidget(body);
    m_alertList->setObjectName(QStringLiteral("dashboardAlerts"));
    m_alertList->setMaximumHeight(72);
    connect(m_alertList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int i = item->data(Qt::UserRole).toInt();
        if (i >= 0 && i < m_alerts.size())
            Q_EMIT openTickets(item->text(), m_alerts[i].ticketIds);
    });
    grid->addWidget(m_alertsTitle);
    grid->addWidget(m_alertList);
    m_charts = new DashboardCharts(body);
    connect(m_charts, &DashboardCharts::picked, this, &DashboardView::openPick);
    auto *charts = new QGridLayout;
    for (int i = 0; i < DashboardCharts::kChartCount; ++i)
        charts->addWidget(m_charts->view(DashboardCharts::Chart(i)), i / 3, i % 3);
    grid->addLayout(charts, 1);
    m_agentsTitle = new QLabel(body);
    m_agents = new QTableWidget(0, 5, body);
    m_agents->setObjectName(QStringLiteral("dashboardAgents"));
    m_agents->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_agents->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_agents->verticalHeader()->hide();
    m_agents->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_agents->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_agents->setWordWrap(false);
    m_agents->setMinimumHeight(220);
    connect(m_agents, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row < 0 || row >= m_report.agents.size())
            return;
        DashboardCharts::Pick p;
        p.figure = Figure::Solved;
        p.filter.agentId = m_report.agents[row].agentId;
        p.from = m_report.query.from;
        p.to = m_report.query.to;
        p.title = tr("Solved by %1").arg(m_agents->item(row, 0)->text());
        openPick(p);
    });
    grid->addWidget(m_agentsTitle);
    grid->addWidget(m_agents);
    scroll->setWidget(body);
    outer->addWidget(scroll, 1);
}

void DashboardView::retranslateUi()
{
    const int period = m_period->currentIndex();
    m_period->blockSignals(true);
    m_period->clear();
    m_period->addItems({tr("Last 7 days"), tr("Last 30 days"), tr("Last 90 days"), tr("This month"),
                        tr("Last month"), tr("Last 12 months"), tr("Custom")});
    m_period->setCurrentIndex(qMax(0, period));
    m_period->blockSignals(false);
    const int granularity = m_granularity->currentIndex();
    m_granularity->clear();
    m_granularity->addItem(tr("Day"), int(Granularity::Day));
    m_granularity->addItem(tr("Week"), int(Granularity::Week));
    m_granularity->addItem(tr("Month"), int(Granularity::Month));
    m_granularity->setCurrentIndex(qMax(0, granularity));
    m_periodLabel->setText(tr("Period:"));
    m_filterLabel->setText(tr("Filter:"));
    m_byLabel->setText(tr("by"));
    m_refresh->setText(tr("&Refresh"));
    m_cancel->setText(tr("Cancel"));
    m_agentsTitle->setText(tr("Agents (double-click for the tickets they solved)"));
    m_agents->setHorizontalHeaderLabels({tr("Agent"), tr("Solved"), tr("First response (median)"),
                                         tr("Resolution (median, business hours)"), tr("CSAT")});
    const QString format = QLocale().dateFormat(QLocale::ShortFormat);
    m_from->setDisplayFormat(format);
    m_to->setDisplayFormat(format);
    fillChoices();
    if (m_haveReport)
        showReport();
}

void DashboardView::fillChoices()
{
    Directory directory(m_db, m_clock);
    auto fill
        = [](QComboBox *c, const QString &any, const QList<std::pair<QString, QVariant>> &items) {
              const QVariant current = c->currentData();
              c->clear();
              c->addItem(any);
              for (const auto &[name, value] : items)
                  c->addItem(name, value);
              c->setCurrentIndex(qMax(0, c->findData(current)));
          };
    QList<std::pair<QString, QVariant>> teams, agents, categories, channels, priorities, directions;
    if (auto t = directory.teams())
        for (const Team &team : *t)
            teams.append({team.name, team.id});
    agents.append({tr("Unassigned"), qint64(0)});
    if (auto a = directory.agents())
        for (const Agent &agent : *a)
            agents.append({agent.name, agent.id});
    if (auto c = directory.categories())
        for (const Category &category : *c)
            categories.append({category.name, category.id});
    for (Channel c : kAllChannels)
        channels.append({displayName(c), int(c)});
    for (Priority p : kAllPriorities)
        priorities.append({displayName(p), int(p)});
    for (Direction d : {Direction::Inbound, Direction::Outbound})
        directions.append({displayName(d), int(d)});
    fill(m_team, tr("All teams"), teams);
    fill(m_agent, tr("All agents"), agents);
    fill(m_channel, tr("All channels"), channels);
    fill(m_category, tr("All categories"), categories);
    fill(m_priority, tr("All priorities"), priorities);
    fill(m_direction, tr("Inbound and outbound"), directions);
}

void DashboardView::setPeriod(Period p)
{
    m_period->setCurrentIndex(int(p));
    periodChosen();
}

void DashboardView::periodChosen()
{
    const Period p = Period(m_period->currentIndex());
    if (p == Period::Custom)
        return;
    const QDate today = m_clock.now().toTimeZone(m_zone).date();
    QDate from = today, to = today;
    Granularity g = Granularity::Day;
    switch (p) {
    case Period::Last7Days:
        from = today.addDays(-6);
        break;
    case Period::Last30Days:
        from = today.addDays(-29);
        break;
    case Period::Last90Days:
        from = today.addDays(-89);
        g = Granularity::Week;
        break;
    case Period::ThisMonth:
        from = QDate(today.year(), today.month(), 1);
        break;
    case Period::LastMonth:
        to = QDate(today.year(), today.month(), 1).addDays(-1);
        from = QDate(to.year(), to.month(), 1);
        break;
    case Period::Last12Months:
        from = QDate(today.year(), today.month(), 1).addMonths(-11);
        g = Granularity::Month;
        break;
    case Period::Custom:
        break;
    }
    m_period->blockSignals(true);
    m_from->setDate(from);
    m_to->setDate(to);
    m_period->blockSignals(false);
    m_granularity->setCurrentIndex(m_granularity->findData(int(g)));
}

ReportQuery DashboardView::query() const
{
    ReportQuery q;
    q.from = m_from->date();
    q.to = m_to->date();
    q.granularity = Granularity(m_granularity->currentData().toInt());
    auto id = [](QComboBox *c) -> std::optional<RowId> {
        if (c->currentIndex() <= 0)
            return std::nullopt;
        return c->currentData().toLongLong();
    };
    q.filter.teamId = id(m_team);
    q.filter.agentId = id(m_agent);
    q.filter.categoryId = id(m_category);
    if (m_channel->currentIndex() > 0)
        q.filter.channel = Channel(m_channel->currentData().toInt());
    if (m_priority->currentIndex() > 0)
        q.filter.priority = Priority(m_priority->currentData().toInt());
    if (m_direction->currentIndex() > 0)
        q.filter.direction = Direction(m_direction->currentData().toInt());
    return q;
}

void DashboardView::setQuery(const ReportQuery &q)
{
    m_period->blockSignals(true);
    m_period->setCurrentIndex(int(Period::Custom));
    m_from->setDate(q.from);
    m_to->setDate(q.to);
    m_period->blockSignals(false);
    m_granularity->setCurrentIndex(m_granularity->findData(int(q.granularity)));
    auto select = [](QComboBox *c, const std::optional<QVariant> &v) {
        c->setCurrentIndex(v ? qMax(0, c->findData(*v)) : 0);
    };
    auto opt = [](const auto &o) -> std::optional<QVariant> {
        if (!o)
            return std::nullopt;
        return QVariant::fromValue(qint64(*o));
    };
    select(m_team, opt(q.filter.teamId));
    select(m_agent, opt(q.filter.agentId));
    select(m_category, opt(q.filter.categoryId));
    select(m_channel,
           q.filter.channel ? std::optional<QVariant>(int(*q.filter.channel)) : std::nullopt);
    select(m_priority,
           q.filter.priority ? std::optional<QVariant>(int(*q.filter.priority)) : std::nullopt);
    select(m_direction,
           q.filter.direction ? std::optional<QVariant>(int(*q.filter.direction)) : std::nullopt);
}

void DashboardView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace hd
