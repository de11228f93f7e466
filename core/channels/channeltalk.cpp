// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/channeltalk.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QTimeZone>

#include <algorithm>
#include <optional>

namespace hd::chat {

namespace {

/// 2000-01-01 and 2100-01-01 UTC in epoch milliseconds: anything outside is seconds,
/// microseconds or garbage, not a ChannelTalk time.
constexpr qint64 kMinEpochMs = 946684800000LL;
constexpr qint64 kMaxEpochMs = 4102444800000LL;
constexpr qint64 kMaxFileBytes = 512LL * 1024 * 1024;
constexpr int kMaxProblemText = 200;

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

/// UTC with the UTC time spec (ISO form "...Z"), like the other chat importers' records.
QDateTime utcFromMs(qint64 ms)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(QTimeZone::UTC));
#else
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
#endif
}

QString snippet(const QJsonValue &v)
{
    QByteArray raw;
    if (v.isObject())
        raw = QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    else if (v.isArray())
        raw = QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    else
        raw = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    QString text = QString::fromUtf8(raw);
    if (text.size() > kMaxProblemText) {
        int cut = kMaxProblemText;
        if (text.at(cut - 1).isHighSurrogate())
            --cut;
        text.truncate(cut);
    }
    return text;
}

/// One message as read, before it is placed in its chat.
struct PendingMessage
{
    QString chatId;
    QString senderKind;
    qint64 createdMs = 0;
    ChatRecord record;
};

/// Collects records from any number of documents, merged by id.
class Collector
{
public:
    void document(const QJsonValue &doc, int line);
    ChannelTalkExport finish();

private:
    void problem(int line, const QJsonValue &record, const QString &reason)
    {
        m_out.problems.append(ParseProblem{line, snippet(record), reason});
    }

    void userChat(const QJsonValue &v, int line);
    void message(const QJsonValue &v, int line);
    void person(const QJsonValue &v, ChannelTalkPerson::Kind kind, int line);
    void list(const QJsonObject &doc, const char *name, int line,
              void (Collector::*each)(const QJsonValue &, int));
    void people(const QJsonObject &doc, const char *name, ChannelTalkPerson::Kind kind, int line);
    int chatIndex(const QString &id);

    ChannelTalkExport m_out;
    QHash<QString, int> m_chatIndex;
    QList<PendingMessage> m_messages;
    QHash<QString, int> m_messageIndex;
};

// --- field readers: nullopt/false with `why` set when the field has the wrong type ----------

bool readString(const QJsonObject &o, const char *name, QString &out, QString &why)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString()) {
        why = ChannelTalkParser::tr("Expected \"%1\" to be a string.").arg(key(name));
        return false;
    }
    out = v.toString();
    return true;
}

bool readId(const QJsonObject &o, const char *name, QString &out, QString &why)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (!v.isString() || v.toString().isEmpty()) {
        why = ChannelTalkParser::tr("Expected a non-empty string \"%1\".").arg(key(name));
        return false;
    }
    out = v.toString();
    return true;
}

bool readTime(const QJsonObject &o, const char *name, QDateTime &out, qint64 *ms, QString &why)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull())
        return true;
    const qint64 value = v.isDouble() ? v.toInteger(-1) : -1;
    if (value < kMinEpochMs || value >= kMaxEpochMs) {
        why = ChannelTalkParser::tr("Expected \"%1\" to be epoch milliseconds (a whole number "
                                    "of 13 digits), got %2.")
                  .arg(key(name), snippet(v));
        return false;
    }
    out = utcFromMs(value);
    if (ms)
        *ms = value;
    return true;
}

bool readStringList(const QJsonObject &o, const char *name, std::optional<QStringList> &out,
                    QString &why)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull())
        return true;
    QStringList list;
    bool ok = v.isArray();
    if (ok) {
        const QJsonArray array = v.toArray();
        for (const QJsonValue item : array) {
            if (!item.isString()) {
                ok = false;
                break;
            }
            list.append(item.toString());
        }
    }
    if (!ok) {
        why = ChannelTalkParser::tr("Expected \"%1\" to be an array of strings.").arg(key(name));
        return false;
    }
    out = list;
    return true;
}

// --- message bodies ---------------------------------------------------------------------------

