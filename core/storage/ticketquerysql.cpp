// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/ticketquerysql.h"

#include "core/storage/database.h"
#include "core/storage/searchtext.h"
#include "core/storage/ticketquerytext.h"

namespace hd::detail {

namespace {

constexpr qint64 kNoDue = std::numeric_limits<qint64>::max();

template<typename T, typename F>
void addIn(Where &w, const QString &column, const QList<T> &values, F toVariant)
{
    if (values.isEmpty())
        return;
    QStringList marks;
    QVariantList args;
    for (const T &v : values) {
        marks << QStringLiteral("?");
        args << toVariant(v);
    }
    w.add(column + QStringLiteral(" IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')'), args);
}

QList<Branch> branchesOf(const TicketFilter &f)
{
    QList<TicketStatus> statuses = f.statuses;
    if (statuses.isEmpty())
        statuses = QList<TicketStatus>(kAllStatuses.begin(), kAllStatuses.end());
    QList<Branch> out;
    for (TicketStatus s : statuses) {
        if (s == TicketStatus::Closed) {
            if (!f.archived || !*f.archived)
                out << Branch{s, 0};
            if (!f.archived || *f.archived)
                out << Branch{s, 1};
        } else if (!f.archived || !*f.archived) {
            out << Branch{s, 0};
        }
    }
    return out;
}

} // namespace

QString sortExpr(SortColumn c)
{
    switch (c) {
    case SortColumn::Number:
        return QStringLiteral("t.number");
    case SortColumn::Subject:
        return QStringLiteral("lower(t.subject)");
    case SortColumn::Requester:
        return QStringLiteral("t.requester_sort");
    case SortColumn::Status:
        return QStringLiteral("(CASE t.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'assigned' "
                              "THEN 2 WHEN 'pending' THEN 3 WHEN 'solved' THEN 4 ELSE 5 END)");
    case SortColumn::Priority:
        return QStringLiteral("t.priority");
    case SortColumn::Category:
        return QStringLiteral(
            "coalesce((SELECT lower(name) FROM categories WHERE id = t.category_id), '')");
    case SortColumn::Assignee:
        return QStringLiteral("t.assignee_sort");
    case SortColumn::Channel:
        return QStringLiteral("t.channel");
    case SortColumn::Direction:
        return QStringLiteral("t.direction");
    case SortColumn::Created:
        return QStringLiteral("t.created_at");
    case SortColumn::Updated:
        return QStringLiteral("t.updated_at");
    case SortColumn::SlaDue:
        return QStringLiteral("t.sla_due");
    }
    return QStringLiteral("t.updated_at");
}

Result<ListSql> prepareList(Database &db, const TicketFilter &f, bool needHitSet)
{
    ListSql l;
    l.branches = branchesOf(f);
    l.allBranches = f.statuses.isEmpty() && !f.archived;
    Where &w = l.common;
    addIn(w, QStringLiteral("t.priority"), f.priorities,
          [](Priority p) { return QVariant(int(p)); });
    addIn(w, QStringLiteral("t.category_id"), f.categoryIds, [](RowId id) { return QVariant(id); });
    addIn(w, QStringLiteral("t.team_id"), f.teamIds, [](RowId id) { return QVariant(id); });
    addIn(w, QStringLiteral("t.channel"), f.channels,
          [](Channel c) { return QVariant(wireName(c)); });
    if (f.assigneeId) {
        if (*f.assigneeId == 0)
            w.add(QStringLiteral("t.assignee_id IS NULL"));
        else
            w.add(QStringLiteral("t.assignee_id = ?"), {*f.assigneeId});
    }
    if (f.direction)
        w.add(QStringLiteral("t.direction = ?"), {wireName(*f.direction)});
    for (const QString &tag : f.tags)
        w.add(QStringLiteral(
                  "EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id AND g.tag = ?)"),
              {tag.trimmed().toLower()});
    if (f.requesterId)
        w.add(QStringLiteral("t.requester_id = ?"), {f.requesterId});
    if (!f.ids.isEmpty()) {
        // One parameter however many ids (SQLite limits the parameters of a statement).
        QByteArray json = "[";
        for (RowId id : f.ids)
            json += QByteArray::number(id) + ',';
        json.back() = ']';
        w.add(QStringLiteral("t.id IN (SELECT value FROM json_each(?))"),
              {QString::fromLatin1(json)});
    }
    if (f.createdFrom.isValid())
        w.add(QStringLiteral("t.created_at >= ?"), {Database::toDb(f.createdFrom)});
    if (f.createdTo.isValid())
        w.add(QStringLiteral("t.created_at < ?"), {Database::toDb(f.createdTo)});
    if (f.updatedFrom.isValid())
        w.add(QStringLiteral("t.updated_at >= ?"), {Database::toDb(f.updatedFrom)});
    if (f.updatedTo.isValid())
        w.add(QStringLiteral("t.updated_at < ?"), {Database::toDb(f.updatedTo)});
    if (!f.text.trimmed().isEmpty()) {
        const SearchQuery sq = buildSearchQuery(f.text);
        if (sq.empty)
            return Error{ErrorCode::InvalidArgument,
                         TicketQuery::tr("The search '%1' has no searchable words.").arg(f.text)};
        auto state = textState(db, sq.fts, needHitSet);
        if (!state)
            return state.error();
        l.textHits = state->hits;
        l.textHitsExact = state->hitsExact;
        l.onlyText = l.allBranches && w.clauses.isEmpty();
        if (!state->complete) {
            l.text = TextMode::ProbeFts;
            l.probe = state->probe;
        } else {
            l.text
                = state->hits <= driveFromHitsMax() ? TextMode::DriveFromHits : TextMode::ProbeHits;
        }
    }
    // Branches without a ticket (ticket_counts) would only cost a scan each.
    auto q = db.exec(QStringLiteral(
        "SELECT status, archived FROM ticket_counts GROUP BY status, archived HAVING sum(n) > 0"));
    if (!q)
        return q.error();
    QList<std::pair<QString, int>> nonEmpty;
    while (q->next())
        nonEmpty.append({q->value(0).toString(), q->value(1).toInt()});
    q->finish();
    l.branches.removeIf([&](const Branch &b) {
        return !nonEmpty.contains(std::pair<QString, int>(wireName(b.status), b.archived));
    });
    return l;
}

Where branchCondition(const ListSql &l)
{
    Where w;
    if (l.allBranches)
        return w;
    if (l.branches.isEmpty()) {
        w.add(QStringLiteral("0"));
        return w;
    }
    QStringList parts;
    for (const Branch &b : l.branches) {
        parts << QStringLiteral("(t.status = ? AND t.archived = ?)");
        w.args << wireName(b.status) << b.archived;
    }
    w.clauses << QLatin1Char('(') + parts.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    return w;
}

QList<Arm> arms(const ListSql &l, bool driveFromHits)
{
    QList<Arm> out;
    if (l.text != TextMode::None && (driveFromHits || l.text == TextMode::DriveFromHits)) {
        // CROSS JOIN: SQLite keeps the hits as the outer loop.
        Arm a{QStringLiteral("temp.hd_text_hits h CROSS JOIN tickets t ON t.id = h.id"),
              branchCondition(l)};
        a.where.clauses << l.common.clauses;
        a.where.args << l.common.args;
        out << a;
        return out;
    }
    for (const Branch &b : l.branches) {
        Arm a{QStringLiteral("tickets t"), l.common};
        a.where.prepend(QStringLiteral("t.status = ? AND t.archived = ?"),
                        {wireName(b.status), b.archived});
        // The unary + keeps the planner from turning the test into a lookup of every hit.
        if (l.text == TextMode::ProbeHits)
            a.where.add(QStringLiteral("+t.id IN temp.hd_text_hits"));
        else if (l.text == TextMode::ProbeFts)
            a.where << textCondition(l);
        out << a;
    }
    return out;
}

Where textCondition(const ListSql &l)
{
    Where w;
    if (l.text == TextMode::ProbeFts)
        w.add(QStringLiteral("EXISTS (SELECT 1 FROM ticket_search s WHERE ticket_search MATCH ? "
                             "AND s.rowid = t.id)"),
              {l.probe});
    else if (l.text != TextMode::None)
        w.add(QStringLiteral("t.id IN temp.hd_text_hits"));
    return w;
}

const QString kRowColumns = QStringLiteral(
    "t.id, t.number, t.subject, coalesce(r.name, ''), t.status, t.priority, coalesce(c.name, ''), "
    "coalesce(a.name, ''), t.channel, t.direction, t.created_at, t.updated_at, t.sla_due");
const QString kRowJoins = QStringLiteral(" LEFT JOIN customers r ON r.id = t.requester_id LEFT "
                                         "JOIN categories c ON c.id = t.category_id "
                                         "LEFT JOIN agents a ON a.id = t.assignee_id");

TicketListRow readRow(const Rows &q)
{
    TicketListRow r;
    r.id = q.value(0).toLongLong();
    r.number = q.value(1).toLongLong();
    r.subject = q.value(2).toString();
    r.requesterName = q.value(3).toString();
    r.status = parseStatus(q.value(4).toString()).value_or(TicketStatus::New);
    r.priority = static_cast<Priority>(qBound(0, q.value(5).toInt(), 3));
    r.categoryName = q.value(6).toString();
    r.assigneeName = q.value(7).toString();
    r.channel = parseChannel(q.value(8).toString()).value_or(Channel::Web);
    r.direction = parseDirection(q.value(9).toString()).value_or(Direction::Inbound);
    r.createdAt = Database::fromDb(q.value(10));
    r.updatedAt = Database::fromDb(q.value(11));
    const qint64 due = q.value(12).toLongLong();
    if (due != kNoDue)
        r.slaDue = Database::fromDb(due);
    r.cursor = Cursor{q.value(13), r.id};
    return r;
}

} // namespace hd::detail
