// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/schema.h"

namespace hd::schema {

// Conventions: times are INTEGER milliseconds since the epoch, UTC. Enumerations are stored by
// their wire names (see core/domain/enums.h), except priority, stored as 0 (urgent) .. 3 (low)
// so that sorting by it sorts by severity. uuid columns are the identities shared by replicas.
// sla_due is the earliest open SLA due time, or 9223372036854775807 when none, so that it can
// be sorted and keyset-paged through a plain index.
static const std::vector<const char *> kV1 = {
    R"(CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID)",
    R"(CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID)",
    R"(CREATE TABLE teams(id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE))",
    R"(CREATE TABLE agents(id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        email TEXT UNIQUE, role TEXT NOT NULL DEFAULT 'agent', skills TEXT NOT NULL DEFAULT '',
        languages TEXT NOT NULL DEFAULT '', capacity INTEGER NOT NULL DEFAULT 20,
        team_id INTEGER REFERENCES teams(id), active INTEGER NOT NULL DEFAULT 1))",
    R"(CREATE TABLE customers(id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL, email TEXT, phone TEXT, language TEXT,
        created_at INTEGER NOT NULL))",
    R"(CREATE INDEX customers_email ON customers(email) WHERE email IS NOT NULL)",
    R"(CREATE TABLE customer_identities(channel TEXT NOT NULL, handle TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        PRIMARY KEY(channel, handle)) WITHOUT ROWID)",
    R"(CREATE INDEX customer_identities_customer ON customer_identities(customer_id))",
    R"(CREATE TABLE categories(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES categories(id)))",
    R"(CREATE TABLE sla_policies(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
        definition TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0))",
    R"(CREATE TABLE tickets(
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        number INTEGER NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL,
        direction TEXT NOT NULL,
        status TEXT NOT NULL,
        priority INTEGER NOT NULL,
        category_id INTEGER REFERENCES categories(id),
        requester_id INTEGER REFERENCES customers(id),
        assignee_id INTEGER REFERENCES agents(id),
        team_id INTEGER REFERENCES teams(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        first_response_at INTEGER,
        solved_at INTEGER,
        closed_at INTEGER,
        sla_policy_id INTEGER REFERENCES sla_policies(id),
        first_response_due INTEGER,
        resolution_due INTEGER,
        sla_paused_since INTEGER,
        sla_due INTEGER NOT NULL DEFAULT 9223372036854775807,
        external_ref TEXT,
        csat INTEGER,
        merged_into INTEGER REFERENCES tickets(id),
        split_from INTEGER REFERENCES tickets(id),
        follow_up_of INTEGER REFERENCES tickets(id),
        archived INTEGER NOT NULL DEFAULT 0,
        requester_sort TEXT NOT NULL DEFAULT '',
        assignee_sort TEXT NOT NULL DEFAULT ''))",
    // List indexes: every built-in view filters by (status, archived) and sorts by one column;
    // the id tail makes keyset pagination exact.
    R"(CREATE INDEX tickets_view_updated ON tickets(status, archived, updated_at, id))",
    R"(CREATE INDEX tickets_view_created ON tickets(status, archived, created_at, id))",
    R"(CREATE INDEX tickets_view_priority ON tickets(status, archived, priority, updated_at, id))",
    R"(CREATE INDEX tickets_view_due ON tickets(status, archived, sla_due, id))",
    R"(CREATE INDEX tickets_assignee ON tickets(assignee_id, status, updated_at, id))",
    R"(CREATE INDEX tickets_requester ON tickets(requester_id, created_at))",
    R"(CREATE INDEX tickets_created ON tickets(created_at))",
    R"(CREATE INDEX tickets_category ON tickets(category_id, created_at))",
    R"(CREATE INDEX tickets_external ON tickets(external_ref) WHERE external_ref IS NOT NULL)",
    R"(CREATE TABLE ticket_tags(ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        tag TEXT NOT NULL, PRIMARY KEY(ticket_id, tag)) WITHOUT ROWID)",
    R"(CREATE INDEX ticket_tags_tag ON ticket_tags(tag, ticket_id))",
    R"(CREATE TABLE messages(
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        author_kind TEXT NOT NULL,
        author_agent_id INTEGER REFERENCES agents(id),
        author_customer_id INTEGER REFERENCES customers(id),
        visibility TEXT NOT NULL,
        body TEXT NOT NULL,
        body_html TEXT,
        created_at INTEGER NOT NULL,
        moved_from INTEGER REFERENCES tickets(id)))",
    R"(CREATE INDEX messages_ticket ON messages(ticket_id, created_at, id))",
    R"(CREATE TABLE attachments(sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL,
        media_type TEXT NOT NULL) WITHOUT ROWID)",
    R"(CREATE TABLE message_attachments(message_id INTEGER NOT NULL REFERENCES messages(id),
        sha256 TEXT NOT NULL REFERENCES attachments(sha256), file_name TEXT NOT NULL,
        PRIMARY KEY(message_id, sha256, file_name)) WITHOUT ROWID)",
    R"(CREATE TABLE events(
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        kind TEXT NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id INTEGER,
        at INTEGER NOT NULL,
        old_value TEXT,
        new_value TEXT))",
    R"(CREATE INDEX events_ticket ON events(ticket_id, at, id))",
    R"(CREATE INDEX events_kind_at ON events(kind, at))",
    R"(CREATE TABLE saved_views(id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
        owner_agent_id INTEGER REFERENCES agents(id), name TEXT NOT NULL,
        position INTEGER NOT NULL, definition TEXT NOT NULL))",
    // Counts for the navigator, kept up to date by triggers: one row per (status, archived,
    // assignee) so that every built-in view's count is a sum of a few rows.
    R"(CREATE TABLE ticket_counts(status TEXT NOT NULL, archived INTEGER NOT NULL,
        assignee_id INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY(status, archived, assignee_id)) WITHOUT ROWID)",
    R"(CREATE TRIGGER tickets_count_insert AFTER INSERT ON tickets BEGIN
        INSERT INTO ticket_counts(status, archived, assignee_id, n)
        VALUES (new.status, new.archived, coalesce(new.assignee_id, 0), 1)
        ON CONFLICT(status, archived, assignee_id) DO UPDATE SET n = n + 1;
    END)",
    R"(CREATE TRIGGER tickets_count_delete AFTER DELETE ON tickets BEGIN
        UPDATE ticket_counts SET n = n - 1 WHERE status = old.status
        AND archived = old.archived AND assignee_id = coalesce(old.assignee_id, 0);
    END)",
    R"(CREATE TRIGGER tickets_count_update AFTER UPDATE OF status, archived, assignee_id ON tickets
    WHEN old.status IS NOT new.status OR old.archived IS NOT new.archived
         OR old.assignee_id IS NOT new.assignee_id BEGIN
        UPDATE ticket_counts SET n = n - 1 WHERE status = old.status
        AND archived = old.archived AND assignee_id = coalesce(old.assignee_id, 0);
        INSERT INTO ticket_counts(status, archived, assignee_id, n)
        VALUES (new.status, new.archived, coalesce(new.assignee_id, 0), 1)
        ON CONFLICT(status, archived, assignee_id) DO UPDATE SET n = n + 1;
    END)",
    // Full-text search: one contentless document per ticket (rowid = ticket id). Column pub holds
    // the subject, public messages and the requester's name; internal holds internal notes, so
    // customer-facing searches can be restricted to {pub}. Text goes in already analysed
    // (core/storage/searchtext.h: Hangul as overlapping bigrams, Latin as words).
    // prefix='1': a one-character prefix index, so that a one-syllable query (환*), which
    // otherwise merges the postings of every bigram starting with 환, is a single lookup.
    R"(CREATE VIRTUAL TABLE ticket_search USING fts5(pub, internal, content='',
        tokenize='unicode61 remove_diacritics 2', prefix='1'))",
    R"(CREATE VIRTUAL TABLE customer_search USING fts5(body, content='',
        tokenize='unicode61 remove_diacritics 2'))",
};