/// Flattens ChannelTalk message blocks: text and code blocks are lines, bullets are "• " items
/// indented two spaces per nesting level. Ill-typed parts are ignored (the text is a fallback).
void flattenBlocks(const QJsonArray &blocks, int bulletDepth, QStringList &lines)
{
    for (const QJsonValue item : blocks) {
        if (!item.isObject())
            continue;
        const QJsonObject block = item.toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        const QString value = block.value(QLatin1String("value")).toString();
        const QJsonArray children = block.value(QLatin1String("blocks")).toArray();
        const bool bullets = type == QLatin1String("bullets");
        if (!value.isEmpty()) {
            if (bulletDepth > 0 && !bullets)
                lines.append(QString(2 * (bulletDepth - 1), QLatin1Char(' ')) + u"• " + value);
            else
                lines.append(value);
        }
        if (!children.isEmpty())
            flattenBlocks(children, bullets ? bulletDepth + 1 : bulletDepth, lines);
    }
}

QString fileNames(const QJsonArray &files)
{
    QStringList names;
    for (const QJsonValue item : files) {
        const QJsonObject file = item.toObject();
        QString name = file.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            name = file.value(QLatin1String("id")).toString();
        if (name.isEmpty())
            name = QStringLiteral("?");
        names.append(name);
    }
    return u"파일: " + names.join(QLatin1String(", "));
}

// --- Collector ----------------------------------------------------------------------------------

int Collector::chatIndex(const QString &id)
{
    const auto it = m_chatIndex.constFind(id);
    if (it != m_chatIndex.constEnd())
        return *it;
    ChannelTalkChat chat;
    chat.id = id;
    m_out.chats.append(chat);
    const int index = int(m_out.chats.size()) - 1;
    m_chatIndex.insert(id, index);
    return index;
}

void Collector::userChat(const QJsonValue &v, int line)
{
    if (!v.isObject()) {
        problem(line, v, ChannelTalkParser::tr("Expected a userChat object."));
        return;
    }
    const QJsonObject o = v.toObject();
    ChannelTalkChat c;
    std::optional<QStringList> tags;
    QString why;
    const bool ok = readId(o, "id", c.id, why) && readString(o, "userId", c.userId, why)
        && readString(o, "state", c.state, why) && readString(o, "assigneeId", c.assigneeId, why)
        && readString(o, "teamId", c.teamId, why) && readString(o, "name", c.name, why)
        && readString(o, "description", c.description, why) && readStringList(o, "tags", tags, why)
        && readTime(o, "createdAt", c.createdAt, nullptr, why)
        && readTime(o, "updatedAt", c.updatedAt, nullptr, why)
        && readTime(o, "openedAt", c.openedAt, nullptr, why)
        && readTime(o, "closedAt", c.closedAt, nullptr, why);
    if (!ok) {
        problem(line, v, why);
        return;
    }
    // Merge into an earlier record of the same chat: what this record says wins.
    ChannelTalkChat &m = m_out.chats[chatIndex(c.id)];
    const auto take = [](QString &to, const QString &from) {
        if (!from.isEmpty())
            to = from;
    };
    const auto takeTime = [](QDateTime &to, const QDateTime &from) {
        if (from.isValid())
            to = from;
    };
    take(m.userId, c.userId);
    take(m.state, c.state);
    take(m.assigneeId, c.assigneeId);
    take(m.teamId, c.teamId);
    take(m.name, c.name);
    take(m.description, c.description);
    if (tags)
        m.tags = *tags;
    takeTime(m.createdAt, c.createdAt);
    takeTime(m.updatedAt, c.updatedAt);
    takeTime(m.openedAt, c.openedAt);
    takeTime(m.closedAt, c.closedAt);
}

