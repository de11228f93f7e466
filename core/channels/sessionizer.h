// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channels/chatrecord.h"
#include "core/domain/enums.h"

#include <QSet>

namespace hd::chat {

struct SessionizerOptions
{
    /// A pause longer than this (strictly) between two messages starts a new ticket.
    qint64 gapSeconds = 30 * 60;
    /// For channels with tickets of their own (ChannelTalk): a conversation open longer than
    /// this is cut at its next message even without a pause (0 = no limit).
    qint64 maxSessionSeconds = 0;
    /// Senders on the business side: the exporting user (회원님, 나, you, Me) is always included;
    /// add agents' names as they appear in the export.
    QSet<QString> businessSenders;

    static const QSet<QString> &exportingUserNames();
    [[nodiscard]] bool isBusiness(const QString &sender) const;
};

/// One cut of a conversation: it becomes one ticket.
struct Session
{
    QList<int> records; ///< indexes into the parsed records, in order (messages and system lines)
    Direction direction = Direction::Inbound; ///< who spoke first
    QString requester; ///< first customer-side sender (empty when only the business spoke)
    QString assignee; ///< first business-side sender that is not the exporting user
    QDateTime createdAt; ///< first message
    QDateTime firstResponseAt; ///< inbound: first business message after the customer's first
    QDateTime lastAt; ///< last message
    int messageCount = 0;
};

/// Cuts a conversation into tickets at pauses longer than the gap, the one mechanism for every
/// chat channel. Records must be in time order (exports are). System records never start a
/// session: they join the session in progress, or the next one when none has started yet; the
/// ones after the last message join the last session.
QList<Session> sessionize(const QList<ChatRecord> &records, const SessionizerOptions &options);

} // namespace hd::chat
