// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/channels/chatrecord.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace hd::chat {

/// Someone who appears in a ChannelTalk export: a customer (user), an agent (manager) or a bot.
struct ChannelTalkPerson
{
    QString id;
    QString name;
    QString email; ///< users: profile.email; managers: email
    QString phone; ///< users: profile.mobileNumber; managers: mobileNumber
    enum class Kind { User, Manager, Bot } kind = Kind::User;
};

/// One userChat with its messages, in time order.
struct ChannelTalkChat
{
    QString id;
    QString userId;
    QString state; ///< opened | snoozed | closed | initial | missed | queued (as exported)
    QString assigneeId;
    QString teamId;
    QStringList tags;
    QString name;
    QString description;
    /// UTC, from epoch milliseconds; null when absent.
    QDateTime createdAt, updatedAt, openedAt, closedAt;
    /// RecordKind::Message records, sender = the person id, sorted by time (ties keep input
    /// order). Text is plainText, else the flattened blocks (text, code, bullets as "• " lines
    /// indented two spaces per nesting level); attached files make Media::File and add a line
    /// "파일: a.pdf, b.png". Messages in state "removed" become RecordKind::System with
    /// Media::Deleted and no text. firstLine/lastLine are the JSON Lines line, else 0.
    QList<ChatRecord> messages;
    QList<QString> senderKinds; ///< parallel to messages: "user" | "manager" | "bot"
};

/// Everything read from one or more ChannelTalk Open API v5 documents, merged by id.
struct ChannelTalkExport
{
    QList<ChannelTalkChat> chats; ///< in order of first mention (chat record or message)
    QHash<QString, ChannelTalkPerson> people; ///< by id: users, managers and bots
    QList<ParseProblem> problems; ///< skipped records, with the reason
};

/// Reads ChannelTalk (채널톡) Open API v5 JSON: list responses with side-loaded people, "get
/// messages" responses and webhook bodies.
class ChannelTalkParser
{
    Q_DECLARE_TR_FUNCTIONS(hd::chat::ChannelTalkParser)
public:
    /// Parses one JSON document or a JSON array of documents, or JSON Lines (one document per
    /// line), each being an Open API v5 list response ({"userChats":[...],"messages":[...],
    /// "users":[...],"managers":[...],"bots":[...],"next":...}), a single-record response
    /// ({"userChat":{...},"user":{...}}), a "get messages" response ({"messages":[...]}) or a
    /// webhook body ({"event":"push","type":"message","entity":{...},"refers":{...}}).
    ///
    /// Merges everything by id (a later record of the same id fills in or replaces fields;
    /// messages are deduplicated by id, the later copy wins), attaches messages to chats by
    /// chatId (messages of chats never listed get a synthesized chat with only the id) and sorts
    /// messages by createdAt.
    ///
    /// Malformed JSON → ErrorCode::InvalidArgument naming the byte offset, line, column and the
    /// JSON error. Individual bad records (missing id, wrong types, timestamps that are not
    /// epoch milliseconds between 2000 and 2100, messages of group chats, unknown personType)
    /// become a ParseProblem with the JSON Lines line number (0 otherwise) and are skipped.
    static Result<ChannelTalkExport> parse(const QByteArray &json);
    /// Reads and parses a file (NotFound / Storage / TooLarge when it cannot be read).
    static Result<ChannelTalkExport> parseFile(const QString &path);
};

} // namespace hd::chat
