// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/channels/chatrecord.h"
#include "core/channels/sessionizer.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QHash>

#include <functional>

namespace hd {
class Directory;
class TicketStore;
} // namespace hd

namespace hd::chat {

struct ChatImportOptions
{
    Channel channel = Channel::ChatKakao;
    /// Identifies the conversation across exports (the room title, or the file name when the
    /// export has none). Tickets of the room carry "<channel>:<room>" as external reference.
    QString room;
    SessionizerOptions sessions;
    /// Agents as they appear in the export; they are created in the directory when missing.
    QStringList agents;
    /// Display names of senders when the records carry ids (ChannelTalk person ids); the id
    /// stays the customer's handle on the channel.
    QHash<QString, QString> senderNames;
    /// The export's "saved at" time (or now): a last session that ended more than a gap before
    /// it is closed, a more recent one stays open so a later export can continue it.
    QDateTime savedAt;
};

/// What an import did, for the CLI (--json) and the import dialog.
struct ChatImportSummary
{
    int ticketsCreated = 0;
    int ticketsContinued = 0; ///< existing tickets that received new messages
    int messagesAdded = 0;
    int messagesSkipped = 0; ///< already imported (same room, time, sender, text, occurrence)
    int systemEvents = 0; ///< joins, leaves, deleted-message notices kept as system lines
    int linesRead = 0;
    int headerLines = 0;
    QList<ParseProblem> problems;
    QList<RowId> ticketIds;
};

/// Turns a parsed chat into tickets: sessionize, then for each session either continue the
/// ticket that already holds its messages or create one, adding only messages not imported
/// before. Idempotent: message identities are derived from the room, time, sender, text and
/// occurrence, so the same export imports nothing twice and a longer export adds only what is
/// new. One transaction per 200 sessions; progress(done, total sessions) may cancel between them
/// (what was committed stays, and re-running continues where it stopped).
class ChatImporter
{
    Q_DECLARE_TR_FUNCTIONS(hd::chat::ChatImporter)
public:
    ChatImporter(TicketStore &store, Directory &directory);
    Result<ChatImportSummary> import(const ParsedChat &chat, const ChatImportOptions &options,
                                     const std::function<bool(qint64, qint64)> &progress = {});

    /// The stable identity of a chat message (UUID version 5 in the helpdesk's namespace).
    static QString messageUuid(Channel channel, const QString &room, const ChatRecord &r,
                               int occurrence);

private:
    TicketStore &m_store;
    Directory &m_directory;
};

} // namespace hd::chat
