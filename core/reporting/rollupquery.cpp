// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/rollupquery.h"

#include "core/storage/database.h"

namespace hd::reporting {

namespace {
QString sums()
{
    QStringList parts;
    for (const char *c : counterColumns())
        parts << QStringLiteral("sum(%1)").arg(QLatin1String(c));
    return parts.join(QStringLiteral(", "));
}

Counters read(const Rows &q, int first)
{
    Counters c{};
    for (int i = 0; i < kCounterCount; ++i)
        c[std::size_t(i)] = q.value(first + i).toLongLong();
    return c;
}

Dim dimOf(const QString &column)
{
    for (Dim d :
         {Dim::Channel, Dim::Direction, Dim::Category, Dim::Priority, Dim::Team, Dim::Agent})
        if (cubeColumn(d) == column)
            return d;
    return Dim::All;
}
} // namespace

QString cubeColumn(Dim d)
{
    switch (d) {
    case Dim::All:
        return QString();
    case Dim::Channel:
        return QStringLiteral("channel");
    case Dim::Direction:
        return QStringLiteral("direction");
    case Dim::Category:
        return QStringLiteral("category_id");
    case Dim::Priority:
        return QStringLiteral("priority");
    case Dim::Team:
        return QStringLiteral("team_id");
    case Dim::Agent:
        return QStringLiteral("assignee_id");
    }
    return QString();
}

QString RollupReader::source(QVariantList &args) const
{
    const auto cols = m_filter.columns();
    if (cols.size() <= 1) {
        if (cols.isEmpty()) {
            args << int(Dim::All) << QStringLiteral("");
        } else {
            args << int(dimOf(cols.first().first)) << cols.first().second.toString();
        }
        return QStringLiteral("FROM report_dim WHERE dim = ? AND key = ?");
    }
    return QStringLiteral("FROM report_daily WHERE 1") + m_filter.sql(args);
}

Result<QMap<qint64, Counters>> RollupReader::daily(qint64 fromDay, qint64 toDay)
{
    QVariantList args;
    const QString from = source(args);
    args << fromDay << toDay;
    auto q = m_db.exec(
        QStringLiteral("SELECT day, %1 %2 AND day BETWEEN ? AND ? GROUP BY day").arg(sums(), from),
        args);
    if (!q)
        return q.error();
    QMap<qint64, Counters> out;
    while (q->next())
        out.insert(q->value(0).toLongLong(), read(*q, 1));
    return out;
}

Result<Counters> RollupReader::before(qint64 day)
{
    QVariantList args;
    const QString from = source(args);
    args << day;
    auto q = m_db.exec(QStringLiteral("SELECT %1 %2 AND day < ?").arg(sums(), from), args);
    if (!q)
        return q.error();
    Counters c{};
    if (q->next())
        c = read(*q, 0);
    q->finish();
    return c;
}

Result<QHash<QString, Counters>> RollupReader::grouped(Dim by, qint64 fromDay, qint64 toDay)
{
    QVariantList args;
    QString sql;
    if (m_filter.count() == 0) {
        args << int(by) << fromDay << toDay;
        sql = QStringLiteral("SELECT key, %1 FROM report_dim WHERE dim = ? AND day BETWEEN ? AND ? "
                             "GROUP BY key")
                  .arg(sums());
    } else {
        const QString where = m_filter.sql(args);
        args << fromDay << toDay;
        sql = QStringLiteral("SELECT CAST(%1 AS TEXT), %2 FROM report_daily WHERE 1 %3 AND day "
                             "BETWEEN ? AND ? GROUP BY 1")
                  .arg(cubeColumn(by), sums(), where);
    }
    auto q = m_db.exec(sql, args);
    if (!q)
        return q.error();
    QHash<QString, Counters> out;
    while (q->next())
        out.insert(q->value(0).toString(), read(*q, 1));
    return out;
}

} // namespace hd::reporting
