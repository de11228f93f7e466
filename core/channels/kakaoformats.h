// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the KakaoTalk parser: the layouts, a small allocation-free pattern scanner for
// their timestamps, and the classification of one line. Not for use outside core/channels.

#include "core/channels/chatrecord.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace hd::chat::kakao {

/// Date and time parts read from a line; -1 where the pattern had none.
struct Stamp
{
    int year = -1;
    int month = -1;
    int day = -1;
    int hour = -1;
    int minute = -1;
    int second = 0;
    int ampm = 0; ///< 0 none, 1 AM/오전, 2 PM/오후
    int monthFullName = 0; ///< English month written in full (e.g. "February"), for detection
    int monthAbbreviated = 0; ///< English month abbreviated (e.g. "Feb"), for detection

    [[nodiscard]] bool hasDate() const { return year >= 0; }
    [[nodiscard]] bool hasTime() const { return hour >= 0; }
};

/// Matches `pattern` at the start of `s`. Tokens: %Y four-digit year, %M month number, %D day,
/// %N English month name, %W English weekday, %K Korean weekday ("수요일"), %P 오전/오후, %h hour,
/// %m two-digit minute, %s two-digit second, %A AM/PM (optionally after a space, U+202F or
/// U+00A0), %a the same but optional. Anything else is literal. Returns the number of characters
/// consumed, or -1; the stamp is validated (12-hour clock folded into 0..23, real calendar date).
qsizetype matchPattern(QStringView s, QStringView pattern, Stamp *out);

/// True when the whole of `s` matches one of `patterns`.
bool matchWhole(QStringView s, const QList<QStringView> &patterns, Stamp *out,
                int *index = nullptr);

enum class Family { Mobile, Pc, Csv };

struct Layout
{
    QString name;
    Family family = Family::Mobile;
    QList<QStringView> recordPatterns; ///< mobile: line prefix; PC: time inside "[...]"; CSV: date
    QList<QStringView> dayPatterns; ///< whole line (PC: between the dashes)
    bool dateless = false; ///< times only; the date comes from the day headers
    int group = 0; ///< layouts of one group parse identically (detection)
};

const QList<Layout> &layouts();
const Layout *layoutByName(QStringView name);

enum class LineKind {
    Other, ///< matches nothing: continues the previous record
    Blank, ///< empty or whitespace only
    Message, ///< timestamp, sender, text
    System, ///< timestamp, no sender
    DayHeader, ///< sets the current date
    Notice, ///< PC invite/leave without a timestamp
};

struct LineInfo
{
    LineKind kind = LineKind::Other;
    Stamp stamp;
    QStringView sender;
    QStringView text;
    int patternIndex = -1; ///< which record/day pattern matched (language evidence)
};

/// Classifies one line (no line terminator) for a text layout (Mobile or Pc).
LineInfo classify(const Layout &layout, QStringView line);

/// The placeholder a message text is, if any (whole text, surrounding spaces ignored).
Media mediaOf(QStringView text);

/// "저장한 날짜 : ..." / "Date Saved : ..." lines. Returns false when the line is not one;
/// otherwise *stamp holds the parsed time when it could be read (year < 0 when not) and
/// *english tells the language.
bool parseSavedLine(QStringView line, Stamp *stamp, bool *english);

/// Title lines ("상담채널 님과 카카오톡 대화", "KakaoTalk Chats with X", "Talk_2026.8.7
/// 13:01-1.txt"). Returns false when the line does not look like one; *room gets the room name (may
/// be empty).
bool parseTitleLine(QStringView line, QString *room);

/// One line of the decoded text (without its terminator).
// 32-bit offsets: parse() refuses texts of 2^31 characters or more, and 10 million lines then
// cost 80 MB instead of 160.
struct LineRef
{
    qint32 start = 0;
    qint32 length = 0;
};

/// How many lines detection looks at.
constexpr int kDetectLines = 5000;

/// The layout a file is in, or nullptr when none matches (kakaodetect.cpp). Scores each group of
/// identically parsed layouts by the record and day lines it recognizes among the first
/// kDetectLines lines, falls back to the saved-at line of the header, and picks the language or
/// generation inside a group from evidence (month spellings, AM/PM vs 오전/오후, header language).
const Layout *detectLayout(QStringView text, const QList<LineRef> &lines);

bool isBlank(QStringView line);

} // namespace hd::chat::kakao
