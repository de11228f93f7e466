// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli report: metrics over a period (core/reporting), as a table, JSON or CSV; spikes.
#include "app/cli/commands.h"
#include "app/cli/session.h"
#include "core/reporting/report.h"
#include "core/reporting/reportformat.h"
#include "core/reporting/rollups.h"
#include "core/reporting/spikes.h"

#include <QJsonArray>
#include <QTimeZone>

namespace hd::cli {

namespace {
using namespace hd::reporting;

QCommandLineOption opt(const char *name, const char *help, const char *value = nullptr)
{
    return value ? QCommandLineOption(QString::fromLatin1(name), HelpdeskCli::tr(help),
                                      HelpdeskCli::tr(value))
                 : QCommandLineOption(QString::fromLatin1(name), HelpdeskCli::tr(help));
}

std::optional<QDate> parseDate(const QString &s)
{
    const QDate d = QDate::fromString(s, Qt::ISODate);
    return d.isValid() && s.size() == 10 ? std::optional<QDate>(d) : std::nullopt;
}

/// A team, agent or category by id or name; "none" = without one (id 0).
Result<RowId> resolve(Session &s, const QString &kind, const QString &key)
{
    if (key == QLatin1String("none"))
        return RowId(0);
    if (kind == QLatin1String("agent")) {
        auto a = s.directory->findAgent(key);
        if (!a)
            return Error{ErrorCode::NotFound, HelpdeskCli::tr("No agent '%1'.").arg(key)};
        return a->id;
    }
    bool isNumber = false;
    const qint64 id = key.toLongLong(&isNumber);
    if (kind == QLatin1String("team")) {
        auto teams = s.directory->teams();
        if (!teams)
            return teams.error();
        for (const Team &t : *teams)
            if ((isNumber && t.id == id) || t.name.compare(key, Qt::CaseInsensitive) == 0)
                return t.id;
        return Error{ErrorCode::NotFound, HelpdeskCli::tr("No team '%1'.").arg(key)};
    }
    auto cats = s.directory->categories();
    if (!cats)
        return cats.error();
    for (const Category &c : *cats)
        if ((isNumber && c.id == id) || c.name.compare(key, Qt::CaseInsensitive) == 0)
            return c.id;
    return Error{ErrorCode::NotFound, HelpdeskCli::tr("No category '%1'.").arg(key)};
}

void printTable(Context &ctx, const Report &r)
{
    ctx.out << HelpdeskCli::tr("Report %1 to %2 (previous period %3 to %4)")
                   .arg(r.query.from.toString(Qt::ISODate), r.query.to.toString(Qt::ISODate),
                        r.previousQuery.from.toString(Qt::ISODate),
                        r.previousQuery.to.toString(Qt::ISODate))
            << "\n\n";
    ctx.out << QStringLiteral("%1  %2  %3\n")
                   .arg(HelpdeskCli::tr("Figure"), -46)
                   .arg(HelpdeskCli::tr("Current"), 14)
                   .arg(HelpdeskCli::tr("Previous"), 14);
    const QList<KpiValue> now = kpiValues(r.current), before = kpiValues(r.previous);
    for (qsizetype i = 0; i < now.size(); ++i)
        ctx.out << QStringLiteral("%1  %2  %3\n")
                       .arg(now[i].display, -46)
                       .arg(formatValue(now[i].kind, now[i].value), 14)
                       .arg(formatValue(before[i].kind, before[i].value), 14);
    ctx.out << '\n'
            << QStringLiteral("%1  %2  %3  %4  %5\n")
                   .arg(HelpdeskCli::tr("Period"), -23)
                   .arg(HelpdeskCli::tr("Created"), 8)
                   .arg(HelpdeskCli::tr("Solved"), 8)
                   .arg(HelpdeskCli::tr("Reopened"), 8)
                   .arg(HelpdeskCli::tr("Backlog"), 8);
    for (const TrendPoint &p : r.trend)
        ctx.out << QStringLiteral("%1  %2  %3  %4  %5\n")
                       .arg(p.bucket.start == p.bucket.end
                                ? p.bucket.start.toString(Qt::ISODate)
                                : p.bucket.start.toString(Qt::ISODate) + QStringLiteral("..")
                                    + p.bucket.end.toString(QStringLiteral("MM-dd")),
                            -23)
                       .arg(p.created, 8)
                       .arg(p.solved, 8)
                       .arg(p.reopened, 8)
                       .arg(p.backlog, 8);
    if (!r.agents.isEmpty()) {
        ctx.out << '\n'
                << QStringLiteral("%1  %2  %3  %4\n")
                       .arg(HelpdeskCli::tr("Agent"), -24)
                       .arg(HelpdeskCli::tr("Solved"), 8)
                       .arg(HelpdeskCli::tr("Resolution, median"), 20)
                       .arg(HelpdeskCli::tr("CSAT score"), 10);
        for (const AgentRow &a : r.agents)
            ctx.out << QStringLiteral("%1  %2  %3  %4\n")
                           .arg(a.name, -24)
                           .arg(a.solved, 8)
                           .arg(formatValue(KpiValue::Seconds,
                                            a.resolution.count
                                                ? std::optional<double>(a.resolution.median)
                                                : std::nullopt),
                                20)
                           .arg(formatValue(KpiValue::Ratio,
                                            a.csatResponses ? std::optional<double>(
                                                double(a.csatSatisfied) / double(a.csatResponses))
                                                            : std::nullopt),
                                10);
    }
    for (const auto &[title, rows] : {std::pair{HelpdeskCli::tr("Category"), &r.categories},
                                      std::pair{HelpdeskCli::tr("Channel"), &r.channels},
                                      std::pair{HelpdeskCli::tr("Priority"), &r.priorities},
                                      std::pair{HelpdeskCli::tr("Direction"), &r.directions}}) {
        ctx.out << '\n'
                << QStringLiteral("%1  %2  %3\n")
                       .arg(title, -24)
                       .arg(HelpdeskCli::tr("Created"), 8)
                       .arg(HelpdeskCli::tr("Solved"), 8);
        for (const MixRow &m : *rows)
            ctx.out << QStringLiteral("%1  %2  %3\n")
                           .arg(m.name, -24)
                           .arg(m.created, 8)
                           .arg(m.solved, 8);
    }
    ctx.out << '\n' << HelpdeskCli::tr("Resolution time of the tickets resolved") << '\n';
    for (int i = 0; i < kHistogramBuckets; ++i)
        ctx.out << QStringLiteral("%1  %2\n")
                       .arg(histogramLabel(i), -8)
                       .arg(r.histogram[std::size_t(i)], 8);
}
} // namespace

int runReport(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    const auto from = opt("from", QT_TRANSLATE_NOOP("HelpdeskCli", "First day (YYYY-MM-DD)."), "D");
    const auto to = opt("to", QT_TRANSLATE_NOOP("HelpdeskCli", "Last day (YYYY-MM-DD)."), "D");
    const auto by
        = opt("by", QT_TRANSLATE_NOOP("HelpdeskCli", "Trend buckets: day, week or month."), "B");
    const auto team
        = opt("team", QT_TRANSLATE_NOOP("HelpdeskCli", "Only this team (name or id)."), "T");
    const auto agent = opt(
        "agent", QT_TRANSLATE_NOOP("HelpdeskCli", "Only this agent (name, email or id)."), "A");
    const auto channel
        = opt("channel", QT_TRANSLATE_NOOP("HelpdeskCli", "Only this channel."), "C");
    const auto category = opt(
        "category", QT_TRANSLATE_NOOP("HelpdeskCli", "Only this category (name or id)."), "C");
    const auto priority
        = opt("priority", QT_TRANSLATE_NOOP("HelpdeskCli", "Only this priority."), "P");
    const auto direction = opt(
        "direction", QT_TRANSLATE_NOOP("HelpdeskCli", "Only inbound or outbound tickets."), "D");
    const auto csv = opt("csv", QT_TRANSLATE_NOOP("HelpdeskCli", "CSV output on stdout."));
    const auto spikes
        = opt("spikes", QT_TRANSLATE_NOOP("HelpdeskCli", "Volume spikes of a day instead."));
    const auto date
        = opt("date", QT_TRANSLATE_NOOP("HelpdeskCli", "Day of --spikes (default today)."), "D");
    const auto tz = opt(
        "tz", QT_TRANSLATE_NOOP("HelpdeskCli", "Time zone of report days (default the system's)."),
        "ZONE");
    if (!parse(ctx, p,
               {from, to, by, team, agent, channel, category, priority, direction, csv, spikes,
                date, tz},
               QString(), 0, 0, &rc))
        return rc;

    QTimeZone zone = QTimeZone::systemTimeZone();
    if (p.isSet(tz)) {
        zone = QTimeZone(p.value(tz).toUtf8());
        if (!zone.isValid())
            return fail(ctx, HelpdeskCli::tr("Unknown time zone '%1'.").arg(p.value(tz)));
    }
    const bool json = wantsJson(p);
    ReportQuery q;
    for (const auto &[option, slot] : {std::pair{&from, &q.from}, std::pair{&to, &q.to}})
        if (p.isSet(*option)) {
            const auto d = parseDate(p.value(*option));
            if (!d)
                return fail(ctx,
                            HelpdeskCli::tr("--%1 needs a date as YYYY-MM-DD, not '%2'.")
                                .arg(option->names().first(), p.value(*option)));
            *slot = *d;
        }
    std::optional<QDate> day;
    if (p.isSet(date)) {
        day = parseDate(p.value(date));
        if (!day)
            return fail(
                ctx,
                HelpdeskCli::tr("--date needs a date as YYYY-MM-DD, not '%1'.").arg(p.value(date)));
    }
    if (p.isSet(by)) {
        const auto g = parseGranularity(p.value(by));
        if (!g)
            return fail(
                ctx,
                HelpdeskCli::tr("--by must be day, week or month, not '%1'.").arg(p.value(by)));
        q.granularity = *g;
    }
    if (p.isSet(channel)) {
        q.filter.channel = parseChannel(p.value(channel));
        if (!q.filter.channel)
            return fail(ctx,
                        HelpdeskCli::tr("Unknown channel '%1'; use one of: %2.")
                            .arg(p.value(channel), channelNames()));
    }
    if (p.isSet(priority)) {
        q.filter.priority = parsePriority(p.value(priority));
        if (!q.filter.priority)
            return fail(ctx,
                        HelpdeskCli::tr("Unknown priority '%1'; use one of: %2.")
                            .arg(p.value(priority), priorityNames()));
    }
    if (p.isSet(direction)) {
        q.filter.direction = parseDirection(p.value(direction));
        if (!q.filter.direction)
            return fail(ctx,
                        HelpdeskCli::tr("Direction must be inbound or outbound, not '%1'.")
                            .arg(p.value(direction)));
    }

    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    for (const auto &[option, kind, slot] :
         {std::tuple{&team, QStringLiteral("team"), &q.filter.teamId},
          std::tuple{&agent, QStringLiteral("agent"), &q.filter.agentId},
          std::tuple{&category, QStringLiteral("category"), &q.filter.categoryId}})
        if (p.isSet(*option)) {
            auto id = resolve(**s, kind, p.value(*option));
            if (!id)
                return failWith(ctx, id.error());
            *slot = *id;
        }
    const QDate today = (*s)->clock.now().toTimeZone(zone).date();
    if (!q.to.isValid())
        q.to = q.from.isValid() ? q.from.addDays(29) : today;
    if (!q.from.isValid())
        q.from = q.to.addDays(-29);
    if (auto v = validate(q); !v)
        return failWith(ctx, v.error());

    ReportEngine engine(*(*s)->db, zone);
    bool showedProgress = false;
    auto refreshed = engine.refresh([&](qint64 done, qint64 total) {
        if (!json && done != total) {
            ctx.err << '\r'
                    << HelpdeskCli::tr("updating report summaries: %1 / %2 tickets")
                           .arg(done)
                           .arg(total)
                    << Qt::flush;
            showedProgress = true;
        }
        return true;
    });
    if (showedProgress)
        ctx.err << '\n';
    if (!refreshed)
        return failWith(ctx, refreshed.error());

    if (p.isSet(spikes)) {
        auto alerts = SpikeDetector(*(*s)->db).detect(day.value_or(today));
        if (!alerts)
            return failWith(ctx, alerts.error());
        if (json) {
            QJsonArray out;
            for (const SpikeAlert &a : *alerts)
                out.append(toJson(a));
            printJson(ctx, QJsonDocument(out));
        } else if (alerts->isEmpty()) {
            ctx.out << HelpdeskCli::tr("No spikes on %1.")
                           .arg(day.value_or(today).toString(Qt::ISODate))
                    << '\n';
        } else {
            for (const SpikeAlert &a : *alerts)
                ctx.out << HelpdeskCli::tr("%1 %2: %3 tickets, expected %4")
                               .arg(wireName(a.dimension), a.name)
                               .arg(a.count)
                               .arg(a.expected, 0, 'f', 1)
                        << '\n';
        }
        return Ok;
    }

    auto report = ReportBuilder(*(*s)->db).build(q);
    if (!report)
        return failWith(ctx, report.error());
    if (json)
        printJson(ctx, QJsonDocument(toJson(*report)));
    else if (p.isSet(csv))
        ctx.out << toCsv(*report);
    else
        printTable(ctx, *report);
    ctx.out.flush();
    return Ok;
}

} // namespace hd::cli
