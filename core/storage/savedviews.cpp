// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/savedviews.h"

#include "core/storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace hd {

namespace {
constexpr int kMaxNameChars = 100;

QString definition(const SavedView &v)
{
    QJsonArray columns;
    for (SortColumn c : v.columns)
        columns.append(TicketSort::columnName(c));
    const QJsonObject o{{QStringLiteral("filter"), v.filter.toJson()},
                        {QStringLiteral("sort"), TicketSort::columnName(v.sort.column)},
                        {QStringLiteral("descending"), v.sort.descending},
                        {QStringLiteral("columns"), columns}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<void> parseDefinition(const QString &json, SavedView &v)
{
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    auto filter = TicketFilter::fromJson(o.value(QStringLiteral("filter")).toObject());
    if (!filter)
        return filter.error();
    v.filter = *filter;
    v.sort.column = TicketSort::parseColumn(o.value(QStringLiteral("sort")).toString())
                        .value_or(SortColumn::Updated);
    v.sort.descending = o.value(QStringLiteral("descending")).toBool(true);
    v.columns.clear();
    for (const QJsonValue c : o.value(QStringLiteral("columns")).toArray())
        if (const auto col = TicketSort::parseColumn(c.toString()))
            v.columns << *col;
    return {};
}
} // namespace

SavedViews::SavedViews(Database &db)
    : m_db(db)
{ }

Result<SavedView> SavedViews::create(RowId owner, const QString &name, const TicketFilter &filter,
                                     const TicketSort &sort, const QList<SortColumn> &columns)
{
    const QString n = name.simplified();
    if (n.isEmpty() || n.size() > kMaxNameChars)
        return Error{ErrorCode::InvalidArgument,
                     tr("A view name must have 1 to %1 characters.").arg(kMaxNameChars)};
    SavedView v;
    v.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    v.ownerAgentId = owner;
    v.name = n;
    v.filter = filter;
    v.sort = sort;
    v.columns = columns;
    auto pos = m_db.scalar(
        QStringLiteral("SELECT coalesce(max(position), -1) + 1 FROM saved_views WHERE "
                       "owner_agent_id IS ?"),
        {Database::idOrNull(owner)});
    if (!pos)
        return pos.error();
    v.position = pos->toInt();
    auto q = m_db.exec(
        QStringLiteral("INSERT INTO saved_views(uuid, owner_agent_id, name, position, definition) "
                       "VALUES (?,?,?,?,?)"),
        {v.uuid, Database::idOrNull(owner), v.name, v.position, definition(v)});
    if (!q) {
        if (Database::isForeignKeyError(q.error()))
            return Error{ErrorCode::NotFound, tr("No agent with id %1.").arg(owner)};
        return q.error();
    }
    v.id = q->lastInsertId().toLongLong();
    return v;
}

Result<QList<SavedView>> SavedViews::list(RowId owner)
{
    auto q = m_db.exec(
        QStringLiteral(
            "SELECT id, uuid, coalesce(owner_agent_id, 0), name, position, definition FROM "
            "saved_views WHERE owner_agent_id IS ? ORDER BY position, id"),
        {Database::idOrNull(owner)});
    if (!q)
        return q.error();
    QList<SavedView> out;
    QStringList definitions;
    while (q->next()) {
        SavedView v;
        v.id = q->value(0).toLongLong();
        v.uuid = q->value(1).toString();
        v.ownerAgentId = q->value(2).toLongLong();
        v.name = q->value(3).toString();
        v.position = q->value(4).toInt();
        definitions << q->value(5).toString();
        out << v;
    }
    q->finish();
    for (int i = 0; i < out.size(); ++i)
        if (auto r = parseDefinition(definitions[i], out[i]); !r)
            return r.error();
    return out;
}

Result<SavedView> SavedViews::get(RowId viewId)
{
    auto owner = m_db.scalar(
        QStringLiteral("SELECT coalesce(owner_agent_id, 0) FROM saved_views WHERE id = ?"),
        {viewId});
    if (!owner)
        return owner.error();
    if (owner->isNull())
        return Error{ErrorCode::NotFound, tr("No saved view with id %1.").arg(viewId)};
    auto all = list(owner->toLongLong());
    if (!all)
        return all.error();
    for (const SavedView &v : *all)
        if (v.id == viewId)
            return v;
    return Error{ErrorCode::NotFound, tr("No saved view with id %1.").arg(viewId)};
}

Result<void> SavedViews::rename(RowId viewId, const QString &name)
{
    const QString n = name.simplified();
    if (n.isEmpty() || n.size() > kMaxNameChars)
        return Error{ErrorCode::InvalidArgument,
                     tr("A view name must have 1 to %1 characters.").arg(kMaxNameChars)};
    if (auto v = get(viewId); !v)
        return v.error();
    auto q = m_db.exec(QStringLiteral("UPDATE saved_views SET name = ? WHERE id = ?"), {n, viewId});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<void> SavedViews::update(RowId viewId, const TicketFilter &filter, const TicketSort &sort,
                                const QList<SortColumn> &columns)
{
    auto v = get(viewId);
    if (!v)
        return v.error();
    v->filter = filter;
    v->sort = sort;
    v->columns = columns;
    auto q = m_db.exec(QStringLiteral("UPDATE saved_views SET definition = ? WHERE id = ?"),
                       {definition(*v), viewId});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<void> SavedViews::move(RowId viewId, int position)
{
    auto v = get(viewId);
    if (!v)
        return v.error();
    auto all = list(v->ownerAgentId);
    if (!all)
        return all.error();
    QList<RowId> order;
    for (const SavedView &s : *all)
        if (s.id != viewId)
            order << s.id;
    order.insert(qBound(0, position, int(order.size())), viewId);
    return m_db.transaction([&]() -> Result<void> {
        for (int i = 0; i < order.size(); ++i)
            if (auto q
                = m_db.exec(QStringLiteral("UPDATE saved_views SET position = ? WHERE id = ?"),
                            {i, order[i]});
                !q)
                return q.error();
        return {};
    });
}

Result<void> SavedViews::remove(RowId viewId)
{
    if (auto v = get(viewId); !v)
        return v.error();
    auto q = m_db.exec(QStringLiteral("DELETE FROM saved_views WHERE id = ?"), {viewId});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<QList<qint64>> SavedViews::counts(RowId owner)
{
    auto all = list(owner);
    if (!all)
        return all.error();
    TicketQuery query(m_db);
    QList<qint64> out;
    for (const SavedView &v : *all) {
        auto n = query.count(v.filter);
        if (!n)
            return n.error();
        out << *n;
    }
    return out;
}

} // namespace hd
