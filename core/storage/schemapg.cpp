// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/pgdialect.h"
#include "core/storage/schema.h"

namespace hd::schema {

namespace {

// What SQLite's migrations do with triggers and virtual tables, in PostgreSQL's terms, by
// version. The tables and indexes themselves are the SQLite DDL rewritten by ddlToPostgres().
const std::vector<std::vector<const char *>> kPgExtras = {
    // v1: the navigator's counts (one function for the three SQLite triggers) and the full-text
    // tables. Search documents are the same analysed token strings as in FTS5 (searchtext.h),
    // indexed as tsvectors with the 'simple' configuration (no stemming: tokens are final).
    {
        R"(CREATE FUNCTION hd_ticket_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF TG_OP = 'UPDATE' AND NOT (OLD.status IS DISTINCT FROM NEW.status
            OR OLD.archived IS DISTINCT FROM NEW.archived
            OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id) THEN
            RETURN NULL;
        END IF;
        UPDATE ticket_counts SET n = n - 1 WHERE status = OLD.status
            AND archived = OLD.archived AND assignee_id = coalesce(OLD.assignee_id, 0);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO ticket_counts(status, archived, assignee_id, n)
        VALUES (NEW.status, NEW.archived, coalesce(NEW.assignee_id, 0), 1)
        ON CONFLICT(status, archived, assignee_id) DO UPDATE SET n = ticket_counts.n + 1;
    END IF;
    RETURN NULL;
END $$)",
        R"(CREATE TRIGGER tickets_counts AFTER INSERT OR UPDATE OR DELETE ON tickets
            FOR EACH ROW EXECUTE FUNCTION hd_ticket_counts())",
        R"(CREATE TABLE ticket_search(rowid BIGINT PRIMARY KEY, pub TEXT NOT NULL,
            internal TEXT NOT NULL,
            pub_v tsvector GENERATED ALWAYS AS (to_tsvector('simple', pub)) STORED,
            all_v tsvector GENERATED ALWAYS AS (to_tsvector('simple', pub || ' ' || internal))
                STORED))",
        R"(CREATE INDEX ticket_search_pub ON ticket_search USING gin(pub_v))",
        R"(CREATE INDEX ticket_search_all ON ticket_search USING gin(all_v))",
        R"(CREATE TABLE customer_search(rowid BIGINT PRIMARY KEY, body TEXT NOT NULL,
            body_v tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED))",
        R"(CREATE INDEX customer_search_body ON customer_search USING gin(body_v))",
    },
    {},
    // v3: deleted tickets are remembered for the reports' next refresh. (The v3 rewrite of
    // version-5 chat message ids has nothing to rewrite in a database that starts at v3.)
    {
        R"(CREATE FUNCTION hd_report_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_dirty(ticket_id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$)",
        R"(CREATE TRIGGER tickets_report_delete AFTER DELETE ON tickets
            FOR EACH ROW EXECUTE FUNCTION hd_report_dirty())",
    },
    {},
};

} // namespace

const std::vector<QStringList> &postgresMigrations()
{
    static const std::vector<QStringList> all = [] {
        std::vector<QStringList> out;
        const auto &sqlite = migrations();
        for (size_t v = 0; v < sqlite.size(); ++v) {
            QStringList statements;
            for (const char *stmt : sqlite[v])
                if (QString pg = pg::ddlToPostgres(QString::fromUtf8(stmt)); !pg.isEmpty())
                    statements << pg;
            for (const char *stmt : kPgExtras.at(v))
                statements << QString::fromUtf8(stmt);
            out.push_back(statements);
        }
        return out;
    }();
    return all;
}

QSet<QString> tablesWithId()
{
    QStringList ddl;
    for (const auto &version : migrations())
        for (const char *stmt : version)
            ddl << QString::fromUtf8(stmt);
    return pg::idTablesOf(ddl);
}

} // namespace hd::schema
