// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/sessionizer.h"

namespace hd::chat {

const QSet<QString> &SessionizerOptions::exportingUserNames()
{
    // How KakaoTalk names the person who exported the chat, per platform and language.
    static const QSet<QString> names{QStringLiteral("회원님"), QStringLiteral("나"),
                                     QStringLiteral("you"),    QStringLiteral("You"),
                                     QStringLiteral("Me"),     QStringLiteral("me")};
    return names;
}

bool SessionizerOptions::isBusiness(const QString &sender) const
{
    return businessSenders.contains(sender) || exportingUserNames().contains(sender);
}

QList<Session> sessionize(const QList<ChatRecord> &records, const SessionizerOptions &options)
{
    QList<Session> sessions;
    QList<int> pendingSystem; // system records before the first message of a session
    const QSet<QString> &me = SessionizerOptions::exportingUserNames();
    Session *current = nullptr;
    QDateTime lastMessageAt;

    auto startSession = [&](int index) {
        sessions.append(Session{});
        current = &sessions.last();
        current->records = pendingSystem;
        pendingSystem.clear();
        current->createdAt = records[index].at;
        const QString &sender = records[index].sender;
        current->direction = options.isBusiness(sender) ? Direction::Outbound : Direction::Inbound;
        if (current->direction == Direction::Outbound)
            current->firstResponseAt = current->createdAt; // the business spoke first
    };

    for (int i = 0; i < records.size(); ++i) {
        const ChatRecord &r = records[i];
        if (r.kind != RecordKind::Message) {
            if (current)
                current->records << i;
            else
                pendingSystem << i;
            continue;
        }
        const bool gap = lastMessageAt.isValid() && lastMessageAt.secsTo(r.at) > options.gapSeconds;
        const bool tooLong = current && options.maxSessionSeconds > 0
            && current->createdAt.secsTo(r.at) > options.maxSessionSeconds;
        if (!current || gap || tooLong) {
            // System lines logged after the last message of the previous session but closer to
            // this one (e.g. "X joined" right before X writes) stay where they were: in time
            // order, they belong to the session in progress when they happened.
            startSession(i);
        }
        current->records << i;
        ++current->messageCount;
        current->lastAt = r.at;
        lastMessageAt = r.at;
        const bool business = options.isBusiness(r.sender);
        if (!business && current->requester.isEmpty())
            current->requester = r.sender;
        if (business && current->assignee.isEmpty() && !me.contains(r.sender))
            current->assignee = r.sender;
        if (business && current->direction == Direction::Inbound
            && !current->firstResponseAt.isValid())
            current->firstResponseAt = r.at;
    }
    if (!pendingSystem.isEmpty() && current)
        current->records << pendingSystem;
    return sessions;
}

} // namespace hd::chat
