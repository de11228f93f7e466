// SPDX-License-Identifier: GPL-3.0-or-later
// FeedApplier: an initial sync's messages in bulk. A first sync brings hundreds of thousands of
// messages; one upsert per row through Qt SQL costs ~50 us of Qt bookkeeping each. Instead the
// page's messages go into a temporary table through SQLite's C API (BulkInserter) and one
// INSERT ... SELECT resolves their tickets and authors by uuid and upserts them all. Rows that
// need more (attachments, a ticket or moved-from ticket not here yet, deletions) take the
// row-by-row path.
#include "core/domain/enums.h"
#include "core/storage/bulkwriter.h"
#include "core/storage/database.h"
#include "sync/feedapplier.h"
#include "sync/feedsql.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hd::sync {

namespace {

const QString kStage = QStringLiteral("sync_stage_messages");
const QString kTickets = QStringLiteral("sync_stage_tickets");
const QString kTags = QStringLiteral("sync_stage_tags");
const QString kEvents = QStringLiteral("sync_stage_events");

/// An event value as stored: agents and teams by uuid, categories by name, to local ids.
QString eventValueSql(const char *column)
{
    return QStringLiteral("CASE s.kind WHEN 'assignee' THEN (SELECT id FROM agents WHERE uuid = "
                          "s.%1) WHEN 'team' THEN (SELECT id FROM teams WHERE uuid = s.%1) "
                          "WHEN 'category' THEN (SELECT id FROM categories WHERE name = s.%1) "
                          "ELSE s.%1 END")
        .arg(QLatin1String(column));
}

void textOrNull(RowBuffer &rows, const QJsonValue &v)
{
    v.isString() ? rows.text(v.toString()) : rows.null();
}

/// ISO 8601 time as ms since the epoch, or NULL.
void timeOrNull(RowBuffer &rows, const QJsonValue &v)
{
    const QDateTime at
        = v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
    at.isValid() ? rows.integer(at.toMSecsSinceEpoch()) : rows.null();
}

QString text(const QJsonObject &row, const char *key)
{
    return row.value(QLatin1String(key)).toString();
}

} // namespace

Result<QList<QJsonObject>> FeedApplier::stageMessages(const QList<QJsonObject> &entries)
{
    QList<QJsonObject> rest;
    if (auto t = m_db.execScript(
            {QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS %1(uuid TEXT PRIMARY KEY, "
                            "ticket_uuid TEXT NOT NULL, author_kind TEXT NOT NULL, "
                            "agent_uuid TEXT, customer_uuid TEXT, visibility TEXT NOT NULL, "
                            "body TEXT NOT NULL, body_html TEXT, created_at INTEGER)")
                 .arg(kStage),
             QStringLiteral("DELETE FROM %1").arg(kStage)});
        !t)
        return t.error();
    RowBuffer rows(9);
    QHash<QString, QJsonObject> byUuid;
    for (const QJsonObject &e : entries) {
        const QJsonObject row = e.value(QStringLiteral("row")).toObject();
        if (e.value(QStringLiteral("deleted")).toBool()
            || !row.value(QStringLiteral("attachments")).toArray().isEmpty()
            || row.value(QStringLiteral("moved_from_uuid")).isString()) {
            rest << e;
            continue;
        }
        const QString uuid = text(row, "uuid");
        if (byUuid.contains(uuid)) { // the same row twice on a page: the later one wins
            rest << e;
            continue;
        }
        byUuid.insert(uuid, e);
        rows.text(uuid);
        rows.text(text(row, "ticket_uuid"));
        rows.text(text(row, "author_kind"));
        for (const char *key : {"author_agent_uuid", "author_customer_uuid"}) {
            const QJsonValue v = row.value(QLatin1String(key));
            v.isString() ? rows.text(v.toString()) : rows.null();
        }
        rows.text(text(row, "visibility"));
        rows.text(text(row, "body"));
        const QJsonValue html = row.value(QStringLiteral("body_html"));
        html.isString() ? rows.text(html.toString()) : rows.null();
        const QDateTime at = QDateTime::fromString(text(row, "created_at"), Qt::ISODateWithMs);
        at.isValid() ? rows.integer(at.toMSecsSinceEpoch()) : rows.null();
    }
    if (rows.isEmpty())
        return rest;
    BulkInserter inserter(m_db.connection());
    if (auto r = inserter.insert(QStringLiteral("INSERT OR FAIL INTO %1(uuid, ticket_uuid, "
                                                "author_kind, agent_uuid, customer_uuid, "
                                                "visibility, body, body_html, created_at)")
                                     .arg(kStage),
                                 rows, 50);
        !r)
        return r.error();
    // Messages of tickets not here yet take the row path (which parks them).
    auto orphans = m_db.exec(QStringLiteral("SELECT s.uuid FROM %1 s WHERE NOT EXISTS (SELECT 1 "
                                            "FROM tickets t WHERE t.uuid = s.ticket_uuid)")
                                 .arg(kStage));
    if (!orphans)
        return orphans.error();
    QStringList waiting;
    while (orphans->next())
        waiting << orphans->value(0).toString();
    orphans->finish();
    for (const QString &uuid : std::as_const(waiting))
        rest << byUuid.value(uuid);
    auto touched = m_db.exec(QStringLiteral("SELECT DISTINCT s.ticket_uuid FROM %1 s JOIN tickets "
                                            "t ON t.uuid = s.ticket_uuid")
                                 .arg(kStage));
    if (!touched)
        return touched.error();
    while (touched->next())
        m_touched.insert(touched->value(0).toString());
    touched->finish();
    const QStringList merge{
        // Authors not seen yet get placeholders their own entries fill in.
        QStringLiteral("INSERT INTO agents(uuid, name) SELECT DISTINCT s.agent_uuid, '' FROM %1 s "
                       "WHERE s.agent_uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a "
                       "WHERE a.uuid = s.agent_uuid)")
            .arg(kStage),
        QStringLiteral("INSERT INTO customers(uuid, name, created_at) SELECT DISTINCT "
                       "s.customer_uuid, '', 0 FROM %1 s WHERE s.customer_uuid IS NOT NULL AND "
                       "NOT EXISTS (SELECT 1 FROM customers c WHERE c.uuid = s.customer_uuid)")
            .arg(kStage),
        feedsql::messageInsert()
            + QStringLiteral("SELECT s.uuid, t.id, s.author_kind, a.id, c.id, s.visibility, "
                             "s.body, s.body_html, s.created_at, NULL FROM %1 s JOIN tickets t "
                             "ON t.uuid = s.ticket_uuid LEFT JOIN agents a ON a.uuid = "
                             "s.agent_uuid LEFT JOIN customers c ON c.uuid = s.customer_uuid "
                             "WHERE true ")
                  .arg(kStage)
            + feedsql::messageUpsert(),
        QStringLiteral("DELETE FROM %1").arg(kStage),
    };
    if (auto m = m_db.execScript(merge); !m)
        return m.error();
    return rest;
}

