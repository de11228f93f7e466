// SPDX-License-Identifier: GPL-3.0-or-later
// The change feed's table and triggers on PostgreSQL (see feedschema.h): a trigger function per
// table, all through hd_feed_bump(), which takes the writer lock Database::transaction() takes
// (so that a write outside transaction() cannot number a change while another transaction still
// holds a lower number) and tells other server instances the feed moved (NOTIFY hd_changes;
// delivered at commit, once per transaction).
#include "server/feedschema.h"

#include <QStringList>

#include <tuple>

namespace hd::server::feedschema {

QString notifyChannel()
{
    return QStringLiteral("hd_changes");
}

QStringList postgresTables()
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS changes(seq BIGINT GENERATED ALWAYS AS IDENTITY "
                       "PRIMARY KEY, entity TEXT NOT NULL, uuid TEXT NOT NULL, op TEXT NOT NULL)"),
        QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS changes_entity ON changes(entity, uuid)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS applied_ops(op_id TEXT PRIMARY KEY, "
                       "client_id TEXT NOT NULL, agent_id BIGINT NOT NULL, result TEXT NOT NULL, "
                       "at BIGINT NOT NULL)"),
    };
}

QStringList postgresTriggers(qint64 writerLock)
{
    QStringList out{
        // One entry per (entity, uuid), moved to a new seq on every change (seq = DEFAULT
        // draws the identity's next value).
        QStringLiteral(R"(CREATE OR REPLACE FUNCTION hd_feed_bump(v_entity text, v_key text,
    v_op text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(%1);
    INSERT INTO changes(entity, uuid, op) VALUES (v_entity, v_key, v_op)
        ON CONFLICT (entity, uuid) DO UPDATE SET seq = DEFAULT, op = excluded.op;
    PERFORM pg_notify('%2', '');
END $$)")
            .arg(QString::number(writerLock), notifyChannel()),
    };
    // A function per table, reading the key straight from the row (to_jsonb(NEW) of a whole
    // ticket on every change cost more than the rest of the trigger).
    for (const auto &[table, entity, key] :
         {std::tuple{"tickets", "ticket", "uuid"}, std::tuple{"messages", "message", "uuid"},
          std::tuple{"teams", "team", "uuid"}, std::tuple{"categories", "category", "name"},
          std::tuple{"agents", "agent", "uuid"}, std::tuple{"customers", "customer", "uuid"}}) {
        out << QStringLiteral(R"(CREATE OR REPLACE FUNCTION hd_feed_%1() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM hd_feed_bump('%2', OLD.%3, 'delete');
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.%3 IS DISTINCT FROM NEW.%3 THEN
        PERFORM hd_feed_bump('%2', OLD.%3, 'delete');
    END IF;
    PERFORM hd_feed_bump('%2', NEW.%3, lower(TG_OP));
    RETURN NULL;
END $$)")
                   .arg(QLatin1String(table), QLatin1String(entity), QLatin1String(key));
        out << QStringLiteral("CREATE OR REPLACE TRIGGER %1_feed AFTER INSERT OR UPDATE OR DELETE "
                              "ON %1 FOR EACH ROW EXECUTE FUNCTION hd_feed_%1()")
                   .arg(QLatin1String(table));
    }
    // A child row changed: its parent changed (nothing when the parent itself is being
    // deleted).
    for (const auto &[table, entity, parent, fk] :
         {std::tuple{"ticket_tags", "ticket", "tickets", "ticket_id"},
          std::tuple{"message_attachments", "message", "messages", "message_id"}}) {
        out << QStringLiteral(R"(CREATE OR REPLACE FUNCTION hd_feed_%1() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    parent_uuid text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT uuid INTO parent_uuid FROM %3 WHERE id = OLD.%4;
    ELSE
        SELECT uuid INTO parent_uuid FROM %3 WHERE id = NEW.%4;
    END IF;
    IF parent_uuid IS NOT NULL THEN
        PERFORM hd_feed_bump('%2', parent_uuid, 'update');
    END IF;
    RETURN NULL;
END $$)")
                   .arg(QLatin1String(table), QLatin1String(entity), QLatin1String(parent),
                        QLatin1String(fk));
        out << QStringLiteral("CREATE OR REPLACE TRIGGER %1_feed AFTER INSERT OR DELETE ON %1 "
                              "FOR EACH ROW EXECUTE FUNCTION hd_feed_%1()")
                   .arg(QLatin1String(table));
    }
    return out;
}

} // namespace hd::server::feedschema
