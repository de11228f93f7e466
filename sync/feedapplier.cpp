// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/feedapplier.h"

#include "core/domain/enums.h"
#include "core/domain/workflow.h"
#include "core/storage/database.h"
#include "core/storage/searchindex.h"
#include "sync/feedsql.h"
#include "sync/replica.h"

#include <QJsonDocument>

#include <limits>

namespace hd::sync {

using feedsql::done;
using feedsql::text;
using feedsql::time;

namespace {

int entityRank(const QString &entity)
{
    static const QStringList order{QStringLiteral("team"),   QStringLiteral("category"),
                                   QStringLiteral("agent"),  QStringLiteral("customer"),
                                   QStringLiteral("ticket"), QStringLiteral("message")};
    const int i = int(order.indexOf(entity));
    return i < 0 ? int(order.size()) : i;
}

} // namespace

FeedApplier::FeedApplier(Database &db, SearchIndex &search, Outbox &outbox)
    : m_db(db)
    , m_search(search)
    , m_outbox(outbox)
{ }

Result<QList<RowId>> FeedApplier::apply(const QJsonArray &entries, std::optional<qint64> cursor)
{
    // People before the tickets that name them, tickets before their messages (seq order
    // within each kind).
    QList<QJsonObject> byRank[7];
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        byRank[entityRank(e.value(QStringLiteral("entity")).toString())] << e;
    }
    QList<RowId> changed;
    m_touched.clear();
    m_ids.clear();
    m_before.clear();
    m_new.clear();
    Result<void> r = m_db.transaction([&]() -> Result<void> {
        for (int rank = 0; rank < 7; ++rank) {
            QList<QJsonObject> rows = byRank[rank];
            // An initial sync writes a page's plain tickets and messages set-wise.
            if (m_bulk && rank == entityRank(QStringLiteral("ticket"))) {
                auto rest = stageTickets(rows);
                if (!rest)
                    return rest.error();
                rows = *rest;
            } else if (m_bulk && rank == entityRank(QStringLiteral("message"))) {
                auto rest = stageMessages(rows);
                if (!rest)
                    return rest.error();
                rows = *rest;
            }
            for (const QJsonObject &e : std::as_const(rows))
                if (auto a = applyEntry(e, false); !a)
                    return a;
        }
        if (auto p = retryParked(); !p)
            return p;
        auto pending = m_outbox.count();
        if (!pending)
            return pending.error();
        if (*pending > 0)
            for (const QString &uuid : std::as_const(m_touched))
                if (auto b = rebase(uuid); !b)
                    return b;
        if (auto i = reindex(); !i)
            return i;
        QJsonArray touched;
        for (const QString &uuid : std::as_const(m_touched))
            touched.append(uuid);
        auto ids
            = m_db.exec(QStringLiteral("SELECT t.id FROM json_each(?) j JOIN tickets t ON "
                                       "t.uuid = j.value ORDER BY t.id"),
                        {QString::fromUtf8(QJsonDocument(touched).toJson(QJsonDocument::Compact))});
        if (!ids)
            return ids.error();
        while (ids->next())
            changed << ids->value(0).toLongLong();
        ids->finish();
        // The reporting engine recomputes these (an initial sync builds its tables afresh).
        if (!changed.isEmpty() && !m_bulk) {
            QJsonArray list;
            for (RowId id : std::as_const(changed))
                list.append(id);
            if (auto d = m_db.exec(
                    QStringLiteral("INSERT OR IGNORE INTO report_dirty(ticket_id) "
                                   "SELECT value FROM json_each(?)"),
                    {QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact))});
                !d)
                return d.error();
        }
        if (cursor)
            return replica::setState(m_db, QStringLiteral("cursor"), QString::number(*cursor));
        return {};
    });
    if (!r)
        return r.error();
    return changed;
}

