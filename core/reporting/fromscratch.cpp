// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/fromscratch.h"

#include "core/reporting/factsio.h"
#include "core/storage/database.h"

#include <QMap>

#include <algorithm>

namespace hd::reporting {

namespace {
struct Values
{
    QList<qint64> secs, bsecs;
    void add(qint64 s, qint64 b)
    {
        secs << s;
        bsecs << b;
    }
};

DurationStats statsOf(QList<qint64> v)
{
    std::sort(v.begin(), v.end());
    DurationStats s;
    s.count = v.size();
    for (qint64 x : v)
        s.sum += x;
    s.median = nearestRank(v, 50);
    s.p90 = nearestRank(v, 90);
    return s;
}

bool matches(const TicketFacts &f, const ReportFilter &q)
{
    return (!q.channel || f.channel == hd::wireName(*q.channel))
        && (!q.direction || f.direction == hd::wireName(*q.direction))
        && (!q.categoryId || f.categoryId == *q.categoryId)
        && (!q.priority || f.priority == int(*q.priority)) && (!q.teamId || f.teamId == *q.teamId)
        && (!q.agentId || f.assigneeId == *q.agentId);
}

qint64 countIn(const QList<qint64> &days, qint64 a, qint64 b)
{
    return std::count_if(days.begin(), days.end(), [&](qint64 d) { return d >= a && d <= b; });
}

/// Whether the ticket is unresolved at the end of `day`.
bool openAt(const TicketFacts &f, qint64 day)
{
    return f.createdDay <= day
        && countIn(f.solveDays, LLONG_MIN, day) == countIn(f.reopenDays, LLONG_MIN, day);
}

struct Period
{
    qint64 a, b;
    Kpis k;
    Values frt, res;

