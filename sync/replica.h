// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/storage/opjournal.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRandomGenerator>

namespace hd {
class Clock;
class Database;
} // namespace hd

namespace hd::sync {

/// A replica's sync tables (docs/sync.md), made by install() in the replica only — a standalone
/// desktop database has none:
/// - sync_state(key, value): cursor, client_id, server;
/// - outbox(seq, op_id, ticket_uuid, kind, payload, base, at): operations not yet answered, in
///   the order they were made;
/// - sync_rejections(op_id, ..., code, message, dismissed): what the server refused (and
///   "overwrote" notices), kept until the agent dismisses them;
/// - sync_parked(entity, uuid, row): feed rows waiting for a row they name;
/// - sync_events(event_id): the events that came from the server.
namespace replica {
Result<void> install(Database &db);
/// Whether db is a replica (install() ran on it).
Result<bool> isReplica(Database &db);
Result<QString> state(Database &db, const QString &key);
Result<void> setState(Database &db, const QString &key, const QString &value);
/// The replica's client id (made once).
Result<QString> clientId(Database &db);
} // namespace replica

/// A pending operation, as pushed.
struct PendingOp
{
    qint64 seq = 0;
    QString opId;
    QString ticketUuid;
    QString kind;
    QJsonObject payload;
    QJsonObject base;
    QJsonObject toJson() const;
};

/// The outbox: TicketStore's journal on a replica. record() runs in the change's transaction.
class Outbox : public OpJournal
{
public:
    Outbox(Database &db, const Clock &clock, QRandomGenerator *random = nullptr);
    Result<void> record(const JournalOp &op) override;

    /// The oldest `limit` operations.
    Result<QList<PendingOp>> oldest(int limit);
    /// Pending operations on one ticket, in order.
    Result<QList<PendingOp>> forTicket(const QString &ticketUuid);
    Result<int> count();

    /// A UUID version 7 (time-ordered: ms since the epoch, then random bits).
    static QString uuid7(qint64 msecs, QRandomGenerator &random);

private:
    Result<QList<PendingOp>> read(const QString &where, const QVariantList &args);

    Database &m_db;
    const Clock &m_clock;
    QRandomGenerator *m_random;
};

} // namespace hd::sync
