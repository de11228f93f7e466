// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace hd::chat {

/// What one record of a chat export is.
enum class RecordKind {
    Message, ///< someone wrote something (text or a media placeholder)
    System, ///< joins, leaves, invitations, deleted-message notices, day changes kept as events
};

/// A placeholder the export writes instead of content.
enum class Media { None, Photo, Video, Emoticon, File, Voice, Deleted, Other };

/// One record of a chat, in the standard form every chat importer produces.
struct ChatRecord
{
    RecordKind kind = RecordKind::Message;
    QDateTime at; ///< UTC (exports carry local time; the importer's time zone converts it)
    QString sender; ///< as written in the export; empty for system records without one
    QString text; ///< body; multi-line bodies joined with '\n'
    Media media = Media::None;
    int firstLine = 0; ///< 1-based line of the input where the record starts
    int lastLine = 0; ///< last input line that belongs to it (continuation lines)
};

/// A line (or range) that could not be understood. Nothing is dropped silently: every input
/// line is in a record, in a problem, or is part of the header/day separators (counted).
struct ParseProblem
{
    int line = 0;
    QString text; ///< the offending line, truncated to 200 characters
    QString reason; ///< translated, names what was expected
};

/// The result of parsing one export file.
struct ParsedChat
{
    QString format; ///< detected layout, e.g. "kakao-android-ko", "kakao-pc-en", "kakao-mac-csv"
    QString roomTitle; ///< room name from the header ("상담채널"), or empty
    QDateTime savedAt; ///< "저장한 날짜" when present (UTC)
    QList<ChatRecord> records; ///< in file order
    QList<ParseProblem> problems;
    int totalLines = 0;
    int headerLines
        = 0; ///< title, saved-at, blank and day-separator lines (accounted, not records)
};

} // namespace hd::chat
