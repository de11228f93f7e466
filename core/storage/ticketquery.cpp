// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/ticketquery.h"

#include "core/storage/database.h"
#include "core/storage/searchtext.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace hd {

namespace {

constexpr qint64 kNoDue = std::numeric_limits<qint64>::max();

/// SQL expression a column sorts by. Indexed columns use the bare column so the list indexes
/// (status, archived, <column>, id) give rows in order without sorting.
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

struct Where
{
    QStringList clauses;
    QVariantList args;
    void add(const QString &clause, const QVariantList &a = {})
    {
        clauses << clause;
        args << a;
    }
    QString sql() const
    {
        return clauses.isEmpty()
            ? QString()
            : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
};

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

/// Every filter but status/archived, which become the branches.
Result<Where> commonWhere(const TicketFilter &f)
{
    Where w;
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
        w.add(
            QStringLiteral("t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)"),
            {sq.fts});
    }
    return w;
}

struct Branch
{
    TicketStatus status;
    int archived;
};

QList<Branch> branches(const TicketFilter &f)
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

const QString kRowColumns = QStringLiteral(
    "t.id, t.number, t.subject, coalesce(r.name, ''), t.status, t.priority, coalesce(c.name, ''), "
    "coalesce(a.name, ''), t.channel, t.direction, t.created_at, t.updated_at, t.sla_due");
const QString kRowJoins = QStringLiteral(" LEFT JOIN customers r ON r.id = t.requester_id LEFT "
                                         "JOIN categories c ON c.id = t.category_id "
                                         "LEFT JOIN agents a ON a.id = t.assignee_id");

} // namespace

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
    auto common = commonWhere(filter);
    if (!common)
        return common.error();
    const QString key = sortExpr(sort.column);
    const QString cmp = sort.descending ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = sort.descending ? QStringLiteral(" DESC") : QString();
    const QList<Branch> parts = branches(filter);
    if (parts.isEmpty())
        return TicketPage{{}, true};

    // One index-ordered scan per (status, archived), each limited, merged by the outer query.
    QStringList selects;
    QVariantList args;
    for (const Branch &b : parts) {
        Where w = *common;
        w.clauses.prepend(QStringLiteral("t.status = ? AND t.archived = ?"));
        w.args = QVariantList{wireName(b.status), b.archived} + w.args;
        if (after.isValid()) {
            w.add(QStringLiteral("(") + key + QStringLiteral(", t.id) ") + cmp
                      + QStringLiteral(" (?, ?)"),
                  {after.key, after.id});
        }
        selects << QStringLiteral("SELECT * FROM (SELECT t.id AS id, ") + key
                + QStringLiteral(" AS k FROM tickets t") + w.sql() + QStringLiteral(" ORDER BY k")
                + dir + QStringLiteral(", t.id") + dir + QStringLiteral(" LIMIT ")
                + QString::number(limit + 1) + QLatin1Char(')');
        args << w.args;
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
        TicketListRow r;
        r.id = q->value(0).toLongLong();
        r.number = q->value(1).toLongLong();
        r.subject = q->value(2).toString();
        r.requesterName = q->value(3).toString();
        r.status = parseStatus(q->value(4).toString()).value_or(TicketStatus::New);
        r.priority = static_cast<Priority>(qBound(0, q->value(5).toInt(), 3));
        r.categoryName = q->value(6).toString();
        r.assigneeName = q->value(7).toString();
        r.channel = parseChannel(q->value(8).toString()).value_or(Channel::Web);
        r.direction = parseDirection(q->value(9).toString()).value_or(Direction::Inbound);
        r.createdAt = Database::fromDb(q->value(10));
        r.updatedAt = Database::fromDb(q->value(11));
        const qint64 due = q->value(12).toLongLong();
        if (due != kNoDue)
            r.slaDue = Database::fromDb(due);
        r.cursor = Cursor{q->value(13), r.id};
        page.rows << r;
    }
    page.atEnd = !more;
    q->finish();
    return page;
}

