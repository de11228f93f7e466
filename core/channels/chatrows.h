// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channels/chatbulk.h"
#include "core/channels/chatuuid.h"
#include "core/storage/bulkwriter.h"

#include <array>
#include <vector>

namespace hd::chat::detail {

/// A ticket's subject: the first line of its first message with text (80 characters at most).
QString subjectOf(const QList<ChatRecord> &records, const Session &s);

/// The rows of consecutive conversations of a new room. Ticket ids are local (0, 1, ...) until
/// the writer knows the next free id and adds it (RowBuffer::addToColumn).
struct RoomChunk
{
    RowBuffer tickets{19};
    RowBuffer messages{8};
    RowBuffer events{7};
    RowBuffer search{3};
    QList<int> stillOpen; ///< local ids of tickets that stay open
    int ticketCount = 0;
    int messagesAdded = 0;
    int systemEvents = 0;

    // Several rows per statement, as INSERT OR FAIL: SQLite needs no statement journal for
    // those (a constraint error fails the import's transaction, which is rolled back whole).
    static const QString &ticketsHead();
    static const QString &messagesHead();
    static const QString &eventsHead();
    static const QString &searchHead();
    enum Column { TicketId = 0, TicketNumber = 2, MessageTicket = 1, EventTicket = 0, DocId = 0 };
};

/// Builds RoomChunks, one after the other and on any thread (one at a time): message identities
/// (with the occurrence count over the whole export, in record order), authors, subjects,
/// search documents, events, all as UTF-8 rows.
class RoomRowBuilder
{
public:
    explicit RoomRowBuilder(const NewRoom &room);
    RoomChunk build(int fromSession, int toSession);

private:
    struct Sender
    {
        quintptr data = 0;
        qsizetype size = -1;
        QByteArray utf8;
        Author author;
    };
    const Sender &sender(const QString &name);
    int occurrence(int record);
    void session(int index, int local, RoomChunk &c);

    const NewRoom &m_room;
    ChatUuids m_uuids;
    std::vector<int> m_occurrence;
    int m_counted = 0; ///< records whose occurrence is known
    struct Seen
    {
        int first; ///< the first record with this hash of (time, sender, text)
        int count;
    };
    QHash<quint64, Seen> m_seen;
    QHash<QString, int> m_collided; ///< exact keys of records whose hash another key has
    std::array<Sender, 64> m_senders{};
    QByteArray m_text, m_body, m_pub, m_internal;
    QByteArray m_kind[3], m_visibility[2], m_status[4], m_event[3], m_system, m_channel,
        m_externalRef;
};

} // namespace hd::chat::detail
