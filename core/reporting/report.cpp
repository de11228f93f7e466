// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/report.h"

#include "core/reporting/facts.h"
#include "core/reporting/rollupquery.h"
#include "core/storage/database.h"

#include <QHash>

#include <algorithm>

namespace hd::reporting {

namespace {
std::optional<double> ratio(qint64 num, qint64 den)
{
    return den ? std::optional<double>(double(num) / double(den)) : std::nullopt;
}

qint64 dayOf(QDate d)
{
    return DayMapper::dayOfDate(d);
}

/// Duration values of fact rows, per day and per agent.
struct Sample
{
    qint64 day;
    qint64 secs;
    qint64 bsecs;
    RowId agent;
};

Result<QList<Sample>> samples(Database &db, const char *dayColumn, const char *secs,
                              const char *bsecs, const ReportFilter &filter, qint64 from, qint64 to)
{
    QVariantList args{from, to};
    const QString where = filter.sql(args);
    auto q = db.exec(
        QStringLiteral("SELECT %1, %2, %3, assignee_id FROM ticket_facts WHERE %1 "
                       "BETWEEN ? AND ? AND merged = 0%4")
            .arg(QLatin1String(dayColumn), QLatin1String(secs), QLatin1String(bsecs), where),
        args);
    if (!q)
        return q.error();
    QList<Sample> out;
    while (q->next())
        out << Sample{q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toLongLong(),
                      q->value(3).toLongLong()};
    return out;
}

/// Median and p90 of the values selected by `keep`, into stats (count and sum come from the
/// rollups).
template<typename Keep>
void percentiles(const QList<Sample> &all, bool business, DurationStats &stats, Keep keep)
{
    QList<qint64> v;
    for (const Sample &s : all)
        if (keep(s))
            v << (business ? s.bsecs : s.secs);
    std::sort(v.begin(), v.end());
    stats.median = nearestRank(v, 50);
    stats.p90 = nearestRank(v, 90);
}

DurationStats stats(qint64 n, qint64 sum)
{
    DurationStats s;
    s.count = n;
    s.sum = sum;
    return s;
}

Kpis kpisOf(const Counters &c)
{
    Kpis k;
    k.created = c[Created];
    k.solved = c[Solved];
    k.reopened = c[Reopened];
    k.firstResponse = stats(c[FrtN], c[FrtSum]);
    k.firstResponseBusiness = stats(c[FrtN], c[FrtBsum]);
    k.resolution = stats(c[ResN], c[ResSum]);
    k.resolutionBusiness = stats(c[ResN], c[ResBsum]);
    k.frtSlaTotal = c[FrtSlaN];
    k.frtSlaMet = c[FrtSlaMet];
    k.resSlaTotal = c[ResSlaN];
    k.resSlaMet = c[ResSlaMet];
    k.resolved = c[ResN];
    k.resolvedReopened = c[ResReopened];
    k.csatSent = c[CsatSent];
    k.csatResponses = c[CsatN];
    k.csatSum = c[CsatSum];
    k.csatSatisfied = c[CsatGood];
    return k;
}

Counters sumDays(const QMap<qint64, Counters> &daily, qint64 from, qint64 to)
{
    Counters c{};
    for (auto it = daily.lowerBound(from); it != daily.end() && it.key() <= to; ++it)
        c += it.value();
    return c;
}

qint64 net(const Counters &c)
{
    return c[Created] - c[Solved] + c[Reopened];
}
} // namespace

std::optional<double> Kpis::slaCompliance() const
{
    return ratio(frtSlaMet + resSlaMet, frtSlaTotal + resSlaTotal);
}
std::optional<double> Kpis::frtSlaCompliance() const
{
    return ratio(frtSlaMet, frtSlaTotal);
}
std::optional<double> Kpis::resSlaCompliance() const
{
    return ratio(resSlaMet, resSlaTotal);
}
std::optional<double> Kpis::reopenRate() const
{
    return ratio(resolvedReopened, resolved);
}
std::optional<double> Kpis::csatScore() const
{
    return ratio(csatSatisfied, csatResponses);
}
std::optional<double> Kpis::csatResponseRate() const
{
    return ratio(csatResponses, csatSent);
}
std::optional<double> Kpis::csatMean() const
{
    return ratio(csatSum, csatResponses);
}

int histogramBucket(qint64 secs)
{
    int i = 0;
    while (i < int(kHistogramBounds.size()) && secs >= kHistogramBounds[std::size_t(i)])
        ++i;
    return i;
}

QString histogramLabel(int bucket)
{
    static const char *labels[kHistogramBuckets]
        = {"<1h", "1-4h", "4-8h", "8-24h", "1-3d", "3-7d", ">7d"};
    return QString::fromLatin1(labels[qBound(0, bucket, kHistogramBuckets - 1)]);
}

Result<void> validate(const ReportQuery &q)
{
    if (!q.from.isValid() || !q.to.isValid())
        return Error{ErrorCode::InvalidArgument,
                     ReportBuilder::tr("A report needs a valid period.")};
    if (q.to < q.from)
        return Error{ErrorCode::InvalidArgument,
                     ReportBuilder::tr("The period ends (%1) before it starts (%2).")
                         .arg(q.to.toString(Qt::ISODate), q.from.toString(Qt::ISODate))};
    if (q.days() > 3700)
        return Error{ErrorCode::InvalidArgument,
                     ReportBuilder::tr("A report covers at most ten years.")};
    return {};
}

Result<Report> ReportBuilder::build(const ReportQuery &q, int parts)
{
    if (auto v = validate(q); !v)
        return v.error();
    Report r;
    r.query = q;
    r.previousQuery = q.previous();
    const qint64 from = dayOf(q.from), to = dayOf(q.to);
    const qint64 prevFrom = dayOf(r.previousQuery.from);
    RollupReader rollups(m_db, q.filter);
    auto daily = rollups.daily(prevFrom, to);
    if (!daily)
        return daily.error();
    auto base = rollups.before(prevFrom);
    if (!base)
        return base.error();

    QList<Sample> frt, res;
    if (parts
        & (Report::Headline | Report::Agents | Report::Histogram | Report::TrendPercentiles)) {
        auto f = samples(m_db, "fr_day", "frt_secs", "frt_bsecs", q.filter, prevFrom, to);
        if (!f)
            return f.error();
        frt = *f;
        auto s = samples(m_db, "resolved_day", "res_secs", "res_bsecs", q.filter, prevFrom, to);
        if (!s)
            return s.error();
        res = *s;
    }

    if (parts & Report::Headline) {
        const qint64 backlogPrev = net(*base);
        for (const auto &[kpis, a, b] :
             {std::tuple{&r.previous, prevFrom, from - 1}, std::tuple{&r.current, from, to}}) {
            *kpis = kpisOf(sumDays(*daily, a, b));
            kpis->backlogStart = backlogPrev + net(sumDays(*daily, prevFrom, a - 1));
            kpis->backlogEnd = kpis->backlogStart + net(sumDays(*daily, a, b));
            auto in = [a = a, b = b](const Sample &s) {
                return s.day >= a && s.day <= b;
            };
            percentiles(frt, false, kpis->firstResponse, in);
            percentiles(frt, true, kpis->firstResponseBusiness, in);
            percentiles(res, false, kpis->resolution, in);
            percentiles(res, true, kpis->resolutionBusiness, in);
            auto dirs = rollups.grouped(Dim::Direction, a, b);
            if (!dirs)
                return dirs.error();
            kpis->inbound = dirs->value(hd::wireName(Direction::Inbound))[Created];
            kpis->outbound = dirs->value(hd::wireName(Direction::Outbound))[Created];
        }
    }

    if (parts & (Report::Trend | Report::TrendPercentiles)) {
        qint64 backlog = net(*base) + net(sumDays(*daily, prevFrom, from - 1));
        for (const Bucket &b : buckets(q)) {
            const qint64 a = dayOf(b.start), e = dayOf(b.end);
            const Counters c = sumDays(*daily, a, e);
            backlog += net(c);
            TrendPoint p;
            p.bucket = b;
            p.created = c[Created];
            p.solved = c[Solved];
            p.reopened = c[Reopened];
            p.backlog = backlog;
            p.firstResponse = stats(c[FrtN], c[FrtSum]);
            p.resolution = stats(c[ResN], c[ResSum]);
            if (parts & Report::TrendPercentiles) {
                auto in = [a, e](const Sample &s) {
                    return s.day >= a && s.day <= e;
                };
                percentiles(frt, false, p.firstResponse, in);
                percentiles(res, false, p.resolution, in);
            }
            r.trend << p;
        }
    }

    if (parts & Report::Agents) {
        auto byAgent = rollups.grouped(Dim::Agent, from, to);
        if (!byAgent)
            return byAgent.error();
        for (auto it = byAgent->begin(); it != byAgent->end(); ++it) {
            const Counters &c = it.value();
            if (c[Solved] == 0 && c[FrtN] == 0 && c[ResN] == 0)
                continue;
            AgentRow a;
            a.agentId = it.key().toLongLong();
            a.solved = c[Solved];
            a.firstResponse = stats(c[FrtN], c[FrtSum]);
            a.resolution = stats(c[ResN], c[ResSum]);
            a.resolutionBusiness = stats(c[ResN], c[ResBsum]);
            a.csatResponses = c[CsatN];
            a.csatSatisfied = c[CsatGood];
            auto mine = [&](const Sample &s) {
                return s.agent == a.agentId && s.day >= from && s.day <= to;
            };
            percentiles(frt, false, a.firstResponse, mine);
            percentiles(res, false, a.resolution, mine);
            percentiles(res, true, a.resolutionBusiness, mine);
            r.agents << a;
        }
        std::sort(r.agents.begin(), r.agents.end(), [](const AgentRow &x, const AgentRow &y) {
            return x.solved != y.solved ? x.solved > y.solved : x.agentId < y.agentId;
        });
    }

    if (parts & Report::Mix) {
        for (const auto &[dim, rows] :
             {std::pair{Dim::Category, &r.categories}, std::pair{Dim::Channel, &r.channels},
              std::pair{Dim::Priority, &r.priorities}, std::pair{Dim::Direction, &r.directions}}) {
            auto g = rollups.grouped(dim, from, to);
            if (!g)
                return g.error();
            for (auto it = g->begin(); it != g->end(); ++it)
                if (it.value()[Created] || it.value()[Solved])
                    *rows << MixRow{it.key(), QString(), it.value()[Created], it.value()[Solved]};
            std::sort(rows->begin(), rows->end(), [](const MixRow &x, const MixRow &y) {
                return x.created != y.created ? x.created > y.created : x.key < y.key;
            });
        }
    }

    if (parts & Report::Histogram)
        for (const Sample &s : std::as_const(res))
            if (s.day >= from && s.day <= to)
                ++r.histogram[std::size_t(histogramBucket(s.secs))];

    if (auto n = fillNames(m_db, r); !n)
        return n.error();
    return r;
}

Result<void> fillNames(Database &db, Report &r)
{
    QHash<QString, QString> agents, categories;
    auto a = db.exec(QStringLiteral("SELECT id, name FROM agents"));
    if (!a)
        return a.error();
    while (a->next())
        agents.insert(a->value(0).toString(), a->value(1).toString());
    auto c = db.exec(QStringLiteral("SELECT id, name FROM categories"));
    if (!c)
        return c.error();
    while (c->next())
        categories.insert(c->value(0).toString(), c->value(1).toString());
    const QString none = ReportBuilder::tr("(none)");
    for (AgentRow &row : r.agents)
        row.name = row.agentId ? agents.value(QString::number(row.agentId))
                               : ReportBuilder::tr("(unassigned)");
    for (MixRow &row : r.categories)
        row.name = row.key == QLatin1String("0") ? none : categories.value(row.key);
    for (MixRow &row : r.channels)
        row.name = displayName(parseChannel(row.key).value_or(Channel::Web));
    for (MixRow &row : r.priorities)
        row.name = displayName(static_cast<Priority>(qBound(0, row.key.toInt(), 3)));
    for (MixRow &row : r.directions)
        row.name = displayName(parseDirection(row.key).value_or(Direction::Inbound));
    return {};
}

} // namespace hd::reporting
