// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/router.h"

#include <QCoreApplication>

#include <functional>
#include <memory>

namespace hd {
class Clock;
class Database;
class Directory;
class TicketStore;
} // namespace hd

namespace hd::server {

class PushOps;
struct PushEffect;

/// POST /api/v1/sync/push (docs/sync.md "Push: at most once"). Each operation runs in its own
/// transaction that also records its answer in `applied_ops` (feedschema::install() makes it),
/// so a retried operation is answered from there and never applied twice; a refused operation is
/// recorded too, so its retry gets the same refusal and never a late success.
class PushApi
{
    Q_DECLARE_TR_FUNCTIONS(hd::server::PushApi)

public:
    static constexpr int kMaxOps = 1000;
    static constexpr int kMaxClientIdChars = 100;

    PushApi(Database &db, const Clock &clock);
    ~PushApi();

    void registerRoutes(Router &router);
    /// Called after a push request committed anything (the notify hub tells clients at once).
    void setAfterCommit(std::function<void()> fn) { m_afterCommit = std::move(fn); }

    /// The answer for one operation of `clientId` made by `agent`: {op_id, result, ...}. An
    /// error only when the database failed (nothing of that operation was kept then).
    Result<QJsonObject> pushOne(const QJsonValue &op, const QString &clientId, const Agent &agent);

private:
    Response push(const Call &c);
    Result<void> record(const QString &opId, const QString &clientId, RowId agentId,
                        const QJsonObject &result);
    /// The newest change-feed seq of what an applied operation changed.
    Result<qint64> newestSeq(const PushEffect &effect);
    /// The stored answer for opId as a retry gets it; nullopt when opId is new.
    Result<std::optional<QJsonObject>> previous(const QString &opId, RowId agentId);

    Database &m_db;
    const Clock &m_clock;
    std::unique_ptr<TicketStore> m_store;
    std::unique_ptr<Directory> m_directory;
    std::unique_ptr<PushOps> m_ops;
    std::function<void()> m_afterCommit;
};

} // namespace hd::server
