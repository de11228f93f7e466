// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/channels/chatrecord.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace hd::chat {

/// Which CSV columns hold what, by header name (case-insensitive) or 1-based number.
struct CsvMapping
{
    QString time; ///< required: when the message was written
    QString text; ///< required: the message
    QString sender; ///< who wrote it (empty column = a system line)
    QString conversation; ///< optional: rows with the same value form one conversation
    QString role; ///< optional: "agent"/"customer"/"system" (also 상담원/고객/시스템)
    /// Time formats tried in order (QDateTime::fromString syntax); ISO 8601 is always tried.
    QStringList timeFormats{
        QStringLiteral("yyyy-MM-dd HH:mm:ss"), QStringLiteral("yyyy-MM-dd HH:mm"),
        QStringLiteral("yyyy/MM/dd HH:mm:ss"), QStringLiteral("yyyy.MM.dd HH:mm")};
    QTimeZone timeZone = QTimeZone::systemTimeZone(); ///< times without an offset are read here

    /// Parses "time=Date,text=Message,sender=User,conversation=Room,role=Role".
    static Result<CsvMapping> parse(const QString &spec);
};

/// One conversation of a CSV export.
struct CsvConversation
{
    QString key; ///< the conversation column's value ("" when there is none)
    ParsedChat chat;
    QStringList agents; ///< senders marked as agents by the role column
};

/// Reads any channel's CSV export (decoded with decodeText) into conversations of ChatRecords
/// for the sessionizer. Every row is a record or a problem naming its line and why.
class CsvChatReader
{
    Q_DECLARE_TR_FUNCTIONS(hd::chat::CsvChatReader)
public:
    static Result<QList<CsvConversation>> read(const QByteArray &data, const CsvMapping &mapping);
};

} // namespace hd::chat