    void add(const TicketFacts &f)
    {
        k.solved += countIn(f.solveDays, a, b);
        k.reopened += countIn(f.reopenDays, a, b);
        k.backlogStart += openAt(f, a - 1) ? 1 : 0;
        k.backlogEnd += openAt(f, b) ? 1 : 0;
        if (f.createdDay >= a && f.createdDay <= b)
            ++(f.direction == QLatin1String("inbound") ? k.inbound : k.outbound);
        if (f.frDay && *f.frDay >= a && *f.frDay <= b) {
            frt.add(*f.frtSecs, *f.frtBsecs);
            if (f.frtSlaMet) {
                ++k.frtSlaTotal;
                k.frtSlaMet += *f.frtSlaMet;
            }
        }
        if (f.resolvedDay && *f.resolvedDay >= a && *f.resolvedDay <= b) {
            res.add(*f.resSecs, *f.resBsecs);
            if (f.resSlaMet) {
                ++k.resSlaTotal;
                k.resSlaMet += *f.resSlaMet;
            }
            ++k.resolved;
            k.resolvedReopened += f.reopens() > 0;
            ++k.csatSent;
            if (f.csat > 0) {
                ++k.csatResponses;
                k.csatSum += f.csat;
                k.csatSatisfied += f.csat >= kCsatSatisfied;
            }
        }
    }
    void finish()
    {
        k.firstResponse = statsOf(frt.secs);
        k.firstResponseBusiness = statsOf(frt.bsecs);
        k.resolution = statsOf(res.secs);
        k.resolutionBusiness = statsOf(res.bsecs);
    }
};

/// Tickets created in [from, to] (local dates in zone), straight from the tickets table.
Result<qint64> createdBetween(Database &db, const QTimeZone &zone, QDate from, QDate to,
                              const ReportFilter &filter)
{
    QVariantList args{QDateTime(from, QTime(0, 0), zone).toMSecsSinceEpoch(),
                      QDateTime(to.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch()};
    QString where;
    for (const auto &[column, value] : filter.columns()) {
        where += column.endsWith(QLatin1String("_id"))
            ? QStringLiteral(" AND coalesce(%1, 0) = ?").arg(column)
            : QStringLiteral(" AND %1 = ?").arg(column);
        args << value;
    }
    auto n = db.scalar(QStringLiteral("SELECT count(*) FROM tickets WHERE created_at >= ? AND "
                                      "created_at < ? AND merged_into IS NULL")
                           + where,
                       args);
    if (!n)
        return n.error();
    return n->toLongLong();
}
} // namespace

Result<Report> buildFromScratch(Database &db, const QTimeZone &zone, const ReportQuery &q,
                                int parts)
{
    if (auto v = validate(q); !v)
        return v.error();
    Report r;
    r.query = q;
    r.previousQuery = q.previous();
    const DayMapper days(zone);
    const qint64 from = DayMapper::dayOfDate(q.from), to = DayMapper::dayOfDate(q.to);
    Period current{from, to, {}, {}, {}};
    Period previous{DayMapper::dayOfDate(r.previousQuery.from), from - 1, {}, {}, {}};
    const QList<Bucket> bs = buckets(q);
    QList<Period> trend;
    for (const Bucket &b : bs)
        trend << Period{DayMapper::dayOfDate(b.start), DayMapper::dayOfDate(b.end), {}, {}, {}};
    QMap<RowId, Period> agents;
    QMap<QString, MixRow> mixes[4];
    PolicyCache policies(db);

    RowId last = 0;
    for (;;) {
        auto q2 = db.exec(QStringLiteral("SELECT id FROM tickets WHERE id > ? ORDER BY id LIMIT "
                                         "5000"),
                          {last});
        if (!q2)
            return q2.error();
        QList<RowId> ids;
        while (q2->next())
            ids << q2->value(0).toLongLong();
        q2->finish();
        if (ids.isEmpty())
            break;
        last = ids.last();
        auto inputs = loadInputs(db, ids);
        if (!inputs)
            return inputs.error();
        for (const LoadedInput &in : std::as_const(*inputs)) {
            auto policy = policies.policy(in.policyId);
            if (!policy)
                return policy.error();
            const TicketFacts f = computeFacts(in.input, *policy, days);
            if (f.merged || !matches(f, q.filter))
                continue;
            current.add(f);
            previous.add(f);
            for (Period &p : trend)
                p.add(f);
            if (countIn(f.solveDays, from, to) || (f.frDay && *f.frDay >= from && *f.frDay <= to)
                || (f.resolvedDay && *f.resolvedDay >= from && *f.resolvedDay <= to)) {
                auto it = agents.find(f.assigneeId);
                if (it == agents.end())
                    it = agents.insert(f.assigneeId, Period{from, to, {}, {}, {}});
                it->add(f);
            }
            const QString keys[4] = {QString::number(f.categoryId), f.channel,
                                     QString::number(f.priority), f.direction};
            const bool created = f.createdDay >= from && f.createdDay <= to;
            const qint64 solved = countIn(f.solveDays, from, to);
            for (int i = 0; i < 4; ++i)
                if (created || solved) {
                    MixRow &m = mixes[i][keys[i]];
                    m.key = keys[i];
                    m.created += created;
                    m.solved += solved;
                }
            if (f.resolvedDay && *f.resolvedDay >= from && *f.resolvedDay <= to)
                ++r.histogram[std::size_t(histogramBucket(*f.resSecs))];
        }
    }

    for (Period *p : {&current, &previous}) {
        p->finish();
        auto created = createdBetween(db, zone, DayMapper::dateOfDay(p->a),
                                      DayMapper::dateOfDay(p->b), q.filter);
        if (!created)
            return created.error();
        p->k.created = *created;
    }
    if (parts & Report::Headline) {
        r.current = current.k;
        r.previous = previous.k;
    }
    if (parts & (Report::Trend | Report::TrendPercentiles)) {
        for (qsizetype i = 0; i < trend.size(); ++i) {
            Period &p = trend[i];
            p.finish();
            TrendPoint t;
            t.bucket = bs[i];
            auto created = createdBetween(db, zone, bs[i].start, bs[i].end, q.filter);
            if (!created)
                return created.error();
            t.created = *created;
            t.solved = p.k.solved;
            t.reopened = p.k.reopened;
            t.backlog = p.k.backlogEnd;
            t.firstResponse = p.k.firstResponse;
            t.resolution = p.k.resolution;
            if (!(parts & Report::TrendPercentiles)) {
                t.firstResponse.median = t.firstResponse.p90 = 0;
                t.resolution.median = t.resolution.p90 = 0;
            }
            r.trend << t;
        }
    }
    if (parts & Report::Agents) {
        for (auto it = agents.begin(); it != agents.end(); ++it) {
            it->finish();
            AgentRow a;
            a.agentId = it.key();
            a.solved = it->k.solved;
            a.firstResponse = it->k.firstResponse;
            a.resolution = it->k.resolution;
            a.resolutionBusiness = it->k.resolutionBusiness;
            a.csatResponses = it->k.csatResponses;
            a.csatSatisfied = it->k.csatSatisfied;
            r.agents << a;
        }
        std::sort(r.agents.begin(), r.agents.end(), [](const AgentRow &x, const AgentRow &y) {
            return x.solved != y.solved ? x.solved > y.solved : x.agentId < y.agentId;
        });
    }
    if (parts & Report::Mix) {
        QList<MixRow> *rows[4] = {&r.categories, &r.channels, &r.priorities, &r.directions};
        for (int i = 0; i < 4; ++i) {
            *rows[i] = mixes[i].values();
            std::sort(rows[i]->begin(), rows[i]->end(), [](const MixRow &x, const MixRow &y) {
                return x.created != y.created ? x.created > y.created : x.key < y.key;
            });
        }
    }
    if (!(parts & Report::Histogram))
        r.histogram = {};
    if (auto n = fillNames(db, r); !n)
        return n.error();
    return r;
}

} // namespace hd::reporting
