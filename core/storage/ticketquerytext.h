// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to TicketQuery: how a list's text filter is answered.

#include "core/base/result.h"

#include <QString>

namespace hd {

class Database;

namespace detail {

/// Up to this many hits a list is read from its hits (look each ticket up, sort them); above,
/// the list indexes are scanned in order and each row is tested against the hits.
/// TicketQuery::setDriveFromHitsMax() changes it for tests.
qint64 driveFromHitsMax();

/// A text filter's state on the calling thread's connection.
struct TextState
{
    qint64 hits = 0; ///< tickets that match: exact, or at least this many when !hitsExact
    bool hitsExact = false;
    /// temp.hd_text_hits holds every hit: rows are tested against it (0.2 µs a row).
    bool complete = false;
    /// While not complete: an FTS5 expression equivalent to the text that is cheap to test one
    /// row at a time (prefixes of two or more characters spelled out as the words the index
    /// holds), for `MATCH ? AND rowid = t.id`.
    QString probe;
};

/// The state of the FTS5 expression `fts`, counted once per expression up to just past
/// driveFromHitsMax() (exactly once its hits are read). A small hit set is read at once; a larger
/// one is read at once only when `needHitSet` or when the text has no probe form, otherwise later
/// in steps (loadTextHitsStep) while lists test rows with the probe. Everything is reused until
/// this connection writes or another commits.
Result<TextState> textState(Database &db, const QString &fts, bool needHitSet);
/// Reads up to `rows` more hits into temp.hd_text_hits; true once all are there.
Result<bool> loadTextHitsStep(Database &db, const QString &fts, qint64 rows);

} // namespace detail
} // namespace hd