void Collector::message(const QJsonValue &v, int line)
{
    if (!v.isObject()) {
        problem(line, v, ChannelTalkParser::tr("Expected a message object."));
        return;
    }
    const QJsonObject o = v.toObject();
    QString id, chatType, personType, plainText, state;
    PendingMessage m;
    QString why;
    bool ok = readId(o, "id", id, why) && readId(o, "chatId", m.chatId, why)
        && readString(o, "chatType", chatType, why) && readString(o, "personType", personType, why)
        && readString(o, "personId", m.record.sender, why)
        && readString(o, "plainText", plainText, why) && readString(o, "state", state, why);
    if (ok && !o.contains(QLatin1String("createdAt"))) {
        why = ChannelTalkParser::tr("Expected \"createdAt\" in epoch milliseconds.");
        ok = false;
    }
    ok = ok && readTime(o, "createdAt", m.record.at, &m.createdMs, why);
    if (ok && !m.record.at.isValid()) {
        why = ChannelTalkParser::tr("Expected \"createdAt\" in epoch milliseconds.");
        ok = false;
    }
    if (ok && !chatType.isEmpty() && chatType != QLatin1String("userChat")) {
        why = ChannelTalkParser::tr("A message of a \"%1\" chat, not of a userChat.").arg(chatType);
        ok = false;
    }
    if (ok && personType != QLatin1String("user") && personType != QLatin1String("manager")
        && personType != QLatin1String("bot")) {
        why = ChannelTalkParser::tr("Expected \"personType\" to be user, manager or bot.");
        ok = false;
    }
    const QJsonValue blocks = o.value(QLatin1String("blocks"));
    const QJsonValue files = o.value(QLatin1String("files"));
    if (ok && !(blocks.isUndefined() || blocks.isNull() || blocks.isArray())) {
        why = ChannelTalkParser::tr("Expected \"%1\" to be an array.").arg(key("blocks"));
        ok = false;
    }
    if (ok && !(files.isUndefined() || files.isNull() || files.isArray())) {
        why = ChannelTalkParser::tr("Expected \"%1\" to be an array.").arg(key("files"));
        ok = false;
    }
    if (!ok) {
        problem(line, v, why);
        return;
    }

    m.senderKind = personType;
    m.record.firstLine = line;
    m.record.lastLine = line;
    if (state == QLatin1String("removed")) {
        m.record.kind = RecordKind::System;
        m.record.media = Media::Deleted;
    } else {
        m.record.kind = RecordKind::Message;
        QString text = plainText;
        if (text.isEmpty()) {
            QStringList lines;
            flattenBlocks(blocks.toArray(), 0, lines);
            text = lines.join(QLatin1Char('\n'));
        }
        const QJsonArray fileList = files.toArray();
        if (!fileList.isEmpty()) {
            m.record.media = Media::File;
            const QString names = fileNames(fileList);
            text = text.isEmpty() ? names : text + QLatin1Char('\n') + names;
        }
        m.record.text = text;
    }

    const auto it = m_messageIndex.constFind(id);
    if (it != m_messageIndex.constEnd()) {
        m_messages[*it] = m; // a later copy (an update, or the same page twice) wins
    } else {
        m_messageIndex.insert(id, int(m_messages.size()));
        m_messages.append(m);
    }
}

void Collector::person(const QJsonValue &v, ChannelTalkPerson::Kind kind, int line)
{
    if (!v.isObject()) {
        problem(line, v, ChannelTalkParser::tr("Expected a person object."));
        return;
    }
    const QJsonObject o = v.toObject();
    ChannelTalkPerson p;
    p.kind = kind;
    QString why;
    bool ok = readId(o, "id", p.id, why) && readString(o, "name", p.name, why)
        && readString(o, "email", p.email, why) && readString(o, "mobileNumber", p.phone, why);
    const QJsonValue profile = o.value(QLatin1String("profile"));
    if (ok && profile.isObject()) {
        // Users keep their contact details in "profile"; those win over top-level fields.
        const QJsonObject po = profile.toObject();
        QString name, email, phone;
        ok = readString(po, "name", name, why) && readString(po, "email", email, why)
            && readString(po, "mobileNumber", phone, why);
        if (p.name.isEmpty())
            p.name = name;
        if (!email.isEmpty())
            p.email = email;
        if (!phone.isEmpty())
            p.phone = phone;
    } else if (ok && !(profile.isUndefined() || profile.isNull())) {
        why = ChannelTalkParser::tr("Expected \"%1\" to be an object.").arg(key("profile"));
        ok = false;
    }
    if (!ok) {
        problem(line, v, why);
        return;
    }
    auto it = m_out.people.find(p.id);
    if (it == m_out.people.end()) {
        m_out.people.insert(p.id, p);
        return;
    }
    it->kind = p.kind;
    if (!p.name.isEmpty())
        it->name = p.name;
    if (!p.email.isEmpty())
        it->email = p.email;
    if (!p.phone.isEmpty())
        it->phone = p.phone;
}

void Collector::list(const QJsonObject &doc, const char *name, int line,
                     void (Collector::*each)(const QJsonValue &, int))
{
    const QJsonValue v = doc.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull())
        return;
    if (!v.isArray()) {
        problem(line, v, ChannelTalkParser::tr("Expected \"%1\" to be an array.").arg(key(name)));
        return;
    }
    const QJsonArray array = v.toArray();
    for (const QJsonValue item : array)
        (this->*each)(item, line);
}

