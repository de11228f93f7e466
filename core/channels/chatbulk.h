// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/channels/chatimport.h"

#include <QHash>

namespace hd {
class TicketStore;
}

namespace hd::chat::detail {

/// Who wrote a message record, as the schema sees it (system records have no author).
struct Author
{
    AuthorKind kind = AuthorKind::System;
    RowId agent = 0;
    RowId customer = 0;
};

/// A room imported for the first time, with everyone in it already in the directory.
struct NewRoom
{
    const ParsedChat *chat = nullptr;
    const QList<Session> *sessions = nullptr;
    const ChatImportOptions *options = nullptr;
    qint64 gapSeconds = 0;
    QDateTime savedAt;
    QString externalRef;
    QString fallbackSubject; ///< for a conversation without any text
    QHash<QString, Author> authors; ///< message senders as written
    QHash<QString, RowId> requesters; ///< Session::requester -> customer
    QHash<QString, RowId> assignees; ///< Session::assignee -> agent
};

/// Writes a new room's conversations as rows computed in memory: the rows of the next
/// conversations are built (identities, search documents, UTF-8 text) on a second thread while
/// the current ones are written through BulkInserter. The result is the one the careful,
/// per-change path of ChatImporter gives (tested).
///
/// Durability: on a database that holds no ticket yet (so no message, event or search
/// document either) and that no other connection has open, the import runs as one transaction
/// with a rollback journal instead of the WAL and synchronous=OFF: pages appended to the file
/// are not journaled, so that costs next to nothing, and it still rolls back on an error and
/// survives a crash of the program (not of the machine: the database then holds nothing but the
/// directory, which the import itself fills). Everywhere else the database stays in WAL mode with
/// its usual synchronous setting and commits every 5,000 conversations, like the careful path.
/// progress(done, total conversations) may cancel after each 1,000 conversations: what was
/// written is committed, *written tells how many conversations that was (all when it is
/// room.sessions->size()).
Result<void> importNewRoom(TicketStore &store, const NewRoom &room, ChatImportSummary &summary,
                           const std::function<bool(qint64, qint64)> &progress, int *written);

} // namespace hd::chat::detail
