// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/rollupdelta.h"

#include "core/reporting/rollups.h"
#include "core/storage/database.h"

namespace hd::reporting {

namespace {
bool isZero(const Counters &c)
{
    return std::all_of(c.begin(), c.end(), [](qint64 v) { return v == 0; });
}

/// "INSERT INTO table(<keys>, <counters>) VALUES (?...) ON CONFLICT(<keys>) DO UPDATE SET
/// counter = counter + excluded.counter, ..."
QString upsert(const char *table, const QString &keys, int keyCount)
{
    QStringList cols, placeholders, updates;
    for (const char *c : counterColumns()) {
        cols << QString::fromLatin1(c);
        updates << QStringLiteral("%1 = %1 + excluded.%1").arg(QLatin1String(c));
    }
    for (int i = 0; i < keyCount + kCounterCount; ++i)
        placeholders << QStringLiteral("?");
    return QStringLiteral("INSERT INTO %1(%2, %3) VALUES (%4) ON CONFLICT(%2) DO UPDATE SET %5")
        .arg(QLatin1String(table), keys, cols.join(QStringLiteral(", ")),
             placeholders.join(QStringLiteral(",")), updates.join(QStringLiteral(", ")));
}
} // namespace

void RollupDelta::add(const TicketFacts &f, int sign)
{
    const QList<DayContribution> parts = contributions(f);
    if (parts.isEmpty())
        return;
    const std::pair<Dim, QString> dims[] = {{Dim::All, QStringLiteral("")},
                                            {Dim::Channel, f.channel},
                                            {Dim::Direction, f.direction},
                                            {Dim::Category, QString::number(f.categoryId)},
                                            {Dim::Priority, QString::number(f.priority)},
                                            {Dim::Team, QString::number(f.teamId)},
                                            {Dim::Agent, QString::number(f.assigneeId)}};
    for (const DayContribution &c : parts) {
        Counters signedCounters = c.counters;
        for (qint64 &v : signedCounters)
            v *= sign;
        m_cube[CubeKey{c.day, f.channel, f.direction, f.categoryId, f.priority, f.teamId,
                       f.assigneeId}]
            += signedCounters;
        for (const auto &[dim, key] : dims)
            m_dims[DimKey{int(dim), key, c.day}] += signedCounters;
    }
    for (const QString &tag : f.tags)
        m_tags[{f.createdDay, tag}] += sign;
}

Result<void> RollupDelta::apply(Database &db) const
{
    const QString cubeSql = upsert(
        "report_daily",
        QStringLiteral("day, channel, direction, category_id, priority, team_id, assignee_id"), 7);
    for (auto it = m_cube.begin(); it != m_cube.end(); ++it) {
        if (isZero(it.value()))
            continue;
        const CubeKey &k = it.key();
        QVariantList args{k.day,      k.channel, k.direction, k.category,
                          k.priority, k.team,    k.assignee};
        for (qint64 v : it.value())
            args << v;
        if (auto q = db.exec(cubeSql, args); !q)
            return q.error();
    }
    const QString dimSql = upsert("report_dim", QStringLiteral("dim, key, day"), 3);
    for (auto it = m_dims.begin(); it != m_dims.end(); ++it) {
        if (isZero(it.value()))
            continue;
        QVariantList args{it.key().dim, it.key().key, it.key().day};
        for (qint64 v : it.value())
            args << v;
        if (auto q = db.exec(dimSql, args); !q)
            return q.error();
    }
    for (auto it = m_tags.begin(); it != m_tags.end(); ++it) {
        if (it.value() == 0)
            continue;
        if (auto q = db.exec(QStringLiteral("INSERT INTO report_daily_tag(day, tag, created) "
                                            "VALUES (?, ?, ?) ON CONFLICT(day, tag) DO UPDATE "
                                            "SET created = created + excluded.created"),
                             {it.key().first, it.key().second, it.value()});
            !q)
            return q.error();
    }
    return {};
}

} // namespace hd::reporting
