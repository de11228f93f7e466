// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/channels/chatrecord.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <functional>

namespace hd::chat {

/// How to read a KakaoTalk export.
struct KakaoOptions
{
    QTimeZone timeZone
        = QTimeZone::systemTimeZone(); ///< exports have no zone; local times are read in this one
    QString format; ///< empty = detect; else one of the names formats() returns
    /// Text exports of at least this many lines are parsed in two halves on two threads, cut at
    /// a day header (the result is the same); 0 = never.
    qsizetype splitFromLines = 200000;
};

/// Reads KakaoTalk "export chat" files (docs: /work/shared/data/kakao/FORMATS.md) into ChatRecords.
///
/// Every input line ends up in exactly one place: a record's [firstLine, lastLine] span, a
/// ParseProblem, or ParsedChat::headerLines (title, saved-at, blank and day-separator lines, and
/// blank lines at the very end of the file). Linear in the input; never crashes on arbitrary bytes.
class KakaoParser
{
    Q_DECLARE_TR_FUNCTIONS(hd::chat::KakaoParser)
public:
    /// kakao-pc-ko, kakao-pc-en, kakao-android-ko, kakao-android-en-2015, kakao-android-en-2020,
    /// kakao-ios-ko, kakao-ios-ko-old, kakao-ios-en, kakao-ios-en-2015, kakao-mac-csv
    static QStringList formats();
    /// Detects the layout (from the header and the first record lines), decodes (decodeText) and
    /// parses. Fails (ErrorCode::InvalidArgument, message naming why) only when no layout matches
    /// at all; otherwise returns records and problems. progress(done, total lines) may return
    /// false to cancel (ErrorCode::Conflict "cancelled").
    static Result<ParsedChat> parse(const QByteArray &data, const KakaoOptions &options = {},
                                    const std::function<bool(qint64, qint64)> &progress = {});
    static Result<ParsedChat> parseFile(const QString &path, const KakaoOptions &options = {},
                                        const std::function<bool(qint64, qint64)> &progress = {});
};

} // namespace hd::chat