// v2: canned responses (macros) and per-agent drafts of the composer.
// A macro with no owner is shared by every agent. Its optional actions are applied to the ticket
// when the message it wrote is sent: set_status (wire name), set_priority (0..3), add_tags
// (comma-separated). A draft belongs to one (ticket, agent); seen_message_id / seen_event_id
// record the newest message and event the agent had seen when writing it, so the composer can
// warn when the ticket changed underneath. Draft attachments are already in the attachment store.
static const std::vector<const char *> kV2 = {
    R"(CREATE TABLE macros(id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
        owner_agent_id INTEGER REFERENCES agents(id) ON DELETE CASCADE,
        title TEXT NOT NULL, body TEXT NOT NULL, visibility TEXT NOT NULL DEFAULT 'public',
        set_status TEXT, set_priority INTEGER, add_tags TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL))",
    R"(CREATE INDEX macros_owner ON macros(owner_agent_id, title))",
    R"(CREATE TABLE drafts(
        ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        visibility TEXT NOT NULL, body TEXT NOT NULL,
        seen_message_id INTEGER NOT NULL DEFAULT 0, seen_event_id INTEGER NOT NULL DEFAULT 0,
        macro_id INTEGER REFERENCES macros(id) ON DELETE SET NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY(ticket_id, agent_id)) WITHOUT ROWID)",
    R"(CREATE INDEX drafts_agent ON drafts(agent_id, updated_at))",
    R"(CREATE TABLE draft_attachments(ticket_id INTEGER NOT NULL, agent_id INTEGER NOT NULL,
        position INTEGER NOT NULL, sha256 TEXT NOT NULL, file_name TEXT NOT NULL,
        media_type TEXT NOT NULL, size INTEGER NOT NULL,
        PRIMARY KEY(ticket_id, agent_id, position),
        FOREIGN KEY(ticket_id, agent_id) REFERENCES drafts(ticket_id, agent_id)
            ON DELETE CASCADE) WITHOUT ROWID)",
    R"(CREATE INDEX draft_attachments_sha ON draft_attachments(sha256))",
};