Result<QList<QJsonObject>> FeedApplier::stageTickets(const QList<QJsonObject> &entries)
{
    static const char *const kTimes[]
        = {"created_at", "updated_at",         "first_response_at", "solved_at",
           "closed_at",  "first_response_due", "resolution_due",    "sla_paused_since"};
    QList<QJsonObject> rest;
    if (auto t = m_db.execScript(
            {QStringLiteral(
                 "CREATE TEMP TABLE IF NOT EXISTS %1(uuid TEXT PRIMARY KEY, number INTEGER, "
                 "subject TEXT, description TEXT, channel TEXT, direction TEXT, status TEXT, "
                 "priority INTEGER, category TEXT, requester_uuid TEXT, assignee_uuid TEXT, "
                 "team_uuid TEXT, external_ref TEXT, csat INTEGER, archived INTEGER, "
                 "created_at INTEGER, updated_at INTEGER, first_response_at INTEGER, "
                 "solved_at INTEGER, closed_at INTEGER, first_response_due INTEGER, "
                 "resolution_due INTEGER, sla_paused_since INTEGER)")
                 .arg(kTickets),
             QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS %1(ticket_uuid TEXT, tag TEXT)")
                 .arg(kTags),
             QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS %1(ticket_uuid TEXT, kind TEXT, "
                            "actor_kind TEXT, actor_uuid TEXT, at INTEGER, old TEXT, new TEXT)")
                 .arg(kEvents),
             QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS sync_stage_gone(id INTEGER PRIMARY "
                            "KEY)"),
             QStringLiteral("DELETE FROM %1").arg(kTickets),
             QStringLiteral("DELETE FROM %1").arg(kTags),
             QStringLiteral("DELETE FROM %1").arg(kEvents),
             QStringLiteral("DELETE FROM sync_stage_gone")});
        !t)
        return t.error();
    RowBuffer rows(23);
    RowBuffer tags(2);
    RowBuffer events(7);
    QSet<QString> seen;
    for (const QJsonObject &e : entries) {
        const QJsonObject row = e.value(QStringLiteral("row")).toObject();
        const QString uuid = text(row, "uuid");
        const auto status = parseStatus(text(row, "status"));
        const auto priority = parsePriority(text(row, "priority"));
        // Links to other tickets, deletions, odd rows and repeats take the row path.
        if (e.value(QStringLiteral("deleted")).toBool() || !status || !priority || uuid.isEmpty()
            || seen.contains(uuid) || row.value(QStringLiteral("merged_into_uuid")).isString()
            || row.value(QStringLiteral("split_from_uuid")).isString()
            || row.value(QStringLiteral("follow_up_of_uuid")).isString()) {
            rest << e;
            continue;
        }
        seen.insert(uuid);
        rows.text(uuid);
        rows.integer(row.value(QStringLiteral("number")).toInteger());
        rows.text(text(row, "subject"));
        rows.text(text(row, "description"));
        rows.text(text(row, "channel"));
        rows.text(text(row, "direction"));
        rows.text(wireName(*status));
        rows.integer(int(*priority));
        for (const char *key :
             {"category", "requester_uuid", "assignee_uuid", "team_uuid", "external_ref"})
            textOrNull(rows, row.value(QLatin1String(key)));
        const QJsonValue csat = row.value(QStringLiteral("csat"));
        csat.isDouble() ? rows.integer(csat.toInt()) : rows.null();
        rows.integer(row.value(QStringLiteral("archived")).toBool() ? 1 : 0);
        for (const char *key : kTimes)
            timeOrNull(rows, row.value(QLatin1String(key)));
        for (const QJsonValue &tag : row.value(QStringLiteral("tags")).toArray()) {
            tags.text(uuid);
            tags.text(tag.toString());
        }
        for (const QJsonValue &v : row.value(QStringLiteral("events")).toArray()) {
            const QJsonObject event = v.toObject();
            events.text(uuid);
            events.text(event.value(QStringLiteral("kind")).toString());
            events.text(event.value(QStringLiteral("actor_kind")).toString());
            textOrNull(events, event.value(QStringLiteral("actor_uuid")));
            timeOrNull(events, event.value(QStringLiteral("at")));
            textOrNull(events, event.value(QStringLiteral("old")));
            textOrNull(events, event.value(QStringLiteral("new")));
        }
        m_touched.insert(uuid);
    }
    if (rows.isEmpty())
        return rest;
    BulkInserter inserter(m_db.connection());
    if (auto r = inserter.insert(
            QStringLiteral("INSERT OR FAIL INTO %1(uuid, number, subject, description, channel, "
                           "direction, status, priority, category, requester_uuid, "
                           "assignee_uuid, team_uuid, external_ref, csat, archived, created_at, "
                           "updated_at, first_response_at, solved_at, closed_at, "
                           "first_response_due, resolution_due, sla_paused_since)")
                .arg(kTickets),
            rows, 20);
        !r)
        return r.error();
    if (!tags.isEmpty())
        if (auto r = inserter.insert(
                QStringLiteral("INSERT OR FAIL INTO %1(ticket_uuid, tag)").arg(kTags), tags, 100);
            !r)
            return r.error();
    if (!events.isEmpty())
        if (auto r = inserter.insert(QStringLiteral("INSERT OR FAIL INTO %1(ticket_uuid, kind, "
                                                    "actor_kind, actor_uuid, at, old, new)")
                                         .arg(kEvents),
                                     events, 50);
            !r)
            return r.error();
    // The history these rows replace: the server's earlier events of tickets already here and,
    // for tickets without pending operations, the replica's own (before the tickets' upsert, so
    // new tickets are not even looked at).
    const QStringList before{
        QStringLiteral("INSERT INTO sync_stage_gone(id) SELECT e.id FROM %1 s JOIN tickets t ON "
                       "t.uuid = s.uuid JOIN events e ON e.ticket_id = t.id WHERE e.id IN "
                       "(SELECT event_id FROM sync_events) OR NOT EXISTS (SELECT 1 FROM outbox "
                       "o WHERE o.ticket_uuid = t.uuid)")
            .arg(kTickets),
        QStringLiteral("DELETE FROM sync_events WHERE event_id IN (SELECT id FROM "
                       "sync_stage_gone)"),
        QStringLiteral("DELETE FROM events WHERE id IN (SELECT id FROM sync_stage_gone)"),
    };
    if (auto b = m_db.execScript(before); !b)
        return b.error();
    auto lastEvent = m_db.scalar(QStringLiteral("SELECT coalesce(max(id), 0) FROM events"));
    if (!lastEvent)
        return lastEvent.error();
    const QStringList merge{
        // People, teams and categories not seen yet get placeholders their entries fill in.
        QStringLiteral("INSERT INTO customers(uuid, name, created_at) SELECT DISTINCT "
                       "s.requester_uuid, '', 0 FROM %1 s WHERE s.requester_uuid IS NOT NULL "
                       "AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.uuid = s.requester_uuid)")
            .arg(kTickets),
        QStringLiteral("INSERT INTO agents(uuid, name) SELECT DISTINCT s.assignee_uuid, '' FROM %1 "
                       "s WHERE s.assignee_uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents "
                       "a WHERE a.uuid = s.assignee_uuid)")
            .arg(kTickets),
        QStringLiteral("INSERT INTO teams(uuid, name) SELECT DISTINCT s.team_uuid, s.team_uuid "
                       "FROM %1 s WHERE s.team_uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                       "teams t WHERE t.uuid = s.team_uuid)")
            .arg(kTickets),
        QStringLiteral("INSERT OR IGNORE INTO categories(name) SELECT DISTINCT s.category FROM "
                       "%1 s WHERE s.category IS NOT NULL")
            .arg(kTickets),
        // sla_due: the earlier of the open due times (SlaService stores only open ones).
        feedsql::ticketInsert()
            + QStringLiteral(
                  "SELECT s.uuid, s.number, s.subject, s.description, s.channel, s.direction, "
                  "s.status, s.priority, cat.id, req.id, ag.id, tm.id, s.created_at, s.updated_at, "
                  "s.first_response_at, s.solved_at, s.closed_at, s.first_response_due, "
                  "s.resolution_due, s.sla_paused_since, coalesce(min(s.first_response_due, "
                  "s.resolution_due), s.first_response_due, s.resolution_due, "
                  "9223372036854775807), "
                  "s.external_ref, s.csat, NULL, NULL, NULL, s.archived, coalesce(lower(req.name), "
                  "''), "
                  "coalesce(lower(ag.name), '') FROM %1 s "
                  "LEFT JOIN categories cat ON cat.name = s.category "
                  "LEFT JOIN customers req ON req.uuid = s.requester_uuid "
                  "LEFT JOIN agents ag ON ag.uuid = s.assignee_uuid "
                  "LEFT JOIN teams tm ON tm.uuid = s.team_uuid WHERE true ")
                  .arg(kTickets)
            + feedsql::ticketUpsert(),
        QStringLiteral("DELETE FROM ticket_tags WHERE ticket_id IN (SELECT t.id FROM %1 s JOIN "
                       "tickets t ON t.uuid = s.uuid)")
            .arg(kTickets),
        QStringLiteral("INSERT OR IGNORE INTO ticket_tags(ticket_id, tag) SELECT t.id, g.tag "
                       "FROM %1 g JOIN tickets t ON t.uuid = g.ticket_uuid")
            .arg(kTags),
        // People, teams and categories the events name, then the events.
        QStringLiteral("INSERT INTO agents(uuid, name) SELECT DISTINCT u, '' FROM (SELECT "
                       "actor_uuid AS u FROM %1 WHERE actor_kind = 'agent' UNION SELECT old FROM "
                       "%1 WHERE kind = 'assignee' UNION SELECT new FROM %1 WHERE kind = "
                       "'assignee') WHERE u IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a "
                       "WHERE a.uuid = u)")
            .arg(kEvents),
        QStringLiteral("INSERT INTO customers(uuid, name, created_at) SELECT DISTINCT actor_uuid, "
                       "'', 0 FROM %1 WHERE actor_kind = 'customer' AND actor_uuid IS NOT NULL "
                       "AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.uuid = actor_uuid)")
            .arg(kEvents),
        QStringLiteral("INSERT INTO teams(uuid, name) SELECT DISTINCT u, u FROM (SELECT old AS u "
                       "FROM %1 WHERE kind = 'team' UNION SELECT new FROM %1 WHERE kind = "
                       "'team') WHERE u IS NOT NULL AND NOT EXISTS (SELECT 1 FROM teams t WHERE "
                       "t.uuid = u)")
            .arg(kEvents),
        QStringLiteral("INSERT OR IGNORE INTO categories(name) SELECT u FROM (SELECT old AS u "
                       "FROM %1 WHERE kind = 'category' UNION SELECT new FROM %1 WHERE kind = "
                       "'category') WHERE u IS NOT NULL")
            .arg(kEvents),
        QStringLiteral("INSERT INTO events(ticket_id, kind, actor_kind, actor_id, at, old_value, "
                       "new_value) SELECT t.id, s.kind, s.actor_kind, CASE s.actor_kind WHEN "
                       "'agent' THEN (SELECT id FROM agents WHERE uuid = s.actor_uuid) WHEN "
                       "'customer' THEN (SELECT id FROM customers WHERE uuid = s.actor_uuid) END, "
                       "s.at, %2, %3 FROM %1 s JOIN tickets t ON t.uuid = s.ticket_uuid "
                       "ORDER BY s.rowid")
            .arg(kEvents, eventValueSql("old"), eventValueSql("new")),
        QStringLiteral("INSERT INTO sync_events(event_id) SELECT id FROM events WHERE id > %1")
            .arg(lastEvent->toLongLong()),
        QStringLiteral("DELETE FROM %1").arg(kTickets),
        QStringLiteral("DELETE FROM %1").arg(kTags),
        QStringLiteral("DELETE FROM %1").arg(kEvents),
    };
    if (auto m = m_db.execScript(merge); !m)
        return m.error();
    return rest;
}

} // namespace hd::sync