Result<void> FeedApplier::applyEntry(const QJsonObject &e, bool parkedAgain)
{
    Q_UNUSED(parkedAgain)
    const QString entity = e.value(QStringLiteral("entity")).toString();
    const QString uuid = e.value(QStringLiteral("uuid")).toString();
    if (e.value(QStringLiteral("deleted")).toBool())
        return deleteRow(entity, uuid);
    const QJsonObject row = e.value(QStringLiteral("row")).toObject();
    if (entity == QLatin1String("team"))
        return team(row);
    if (entity == QLatin1String("category"))
        return category(row);
    if (entity == QLatin1String("agent"))
        return agent(row);
    if (entity == QLatin1String("customer"))
        return customer(row);
    if (entity == QLatin1String("ticket") || entity == QLatin1String("message")) {
        m_unresolved = false;
        auto applied = entity == QLatin1String("ticket") ? ticket(row) : message(row);
        if (!applied)
            return applied.error();
        if (!*applied || m_unresolved)
            return park(e);
        return {};
    }
    // An entity this client does not know (a newer server): skipped, the rest still applies.
    return {};
}

Result<void> FeedApplier::park(const QJsonObject &entry)
{
    return done(
        m_db.exec(QStringLiteral("INSERT INTO sync_parked(entity, uuid, row) VALUES (?,?,?) "
                                 "ON CONFLICT(entity, uuid) DO UPDATE SET row = excluded.row"),
                  {entry.value(QStringLiteral("entity")).toString(),
                   entry.value(QStringLiteral("uuid")).toString(),
                   QString::fromUtf8(QJsonDocument(entry).toJson(QJsonDocument::Compact))}));
}

Result<void> FeedApplier::retryParked()
{
    for (;;) {
        auto q = m_db.exec(QStringLiteral("SELECT row FROM sync_parked ORDER BY entity DESC"));
        if (!q)
            return q.error();
        QList<QJsonObject> parked;
        while (q->next())
            parked << QJsonDocument::fromJson(q->value(0).toByteArray()).object();
        q->finish();
        if (parked.isEmpty())
            return {};
        if (auto d = m_db.exec(QStringLiteral("DELETE FROM sync_parked")); !d)
            return d.error();
        for (const QJsonObject &e : std::as_const(parked))
            if (auto a = applyEntry(e, true); !a)
                return a;
        auto left = m_db.scalar(QStringLiteral("SELECT count(*) FROM sync_parked"));
        if (!left)
            return left.error();
        if (left->toInt() >= parked.size())
            return {}; // no progress: they wait for a later page
    }
}

Result<RowId> FeedApplier::lookup(const char *table, const char *keyColumn, const QString &key,
                                  const QString &placeholder)
{
    if (key.isEmpty())
        return RowId(0);
    const QString cacheKey = QLatin1String(table) + QLatin1Char(':') + key;
    if (const auto it = m_ids.constFind(cacheKey); it != m_ids.cend())
        return *it;
    auto id = m_db.scalar(QStringLiteral("SELECT id FROM %1 WHERE %2 = ?")
                              .arg(QLatin1String(table), QLatin1String(keyColumn)),
                          {key});
    if (!id)
        return id.error();
    RowId found = id->isNull() ? 0 : id->toLongLong();
    if (!found && !placeholder.isEmpty()) {
        // A placeholder the row's own entry fills in (on this page or a later one).
        auto q = m_db.exec(placeholder, {key});
        if (!q)
            return q.error();
        found = q->lastInsertId().toLongLong();
    }
    if (found)
        m_ids.insert(cacheKey, found);
    return found;
}

Result<RowId> FeedApplier::person(const char *table, const QJsonValue &uuid)
{
    return lookup(
        table, "uuid", uuid.toString(),
        qstrcmp(table, "customers") == 0
            ? QStringLiteral("INSERT INTO customers(uuid, name, created_at) VALUES (?, '', 0)")
            : QStringLiteral("INSERT INTO agents(uuid, name) VALUES (?, '')"));
}

Result<RowId> FeedApplier::teamId(const QJsonValue &uuid)
{
    return lookup("teams", "uuid", uuid.toString(),
                  QStringLiteral("INSERT INTO teams(uuid, name) SELECT v, v FROM (SELECT ? AS v)"));
}

