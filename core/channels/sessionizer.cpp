// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/sessionizer.h"

#include <array>

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

namespace {
/// isBusiness() and "is the exporting user" per sender, remembered by the sender's string data:
/// parsers share one string per sender, so nearly every record is a pointer comparison instead
/// of two hash lookups. (The same data pointer and length always hold the same characters.)
class SenderKinds
{
public:
    explicit SenderKinds(const SessionizerOptions &options)
        : m_options(options)
    { }

    struct Kind
    {
        bool business = false;
        bool me = false;
    };

    Kind of(const QString &sender)
    {
        const auto key = quintptr(sender.constData());
        Entry &e = m_cache[(key >> 4) % kSlots];
        if (e.data != key || e.size != sender.size()) {
            e.data = key;
            e.size = sender.size();
            e.kind.me = SessionizerOptions::exportingUserNames().contains(sender);
            e.kind.business = e.kind.me || m_options.businessSenders.contains(sender);
        }
        return e.kind;
    }

private:
    static constexpr int kSlots = 64;
    struct Entry
    {
        quintptr data = 0;
        qsizetype size = -1;
        Kind kind;
    };
    const SessionizerOptions &m_options;
    std::array<Entry, kSlots> m_cache{};
};

/// QDateTime::secsTo() on milliseconds (0 when either time is invalid).
qint64 secondsBetween(bool validA, qint64 a, bool validB, qint64 b)
{
    return validA && validB ? (b - a) / 1000 : 0;
}
} // namespace

QList<Session> sessionize(const QList<ChatRecord> &records, const SessionizerOptions &options)
{
    QList<Session> sessions;
    QList<int> pendingSystem; // system records before the first message of a session
    SenderKinds kinds(options);
    Session *current = nullptr;
    bool lastValid = false;
    qint64 lastMs = 0;
    bool createdValid = false;
    qint64 createdMs = 0;

    auto startSession = [&](int index, bool business) {
        sessions.append(Session{});
        current = &sessions.last();
        current->records = pendingSystem;
        pendingSystem.clear();
        current->createdAt = records[index].at;
        createdValid = current->createdAt.isValid();
        createdMs = createdValid ? current->createdAt.toMSecsSinceEpoch() : 0;
        current->direction = business ? Direction::Outbound : Direction::Inbound;
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
        const bool valid = r.at.isValid();
        const qint64 ms = valid ? r.at.toMSecsSinceEpoch() : 0;
        const bool gap
            = lastValid && secondsBetween(lastValid, lastMs, valid, ms) > options.gapSeconds;
        const bool tooLong = current && options.maxSessionSeconds > 0
            && secondsBetween(createdValid, createdMs, valid, ms) > options.maxSessionSeconds;
        const SenderKinds::Kind kind = kinds.of(r.sender);
        if (!current || gap || tooLong) {
            // System lines logged after the last message of the previous session but closer to
            // this one (e.g. "X joined" right before X writes) stay where they were: in time
            // order, they belong to the session in progress when they happened.
            startSession(i, kind.business);
        }
        current->records << i;
        ++current->messageCount;
        current->lastAt = r.at;
        lastValid = valid;
        lastMs = ms;
        if (!kind.business && current->requester.isEmpty())
            current->requester = r.sender;
        if (kind.business && current->assignee.isEmpty() && !kind.me)
            current->assignee = r.sender;
        if (kind.business && current->direction == Direction::Inbound
            && !current->firstResponseAt.isValid())
            current->firstResponseAt = r.at;
    }
    if (!pendingSystem.isEmpty() && current)
        current->records << pendingSystem;
    return sessions;
}

} // namespace hd::chat
