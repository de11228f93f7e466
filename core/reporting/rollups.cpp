// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/rollups.h"

#include "core/reporting/factsio.h"
#include "core/reporting/rollupdelta.h"
#include "core/storage/database.h"

namespace hd::reporting {

namespace {
/// Bump when the meaning of a fact changes: stored facts are then rebuilt.
const QString kFactsVersion = QStringLiteral("1");

Result<void> run(Database &db, const QString &sql, const QVariantList &args = {})
{
    auto q = db.exec(sql, args);
    return q ? Result<void>() : Result<void>(q.error());
}

QString counterList(const char *prefix, const char *aggregate)
{
    QStringList parts;
    for (const char *c : counterColumns())
        parts << QString::fromLatin1(aggregate).arg(QLatin1String(prefix) + QLatin1String(c));
    return parts.join(QStringLiteral(", "));
}
} // namespace

ReportEngine::ReportEngine(Database &db, QTimeZone zone)
    : m_db(db)
    , m_zone(zone.isValid() ? std::move(zone) : QTimeZone::utc())
    , m_days(std::make_unique<DayMapper>(m_zone))
{ }

ReportEngine::~ReportEngine() = default;

Result<QString> ReportEngine::state(const QString &key)
{
    auto v = m_db.scalar(QStringLiteral("SELECT value FROM report_state WHERE key = ?"), {key});
    if (!v)
        return v.error();
    return v->toString();
}

Result<void> ReportEngine::setState(const QString &key, const QVariant &value)
{
    if (value.isNull())
        return run(m_db, QStringLiteral("DELETE FROM report_state WHERE key = ?"), {key});
    return run(m_db,
               QStringLiteral("INSERT INTO report_state(key, value) VALUES (?, ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
               {key, value.toString()});
}

Result<void> ReportEngine::invalidate()
{
    return m_db.transaction([&]() -> Result<void> {
        return run(m_db, QStringLiteral("DELETE FROM report_state WHERE key = 'version'"));
    });
}

Result<void> ReportEngine::startRebuild(const QString &fingerprint)
{
    return m_db.transaction([&]() -> Result<void> {
        for (const char *table : {"ticket_facts", "report_daily", "report_dim", "report_daily_tag",
                                  "report_dirty", "report_state"})
            if (auto r = run(m_db, QStringLiteral("DELETE FROM ") + QLatin1String(table)); !r)
                return r;
        auto target = m_db.scalar(QStringLiteral("SELECT coalesce(max(id), 0) FROM events"));
        if (!target)
            return target.error();
        for (const auto &[key, value] :
             {std::pair{QStringLiteral("zone"), QVariant(QString::fromUtf8(m_zone.id()))},
              std::pair{QStringLiteral("policies"), QVariant(fingerprint)},
              std::pair{QStringLiteral("version"), QVariant(kFactsVersion)},
              std::pair{QStringLiteral("rebuild_cursor"), QVariant(0)},
              std::pair{QStringLiteral("rebuild_target"), *target},
              std::pair{QStringLiteral("watermark"), QVariant(0)}})
            if (auto r = setState(key, value); !r)
                return r;
        return {};
    });
}

Result<ReportEngine::Stats> ReportEngine::refresh(const Progress &progress)
{
    Stats stats;
    m_policies = std::make_unique<PolicyCache>(m_db);
    auto fingerprint = PolicyCache::fingerprint(m_db);
    if (!fingerprint)
        return fingerprint.error();
    auto zone = state(QStringLiteral("zone"));
    auto policies = state(QStringLiteral("policies"));
    auto version = state(QStringLiteral("version"));
    if (!zone || !policies || !version)
        return zone ? (policies ? version.error() : policies.error()) : zone.error();
    if (*zone != QString::fromUtf8(m_zone.id()) || *policies != *fingerprint
        || *version != kFactsVersion)
        if (auto r = startRebuild(*fingerprint); !r)
            return r.error();

    auto cursor = state(QStringLiteral("rebuild_cursor"));
    if (!cursor)
        return cursor.error();
    if (!cursor->isEmpty()) {
        stats.rebuilt = true;
        auto total = m_db.scalar(QStringLiteral("SELECT count(*) FROM tickets"));
        if (!total)
            return total.error();
        auto done = m_db.scalar(QStringLiteral("SELECT count(*) FROM ticket_facts"));
        if (!done)
            return done.error();
        qint64 n = done->toLongLong();
        for (;;) {
            auto more = rebuildStep(n, &stats.tickets);
            if (!more)
                return more.error();
            if (!*more)
                break;
            if (progress && !progress(n, total->toLongLong())) {
                stats.cancelled = true;
                return stats;
            }
        }
        if (auto r = aggregateRollups(); !r)
            return r.error();
    }

    for (;;) {
        auto more = incrementalStep(&stats.tickets);
        if (!more)
            return more.error();
        if (!*more)
            break;
        if (progress && !progress(stats.tickets, stats.tickets)) {
            stats.cancelled = true;
            return stats;
        }
    }
    return stats;
}

Result<bool> ReportEngine::rebuildStep(qint64 &done, qint64 *recomputed)
{
    bool more = false;
    auto r = m_db.transaction([&]() -> Result<void> {
        auto q = m_db.exec(QStringLiteral("SELECT id FROM tickets WHERE id > (SELECT CAST(value AS "
                                          "INTEGER) FROM report_state WHERE key = "
                                          "'rebuild_cursor') ORDER BY id LIMIT ?"),
                           {m_batch});
        if (!q)
            return q.error();
        QList<RowId> ids;
        while (q->next())
            ids << q->value(0).toLongLong();
        q->finish();
        if (ids.isEmpty())
            return {};
        more = true;
        if (auto c = recompute(ids, false); !c)
            return c;
        done += ids.size();
        *recomputed += ids.size();
        return setState(QStringLiteral("rebuild_cursor"), ids.last());
    });
    if (!r)
        return r.error();
    return more;
}

Result<void> ReportEngine::aggregateRollups()
{
    // The same contributions as contributions() in facts.cpp, in SQL, for every ticket at once.
    const QString dims
        = QStringLiteral("channel, direction, category_id, priority, team_id, assignee_id");
    const QString z13 = QStringLiteral("0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
    const QString contributions
        = QStringLiteral("SELECT created_day AS day, %1, 1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 "
                         "FROM ticket_facts WHERE merged = 0 "
                         "UNION ALL SELECT d.value, %1, 0,1,0,%2 FROM ticket_facts f, "
                         "json_each(f.solve_days) d WHERE merged = 0 "
                         "UNION ALL SELECT d.value, %1, 0,0,1,%2 FROM ticket_facts f, "
                         "json_each(f.reopen_days) d WHERE merged = 0 "
                         "UNION ALL SELECT fr_day, %1, 0,0,0,1,frt_secs,frt_bsecs,"
                         "frt_sla_met IS NOT NULL,coalesce(frt_sla_met,0),0,0,0,0,0,0,0,0,0,0 "
                         "FROM ticket_facts WHERE merged = 0 AND fr_day IS NOT NULL "
                         "UNION ALL SELECT resolved_day, %1, 0,0,0,0,0,0,0,0,1,res_secs,"
                         "res_bsecs,res_sla_met IS NOT NULL,coalesce(res_sla_met,0),reopens > 0,"
                         "1,csat > 0,csat,csat >= %3 FROM ticket_facts WHERE merged = 0 AND "
                         "resolved_day IS NOT NULL")
              .arg(dims, z13)
              .arg(kCsatSatisfied);
    QStringList cols;
    for (const char *c : counterColumns())
        cols << QString::fromLatin1(c);
    QStringList aliased;
    for (int i = 0; i < kCounterCount; ++i)
        aliased << QStringLiteral("c%1").arg(i);
    QStringList sums;
    for (const QString &a : aliased)
        sums << QStringLiteral("sum(%1)").arg(a);
    return m_db.transaction([&]() -> Result<void> {
        for (const char *table : {"report_daily", "report_dim", "report_daily_tag"})
            if (auto r = run(m_db, QStringLiteral("DELETE FROM ") + QLatin1String(table)); !r)
                return r;
        // SQLite has no column aliases on derived tables; name the columns in a CTE instead.
        const QString insertCube
            = QStringLiteral("WITH x(day, channel, direction, category_id, priority, team_id, "
                             "assignee_id, %1) AS (%2) INSERT INTO report_daily(day, %3, %4) "
                             "SELECT day, %3, %5 FROM x GROUP BY day, %3")
                  .arg(aliased.join(QStringLiteral(", ")), contributions, dims,
                       cols.join(QStringLiteral(", ")), sums.join(QStringLiteral(", ")));
        if (auto r = run(m_db, insertCube); !r)
            return r;
        const QString sumCols = counterList("", "sum(%1)");
        const std::pair<Dim, const char *> keys[] = {{Dim::All, "''"},
                                                     {Dim::Channel, "channel"},
                                                     {Dim::Direction, "direction"},
                                                     {Dim::Category, "CAST(category_id AS TEXT)"},
                                                     {Dim::Priority, "CAST(priority AS TEXT)"},
                                                     {Dim::Team, "CAST(team_id AS TEXT)"},
                                                     {Dim::Agent, "CAST(assignee_id AS TEXT)"}};
        for (const auto &[dim, key] : keys)
            if (auto r = run(m_db,
                             QStringLiteral("INSERT INTO report_dim(dim, key, day, %1) SELECT %2, "
                                            "%3, day, %4 FROM report_daily GROUP BY 2, 3")
                                 .arg(cols.join(QStringLiteral(", ")))
                                 .arg(int(dim))
                                 .arg(QLatin1String(key), sumCols));
                !r)
                return r;
        if (auto r = run(m_db,
                         QStringLiteral("INSERT INTO report_daily_tag(day, tag, created) "
                                        "SELECT created_day, t.value, count(*) FROM "
                                        "ticket_facts f, json_each(f.tags) t WHERE merged "
                                        "= 0 GROUP BY 1, 2"));
            !r)
            return r;
        auto target = state(QStringLiteral("rebuild_target"));
        if (!target)
            return target.error();
        if (auto r = setState(QStringLiteral("watermark"), *target); !r)
            return r;
        if (auto r = setState(QStringLiteral("rebuild_cursor"), QVariant()); !r)
            return r;
        return setState(QStringLiteral("rebuild_target"), QVariant());
    });
}

Result<bool> ReportEngine::incrementalStep(qint64 *recomputed)
{
    bool more = false;
    auto r = m_db.transaction([&]() -> Result<void> {
        auto q = m_db.exec(QStringLiteral("SELECT id, ticket_id FROM events WHERE id > (SELECT "
                                          "CAST(value AS INTEGER) FROM report_state WHERE key = "
                                          "'watermark') ORDER BY id LIMIT ?"),
                           {m_batch * 4});
        if (!q)
            return q.error();
        QList<RowId> ids;
        qint64 last = -1;
        while (q->next()) {
            last = q->value(0).toLongLong();
            ids << q->value(1).toLongLong();
        }
        q->finish();
        auto dirty
            = m_db.exec(QStringLiteral("SELECT ticket_id FROM report_dirty LIMIT ?"), {m_batch});
        if (!dirty)
            return dirty.error();
        QList<RowId> gone;
        while (dirty->next())
            gone << dirty->value(0).toLongLong();
        dirty->finish();
        if (ids.isEmpty() && gone.isEmpty())
            return {};
        more = true;
        ids << gone;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        if (auto c = recompute(ids, true); !c)
            return c;
        *recomputed += ids.size();
        if (!gone.isEmpty())
            if (auto d = run(m_db,
                             QStringLiteral("DELETE FROM report_dirty WHERE ticket_id IN (SELECT "
                                            "value FROM json_each(?))"),
                             {idsJson(gone)});
                !d)
                return d;
        return last >= 0 ? setState(QStringLiteral("watermark"), last) : Result<void>();
    });
    if (!r)
        return r.error();
    return more;
}

Result<void> ReportEngine::recompute(const QList<RowId> &ids, bool withRollups)
{
    RollupDelta delta;
    if (withRollups) {
        auto old = loadFacts(m_db, ids);
        if (!old)
            return old.error();
        for (const TicketFacts &f : std::as_const(*old))
            delta.add(f, -1);
    }
    auto inputs = loadInputs(m_db, ids);
    if (!inputs)
        return inputs.error();
    QList<TicketFacts> facts;
    facts.reserve(inputs->size());
    for (const LoadedInput &in : std::as_const(*inputs)) {
        auto policy = m_policies->policy(in.policyId);
        if (!policy)
            return policy.error();
        facts << computeFacts(in.input, *policy, *m_days);
        if (withRollups)
            delta.add(facts.last(), +1);
    }
    if (auto d = deleteFacts(m_db, ids); !d)
        return d;
    if (auto i = insertFacts(m_db, facts); !i)
        return i;
    return withRollups ? delta.apply(m_db) : Result<void>();
}

} // namespace hd::reporting
