// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/kakaoparser.h"

#include "core/channels/csvreader.h"
#include "core/channels/kakaoformats.h"
#include "core/channels/textdecode.h"

#include <QFile>

#include <array>
#include <future>
#include <limits>

namespace hd::chat {

using namespace kakao;

namespace {

constexpr int kProgressEvery = 16384;
constexpr qsizetype kProblemTextMax = 200;

// CRLF, LF and CR end lines; a terminator at the very end does not start another line.
QList<LineRef> splitLines(const QString &text)
{
    QList<LineRef> lines;
    const auto *p = reinterpret_cast<const char16_t *>(text.utf16());
    const qsizetype n = text.size();
    lines.reserve(n / 48 + 1);
    qsizetype start = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i];
        if (c != u'\n' && c != u'\r')
            continue;
        lines.append({qint32(start), qint32(i - start)});
        if (c == u'\r' && i + 1 < n && p[i + 1] == u'\n')
            ++i;
        start = i + 1;
    }
    if (start < n)
        lines.append({qint32(start), qint32(n - start)});
    return lines;
}

// Local wall time in the options' zone to UTC, with a one-hour cache (a zone's offset is the same
// over the whole hour unless a transition falls into it; such hours are converted exactly).
class LocalToUtc
{
public:
    explicit LocalToUtc(const QTimeZone &zone)
        : m_zone(zone)
        , m_utc(!zone.isValid())
    { }

    QDateTime convert(QDate date, int hour, int minute, int second)
    {
        if (!date.isValid() || hour < 0)
            return {};
        const qint64 localMs = (date.toJulianDay() - kEpochJulianDay) * 86400000LL
            + ((hour * 60LL + minute) * 60LL + second) * 1000LL;
        if (m_utc)
            return QDateTime::fromMSecsSinceEpoch(localMs, Qt::UTC);
        const qint64 key = date.toJulianDay() * 24 + hour;
        if (key != m_key) {
            m_key = key;
            const QDateTime a(date, QTime(hour, 0, 0), m_zone);
            const QDateTime b(date, QTime(hour, 59, 59), m_zone);
            m_uniform = a.isValid() && b.isValid() && a.offsetFromUtc() == b.offsetFromUtc()
                && a.time() == QTime(hour, 0, 0) && b.time() == QTime(hour, 59, 59);
            m_offset = a.offsetFromUtc();
        }
        if (m_uniform)
            return QDateTime::fromMSecsSinceEpoch(localMs - m_offset * 1000LL, Qt::UTC);
        return QDateTime(date, QTime(hour, minute, second), m_zone).toUTC();
    }

    QDateTime convert(const Stamp &st, QDate fallbackDate = {})
    {
        const QDate date = st.hasDate() ? QDate(st.year, st.month, st.day) : fallbackDate;
        return convert(date, st.hour, st.minute, st.second);
    }

private:
    static constexpr qint64 kEpochJulianDay = 2440588;
    QTimeZone m_zone;
    bool m_utc = false;
    qint64 m_key = std::numeric_limits<qint64>::min();
    int m_offset = 0;
    bool m_uniform = false;
};

QString problemText(QStringView line)
{
    return line.first(qMin(line.size(), kProblemTextMax)).toString();
}

QString cancelledMessage()
{
    return QCoreApplication::translate("hd::chat::KakaoParser", "Parsing cancelled.");
}

// Shared state of one parse: the output, the open record and the small caches.
class Builder
{
public:
    Builder(ParsedChat &chat, const KakaoOptions &options)
        : m_chat(chat)
        , m_time(options.timeZone)
    { }

    LocalToUtc &time() { return m_time; }
    [[nodiscard]] bool hasOpen() const { return m_open >= 0; }
    [[nodiscard]] bool seenRecord() const { return !m_chat.records.isEmpty(); }

    ChatRecord &open(RecordKind kind, const QDateTime &at, QStringView sender, QStringView text,
                     int line)
    {
        close();
        ChatRecord record;
        record.kind = kind;
        record.at = at;
        record.sender = internSender(sender);
        record.text = text.toString();
        record.firstLine = line;
        record.lastLine = line;
        m_chat.records.append(std::move(record));
        m_open = int(m_chat.records.size() - 1);
        m_lastAt = at;
        return m_chat.records.last();
    }