void Collector::people(const QJsonObject &doc, const char *name, ChannelTalkPerson::Kind kind,
                       int line)
{
    const QJsonValue v = doc.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull())
        return;
    if (!v.isArray()) {
        problem(line, v, ChannelTalkParser::tr("Expected \"%1\" to be an array.").arg(key(name)));
        return;
    }
    const QJsonArray array = v.toArray();
    for (const QJsonValue item : array)
        person(item, kind, line);
}

void Collector::document(const QJsonValue &value, int line)
{
    if (!value.isObject()) {
        problem(line, value,
                ChannelTalkParser::tr(
                    "Expected a JSON object (a ChannelTalk response or webhook body)."));
        return;
    }
    const QJsonObject doc = value.toObject();
    using Kind = ChannelTalkPerson::Kind;

    if (doc.contains(QLatin1String("entity"))) {
        // Webhook body: the changed record plus the records it refers to.
        const QJsonValue refers = doc.value(QLatin1String("refers"));
        if (refers.isObject()) {
            const QJsonObject r = refers.toObject();
            for (const auto &[name, kind] :
                 {std::pair{"user", Kind::User}, std::pair{"manager", Kind::Manager},
                  std::pair{"bot", Kind::Bot}}) {
                const QJsonValue p = r.value(QLatin1String(name));
                if (!p.isUndefined() && !p.isNull())
                    person(p, kind, line);
            }
            const QJsonValue chat = r.value(QLatin1String("userChat"));
            if (!chat.isUndefined() && !chat.isNull())
                userChat(chat, line);
        } else if (!refers.isUndefined() && !refers.isNull()) {
            problem(line, refers,
                    ChannelTalkParser::tr("Expected \"%1\" to be an object.").arg(key("refers")));
        }
        const QString type = doc.value(QLatin1String("type")).toString();
        const QJsonValue entity = doc.value(QLatin1String("entity"));
        if (type == QLatin1String("message"))
            message(entity, line);
        else if (type == QLatin1String("userChat"))
            userChat(entity, line);
        else if (type == QLatin1String("user"))
            person(entity, Kind::User, line);
        else if (type == QLatin1String("manager"))
            person(entity, Kind::Manager, line);
        else
            problem(line, value,
                    ChannelTalkParser::tr("Unsupported webhook type \"%1\"; expected message, "
                                          "userChat, user or manager.")
                        .arg(type));
        return;
    }

    static const char *const known[] = {"userChats", "messages", "users", "managers", "bots",
                                        "userChat",  "message",  "user",  "manager",  "bot"};
    if (std::none_of(std::begin(known), std::end(known),
                     [&](const char *k) { return doc.contains(QLatin1String(k)); })) {
        problem(line, value,
                ChannelTalkParser::tr("Not a ChannelTalk document: expected userChats, messages, "
                                      "users, managers or a webhook body."));
        return;
    }
    // People first, then chats, then messages: the order only matters for chat order, and a
    // list response's chats come before the messages that refer to them.
    people(doc, "users", Kind::User, line);
    people(doc, "managers", Kind::Manager, line);
    people(doc, "bots", Kind::Bot, line);
    for (const auto &[name, kind] :
         {std::pair{"user", Kind::User}, std::pair{"manager", Kind::Manager},
          std::pair{"bot", Kind::Bot}}) {
        const QJsonValue p = doc.value(QLatin1String(name));
        if (!p.isUndefined() && !p.isNull())
            person(p, kind, line);
    }
    const QJsonValue chat = doc.value(QLatin1String("userChat"));
    if (!chat.isUndefined() && !chat.isNull())
        userChat(chat, line);
    list(doc, "userChats", line, &Collector::userChat);
    const QJsonValue single = doc.value(QLatin1String("message"));
    if (!single.isUndefined() && !single.isNull())
        message(single, line);
    list(doc, "messages", line, &Collector::message);
}

