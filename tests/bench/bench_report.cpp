// SPDX-License-Identifier: GPL-3.0-or-later
// Reporting benchmark on a seeded database: the first full refresh of the facts and rollups, an
// incremental refresh after N changes, and the full dashboard (30-day headline with the previous
// period, per-agent rows, mixes and histogram; 13-month trend by week and by month; spikes),
// beside the same report computed from scratch. Prints a markdown table; never asserts on time.
//
//   bench_report --db PATH [--changes N] [--zone Asia/Seoul]
//   bench_report --tickets N                 seed N tickets into a temporary database first
#include "core/base/clock.h"
#include "core/demo/seeder.h"
#include "core/reporting/fromscratch.h"
#include "core/reporting/report.h"
#include "core/reporting/rollups.h"
#include "core/reporting/spikes.h"
#include "core/storage/database.h"
#include "core/storage/ticketstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace hd;
using namespace hd::reporting;

namespace {
template<typename T>
T need(Result<T> r, const char *what)
{
    if (!r) {
        std::fprintf(stderr, "%s: %s\n", what, qPrintable(r.errorMessage()));
        std::exit(1);
    }
    return std::move(r).value();
}
void need(Result<void> r, const char *what)
{
    if (!r) {
        std::fprintf(stderr, "%s: %s\n", what, qPrintable(r.errorMessage()));
        std::exit(1);
    }
}

double ms(const std::function<void()> &fn)
{
    QElapsedTimer t;
    t.start();
    fn();
    return double(t.nsecsElapsed()) / 1e6;
}

double medianMs(const std::function<void()> &fn, int runs = 5)
{
    QList<double> t;
    for (int i = 0; i < runs; ++i)
        t << ms(fn);
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

struct Row
{
    QString what;
    double ms;
    QString note;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption({QStringLiteral("db"), QStringLiteral("Seeded database."), QStringLiteral("path")});
    p.addOption({QStringLiteral("tickets"), QStringLiteral("Seed a temporary database."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("changes"),
                 QStringLiteral("Changes before the incremental "
                                "refresh (default 1000)."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("zone"), QStringLiteral("Report time zone."), QStringLiteral("z")});
    p.addOption({QStringLiteral("skip-scratch"), QStringLiteral("Skip the from-scratch report.")});
    p.process(app);
    QTemporaryDir tmp;
    QString path = p.value(QStringLiteral("db"));
    const QDateTime start = QDateTime::currentDateTimeUtc();
    if (path.isEmpty()) {
        path = tmp.filePath(QStringLiteral("bench.sqlite"));
        auto db = need(Database::open(path), "open");
        SeedOptions o;
        o.tickets = p.value(QStringLiteral("tickets")).toLongLong();
        if (o.tickets <= 0)
            o.tickets = 20000;
        Seeder seeder(*db, start);
        need(seeder.run(o), "seed");
    }
    const QTimeZone zone(p.isSet(QStringLiteral("zone")) ? p.value(QStringLiteral("zone")).toUtf8()
                                                         : QByteArray("Asia/Seoul"));
    auto db = need(Database::open(path), "open");
    const qint64 tickets
        = need(db->scalar(QStringLiteral("SELECT count(*) FROM tickets")), "count").toLongLong();
    const QDateTime last = Database::fromDb(
        need(db->scalar(QStringLiteral("SELECT max(created_at) FROM tickets")), "max"));
    ManualClock clock(last.addSecs(60));
    TicketStore store(*db, clock);
    ReportEngine engine(*db, zone);
    QList<Row> rows;

    need(engine.invalidate(), "invalidate");
    ReportEngine::Stats first;
    rows << Row{QStringLiteral("first refresh (rebuild)"),
                ms([&] { first = need(engine.refresh(), "refresh"); }),
                QStringLiteral("%1 tickets").arg(first.tickets)};
    rows << Row{QStringLiteral("refresh, nothing changed"),
                ms([&] { need(engine.refresh(), "r"); }), QString()};

    // N changes on recent tickets through TicketStore, then an incremental refresh.
    const int changes
        = p.isSet(QStringLiteral("changes")) ? p.value(QStringLiteral("changes")).toInt() : 1000;
    const RowId maxId
        = need(db->scalar(QStringLiteral("SELECT max(id) FROM tickets")), "max").toLongLong();
    const RowId agent
        = need(db->scalar(QStringLiteral("SELECT min(id) FROM agents")), "agent").toLongLong();
    QRandomGenerator rng(7);
    int applied = 0;
    const double changeMs = ms([&] {
        for (int i = 0; i < changes; ++i) {
            const RowId id = maxId - rng.bounded(qMin<qint64>(maxId, 20000));
            clock.advanceSecs(5);
            const int what = rng.bounded(4);
            const bool done = what == 0 ? bool(store.assign(id, agent, Actor::agent(agent)))
                : what == 1 ? bool(store.transition(id, TicketStatus::Solved, Actor::agent(agent)))
                : what == 2
                ? bool(store.setPriority(id, Priority(rng.bounded(4)), Actor::agent(agent)))
                : bool(store.rate(id, rng.bounded(1, 6), Actor::agent(agent)));
            applied += done;
        }
    });
    ReportEngine::Stats inc;
    rows << Row{QStringLiteral("incremental refresh after %1 changes").arg(applied),
                ms([&] { inc = need(engine.refresh(), "refresh"); }),
                QStringLiteral("%1 tickets recomputed; the changes took %2 ms")
                    .arg(inc.tickets)
                    .arg(changeMs, 0, 'f', 0)};

    // The dashboard.
    const QDate today = clock.now().toTimeZone(zone).date();
    const ReportQuery period{today.addDays(-29), today, Granularity::Day, {}};
    const ReportQuery weeks{today.addMonths(-13).addDays(1), today, Granularity::Week, {}};
    const ReportQuery months{weeks.from, today, Granularity::Month, {}};
    ReportBuilder builder(*db);
    SpikeDetector spikes(*db);
    const int headline = Report::Headline | Report::Agents | Report::Mix | Report::Histogram;
    const double periodMs = medianMs([&] { need(builder.build(period, headline), "period"); });
    const double weeksMs = medianMs([&] { need(builder.build(weeks, Report::Trend), "weeks"); });
    const double monthsMs = medianMs([&] { need(builder.build(months, Report::Trend), "months"); });
    const double spikesMs = medianMs([&] { need(spikes.detect(today), "spikes"); });
    const double monthMediansMs = medianMs(
        [&] { need(builder.build(months, Report::Trend | Report::TrendPercentiles), "medians"); },
        3);
    rows << Row{QStringLiteral("dashboard: 30 days + previous, agents, mixes, histogram"), periodMs,
                QString()};
    rows << Row{QStringLiteral("dashboard: 13-month trend by week"), weeksMs, QString()};
    rows << Row{QStringLiteral("dashboard: 13-month trend by month"), monthsMs, QString()};
    rows << Row{QStringLiteral("dashboard: spikes (categories, channels, tags)"), spikesMs,
                QString()};
    rows << Row{QStringLiteral("**full dashboard**"), periodMs + weeksMs + monthsMs + spikesMs,
                QStringLiteral("sum of the four above")};
    rows << Row{QStringLiteral("13-month trend by month with median/p90 FRT and resolution"),
                monthMediansMs, QStringLiteral("optional part")};
    ReportFilter team;
    team.teamId
        = need(db->scalar(QStringLiteral("SELECT min(id) FROM teams")), "team").toLongLong();
    ReportQuery teamPeriod = period;
    teamPeriod.filter = team;
    rows << Row{QStringLiteral("30 days, one team (report_dim)"),
                medianMs([&] { need(builder.build(teamPeriod, headline), "team"); }), QString()};
    ReportQuery twoFilters = teamPeriod;
    twoFilters.filter.channel = Channel::Email;
    rows << Row{QStringLiteral("30 days, team + channel (report_daily cube)"),
                medianMs([&] { need(builder.build(twoFilters, headline), "two"); }), QString()};

    if (!p.isSet(QStringLiteral("skip-scratch"))) {
        Report scratch;
        const double scratchMs = ms([&] {
            scratch = need(buildFromScratch(*db, zone, period, Report::Everything), "scratch");
        });
        const Report built = need(builder.build(period, Report::Everything), "built");
        const bool equal = scratch.current == built.current && scratch.previous == built.previous
            && scratch.trend == built.trend && scratch.agents == built.agents
            && scratch.categories == built.categories && scratch.channels == built.channels
            && scratch.histogram == built.histogram;
        rows << Row{QStringLiteral("from scratch: 30 days + previous, everything"), scratchMs,
                    equal ? QStringLiteral("equal to the rollups' report")
                          : QStringLiteral("**DIFFERS from the rollups' report**")};
    }

    std::printf("\nReporting benchmark: %lld tickets, zone %s, today %s\n\n", tickets,
                zone.id().constData(), qPrintable(today.toString(Qt::ISODate)));
    std::printf("| step | ms | note |\n|---|---:|---|\n");
    for (const Row &r : rows)
        std::printf("| %s | %.1f | %s |\n", qPrintable(r.what), r.ms, qPrintable(r.note));
    return 0;
}