    void close()
    {
        if (m_open < 0)
            return;
        ChatRecord &record = m_chat.records[m_open];
        if (record.media == Media::None) {
            record.media = mediaOf(record.text);
            if (record.media == Media::Deleted)
                record.kind = RecordKind::System;
        }
        m_open = -1;
        m_pendingBlank = 0;
    }

    void blank(int line)
    {
        if (m_open >= 0) {
            m_chat.records[m_open].lastLine = line;
            ++m_pendingBlank;
        } else {
            ++m_chat.headerLines;
        }
    }

    void continueWith(QStringView text, int line)
    {
        ChatRecord &record = m_chat.records[m_open];
        for (int k = 0; k <= m_pendingBlank; ++k)
            record.text += u'\n';
        record.text += text;
        record.lastLine = line;
        m_pendingBlank = 0;
    }

    void header() { ++m_chat.headerLines; }

    void problem(int line, QStringView text, const QString &reason)
    {
        m_chat.problems.append({line, problemText(text), reason});
    }

    [[nodiscard]] QDateTime lastAt() const { return m_lastAt; }

private:
    // Senders repeat; sharing their strings saves an allocation per record.
    QString internSender(QStringView sender)
    {
        if (sender.isEmpty())
            return {};
        for (const QString &known : m_senders) {
            if (known == sender)
                return known;
        }
        QString s = sender.toString();
        m_senders[m_nextSender] = s;
        m_nextSender = (m_nextSender + 1) % int(m_senders.size());
        return s;
    }

    ParsedChat &m_chat;
    LocalToUtc m_time;
    int m_open = -1;
    int m_pendingBlank = 0;
    QDateTime m_lastAt;
    std::array<QString, 16> m_senders;
    int m_nextSender = 0;
};

// Lines before the first record: the title, the saved-at line and blank lines are header.
bool takeHeaderLine(ParsedChat &chat, Builder &builder, qsizetype index, QStringView line,
                    QStringView nextLine)
{
    QString room;
    Stamp st;
    bool english = false;
    if (parseSavedLine(line, &st, &english)) {
        if (st.hasDate())
            chat.savedAt = builder.time().convert(st);
        return true;
    }
    if (index == 0) {
        if (parseTitleLine(line, &room)) {
            chat.roomTitle = room;
            return true;
        }
        if (parseSavedLine(nextLine, nullptr, nullptr)) {
            chat.roomTitle = line.trimmed().toString();
            return true;
        }
    }
    return false;
}

