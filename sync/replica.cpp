// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/replica.h"

#include "core/base/clock.h"
#include "core/storage/database.h"

#include <QJsonDocument>

namespace hd::sync {

namespace replica {

Result<void> install(Database &db)
{
    return db.execScript({
        QStringLiteral("CREATE TABLE IF NOT EXISTS sync_state(key TEXT PRIMARY KEY, value TEXT) "
                       "WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "op_id TEXT NOT NULL UNIQUE, ticket_uuid TEXT NOT NULL, kind TEXT NOT NULL, "
                       "payload TEXT NOT NULL, base TEXT NOT NULL, at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS outbox_ticket ON outbox(ticket_uuid, seq)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS sync_rejections(op_id TEXT PRIMARY KEY, "
                       "ticket_uuid TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, "
                       "code TEXT NOT NULL, message TEXT NOT NULL, at INTEGER NOT NULL, "
                       "dismissed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID"),
        // Events that came from the server (the others are this replica's own, kept until the
        // server's versions of them arrive).
        QStringLiteral("CREATE TABLE IF NOT EXISTS sync_events(event_id INTEGER PRIMARY KEY)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS sync_parked(entity TEXT NOT NULL, "
                       "uuid TEXT NOT NULL, row TEXT NOT NULL, PRIMARY KEY(entity, uuid)) "
                       "WITHOUT ROWID"),
    });
}

Result<bool> isReplica(Database &db)
{
    return db.hasTable(QStringLiteral("outbox"));
}

Result<QString> state(Database &db, const QString &key)
{
    auto v = db.scalar(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"), {key});
    if (!v)
        return v.error();
    return v->toString();
}

Result<void> setState(Database &db, const QString &key, const QString &value)
{
    auto q = db.exec(QStringLiteral("INSERT INTO sync_state(key, value) VALUES (?, ?) "
                                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                     {key, value});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<QString> clientId(Database &db)
{
    auto id = state(db, QStringLiteral("client_id"));
    if (!id || !id->isEmpty())
        return id;
    const QString made = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (auto s = setState(db, QStringLiteral("client_id"), made); !s)
        return s.error();
    return made;
}

} // namespace replica

QJsonObject PendingOp::toJson() const
{
    QJsonObject o{{QStringLiteral("op_id"), opId},
                  {QStringLiteral("ticket_uuid"), ticketUuid},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("payload"), payload}};
    if (!base.isEmpty())
        o.insert(QStringLiteral("base"), base);
    return o;
}

Outbox::Outbox(Database &db, const Clock &clock, QRandomGenerator *random)
    : m_db(db)
    , m_clock(clock)
    , m_random(random ? random : QRandomGenerator::global())
{ }

QString Outbox::uuid7(qint64 msecs, QRandomGenerator &random)
{
    QByteArray b(16, Qt::Uninitialized);
    for (int i = 0; i < 6; ++i)
        b[i] = char((msecs >> (8 * (5 - i))) & 0xff);
    for (int i = 6; i < 16; ++i)
        b[i] = char(random.bounded(256));
    b[6] = char((b[6] & 0x0f) | 0x70); // version 7
    b[8] = char((b[8] & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(b).toString(QUuid::WithoutBraces);
}

Result<void> Outbox::record(const JournalOp &op)
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    auto q = m_db.exec(QStringLiteral("INSERT INTO outbox(op_id, ticket_uuid, kind, payload, base, "
                                      "at) VALUES (?,?,?,?,?,?)"),
                       {uuid7(now, *m_random), op.ticketUuid, op.kind,
                        QString::fromUtf8(QJsonDocument(op.payload).toJson(QJsonDocument::Compact)),
                        QString::fromUtf8(QJsonDocument(op.base).toJson(QJsonDocument::Compact)),
                        now});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<QList<PendingOp>> Outbox::read(const QString &where, const QVariantList &args)
{
    auto q = m_db.exec(QStringLiteral("SELECT seq, op_id, ticket_uuid, kind, payload, base FROM "
                                      "outbox ")
                           + where,
                       args);
    if (!q)
        return q.error();
    QList<PendingOp> out;
    while (q->next())
        out << PendingOp{q->value(0).toLongLong(),
                         q->value(1).toString(),
                         q->value(2).toString(),
                         q->value(3).toString(),
                         QJsonDocument::fromJson(q->value(4).toByteArray()).object(),
                         QJsonDocument::fromJson(q->value(5).toByteArray()).object()};
    return out;
}

Result<QList<PendingOp>> Outbox::oldest(int limit)
{
    return read(QStringLiteral("ORDER BY seq LIMIT ?"), {limit});
}

Result<QList<PendingOp>> Outbox::forTicket(const QString &ticketUuid)
{
    return read(QStringLiteral("WHERE ticket_uuid = ? ORDER BY seq"), {ticketUuid});
}

Result<int> Outbox::count()
{
    auto n = m_db.scalar(QStringLiteral("SELECT count(*) FROM outbox"));
    if (!n)
        return n.error();
    return n->toInt();
}

} // namespace hd::sync
