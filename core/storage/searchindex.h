// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <functional>

namespace hd {

class Database;

/// Keeps the full-text table ticket_search in step with tickets and messages. One contentless
/// FTS5 document per ticket (rowid = ticket id): column pub = subject and public messages,
/// column internal = internal notes. Text is analysed by searchTokens() before it goes in.
///
/// SQLite 3.40 cannot delete from a contentless table except with the FTS5 'delete' command,
/// which needs the exact tokens that were inserted. So a change that alters a ticket's text
/// runs inside reindexTicket(): the old document is computed from the database before the
/// change and deleted, the new one inserted after it, in the same transaction.
class SearchIndex
{
public:
    struct Doc
    {
        QString pub;
        QString internal;
        bool operator==(const Doc &) const = default;
    };

    explicit SearchIndex(Database &db);

    /// Analysed document of a ticket as it is in the database now.
    Result<Doc> documentFor(RowId ticketId);
    static Doc analyze(const QString &subject, const QStringList &publicBodies,
                       const QStringList &internalBodies);

    Result<void> insertTicket(RowId ticketId);
    Result<void> insertDoc(RowId ticketId, const Doc &doc);
    Result<void> deleteDoc(RowId ticketId, const Doc &doc);
    /// Deletes the ticket's current document, runs mutation, inserts the new document.
    Result<void> reindexTicket(RowId ticketId, const std::function<Result<void>()> &mutation);
    /// Drops and rebuilds every document (after a change of the analyser). progress(done, total)
    /// may return false to cancel (the transaction is then rolled back).
    Result<void> rebuildAll(const std::function<bool(qint64, qint64)> &progress = {});

private:
    Database &m_db;
};

} // namespace hd
