// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/ticketquery.h"

#include "core/storage/database.h"
#include "core/storage/searchtext.h"
#include "core/storage/ticketquerysql.h"
#include "core/storage/ticketquerytext.h"

namespace hd {

using namespace detail;

TicketQuery::TicketQuery(Database &db)
    : m_db(db)
{ }

Result<TicketPage> TicketQuery::page(const TicketFilter &filter, const TicketSort &sort,
                                     const Cursor &after, int limit)
{
    return run(filter, sort, after, limit);
}

Result<TicketPage> TicketQuery::lastPage(const TicketFilter &filter, const TicketSort &sort,
                                         int limit)
{
    TicketSort reversed = sort;
    reversed.descending = !sort.descending;
    auto p = run(filter, reversed, {}, limit);
    if (!p)
        return p;
    std::reverse(p->rows.begin(), p->rows.end());
    p->atEnd = true;
    return p;
}

Result<TicketPage> TicketQuery::run(const TicketFilter &filter, const TicketSort &sort,
                                    const Cursor &after, int limit)
{
    limit = qBound(1, limit, 1000);
    auto list = prepareList(m_db, filter);
    if (!list)
        return list.error();
    const QString key = sortExpr(sort.column);
    const QString cmp = sort.descending ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = sort.descending ? QStringLiteral(" DESC") : QString();
    const QList<Arm> parts = arms(*list);
    if (parts.isEmpty())
        return TicketPage{{}, true};

    // One index-ordered scan per (status, archived), each limited, merged by the outer query.
    QStringList selects;
    QVariantList args;
    for (Arm a : parts) {
        if (after.isValid()) {
            a.where.add(QStringLiteral("(") + key + QStringLiteral(", t.id) ") + cmp
                            + QStringLiteral(" (?, ?)"),
                        {after.key, after.id});
        }
        selects << QStringLiteral("SELECT * FROM (SELECT t.id AS id, ") + key
                + QStringLiteral(" AS k FROM ") + a.from + a.where.sql()
                + QStringLiteral(" ORDER BY k") + dir + QStringLiteral(", t.id") + dir
                + QStringLiteral(" LIMIT ") + QString::number(limit + 1) + QLatin1Char(')');
        args << a.where.args;
    }
    const QString sql = QStringLiteral("SELECT ") + kRowColumns + QStringLiteral(", p.k FROM (")
        + selects.join(QStringLiteral(" UNION ALL "))
        + QStringLiteral(") p JOIN tickets t ON t.id = p.id") + kRowJoins
        + QStringLiteral(" ORDER BY p.k") + dir + QStringLiteral(", p.id") + dir
        + QStringLiteral(" LIMIT ") + QString::number(limit + 1);
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
    page.atEnd = !more;
    q->finish();
    return page;
}

Result<qint64> TicketQuery::count(const TicketFilter &filter)
{
    auto list = prepareList(m_db, filter, true);
    if (!list)
        return list.error();
    if (list->onlyText)
        return list->textHits;
    // With a text filter the hits are looked up once (fewer rows than any branch scan).
    qint64 total = 0;
    for (const Arm &a : arms(*list, true)) {
        auto n = m_db.scalar(QStringLiteral("SELECT count(*) FROM ") + a.from + a.where.sql(),
                             a.where.args);
        if (!n)
            return n.error();
        total += n->toLongLong();
    }
    return total;
}

Result<std::optional<qint64>> TicketQuery::quickCount(const TicketFilter &f)
{
    // Status, archived and assignee only: a sum of ticket_counts rows.
    const bool countsOnly = f.priorities.isEmpty() && f.categoryIds.isEmpty() && f.teamIds.isEmpty()
        && f.channels.isEmpty() && !f.direction && f.tags.isEmpty() && !f.requesterId
        && f.ids.isEmpty() && !f.createdFrom.isValid() && !f.createdTo.isValid()
        && !f.updatedFrom.isValid() && !f.updatedTo.isValid() && f.text.trimmed().isEmpty();
    if (countsOnly) {
        auto list = prepareList(m_db, f);
        if (!list)
            return list.error();
        Where w = branchCondition(*list);
        for (QString &c : w.clauses)
            c.replace(QStringLiteral("t."), QString());
        if (f.assigneeId)
            w.add(QStringLiteral("assignee_id = ?"), {*f.assigneeId});
        auto n = m_db.scalar(
            QStringLiteral("SELECT coalesce(sum(n), 0) FROM ticket_counts") + w.sql(), w.args);
        if (!n)
            return n.error();
        return std::optional<qint64>(n->toLongLong());
    }
    // One more indexed condition: each branch counts a range of a covering index.
    const int indexed = int(!f.priorities.isEmpty())
        + int(f.createdFrom.isValid() || f.createdTo.isValid()) + int(f.assigneeId.has_value());
    const bool indexOnly = indexed == 1 && f.categoryIds.isEmpty() && f.teamIds.isEmpty()
        && f.channels.isEmpty() && !f.direction && f.tags.isEmpty() && !f.requesterId
        && f.ids.isEmpty() && !f.updatedFrom.isValid() && !f.updatedTo.isValid()
        && f.text.trimmed().isEmpty();
    if (!indexOnly && f.text.trimmed().isEmpty())
        return std::optional<qint64>();
    if (!indexOnly) {
        auto list = prepareList(m_db, f); // counts the hits
        if (!list)
            return list.error();
        if (list->onlyText && list->textHitsExact)
            return std::optional<qint64>(list->textHits);
        if (list->textHits > driveFromHitsMax())
            return std::optional<qint64>(); // also a text alone until its hits are read
    }
    auto n = count(f);
    if (!n)
        return n.error();
    return std::optional<qint64>(*n);
}

Result<bool> TicketQuery::preloadText(const TicketFilter &filter, qint64 hits)
{
    if (filter.text.trimmed().isEmpty())
        return true;
    const SearchQuery sq = buildSearchQuery(filter.text);
    if (sq.empty)
        return true;
    return loadTextHitsStep(m_db, sq.fts, hits);
}

Result<ViewCounts> TicketQuery::viewCounts(RowId me)
{
    auto q = m_db.exec(
        QStringLiteral("SELECT status, archived, assignee_id, n FROM ticket_counts WHERE n <> 0"));
    if (!q)
        return q.error();
    ViewCounts c;
    while (q->next()) {
        const auto s = parseStatus(q->value(0).toString());
        const bool archived = q->value(1).toBool();
        const RowId assignee = q->value(2).toLongLong();
        const qint64 n = q->value(3).toLongLong();
        if (!s)
            continue;
        if (archived) {
            c.archived += n;
            continue;
        }
        if (isActive(*s)) {
            c.allOpen += n;
            if (assignee == 0)
                c.unassigned += n;
            if (me && assignee == me)
                c.mine += n;
        }
        if (*s == TicketStatus::Pending)
            c.pending += n;
        else if (*s == TicketStatus::Solved)
            c.solved += n;
        else if (*s == TicketStatus::Closed)
            c.closed += n;
    }
    return c;
}

bool TicketQuery::hasListIndex(SortColumn column)
{
    return column == SortColumn::Updated || column == SortColumn::Created
        || column == SortColumn::Priority || column == SortColumn::SlaDue;
}

TicketFilter TicketQuery::myTickets(RowId me)
{
    TicketFilter f;
    f.statuses = QList<TicketStatus>(kActiveStatuses.begin(), kActiveStatuses.end());
    f.assigneeId = me;
    return f;
}

TicketFilter TicketQuery::unassigned()
{
    TicketFilter f;
    f.statuses = QList<TicketStatus>(kActiveStatuses.begin(), kActiveStatuses.end());
    f.assigneeId = 0;
    return f;
}

TicketFilter TicketQuery::allOpen()
{
    TicketFilter f;
    f.statuses = QList<TicketStatus>(kActiveStatuses.begin(), kActiveStatuses.end());
    return f;
}

TicketFilter TicketQuery::withStatus(TicketStatus s)
{
    TicketFilter f;
    f.statuses = {s};
    f.archived = false;
    return f;
}

TicketFilter TicketQuery::archivedView()
{
    TicketFilter f;
    f.statuses = {TicketStatus::Closed};
    f.archived = true;
    return f;
}

} // namespace hd
