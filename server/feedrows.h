// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QMap>
#include <QStringList>

namespace hd {
class Database;
} // namespace hd

namespace hd::server::feedrows {

/// The entities of the change feed, in the order a page lists them when seqs tie (never: seqs
/// are unique) — and the order a client applies a page's rows in (people before tickets before
/// messages).
const QStringList &entities();

/// Adds to out, by seq, the entries of `entity` with after < seq <= upTo, each the JSON text
/// of {seq, entity, uuid, op, row | deleted: true} with its current row (docs/sync.md "Pull").
Result<void> addEntries(Database &db, const QString &entity, qint64 after, qint64 upTo,
                        QMap<qint64, QByteArray> &out);

/// The current entries (with their seqs) of one ticket and all its messages; empty when the
/// ticket does not exist.
Result<QList<QByteArray>> ticketEntries(Database &db, const QString &ticketUuid);

} // namespace hd::server::feedrows