Result<qint64> TicketQuery::count(const TicketFilter &filter)
{
    auto common = commonWhere(filter);
    if (!common)
        return common.error();
    qint64 total = 0;
    for (const Branch &b : branches(filter)) {
        Where w = *common;
        w.clauses.prepend(QStringLiteral("t.status = ? AND t.archived = ?"));
        w.args = QVariantList{wireName(b.status), b.archived} + w.args;
        auto n = m_db.scalar(QStringLiteral("SELECT count(*) FROM tickets t") + w.sql(), w.args);
        if (!n)
            return n.error();
        total += n->toLongLong();
    }
    return total;
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

// --- saved-view (de)serialization -------------------------------------------------------------

std::optional<SortColumn> TicketSort::parseColumn(QStringView name)
{
    static const char *names[]
        = {"number",   "subject", "requester", "status",  "priority", "category",
           "assignee", "channel", "direction", "created", "updated",  "sla_due"};
    for (int i = 0; i < int(std::size(names)); ++i)
        if (name.compare(QLatin1String(names[i]), Qt::CaseInsensitive) == 0)
            return static_cast<SortColumn>(i);
    return std::nullopt;
}

QString TicketSort::columnName(SortColumn c)
{
    static const char *names[]
        = {"number",   "subject", "requester", "status",  "priority", "category",
           "assignee", "channel", "direction", "created", "updated",  "sla_due"};
    return QString::fromLatin1(names[int(c)]);
}

QJsonObject TicketFilter::toJson() const
{
    QJsonObject o;
    auto list = [](const auto &values, auto name) {
        QJsonArray a;
        for (const auto &v : values)
            a.append(name(v));
        return a;
    };
    if (!statuses.isEmpty())
        o[QStringLiteral("statuses")] = list(statuses, [](TicketStatus s) { return wireName(s); });
    if (archived)
        o[QStringLiteral("archived")] = *archived;
    if (!priorities.isEmpty())
        o[QStringLiteral("priorities")] = list(priorities, [](Priority p) { return wireName(p); });
    if (!categoryIds.isEmpty())
        o[QStringLiteral("categories")]
            = list(categoryIds, [](RowId id) { return QJsonValue(id); });
    if (assigneeId)
        o[QStringLiteral("assignee")] = *assigneeId;
    if (!teamIds.isEmpty())
        o[QStringLiteral("teams")] = list(teamIds, [](RowId id) { return QJsonValue(id); });
    if (!channels.isEmpty())
        o[QStringLiteral("channels")] = list(channels, [](Channel c) { return wireName(c); });
    if (direction)
        o[QStringLiteral("direction")] = wireName(*direction);
    if (!tags.isEmpty())
        o[QStringLiteral("tags")] = QJsonArray::fromStringList(tags);
    if (requesterId)
        o[QStringLiteral("requester")] = requesterId;
    auto date = [&](const char *k, const QDateTime &t) {
        if (t.isValid())
            o[QLatin1String(k)] = t.toUTC().toString(Qt::ISODate);
    };
    date("created_from", createdFrom);
    date("created_to", createdTo);
    date("updated_from", updatedFrom);
    date("updated_to", updatedTo);
    if (!text.isEmpty())
        o[QStringLiteral("text")] = text;
    return o;
}

Result<TicketFilter> TicketFilter::fromJson(const QJsonObject &o)
{
    TicketFilter f;
    auto bad = [](const QString &what) {
        return Error{ErrorCode::InvalidArgument, what};
    };
    for (const QJsonValue v : o.value(QStringLiteral("statuses")).toArray()) {
        const auto s = parseStatus(v.toString());
        if (!s)
            return bad(TicketQuery::tr("Unknown status '%1'; use one of: %2.")
                           .arg(v.toString(), statusNames()));
        f.statuses << *s;
    }
    if (o.contains(QStringLiteral("archived")))
        f.archived = o.value(QStringLiteral("archived")).toBool();
    for (const QJsonValue v : o.value(QStringLiteral("priorities")).toArray()) {
        const auto p = parsePriority(v.toString());
        if (!p)
            return bad(TicketQuery::tr("Unknown priority '%1'; use one of: %2.")
                           .arg(v.toString(), priorityNames()));
        f.priorities << *p;
    }
    for (const QJsonValue v : o.value(QStringLiteral("categories")).toArray())
        f.categoryIds << v.toInteger();
    if (o.contains(QStringLiteral("assignee")))
        f.assigneeId = o.value(QStringLiteral("assignee")).toInteger();
    for (const QJsonValue v : o.value(QStringLiteral("teams")).toArray())
        f.teamIds << v.toInteger();
    for (const QJsonValue v : o.value(QStringLiteral("channels")).toArray()) {
        const auto c = parseChannel(v.toString());
        if (!c)
            return bad(TicketQuery::tr("Unknown channel '%1'; use one of: %2.")
                           .arg(v.toString(), channelNames()));
        f.channels << *c;
    }
    if (o.contains(QStringLiteral("direction"))) {
        const auto d = parseDirection(o.value(QStringLiteral("direction")).toString());
        if (!d)
            return bad(TicketQuery::tr("Direction must be inbound or outbound."));
        f.direction = *d;
    }
    for (const QJsonValue v : o.value(QStringLiteral("tags")).toArray())
        f.tags << v.toString();
    f.requesterId = o.value(QStringLiteral("requester")).toInteger();
    auto date = [&](const char *k, QDateTime &out) -> bool {
        const QString s = o.value(QLatin1String(k)).toString();
        if (s.isEmpty())
            return true;
        out = QDateTime::fromString(s, Qt::ISODate);
        return out.isValid();
    };
    for (auto [k, target] :
         {std::pair{"created_from", &f.createdFrom}, std::pair{"created_to", &f.createdTo},
          std::pair{"updated_from", &f.updatedFrom}, std::pair{"updated_to", &f.updatedTo}})
        if (!date(k, *target))
            return bad(TicketQuery::tr("'%1' is not a date (expected e.g. 2025-03-01T00:00:00Z).")
                           .arg(o.value(QLatin1String(k)).toString()));
    f.text = o.value(QStringLiteral("text")).toString();
    return f;
}

} // namespace hd