// v3: reporting (core/reporting). ticket_facts holds one row per ticket computed from the ticket
// row and its status events (core/reporting/facts.h); days are days since 1970-01-01 in the
// report time zone; ids are 0 for "none" so they can be keys. report_daily is the full cube of
// per-day counters by every dimension; report_dim holds the same counters by one dimension at a
// time (dim 0 = all tickets, key '') so unfiltered and single-filter reports read a few rows per
// day; report_daily_tag counts created tickets per tag. report_state keeps the events watermark,
// the time zone and the SLA policies the rows were built with. report_dirty lists deleted tickets
// (deletions write no event) for the next refresh.
static const std::vector<const char *> kV3 = {
    R"(CREATE TABLE ticket_facts(
        ticket_id INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        created_day INTEGER NOT NULL,
        channel TEXT NOT NULL,
        direction TEXT NOT NULL,
        category_id INTEGER NOT NULL,
        priority INTEGER NOT NULL,
        team_id INTEGER NOT NULL,
        assignee_id INTEGER NOT NULL,
        status TEXT NOT NULL,
        merged INTEGER NOT NULL,
        fr_day INTEGER,
        frt_secs INTEGER,
        frt_bsecs INTEGER,
        frt_sla_met INTEGER,
        resolved_at INTEGER,
        resolved_day INTEGER,
        res_secs INTEGER,
        res_bsecs INTEGER,
        res_sla_met INTEGER,
        solve_days TEXT NOT NULL,
        reopen_days TEXT NOT NULL,
        reopens INTEGER NOT NULL,
        csat INTEGER NOT NULL,
        tags TEXT NOT NULL))",
    R"(CREATE INDEX ticket_facts_created ON ticket_facts(created_day))",
    R"(CREATE INDEX ticket_facts_fr ON ticket_facts(fr_day) WHERE fr_day IS NOT NULL)",
    R"(CREATE INDEX ticket_facts_resolved ON ticket_facts(resolved_day)
        WHERE resolved_day IS NOT NULL)",
    R"(CREATE INDEX ticket_facts_reopens ON ticket_facts(reopens) WHERE reopens > 0)",
    R"(CREATE TABLE report_daily(day INTEGER NOT NULL, channel TEXT NOT NULL,
        direction TEXT NOT NULL, category_id INTEGER NOT NULL, priority INTEGER NOT NULL,
        team_id INTEGER NOT NULL, assignee_id INTEGER NOT NULL,
        created INTEGER NOT NULL DEFAULT 0, solved INTEGER NOT NULL DEFAULT 0,
        reopened INTEGER NOT NULL DEFAULT 0, frt_n INTEGER NOT NULL DEFAULT 0,
        frt_sum INTEGER NOT NULL DEFAULT 0, frt_bsum INTEGER NOT NULL DEFAULT 0,
        frt_sla_n INTEGER NOT NULL DEFAULT 0, frt_sla_met INTEGER NOT NULL DEFAULT 0,
        res_n INTEGER NOT NULL DEFAULT 0, res_sum INTEGER NOT NULL DEFAULT 0,
        res_bsum INTEGER NOT NULL DEFAULT 0, res_sla_n INTEGER NOT NULL DEFAULT 0,
        res_sla_met INTEGER NOT NULL DEFAULT 0, res_reopened INTEGER NOT NULL DEFAULT 0,
        csat_sent INTEGER NOT NULL DEFAULT 0, csat_n INTEGER NOT NULL DEFAULT 0,
        csat_sum INTEGER NOT NULL DEFAULT 0, csat_good INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY(day, channel, direction, category_id, priority, team_id, assignee_id))
        WITHOUT ROWID)",
    R"(CREATE TABLE report_dim(dim INTEGER NOT NULL, key TEXT NOT NULL, day INTEGER NOT NULL,
        created INTEGER NOT NULL DEFAULT 0, solved INTEGER NOT NULL DEFAULT 0,
        reopened INTEGER NOT NULL DEFAULT 0, frt_n INTEGER NOT NULL DEFAULT 0,
        frt_sum INTEGER NOT NULL DEFAULT 0, frt_bsum INTEGER NOT NULL DEFAULT 0,
        frt_sla_n INTEGER NOT NULL DEFAULT 0, frt_sla_met INTEGER NOT NULL DEFAULT 0,
        res_n INTEGER NOT NULL DEFAULT 0, res_sum INTEGER NOT NULL DEFAULT 0,
        res_bsum INTEGER NOT NULL DEFAULT 0, res_sla_n INTEGER NOT NULL DEFAULT 0,
        res_sla_met INTEGER NOT NULL DEFAULT 0, res_reopened INTEGER NOT NULL DEFAULT 0,
        csat_sent INTEGER NOT NULL DEFAULT 0, csat_n INTEGER NOT NULL DEFAULT 0,
        csat_sum INTEGER NOT NULL DEFAULT 0, csat_good INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY(dim, key, day)) WITHOUT ROWID)",
    R"(CREATE INDEX report_dim_day ON report_dim(dim, day))",
    R"(CREATE TABLE report_daily_tag(day INTEGER NOT NULL, tag TEXT NOT NULL,
        created INTEGER NOT NULL, PRIMARY KEY(day, tag)) WITHOUT ROWID)",
    R"(CREATE TABLE report_state(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID)",
    R"(CREATE TABLE report_dirty(ticket_id INTEGER PRIMARY KEY))",
    R"(CREATE TRIGGER tickets_report_delete AFTER DELETE ON tickets BEGIN
        INSERT OR IGNORE INTO report_dirty(ticket_id) VALUES (old.id);
    END)",
    // Chat messages imported before keep their identity under the new form of chat message ids
    // (core/channels/chatuuid.h): version 5 ids (only the chat importers make those) get the
    // message's time as their first 48 bits and version 8, exactly as ChatUuids now computes
    // them, so that importing the same export again still adds nothing.
    R"(UPDATE messages SET uuid =
        substr(printf('%012x', created_at & 281474976710655), 1, 8) || '-'
        || substr(printf('%012x', created_at & 281474976710655), 9, 4) || '-8'
        || substr(uuid, 16)
        WHERE length(uuid) = 36 AND substr(uuid, 15, 1) = '5')",
};

// v4: server accounts (server/auth.h). password_hash is a libsodium crypto_pwhash_str string
// ($argon2id$...); NULL means the agent cannot sign in. auth_tokens holds sign-in tokens by the
// BLAKE2b hash of the token (hex), never the token itself; expires_at slides with last_used_at.
static const std::vector<const char *> kV4 = {
    R"(ALTER TABLE agents ADD COLUMN password_hash TEXT)",
    R"(CREATE TABLE auth_tokens(token_hash TEXT PRIMARY KEY,
        agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL) WITHOUT ROWID)",
    R"(CREATE INDEX auth_tokens_agent ON auth_tokens(agent_id))",
};

const std::vector<std::vector<const char *>> &migrations()
{
    static const std::vector<std::vector<const char *>> all = {kV1, kV2, kV3, kV4};
    return all;
}

} // namespace hd::schema