ChannelTalkExport Collector::finish()
{
    QList<QList<int>> byChat;
    for (int i = 0; i < m_messages.size(); ++i) {
        const int c = chatIndex(m_messages.at(i).chatId);
        if (byChat.size() <= c)
            byChat.resize(c + 1);
        byChat[c].append(i);
    }
    for (int c = 0; c < byChat.size(); ++c) {
        QList<int> &order = byChat[c];
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return m_messages.at(a).createdMs < m_messages.at(b).createdMs;
        });
        ChannelTalkChat &chat = m_out.chats[c];
        // A message without personId (webhook payloads omit it at times) belongs to the chat's
        // one user: the chat's userId, else the id its other user messages carry, else a handle
        // for this chat's unknown user. Business-side messages get a generic sender of their kind.
        QString user = chat.userId;
        for (int i : std::as_const(order))
            if (user.isEmpty() && m_messages.at(i).senderKind == QLatin1String("user"))
                user = m_messages.at(i).record.sender;
        if (user.isEmpty())
            user = chat.id + QStringLiteral(":user");
        for (int i : std::as_const(order)) {
            PendingMessage &pm = m_messages[i];
            if (pm.record.sender.isEmpty())
                pm.record.sender = pm.senderKind == QLatin1String("user") ? user : pm.senderKind;
        }
        chat.messages.reserve(order.size());
        chat.senderKinds.reserve(order.size());
        for (int i : order) {
            chat.messages.append(m_messages.at(i).record);
            chat.senderKinds.append(m_messages.at(i).senderKind);
        }
    }
    return std::move(m_out);
}

/// Line and column (1-based) of a byte offset, for error messages.
std::pair<int, int> lineColumn(const QByteArray &data, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, data.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (data.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, int(offset - lineStart) + 1};
}

Error jsonError(const QByteArray &data, qsizetype offset, const QJsonParseError &error)
{
    const auto [line, column] = lineColumn(data, offset);
    return Error{ErrorCode::InvalidArgument,
                 ChannelTalkParser::tr("Invalid JSON at byte %1 (line %2, column %3): %4.")
                     .arg(offset)
                     .arg(line)
                     .arg(column)
                     .arg(error.errorString())};
}

bool isBlank(const QByteArray &line)
{
    return std::all_of(line.cbegin(), line.cend(),
                       [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; });
}

} // namespace

Result<ChannelTalkExport> ChannelTalkParser::parse(const QByteArray &json)
{
    QByteArray data = json;
    qsizetype base = 0; // bytes removed from the front (a UTF-8 byte order mark)
    if (data.startsWith("\xEF\xBB\xBF")) {
        data.remove(0, 3);
        base = 3;
    }
    if (isBlank(data))
        return Error{ErrorCode::InvalidArgument, tr("The input holds no JSON document.")};

    Collector collector;
    QJsonParseError error;
    const QJsonDocument whole = QJsonDocument::fromJson(data, &error);
    if (error.error == QJsonParseError::NoError) {
        if (whole.isObject()) {
            collector.document(whole.object(), 0);
        } else {
            const QJsonArray docs = whole.array();
            for (const QJsonValue doc : docs)
                collector.document(doc, 0);
        }
        return collector.finish();
    }
    if (error.error != QJsonParseError::GarbageAtEnd)
        return jsonError(json, base + error.offset, error);

    // More after the first value: JSON Lines, one document per line.
    qsizetype start = 0;
    int lineNo = 0;
    while (start < data.size()) {
        qsizetype end = data.indexOf('\n', start);
        if (end < 0)
            end = data.size();
        ++lineNo;
        const QByteArray line = data.mid(start, end - start);
        if (!isBlank(line)) {
            QJsonParseError lineError;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &lineError);
            if (lineError.error != QJsonParseError::NoError)
                return jsonError(json, base + start + lineError.offset, lineError);
            if (doc.isObject()) {
                collector.document(doc.object(), lineNo);
            } else {
                const QJsonArray docs = doc.array();
                for (const QJsonValue d : docs)
                    collector.document(d, lineNo);
            }
        }
        start = end + 1;
    }
    return collector.finish();
}

Result<ChannelTalkExport> ChannelTalkParser::parseFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error{ErrorCode::NotFound, tr("The file %1 does not exist.").arg(path)};
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Storage, tr("Cannot read %1: %2").arg(path, file.errorString())};
    if (file.size() > kMaxFileBytes)
        return Error{ErrorCode::TooLarge,
                     tr("%1 is larger than %2 MB.").arg(path).arg(kMaxFileBytes / (1024 * 1024))};
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error{ErrorCode::Storage, tr("Cannot read %1: %2").arg(path, file.errorString())};
    auto result = parse(data);
    if (!result)
        return Error{result.errorCode(), path + QLatin1String(": ") + result.errorMessage()};
    return result;
}

} // namespace hd::chat
