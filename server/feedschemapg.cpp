// SPDX-License-Identifier: GPL-3.0-or-later
// The change feed's table and triggers on PostgreSQL (see feedschema.h). Two trigger functions
// serve every table, told the entity and key (or the parent table and foreign key) by their
// arguments. Each takes the writer lock Database::transaction() takes, so that a write outside
// transaction() cannot number a change while another transaction still holds a lower number, and
// tells other server instances the feed moved (NOTIFY hd_changes; delivered at commit, once per
// transaction).
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
    const QString lock = QString::number(writerLock);
    QStringList out{
        QStringLiteral(R"(CREATE OR REPLACE FUNCTION hd_feed_bump(v_entity text, v_key text,
    v_op text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(%1);
    DELETE FROM changes WHERE entity = v_entity AND uuid = v_key;
    INSERT INTO changes(entity, uuid, op) VALUES (v_entity, v_key, v_op);
    PERFORM pg_notify('%2', '');
END $$)")
            .arg(lock, notifyChannel()),
        // TG_ARGV: entity, key column.
        QStringLiteral(R"(CREATE OR REPLACE FUNCTION hd_feed_row() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    old_key text;
    new_key text;
BEGIN
    IF TG_OP <> 'INSERT' THEN old_key := to_jsonb(OLD) ->> TG_ARGV[1]; END IF;
    IF TG_OP <> 'DELETE' THEN new_key := to_jsonb(NEW) ->> TG_ARGV[1]; END IF;
    IF TG_OP = 'UPDATE' AND old_key IS DISTINCT FROM new_key THEN
        PERFORM hd_feed_bump(TG_ARGV[0], old_key, 'delete');
    END IF;
    PERFORM hd_feed_bump(TG_ARGV[0], coalesce(new_key, old_key), lower(TG_OP));
    RETURN NULL;
END $$)"),
        // TG_ARGV: the parent's entity, the parent table, the foreign key column. Nothing when
        // the parent itself is gone (being deleted).
        QStringLiteral(R"(CREATE OR REPLACE FUNCTION hd_feed_child() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    parent_id bigint;
    parent_uuid text;
BEGIN
    IF TG_OP = 'DELETE' THEN parent_id := (to_jsonb(OLD) ->> TG_ARGV[2])::bigint;
    ELSE parent_id := (to_jsonb(NEW) ->> TG_ARGV[2])::bigint; END IF;
    EXECUTE format('SELECT uuid FROM %I WHERE id = $1', TG_ARGV[1]) INTO parent_uuid
        USING parent_id;
    IF parent_uuid IS NOT NULL THEN
        PERFORM hd_feed_bump(TG_ARGV[0], parent_uuid, 'update');
    END IF;
    RETURN NULL;
END $$)"),
    };
    for (const auto &[table, entity, key] :
         {std::tuple{"tickets", "ticket", "uuid"}, std::tuple{"messages", "message", "uuid"},
          std::tuple{"teams", "team", "uuid"}, std::tuple{"categories", "category", "name"},
          std::tuple{"agents", "agent", "uuid"}, std::tuple{"customers", "customer", "uuid"}})
        out << QStringLiteral("CREATE OR REPLACE TRIGGER %1_feed AFTER INSERT OR UPDATE OR DELETE "
                              "ON %1 FOR EACH ROW EXECUTE FUNCTION hd_feed_row('%2', '%3')")
                   .arg(QLatin1String(table), QLatin1String(entity), QLatin1String(key));
    for (const auto &[table, entity, parent, fk] :
         {std::tuple{"ticket_tags", "ticket", "tickets", "ticket_id"},
          std::tuple{"message_attachments", "message", "messages", "message_id"}})
        out << QStringLiteral("CREATE OR REPLACE TRIGGER %1_feed AFTER INSERT OR DELETE ON %1 "
                              "FOR EACH ROW EXECUTE FUNCTION hd_feed_child('%2', '%3', '%4')")
                   .arg(QLatin1String(table), QLatin1String(entity), QLatin1String(parent),
                        QLatin1String(fk));
    return out;
}

} // namespace hd::server::feedschema