// Lines [from, to] of a text layout into chat. A range after the first starts at a dated day
// header followed by a message line (see splitPoint()), where a whole-file parse keeps nothing
// of what came before: the range then parses exactly as that part of the whole file would.
Result<void> parseTextRange(const Layout &layout, const QString &text, const QList<LineRef> &lines,
                            qsizetype from, qsizetype to, const KakaoOptions &options,
                            const std::function<bool(qint64, qint64)> &progress, ParsedChat &chat)
{
    Builder builder(chat, options);
    const qsizetype total = lines.size();
    auto view = [&](qsizetype i) {
        return QStringView(text).sliced(lines[i].start, lines[i].length);
    };
    QDate currentDate;
    QDate savedDate;
    bool afterDayHeader = false;
    for (qsizetype i = from; i <= to; ++i) {
        if (progress && i % kProgressEvery == 0 && i > 0 && !progress(i, total))
            return Error{ErrorCode::Conflict, cancelledMessage()};
        const int lineNo = int(i + 1);
        const QStringView line = view(i);
        const LineInfo info = classify(layout, line);
        switch (info.kind) {
        case LineKind::Blank:
            builder.blank(lineNo);
            break;
        case LineKind::DayHeader:
            builder.close();
            builder.header();
            if (info.stamp.hasDate())
                currentDate = QDate(info.stamp.year, info.stamp.month, info.stamp.day);
            afterDayHeader = true;
            break;
        case LineKind::Message:
        case LineKind::System: {
            if (info.stamp.hasDate())
                currentDate = QDate(info.stamp.year, info.stamp.month, info.stamp.day);
            const QDate date = currentDate.isValid() ? currentDate : savedDate;
            const QDateTime at = builder.time().convert(info.stamp, date);
            builder.open(info.kind == LineKind::Message ? RecordKind::Message : RecordKind::System,
                         at, info.sender, info.text, lineNo);
            break;
        }
        case LineKind::Notice: {
            QDateTime at = builder.lastAt();
            if (!at.isValid() && currentDate.isValid())
                at = builder.time().convert(currentDate, 0, 0, 0);
            builder.open(RecordKind::System, at, {}, info.text, lineNo);
            break;
        }
        case LineKind::Other:
            if (builder.hasOpen()) {
                builder.continueWith(line, lineNo);
            } else if (!builder.seenRecord() && !afterDayHeader
                       && takeHeaderLine(chat, builder, i, line,
                                         i + 1 < total ? view(i + 1) : QStringView())) {
                builder.header();
                if (chat.savedAt.isValid() && !savedDate.isValid())
                    savedDate = chat.savedAt.toTimeZone(options.timeZone).date();
            } else if (!builder.seenRecord()) {
                builder.problem(lineNo, line,
                                QCoreApplication::translate(
                                    "hd::chat::KakaoParser",
                                    "Text before the first message: expected the title, the "
                                    "saved-at line, a date line or a message line."));
            } else {
                builder.problem(lineNo, line,
                                QCoreApplication::translate(
                                    "hd::chat::KakaoParser",
                                    "Text after a date line that belongs to no message: expected "
                                    "a message line."));
            }
            break;
        }
    }
    builder.close();
    return {};
}

// Where a large text export can be cut into two independently parsed halves: the first dated
// day header after the middle that a message line follows (-1: none; layouts without day
// headers, or a chat of one day).
qsizetype splitPoint(const Layout &layout, const QString &text, const QList<LineRef> &lines,
                     qsizetype lastContent)
{
    auto view = [&](qsizetype i) {
        return QStringView(text).sliced(lines[i].start, lines[i].length);
    };
    for (qsizetype i = lastContent / 2; i + 1 <= lastContent; ++i) {
        const LineInfo info = classify(layout, view(i));
        if (info.kind == LineKind::DayHeader && info.stamp.hasDate()
            && classify(layout, view(i + 1)).kind == LineKind::Message)
            return i;
    }
    return -1;
}

Result<void> parseTextLayout(const Layout &layout, const QString &text, const QList<LineRef> &lines,
                             const KakaoOptions &options,
                             const std::function<bool(qint64, qint64)> &progress, ParsedChat &chat)
{
    const qsizetype total = lines.size();
    qsizetype lastContent = total - 1;
    while (
        lastContent >= 0
        && isBlank(QStringView(text).sliced(lines[lastContent].start, lines[lastContent].length)))
        --lastContent;
    chat.headerLines += int(total - 1 - lastContent);
    const qsizetype split = options.splitFromLines > 0 && total >= options.splitFromLines
        ? splitPoint(layout, text, lines, lastContent)
        : -1;
    if (split < 0)
        return parseTextRange(layout, text, lines, 0, lastContent, options, progress, chat);
    // Two halves at once: the second on another thread (no progress of its own; the first
    // reports for both and its cancel ends both).
    ParsedChat tail;
    KakaoOptions own = options; // a time zone object of its own for the other thread
    own.timeZone = QTimeZone(options.timeZone.id());
    auto second = std::async(std::launch::async, [&] {
        return parseTextRange(layout, text, lines, split, lastContent, own, {}, tail);
    });
    auto halfProgress = [&progress, split, total](qint64 done, qint64) {
        return !progress || progress(done * total / qMax<qint64>(1, split), total);
    };
    Result<void> first = parseTextRange(layout, text, lines, 0, split - 1, options,
                                        progress ? std::function<bool(qint64, qint64)>(halfProgress)
                                                 : std::function<bool(qint64, qint64)>(),
                                        chat);
    Result<void> last = second.get();
    if (!first.ok())
        return first;
    if (!last.ok())
        return last;
    chat.records.append(std::move(tail.records));
    chat.problems.append(std::move(tail.problems));
    chat.headerLines += tail.headerLines;
    return {};
}

