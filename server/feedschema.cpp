// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/feedschema.h"

#include "core/storage/database.h"

#include <QStringList>

#include <tuple>

namespace hd::server::feedschema {

namespace {

// Records a change of (entity, uuid): its older row goes, a new one takes the next seq. Plain
// DELETE + INSERT rather than INSERT OR REPLACE: a trigger's conflict clause is overridden by
// the one of the statement that fired it (an importer's INSERT OR IGNORE would keep the old seq).
QString bump(const char *entity, const char *uuid, const char *op)
{
    return QStringLiteral("DELETE FROM changes WHERE entity = '%1' AND uuid = %2;\n"
                          "INSERT INTO changes(entity, uuid, op) VALUES ('%1', %2, '%3');\n")
        .arg(QLatin1String(entity), QLatin1String(uuid), QLatin1String(op));
}

// A child row changed: its parent changed (nothing when the parent itself is being deleted).
// A ticket's tags belong to the ticket's row, a message's attachments to the message's.
QString bumpParent(const char *entity, const char *parentTable, const QString &child)
{
    return QStringLiteral("DELETE FROM changes WHERE entity = '%1' AND uuid = "
                          "(SELECT uuid FROM %2 WHERE id = %3);\n"
                          "INSERT INTO changes(entity, uuid, op) SELECT '%1', uuid, 'update' "
                          "FROM %2 WHERE id = %3;\n")
        .arg(QLatin1String(entity), QLatin1String(parentTable), child);
}

// Insert and delete triggers of a child table (its rows are never updated).
QStringList childTriggers(const char *table, const char *entity, const char *parentTable,
                          const char *fk)
{
    QStringList out;
    for (const char *event : {"insert", "delete"}) {
        const QString row
            = QLatin1String(qstrcmp(event, "insert") == 0 ? "new." : "old.") + QLatin1String(fk);
        out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_feed_%2 AFTER %3 ON %1 BEGIN\n")
                    .arg(QLatin1String(table), QLatin1String(event),
                         QString::fromLatin1(event).toUpper())
                + bumpParent(entity, parentTable, row) + QStringLiteral("END");
    }
    return out;
}

// Row triggers of one table, whose rows are known by `key` (uuid; categories by name). An update
// that changes the key also retires the old key.
QStringList rowTriggers(const char *table, const char *entity, const char *key = "uuid")
{
    const QString t = QLatin1String(table);
    const QString k = QLatin1String(key);
    const QByteArray newKey = "new." + QByteArray(key);
    const QByteArray oldKey = "old." + QByteArray(key);
    QStringList out;
    out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_feed_insert AFTER INSERT ON %1 BEGIN\n")
                .arg(t)
            + bump(entity, newKey.constData(), "insert") + QStringLiteral("END");
    out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_feed_update AFTER UPDATE ON %1 BEGIN\n")
                .arg(t)
            + QStringLiteral("DELETE FROM changes WHERE entity = '%1' AND uuid = old.%2 "
                             "AND old.%2 IS NOT new.%2;\n"
                             "INSERT INTO changes(entity, uuid, op) SELECT '%1', old.%2, "
                             "'delete' WHERE old.%2 IS NOT new.%2;\n")
                  .arg(QLatin1String(entity), k)
            + bump(entity, newKey.constData(), "update") + QStringLiteral("END");
    out << QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_feed_delete AFTER DELETE ON %1 BEGIN\n")
                .arg(t)
            + bump(entity, oldKey.constData(), "delete") + QStringLiteral("END");
    return out;
}

const char *const kTriggers[] = {
    "tickets_feed_insert",
    "tickets_feed_update",
    "tickets_feed_delete",
    "messages_feed_insert",
    "messages_feed_update",
    "messages_feed_delete",
    "ticket_tags_feed_insert",
    "ticket_tags_feed_delete",
    "message_attachments_feed_insert",
    "message_attachments_feed_delete",
    "teams_feed_insert",
    "teams_feed_update",
    "teams_feed_delete",
    "categories_feed_insert",
    "categories_feed_update",
    "categories_feed_delete",
    "agents_feed_insert",
    "agents_feed_update",
    "agents_feed_delete",
    "customers_feed_insert",
    "customers_feed_update",
    "customers_feed_delete",
    nullptr,
};

} // namespace

const char *const *triggerNames()
{
    return kTriggers;
}

QStringList tables(const Database &db)
{
    if (db.isPostgres())
        return postgresTables();
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "entity TEXT NOT NULL, uuid TEXT NOT NULL, op TEXT NOT NULL)"),
        QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS changes_entity ON changes(entity, uuid)"),
        // docs/sync.md "Push: at most once": the answer given to each pushed operation.
        QStringLiteral("CREATE TABLE IF NOT EXISTS applied_ops(op_id TEXT PRIMARY KEY, "
                       "client_id TEXT NOT NULL, agent_id INTEGER NOT NULL, "
                       "result TEXT NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID"),
    };
}

Result<void> install(Database &db)
{
    return db.transaction([&]() -> Result<void> {
        auto exists = db.hasTable(QStringLiteral("changes"));
        if (!exists)
            return exists.error();
        const bool fresh = !*exists;
        QStringList script = tables(db);
        if (fresh)
            script << QStringLiteral("INSERT INTO changes(entity, uuid, op) SELECT 'ticket', "
                                     "uuid, 'insert' FROM tickets ORDER BY id")
                   << QStringLiteral("INSERT INTO changes(entity, uuid, op) SELECT 'message', "
                                     "uuid, 'insert' FROM messages ORDER BY id");
        // People, teams and categories came to the feed later than tickets and messages: each is
        // backfilled once, when the feed has no entry of its kind yet.
        for (const auto &[table, entity, key] :
             {std::tuple{"teams", "team", "uuid"}, std::tuple{"categories", "category", "name"},
              std::tuple{"agents", "agent", "uuid"}, std::tuple{"customers", "customer", "uuid"}}) {
            auto known = fresh ? Result<QVariant>(QVariant(0))
                               : db.scalar(QStringLiteral("SELECT count(*) FROM changes WHERE "
                                                          "entity = ?"),
                                           {QLatin1String(entity)});
            if (!known)
                return known.error();
            if (known->toInt() == 0)
                script << QStringLiteral("INSERT INTO changes(entity, uuid, op) SELECT '%2', %3, "
                                         "'insert' FROM %1 ORDER BY id")
                              .arg(QLatin1String(table), QLatin1String(entity), QLatin1String(key));
        }
        if (db.isPostgres()) {
            script << postgresTriggers(Database::writerLockKey());
            return db.execScript(script);
        }
        script << rowTriggers("tickets", "ticket") << rowTriggers("messages", "message")
               << rowTriggers("teams", "team") << rowTriggers("categories", "category", "name")
               << rowTriggers("agents", "agent") << rowTriggers("customers", "customer");
        script << childTriggers("ticket_tags", "ticket", "tickets", "ticket_id")
               << childTriggers("message_attachments", "message", "messages", "message_id");
        return db.execScript(script);
    });
}

} // namespace hd::server::feedschema
