// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"
#include "core/storage/searchindex.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

#include <optional>

namespace hd {
class Database;
} // namespace hd

namespace hd::sync {

class Outbox;
struct PendingOp;

/// Applies change-feed entries (docs/sync.md "Pull") to a replica: each row is upserted by its
/// uuid, people and tickets it names are looked up by uuid (a person not seen yet gets a
/// placeholder row the feed fills later; a row naming a ticket or a message's ticket not seen
/// yet is parked and applied again when it arrives), and every ticket with pending operations
/// gets them re-applied on top of the server's row (rebase). One call is one transaction, which
/// also stores the new cursor, so a client killed mid-sync resumes from its last whole page.
class FeedApplier
{
    Q_DECLARE_TR_FUNCTIONS(hd::sync::FeedApplier)

public:
    FeedApplier(Database &db, SearchIndex &search, Outbox &outbox);

    /// bulk: leave the search index alone (an initial sync rebuilds it once at the end).
    void setBulk(bool bulk) { m_bulk = bulk; }

    /// Applies entries and, when cursor is set, stores it; returns the local ids of the tickets
    /// that changed.
    Result<QList<RowId>> apply(const QJsonArray &entries, std::optional<qint64> cursor);

    /// Deletes a ticket the server does not have (a rejected create or split) with its messages,
    /// in a transaction of its own with its search document.
    Result<QList<RowId>> drop(const QString &ticketUuid);
    /// Deletes a message the server refused (its text stays in sync_rejections' payload).
    Result<void> dropMessage(const QString &uuid);

private:
    Result<void> applyEntry(const QJsonObject &e, bool parkedAgain);
    /// Bulk: upserts the page's plain messages in one statement; returns the entries left for
    /// the row-by-row path (see feedbulk.cpp).
    Result<QList<QJsonObject>> stageMessages(const QList<QJsonObject> &entries);
    /// Bulk: the same for tickets without links to other tickets.
    Result<QList<QJsonObject>> stageTickets(const QList<QJsonObject> &entries);
    /// A ticket's events from its row (feedevents.cpp).
    Result<void> replaceEvents(RowId ticketId, const QString &ticketUuid, const QJsonArray &events);
    /// An event value as stored locally (uuids and names to local ids).
    Result<QVariant> eventValue(const QString &kind, const QJsonValue &v);

public:
    /// Forgets a ticket's own (not server-made) events once none of its operations wait: the
    /// server's versions come with its row (SyncClient calls this after a push's answers).
    Result<void> dropLocalEvents(RowId ticketId);

private:
    Result<void> team(const QJsonObject &row);
    Result<void> category(const QJsonObject &row);
    Result<void> agent(const QJsonObject &row);
    Result<void> customer(const QJsonObject &row);
    Result<bool> ticket(const QJsonObject &row);
    Result<bool> message(const QJsonObject &row);
    Result<void> deleteRow(const QString &entity, const QString &uuid);
    Result<QList<RowId>> dropTicket(const QString &uuid);
    Result<void> retryParked();
    Result<void> park(const QJsonObject &entry);
    Result<void> rebase(const QString &ticketUuid);
    /// Remembers a ticket's search document before its first change in this call.
    Result<void> noteBefore(RowId ticketId);
    /// Brings the search documents of the tickets changed in this call up to date.
    Result<void> reindex();
    Result<void> replay(RowId ticketId, const PendingOp &op);

    /// Local id of the row of table whose keyColumn is key, remembered for the call; when
    /// absent and placeholder is given, that INSERT (one parameter: the key) makes it. 0 for an
    /// empty key or an absent row.
    Result<RowId> lookup(const char *table, const char *keyColumn, const QString &key,
                         const QString &placeholder);
    /// Local id of a row by uuid, making a placeholder for people; 0 for null/empty.
    Result<RowId> person(const char *table, const QJsonValue &uuid);
    Result<RowId> teamId(const QJsonValue &uuid);
    Result<RowId> categoryId(const QJsonValue &name);
    Result<RowId> ticketId(const QString &uuid);

    Database &m_db;
    SearchIndex &m_search;
    Outbox &m_outbox;
    bool m_bulk = false;
    QSet<QString> m_touched; ///< ticket uuids changed by the current call
    bool m_unresolved = false; ///< the row being applied named a ticket not here yet
    QHash<RowId, SearchIndex::Doc> m_before; ///< documents of changed tickets before the call
    QSet<RowId> m_new; ///< tickets inserted by the call
    QHash<QString, RowId> m_ids; ///< "table:key" -> id, for the current call
};

} // namespace hd::sync
