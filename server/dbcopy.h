// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace hd {
class Database;
} // namespace hd

namespace hd::server {

struct CopyReport
{
    QList<QPair<QString, qint64>> tables; ///< rows copied, by table, in copy order
    qint64 rows = 0;
};

/// Copies a whole helpdesk database into an empty one of the same schema version: how a team
/// moves its server from SQLite to PostgreSQL (`helpdesk-server copy --from sqlite:PATH --db
/// postgresql://...`). Every table of the core's schema is copied row for row, ids included
/// (PostgreSQL's identity sequences are moved past them), in one transaction on the target
/// with foreign keys checked at commit: it all arrives or nothing does. The change feed is
/// copied with its seqs (desktops' cursors stay valid; new changes number after them) and so
/// are the push protocol's applied operations (a resent operation is still answered
/// "duplicate"); a source without a feed gets one made from its rows. Derived data is rebuilt:
/// the navigator's counts (by their triggers) and the search documents. The target must hold no
/// tickets, agents or customers. progress(table, rows) is called after each table.
Result<CopyReport> copyDatabase(Database &from, Database &to,
                                const std::function<void(const QString &, qint64)> &progress = {});

} // namespace hd::server
