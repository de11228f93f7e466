// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/router.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace hd {
class Database;
} // namespace hd

namespace hd::server {

/// One page of the change feed (docs/sync.md "Pull").
struct FeedPage
{
    /// JSON text of the array of {seq, entity, uuid, op, row | deleted} in seq order ("[]" when
    /// empty): written directly, not through QJsonObject (see server/jsonwriter.h).
    QByteArray changes = "[]";
    int count = 0; ///< entries in changes
    /// changes parsed (tests).
    [[nodiscard]] QJsonArray parsed() const { return QJsonDocument::fromJson(changes).array(); }
    qint64 cursor = 0; ///< the last seq this page covers (= after when empty)
    qint64 head = 0; ///< the newest seq
    bool more = false; ///< whether seqs after cursor exist
};

/// The sync routes: GET /api/v1/sync/changes and /api/v1/sync/tickets/{uuid}. Reads the `changes`
/// table that feedschema::install() made and joins each entry with its entity's current row.
class SyncApi
{
    Q_DECLARE_TR_FUNCTIONS(hd::server::SyncApi)

public:
    static constexpr int kDefaultLimit = 500;
    static constexpr int kMaxLimit = 5000;

    explicit SyncApi(Database &db);

    void registerRoutes(Router &router);

    /// Entries with seq > after, at most limit of them, with their current rows.
    Result<FeedPage> page(qint64 after, int limit);

private:
    Response changes(const Call &c);
    /// GET /api/v1/sync/tickets/{uuid}: the current entries of one ticket and its messages, for
    /// a client undoing a rejected operation (docs/sync.md "Conflict policy").
    Response ticket(const Call &c);

    Database &m_db;
};

} // namespace hd::server