// One CSV row (lines first..last) into a record, header or problem.
void takeCsvRow(const Layout &layout, const csv::Row &row, int first, int last, QChar delimiter,
                Builder &builder, ParsedChat &chat, bool firstRow,
                const std::function<QStringView(int)> &lineText)
{
    const QStringList &f = row.fields;
    auto reportRow = [&](const QString &reason) {
        builder.problem(first, lineText(first), reason);
        for (int l = first + 1; l <= last; ++l) {
            builder.problem(l, lineText(l),
                            QCoreApplication::translate("hd::chat::KakaoParser",
                                                        "Part of the unreadable row that starts on "
                                                        "line %1.")
                                .arg(first));
        }
    };
    if (f.size() == 1 && isBlank(f.first())) {
        builder.close();
        chat.headerLines += last - first + 1;
        return;
    }
    const QString date = f.value(0).trimmed();
    Stamp st;
    const bool hasDate = !date.isEmpty() && matchWhole(date, layout.recordPatterns, &st);
    if (firstRow && !hasDate && !date.isEmpty()) {
        chat.headerLines += last - first + 1; // "Date,User,Message"
        return;
    }
    if (f.size() < 3 || (!date.isEmpty() && !hasDate)) {
        builder.close();
        reportRow(QCoreApplication::translate(
            "hd::chat::KakaoParser",
            "Expected a row of date (yyyy-MM-dd HH:mm:ss), user and message."));
        return;
    }
    QString message = f.at(2);
    for (qsizetype k = 3; k < f.size(); ++k)
        message += delimiter + f.at(k);
    if (hasDate) {
        const QDateTime at = builder.time().convert(st);
        ChatRecord &r = builder.open(RecordKind::Message, at, f.at(1), message, first);
        r.lastLine = last;
    } else {
        ChatRecord &r = builder.open(RecordKind::System, builder.lastAt(), f.at(1), message, first);
        r.lastLine = last;
    }
}

Result<void> parseCsvLayout(const Layout &layout, const QString &text, const QList<LineRef> &lines,
                            const KakaoOptions &options,
                            const std::function<bool(qint64, qint64)> &progress, ParsedChat &chat)
{
    Builder builder(chat, options);
    const int total = int(lines.size());
    auto lineText = [&](int lineNo) -> QStringView {
        const LineRef &ref = lines[lineNo - 1];
        return QStringView(text).sliced(ref.start, ref.length);
    };
    int startLine = 1; // first line of the chunk being read
    QChar delimiter;
    bool firstRow = true;
    for (int round = 0; startLine <= total; ++round) {
        if (round >= 8) {
            // Quotes keep failing: report the rest line by line (linear, nothing dropped).
            for (int l = startLine; l <= total; ++l) {
                builder.problem(l, lineText(l),
                                QCoreApplication::translate(
                                    "hd::chat::KakaoParser",
                                    "Not read: the quotes of the rows above do not pair up."));
            }
            break;
        }
        const QStringView chunk = QStringView(text).sliced(lines[startLine - 1].start);
        const csv::Table table = csv::parse(chunk, delimiter);
        delimiter = table.delimiter;
        const int offset = startLine - 1;
        int brokenAt = 0; // absolute line where an unterminated quote begins
        for (const csv::Problem &p : table.problems)
            brokenAt = p.line + offset;
        qsizetype rowCount = table.rows.size();
        if (brokenAt > 0)
            --rowCount; // the last row holds the unterminated field
        for (qsizetype r = 0; r < rowCount; ++r) {
            if (progress && r % kProgressEvery == 0 && r > 0
                && !progress(table.rows[r].line + offset, total))
                return Error{ErrorCode::Conflict, cancelledMessage()};
            const int first = table.rows[r].line + offset;
            int last = r + 1 < table.rows.size() ? table.rows[r + 1].line + offset - 1 : total;
            takeCsvRow(layout, table.rows[r], first, last, delimiter, builder, chat, firstRow,
                       lineText);
            firstRow = false;
        }
        if (brokenAt == 0)
            break;
        builder.close();
        const int rowStart = table.rows.isEmpty() ? startLine : table.rows.last().line + offset;
        for (int l = rowStart; l <= brokenAt; ++l) {
            builder.problem(l, lineText(l),
                            QCoreApplication::translate("hd::chat::KakaoParser",
                                                        "A quoted field starts here and is never "
                                                        "closed; the next lines are read anew."));
        }
        firstRow = false;
        startLine = brokenAt + 1;
    }
    builder.close();
    return {};
}

} // namespace

