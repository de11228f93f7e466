// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace hd {
class Database;
class Directory;
class TicketStore;
} // namespace hd

namespace hd::server {

/// Why an operation was refused: a code of docs/sync.md ("invalid", "not_found", ...) and a
/// message for the agent. An empty code means the operation was applied.
struct Rejection
{
    QString code;
    QString message;
};

/// The operation kinds of a push (docs/sync.md "Operations"), validated field by field and
/// applied through TicketStore, so the core workflow decides what is allowed.
class PushOps
{
    Q_DECLARE_TR_FUNCTIONS(hd::server::PushOps)

public:
    static constexpr int kMaxTags = 50;
    static constexpr int kMaxTagChars = 50;
    static constexpr int kMaxSubjectChars = 500;
    static constexpr int kMaxNameChars = 200;
    static constexpr int kMaxEmailChars = 254;

    PushOps(Database &db, TicketStore &store, Directory &directory);

    /// Applies one operation for `agent` inside the caller's transaction. A Rejection with a
    /// code when refused (the caller must roll back whatever was written); an Error only when
    /// the database failed. `effectUuid` receives the uuid of a message the operation made.
    Result<Rejection> apply(const Agent &agent, const QString &ticketUuid, const QString &kind,
                            const QJsonObject &payload, QString *effectUuid);

    static bool isUuid(const QString &s);

private:
    Result<Rejection> createTicket(const Agent &agent, const QString &uuid, const QJsonObject &p);
    Result<Rejection> addMessage(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                 QString *effectUuid);
    Result<Rejection> setStatus(const Agent &agent, const Ticket &t, const QJsonObject &p);
    Result<Rejection> assign(const Agent &agent, const Ticket &t, const QJsonObject &p);
    Result<Rejection> setPriority(const Agent &agent, const Ticket &t, const QJsonObject &p);
    Result<Rejection> changeTags(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                 bool add);

    Database &m_db;
    TicketStore &m_store;
    Directory &m_directory;
};

} // namespace hd::server
