// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/enums.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>

namespace hd::chat {

/// The identities of imported chat messages and their tickets, computed without allocations: one
/// object per thread, reused for every record.
/// - A ticket's: the name-based (version 5) UUID that QUuid::createUuidV5(namespace, name)
///   .toString(QUuid::WithoutBraces) computes.
/// - A message's: the same version 5 UUID of its identity string, with its first 48 bits replaced
///   by the message's time (milliseconds since the epoch, UTC) and its version digit by 8 (RFC
///   9562's custom version), so that messages sort by time in the uuid index. Schema 3 turned
///   the version 5 message ids of earlier imports into these (see core/storage/schema.cpp).
class ChatUuids
{
public:
    static constexpr int kLength = 36; ///< 8-4-4-4-12 lower-case hex digits

    ChatUuids(Channel channel, const QString &room);

    /// A message's identity: channel, room, time, sender, text and occurrence (the how-many-th
    /// identical record of the export this is), written as 36 characters to out.
    void message(qint64 msecs, QByteArrayView senderUtf8, QByteArrayView textUtf8, int occurrence,
                 char *out);
    /// A ticket's identity: the UUID of its first message's identity string.
    void ticket(QByteArrayView firstMessageUuid, char *out);

private:
    void finish(char *out);

    QCryptographicHash m_hash{QCryptographicHash::Sha1};
    QByteArray m_namespace; ///< the namespace UUID's 16 bytes
    QByteArray m_prefix; ///< UTF-8 of "<channel>\x1f<room>\x1f"
};

} // namespace hd::chat
