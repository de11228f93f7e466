// SPDX-License-Identifier: GPL-3.0-or-later
// TicketQuery's random access: pages at an offset from a known position, single rows, ranks.
#include "core/storage/database.h"
#include "core/storage/ticketquery.h"
#include "core/storage/ticketquerysql.h"

namespace hd {

using namespace detail;

namespace {

QString afterCondition(const QString &key, bool descending)
{
    return QStringLiteral("(") + key + QStringLiteral(", t.id) ")
        + (descending ? QStringLiteral("<") : QStringLiteral(">")) + QStringLiteral(" (?, ?)");
}

} // namespace

Result<TicketPage> TicketQuery::pageAt(const TicketFilter &filter, const TicketSort &sort,
                                       const Cursor &after, qint64 skip, int limit)
{
    return seek(filter, sort, after, skip, limit);
}

Result<TicketPage> TicketQuery::pageBefore(const TicketFilter &filter, const TicketSort &sort,
                                           const Cursor &before, qint64 skip, int limit)
{
    TicketSort reversed = sort;
    reversed.descending = !sort.descending;
    auto p = seek(filter, reversed, before, skip, limit);
    if (!p)
        return p;
    std::reverse(p->rows.begin(), p->rows.end());
    return p;
}

Result<TicketPage> TicketQuery::seek(const TicketFilter &filter, const TicketSort &sort,
                                     const Cursor &after, qint64 skip, int limit)
{
    limit = qBound(1, limit, 1000);
    skip = qMax<qint64>(0, skip);
    auto list = prepareList(m_db, filter);
    if (!list)
        return list.error();
    const QList<Arm> parts = arms(*list);
    if (parts.isEmpty())
        return TicketPage{{}, true};
    const QString key = sortExpr(sort.column);
    const QString dir = sort.descending ? QStringLiteral(" DESC") : QString();
    // A compound SELECT with ORDER BY: SQLite gives each arm the ORDER BY (so each reads its
    // list index in order) and merges them, stepping over OFFSET rows without sorting.
    QStringList selects;
    QVariantList args;
    for (Arm a : parts) {
        if (after.isValid())
            a.where.add(afterCondition(key, sort.descending), {after.key, after.id});
        selects << QStringLiteral("SELECT t.id AS rid, ") + key + QStringLiteral(" AS k FROM ")
                + a.from + a.where.sql();
        args << a.where.args;
    }
    const QString sql = QStringLiteral("SELECT ") + kRowColumns + QStringLiteral(", p.k FROM (")
        + selects.join(QStringLiteral(" UNION ALL ")) + QStringLiteral(" ORDER BY k") + dir
        + QStringLiteral(", rid") + dir + QStringLiteral(" LIMIT ") + QString::number(limit + 1)
        + QStringLiteral(" OFFSET ") + QString::number(skip)
        + QStringLiteral(") p JOIN tickets t ON t.id = p.rid") + kRowJoins
        + QStringLiteral(" ORDER BY p.k") + dir + QStringLiteral(", p.rid") + dir;
    auto q = m_db.exec(sql, args);
    if (!q)
        return q.error();
    TicketPage page;
    bool more = false;
    while (q->next()) {
        if (page.rows.size() == limit) {
            more = true;
            break;
        }
        page.rows << readRow(*q);
    }
    q->finish();
    page.atEnd = !more;
    return page;
}

Result<std::optional<TicketListRow>> TicketQuery::row(const TicketFilter &filter,
                                                      const TicketSort &sort, RowId id)
{
    auto list = prepareList(m_db, filter);
    if (!list)
        return list.error();
    Where w = branchCondition(*list);
    w << list->common << textCondition(*list);
    w.prepend(QStringLiteral("t.id = ?"), {id});
    auto q = m_db.exec(QStringLiteral("SELECT ") + kRowColumns + QStringLiteral(", ")
                           + sortExpr(sort.column) + QStringLiteral(" FROM tickets t") + kRowJoins
                           + w.sql(),
                       w.args);
    if (!q)
        return q.error();
    std::optional<TicketListRow> out;
    if (q->next())
        out = readRow(*q);
    q->finish();
    return out;
}

Result<std::optional<qint64>> TicketQuery::countAfter(const TicketFilter &filter,
                                                      const TicketSort &sort, const Cursor &after,
                                                      qint64 maxScan)
{
    auto list = prepareList(m_db, filter, true);
    if (!list)
        return list.error();
    const QString key = sortExpr(sort.column);
    qint64 total = 0;
    for (Arm a : arms(*list)) {
        if (after.isValid())
            a.where.add(afterCondition(key, sort.descending), {after.key, after.id});
        const qint64 budget = maxScan - total + 1;
        auto n = m_db.scalar(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM ") + a.from
                                 + a.where.sql() + QStringLiteral(" LIMIT ")
                                 + QString::number(budget) + QLatin1Char(')'),
                             a.where.args);
        if (!n)
            return n.error();
        total += n->toLongLong();
        if (total > maxScan)
            return std::optional<qint64>();
    }
    return std::optional<qint64>(total);
}

Result<std::optional<qint64>> TicketQuery::rankOf(const TicketFilter &filter,
                                                  const TicketSort &sort, const Cursor &at,
                                                  qint64 total, qint64 maxScan)
{
    // Rows before `at` are the rows after it in the reversed order.
    TicketSort reversed = sort;
    reversed.descending = !sort.descending;
    auto before = countAfter(filter, reversed, at, maxScan);
    if (!before || *before || total < 0)
        return before;
    auto after = countAfter(filter, sort, at, maxScan);
    if (!after || !*after)
        return after;
    return std::optional<qint64>(qMax<qint64>(0, total - 1 - **after));
}

} // namespace hd