QStringList KakaoParser::formats()
{
    QStringList names;
    for (const Layout &layout : layouts())
        names << layout.name;
    return names;
}

Result<ParsedChat> KakaoParser::parse(const QByteArray &data, const KakaoOptions &options,
                                      const std::function<bool(qint64, qint64)> &progress)
{
    QString encoding;
    const QString text = decodeText(data, &encoding);
    if (text.size() >= std::numeric_limits<qint32>::max()) {
        return Error{ErrorCode::TooLarge,
                     QCoreApplication::translate("hd::chat::KakaoParser",
                                                 "The file is too large to import.")};
    }
    const QList<LineRef> lines = splitLines(text);

    ParsedChat chat;
    chat.totalLines = int(lines.size());
    bool empty = true;
    for (const LineRef &ref : lines) {
        if (!isBlank(QStringView(text).sliced(ref.start, ref.length))) {
            empty = false;
            break;
        }
    }
    if (empty) {
        return Error{ErrorCode::InvalidArgument,
                     QCoreApplication::translate("hd::chat::KakaoParser",
                                                 "The file is empty: it holds no text.")};
    }

    const Layout *layout = nullptr;
    if (!options.format.isEmpty()) {
        layout = layoutByName(options.format);
        if (!layout) {
            return Error{ErrorCode::InvalidArgument,
                         QCoreApplication::translate("hd::chat::KakaoParser",
                                                     "Unknown export format \"%1\"; known formats: "
                                                     "%2.")
                             .arg(options.format, formats().join(QStringLiteral(", ")))};
        }
    } else {
        layout = detectLayout(text, lines);
    }
    if (!layout) {
        if (encoding.isEmpty()) {
            return Error{ErrorCode::InvalidArgument,
                         QCoreApplication::translate(
                             "hd::chat::KakaoParser",
                             "The file is not UTF-8 text, and this system has no CP949/EUC-KR "
                             "decoder to read it as Korean legacy text.")};
        }
        return Error{ErrorCode::InvalidArgument,
                     QCoreApplication::translate(
                         "hd::chat::KakaoParser",
                         "This is not a KakaoTalk chat export: none of its first %1 lines is a "
                         "message or date line of a known layout (read as %2).")
                         .arg(qMin<qsizetype>(lines.size(), kDetectLines))
                         .arg(encoding)};
    }
    chat.format = layout->name;
    if (progress && !progress(0, chat.totalLines))
        return Error{ErrorCode::Conflict, cancelledMessage()};

    const Result<void> done = layout->family == Family::Csv
        ? parseCsvLayout(*layout, text, lines, options, progress, chat)
        : parseTextLayout(*layout, text, lines, options, progress, chat);
    if (!done.ok())
        return done.error();
    if (progress && !progress(chat.totalLines, chat.totalLines))
        return Error{ErrorCode::Conflict, cancelledMessage()};
    return chat;
}

Result<ParsedChat> KakaoParser::parseFile(const QString &path, const KakaoOptions &options,
                                          const std::function<bool(qint64, qint64)> &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("hd::chat::KakaoParser", "Cannot open %1: %2")
                         .arg(path, file.errorString())};
    }
    constexpr qint64 kMaxBytes = qint64(1) << 30;
    if (file.size() > kMaxBytes) {
        return Error{ErrorCode::TooLarge,
                     QCoreApplication::translate("hd::chat::KakaoParser",
                                                 "%1 is larger than 1 GB and cannot be imported.")
                         .arg(path)};
    }
    return parse(file.readAll(), options, progress);
}

} // namespace hd::chat
