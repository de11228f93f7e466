// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QStringList>

namespace hd {
class Database;
} // namespace hd

namespace hd::server::feedschema {

/// Creates the change feed of docs/sync.md "Pull" in the server's database, if missing: table
/// `changes(seq, entity, uuid, op)` and the triggers on tickets, ticket_tags, messages and
/// message_attachments that fill it. Each (entity, uuid) keeps one row, at the seq of its newest
/// change (a trigger deletes the older one), so the feed is compact and paging it from 0 yields
/// every row once. When the table is made, every existing ticket and message is entered, so a
/// database that was used without the feed is served whole. Server only: desktop clients never get
/// these triggers (they would slow bulk imports), which is why this is not in
/// core/storage/schema.cpp. Also makes `applied_ops(op_id, client_id, agent_id, result, at)`, the
/// answers of docs/sync.md "Push: at most once" (PushApi).
Result<void> install(Database &db);

/// The tables install() makes (changes, applied_ops), without triggers or backfill: made alone
/// when a copy brings their rows (server/dbcopy.h).
QStringList tables(const Database &db);

/// The names of the triggers install() makes (tests check that clients have none of them).
const char *const *triggerNames();

/// PostgreSQL (feedschemapg.cpp): the tables, and the trigger functions and triggers, which
/// take the writer lock `writerLock` and NOTIFY notifyChannel() on every change.
QStringList postgresTables();
QStringList postgresTriggers(qint64 writerLock);
/// The PostgreSQL channel server instances LISTEN on to learn the feed moved.
QString notifyChannel();

} // namespace hd::server::feedschema