Result<RowId> FeedApplier::categoryId(const QJsonValue &name)
{
    return lookup("categories", "name", name.toString(),
                  QStringLiteral("INSERT INTO categories(name) VALUES (?)"));
}

Result<RowId> FeedApplier::ticketId(const QString &uuid)
{
    return lookup("tickets", "uuid", uuid, {});
}

Result<void> FeedApplier::team(const QJsonObject &row)
{
    return done(m_db.exec(QStringLiteral("INSERT INTO teams(uuid, name) VALUES (?, ?) "
                                         "ON CONFLICT(uuid) DO UPDATE SET name = excluded.name"),
                          {row.value(QStringLiteral("uuid")).toString(),
                           row.value(QStringLiteral("name")).toString()}));
}

Result<void> FeedApplier::category(const QJsonObject &row)
{
    auto parent = categoryId(row.value(QStringLiteral("parent")));
    if (!parent)
        return parent.error();
    return done(
        m_db.exec(QStringLiteral("INSERT INTO categories(name, parent_id) VALUES (?, ?) "
                                 "ON CONFLICT(name) DO UPDATE SET parent_id = excluded.parent_id"),
                  {row.value(QStringLiteral("name")).toString(), Database::idOrNull(*parent)}));
}

Result<void> FeedApplier::agent(const QJsonObject &row)
{
    auto team = teamId(row.value(QStringLiteral("team_uuid")));
    if (!team)
        return team.error();
    auto q = m_db.exec(
        QStringLiteral("INSERT INTO agents(uuid, name, email, role, skills, languages, capacity, "
                       "team_id, active) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(uuid) DO UPDATE "
                       "SET name = excluded.name, email = excluded.email, role = excluded.role, "
                       "skills = excluded.skills, languages = excluded.languages, "
                       "capacity = excluded.capacity, team_id = excluded.team_id, "
                       "active = excluded.active RETURNING id"),
        {row.value(QStringLiteral("uuid")).toString(), row.value(QStringLiteral("name")).toString(),
         text(row.value(QStringLiteral("email"))), row.value(QStringLiteral("role")).toString(),
         row.value(QStringLiteral("skills")).toString(),
         row.value(QStringLiteral("languages")).toString(),
         row.value(QStringLiteral("capacity")).toInt(20), Database::idOrNull(*team),
         row.value(QStringLiteral("active")).toBool(true) ? 1 : 0});
    if (!q)
        return q.error();
    q->next();
    const RowId id = q->value(0).toLongLong();
    q->finish();
    return done(m_db.exec(QStringLiteral("UPDATE tickets SET assignee_sort = lower(?) WHERE "
                                         "assignee_id = ? AND assignee_sort IS NOT lower(?)"),
                          {row.value(QStringLiteral("name")).toString(), id,
                           row.value(QStringLiteral("name")).toString()}));
}

Result<void> FeedApplier::customer(const QJsonObject &row)
{
    auto q = m_db.exec(
        QStringLiteral("INSERT INTO customers(uuid, name, email, phone, language, created_at) "
                       "VALUES (?,?,?,?,?,?) ON CONFLICT(uuid) DO UPDATE SET name = excluded.name, "
                       "email = excluded.email, phone = excluded.phone, "
                       "language = excluded.language, created_at = excluded.created_at "
                       "RETURNING id"),
        {row.value(QStringLiteral("uuid")).toString(), row.value(QStringLiteral("name")).toString(),
         text(row.value(QStringLiteral("email"))), text(row.value(QStringLiteral("phone"))),
         text(row.value(QStringLiteral("language"))),
         time(row.value(QStringLiteral("created_at"))).toLongLong()});
    if (!q)
        return q.error();
    q->next();
    const RowId id = q->value(0).toLongLong();
    q->finish();
    return done(m_db.exec(QStringLiteral("UPDATE tickets SET requester_sort = lower(?) WHERE "
                                         "requester_id = ? AND requester_sort IS NOT lower(?)"),
                          {row.value(QStringLiteral("name")).toString(), id,
                           row.value(QStringLiteral("name")).toString()}));
}

} // namespace hd::sync
