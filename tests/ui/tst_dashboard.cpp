// SPDX-License-Identifier: GPL-3.0-or-later
// The managers' dashboard: its figures are the report's, clicks open the tickets behind them,
// exports write what it shows, and it speaks Korean.
#include "support/storefixture.h"

#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/demo/seeder.h"
#include "core/reporting/report.h"
#include "core/reporting/ticketids.h"
#include "ui/dashboard/dashboardcharts.h"
#include "ui/dashboard/dashboardview.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/kpitile.h"
#include "ui/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/ticketlistmodel.h"

#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTableWidget>

using namespace hd;
using namespace hd::reporting;

class TestDashboard : public QObject
{
    Q_OBJECT

    StoreFixture m_data;
    Language m_language;

    bool load(DashboardView &view)
    {
        QSignalSpy loaded(&view, &DashboardView::loaded);
        view.reload();
        return loaded.wait(120000);
    }

    QList<RowId> opened(QSignalSpy &spy)
    {
        if (spy.isEmpty() && !spy.wait(30000))
            return {-1};
        return spy.takeFirst().at(1).value<QList<RowId>>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_language.apply(QStringLiteral("en")));
        QVERIFY(m_data.seedDemo(3000));
    }

    void figuresAreTheReports()
    {
        DashboardView view(*m_data.db, m_data.clock);
        view.setPeriod(DashboardView::Period::Last30Days);
        QCOMPARE(view.query().to, m_data.clock.now().toTimeZone(view.timeZone()).date());
        QCOMPARE(view.query().from, view.query().to.addDays(-29));
        QVERIFY(load(view));
        auto expected = ReportBuilder(*m_data.db).build(view.query());
        QVERIFY2(expected.ok(), qPrintable(expected.errorMessage()));
        QVERIFY(view.report() == *expected);
        QVERIFY(expected->current.created > 0);
        QCOMPARE(view.tile(dashboard::Tile::Created)->value(),
                 QLocale().toString(expected->current.created));
        QCOMPARE(view.tile(dashboard::Tile::Solved)->value(),
                 QLocale().toString(expected->current.solved));
        QCOMPARE(view.tile(dashboard::Tile::Backlog)->value(),
                 QLocale().toString(expected->current.backlogEnd));

        // The trend draws created, solved and backlog per bucket, in order.
        QChart *trend = view.charts()->view(DashboardCharts::Chart::Trend)->chart();
        QCOMPARE(trend->series().size(), 3);
        auto *created = qobject_cast<QLineSeries *>(trend->series().at(0));
        auto *backlog = qobject_cast<QLineSeries *>(trend->series().at(2));
        QVERIFY(created && backlog);
        QCOMPARE(created->count(), expected->trend.size());
        for (int i = 0; i < expected->trend.size(); ++i) {
            QCOMPARE(qint64(created->at(i).y()), expected->trend[i].created);
            QCOMPARE(qint64(backlog->at(i).y()), expected->trend[i].backlog);
        }
        // The busiest agent's bar is on top and as long as his solved count.
        QChart *agents = view.charts()->view(DashboardCharts::Chart::Agents)->chart();
        auto *bars = qobject_cast<QHorizontalBarSeries *>(agents->series().at(0));
        QVERIFY(bars);
        QBarSet *set = bars->barSets().at(0);
        QCOMPARE(qint64(set->at(set->count() - 1)), expected->agents.at(0).solved);
        // And the agents' table: a row per agent, busiest first.
        QTableWidget *table = view.agentTable();
        QCOMPARE(table->rowCount(), expected->agents.size());
        QCOMPARE(table->item(0, 0)->text(), expected->agents.at(0).name);
        QCOMPARE(table->item(0, 1)->text(), QLocale().toString(expected->agents.at(0).solved));
    }

    void clicksOpenTheTicketsBehindAFigure()
    {
        DashboardView view(*m_data.db, m_data.clock);
        view.setPeriod(DashboardView::Period::Last30Days);
        QVERIFY(load(view));
        const ReportQuery q = view.query();
        QSignalSpy open(&view, &DashboardView::openTickets);

        Q_EMIT view.tile(dashboard::Tile::Created)->activated();
        auto created = ticketIds(*m_data.db, q.filter, Figure::Created, q.from, q.to);
        QVERIFY(created.ok());
        QCOMPARE(opened(open), *created);
        QCOMPARE(qint64(created->size()), view.report().current.created);

        // The top agent's bar: the tickets he solved in the period.
        QChart *agents = view.charts()->view(DashboardCharts::Chart::Agents)->chart();
        QBarSet *set = qobject_cast<QHorizontalBarSeries *>(agents->series().at(0))->barSets()[0];
        Q_EMIT set->clicked(set->count() - 1);
        ReportFilter byAgent;
        byAgent.agentId = view.report().agents.at(0).agentId;
        auto solved = ticketIds(*m_data.db, byAgent, Figure::Solved, q.from, q.to);
        QVERIFY(solved.ok());
        QCOMPARE(opened(open), *solved);
        QCOMPARE(qint64(solved->size()), view.report().agents.at(0).solved);
        Q_EMIT view.agentTable()->cellDoubleClicked(0, 2);
        QCOMPARE(opened(open), *solved);

        // A resolution-time bar: the tickets resolved within that range.
        QChart *resolution = view.charts()->view(DashboardCharts::Chart::Resolution)->chart();
        QBarSet *hist
            = qobject_cast<QAbstractBarSeries *>(resolution->series().at(0))->barSets()[0];
        Q_EMIT hist->clicked(hist->count() - 1 - 2); // bars run from the bottom up
        QCOMPARE(qint64(opened(open).size()), view.report().histogram[2]);

        // A trend point: the tickets created on that day.
        auto *line = qobject_cast<QLineSeries *>(
            view.charts()->view(DashboardCharts::Chart::Trend)->chart()->series().at(0));
        const int day = int(view.report().trend.size()) - 3;
        Q_EMIT line->clicked(line->at(day));
        const Bucket b = view.report().trend[day].bucket;
        auto thatDay = ticketIds(*m_data.db, q.filter, Figure::Created, b.start, b.end);
        QCOMPARE(opened(open), *thatDay);
        QCOMPARE(qint64(thatDay->size()), view.report().trend[day].created);
    }

    void filtersNarrowTheReport()
    {
        DashboardView view(*m_data.db, m_data.clock);
        ReportQuery q;
        q.to = m_data.clock.now().toTimeZone(view.timeZone()).date();
        q.from = q.to.addDays(-89);
        q.granularity = Granularity::Week;
        q.filter.channel = Channel::ChatKakao;
        q.filter.direction = Direction::Inbound;
        view.setQuery(q);
        QCOMPARE(view.query().filter, q.filter);
        QVERIFY(load(view));
        auto expected = ReportBuilder(*m_data.db).build(q);
        QVERIFY(expected.ok());
        QVERIFY(view.report() == *expected);
        QVERIFY(expected->current.created > 0);
        QCOMPARE(expected->current.outbound, 0);
    }

    void exportsWriteWhatItShows()
    {
        DashboardWindow window(*m_data.db, m_data.clock);
        QVERIFY(load(*window.view()));
        const QString csv = m_data.dir.filePath(QStringLiteral("r.csv"));
        QCOMPARE(window.exportCsv(csv), QString());
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QByteArray text = c.readAll();
        QVERIFY(text.startsWith("\xEF\xBB\xBF"));
        QVERIFY(text.contains(QByteArray(
                    ",,,created," + QByteArray::number(window.view()->report().current.created)
                    + "\r\n"))
                || text.contains(QByteArray(
                    ",,,created," + QByteArray::number(window.view()->report().current.created)
                    + "\n")));
        for (bool letter : {false, true}) {
            const QString pdf = m_data.dir.filePath(letter ? "l.pdf" : "a4.pdf");
            QCOMPARE(window.exportPdf(pdf, letter), QString());
            QFile p(pdf);
            QVERIFY(p.open(QIODevice::ReadOnly));
            const QByteArray bytes = p.readAll();
            QVERIFY(bytes.startsWith("%PDF"));
            QVERIFY(bytes.size() > 10000);
            // A4 is 595 x 842 points, Letter 612 x 792.
            QVERIFY(bytes.contains(letter ? "612" : "595"));
        }
        const QString nowhere = m_data.dir.filePath(QStringLiteral("missing/dir/r.pdf"));
        QVERIFY(!window.exportPdf(nowhere, false).isEmpty());
        QVERIFY(!QFile::exists(nowhere));
    }

    void mainWindowListsThePickedTickets()
    {
        Settings settings(m_data.dir.filePath(QStringLiteral("d.ini")));
        MainWindow window(settings, m_language, *m_data.db);
        window.show();
        auto ids = m_data.db->exec(QStringLiteral("SELECT id FROM tickets ORDER BY id LIMIT 7"));
        QVERIFY(ids.ok());
        QList<RowId> picked;
        while (ids->next())
            picked << ids->value(0).toLongLong();
        window.showTickets(QStringLiteral("Created"), picked);
        QTRY_COMPARE(window.ticketModel()->rowCount(), 7);
        window.showTickets(QStringLiteral("Nothing"), {});
        QTRY_COMPARE(window.ticketModel()->rowCount(), 0);
    }

    void speaksKorean()
    {
        QVERIFY(m_language.apply(QStringLiteral("ko")));
        DashboardView view(*m_data.db, m_data.clock);
        QVERIFY(load(view));
        QCOMPARE(view.tile(dashboard::Tile::Created)->title(), QStringLiteral("생성"));
        QCOMPARE(view.tile(dashboard::Tile::Sla)->title(), QStringLiteral("SLA 준수율"));
        QCOMPARE(view.charts()->view(DashboardCharts::Chart::Trend)->chart()->title(),
                 QStringLiteral("티켓 추이"));
        auto *period = view.findChild<QComboBox *>(QStringLiteral("dashboardPeriod"));
        QCOMPARE(period->itemText(1), QStringLiteral("최근 30일"));
        QVERIFY(view.tile(dashboard::Tile::Created)->change().contains(QStringLiteral("이전 기간"))
                || view.tile(dashboard::Tile::Created)->change().isEmpty());
        QVERIFY(m_language.apply(QStringLiteral("en")));
        QTRY_COMPARE(view.tile(dashboard::Tile::Created)->title(), QStringLiteral("Created"));
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
