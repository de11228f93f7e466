// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/kakaoformats.h"

#include <QDate>

#include <array>
#include <initializer_list>
#include <utility>

namespace hd::chat::kakao {

namespace {

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

bool isSpaceLike(QChar c)
{
    return c == u' ' || c == QChar(0x202F) || c == QChar(0x00A0);
}

// Reads minDigits..maxDigits ASCII digits at s[i]; -1 when fewer.
int readNumber(QStringView s, qsizetype &i, int minDigits, int maxDigits)
{
    int value = 0;
    int count = 0;
    while (count < maxDigits && i < s.size() && isAsciiDigit(s[i])) {
        value = value * 10 + (s[i].unicode() - u'0');
        ++i;
        ++count;
    }
    return count >= minDigits ? value : -1;
}

// An ASCII word at s[i] compared with `names` (full, lower case): full name, its first three
// letters, or one of the extra abbreviations. Returns the index or -1.
struct NameMatch
{
    int index = -1;
    bool full = false;
};

template<std::size_t N>
NameMatch readName(QStringView s, qsizetype &i, const std::array<QStringView, N> &names,
                   std::initializer_list<std::pair<QStringView, int>> extra)
{
    qsizetype j = i;
    while (j < s.size() && isAsciiLetter(s[j]) && j - i < 12)
        ++j;
    const QStringView word = s.sliced(i, j - i);
    if (word.size() < 3)
        return {};
    NameMatch match;
    for (std::size_t k = 0; k < N; ++k) {
        if (word.compare(names[k], Qt::CaseInsensitive) == 0) {
            match = {int(k), names[k].size() > 3};
            break;
        }
        if (word.size() == 3 && word.compare(names[k].first(3), Qt::CaseInsensitive) == 0) {
            match = {int(k), false};
            break;
        }
    }
    if (match.index < 0) {
        for (const auto &[name, index] : extra) {
            if (word.compare(name, Qt::CaseInsensitive) == 0) {
                match = {index, false};
                break;
            }
        }
    }
    if (match.index < 0)
        return {};
    if (!match.full && j < s.size() && s[j] == u'.'
        && names[std::size_t(match.index)].size() > word.size())
        ++j; // "Sept." / "Dec."
    i = j;
    return match;
}

const std::array<QStringView, 12> kMonths
    = {u"january", u"february", u"march",     u"april",   u"may",      u"june",
       u"july",    u"august",   u"september", u"october", u"november", u"december"};
const std::array<QStringView, 7> kWeekdays
    = {u"monday", u"tuesday", u"wednesday", u"thursday", u"friday", u"saturday", u"sunday"};

// AM/PM (case-insensitive), optionally after one space-like character. 0 when absent.
int readAmPm(QStringView s, qsizetype &i)
{
    qsizetype j = i;
    if (j < s.size() && isSpaceLike(s[j]))
        ++j;
    if (j + 2 > s.size())
        return 0;
    const char16_t a = s[j].toLower().unicode();
    const char16_t m = s[j + 1].toLower().unicode();
    if (m != u'm' || (a != u'a' && a != u'p'))
        return 0;
    i = j + 2;
    return a == u'a' ? 1 : 2;
}

bool finishStamp(Stamp *st)
{
    if (st->hour >= 0) {
        if (st->ampm != 0) {
            if (st->hour > 12)
                return false;
            if (st->hour == 12)
                st->hour = st->ampm == 1 ? 0 : 12;
            else if (st->ampm == 2)
                st->hour += 12;
        }
        if (st->hour > 23 || st->minute < 0 || st->minute > 59 || st->second < 0 || st->second > 59)
            return false;
    }
    if (st->year >= 0 && st->month >= 0 && st->day >= 0)
        return st->year >= 1 && QDate::isValid(st->year, st->month, st->day);
    // A partial date (detection hints) only needs plausible parts.
    return st->month <= 12 && st->day <= 31 && st->month != 0 && st->day != 0;
}

} // namespace

qsizetype matchPattern(QStringView s, QStringView pattern, Stamp *out)
{
    Stamp st;
    qsizetype i = 0;
    const qsizetype n = s.size();
    for (qsizetype p = 0; p < pattern.size(); ++p) {
        const QChar pc = pattern[p];
        if (pc != u'%' || p + 1 >= pattern.size()) {
            if (i >= n || s[i] != pc)
                return -1;
            ++i;
            continue;
        }
        const char16_t token = pattern[++p].unicode();
        switch (token) {
        case u'Y':
            st.year = readNumber(s, i, 4, 4);
            if (st.year < 0)
                return -1;
            break;
        case u'M':
            st.month = readNumber(s, i, 1, 2);
            if (st.month < 0)
                return -1;
            break;
        case u'D':
            st.day = readNumber(s, i, 1, 2);
            if (st.day < 0)
                return -1;
            break;
        case u'h':
            st.hour = readNumber(s, i, 1, 2);
            if (st.hour < 0)
                return -1;
            break;
        case u'm':
            st.minute = readNumber(s, i, 2, 2);
            if (st.minute < 0)
                return -1;
            break;
        case u's':
            st.second = readNumber(s, i, 2, 2);
            if (st.second < 0)
                return -1;
            break;
        case u'N': {
            const NameMatch m = readName(s, i, kMonths, {{u"sept", 8}});
            if (m.index < 0)
                return -1;
            st.month = m.index + 1;
            if (kMonths[std::size_t(m.index)].size() > 3) {
                st.monthFullName = m.full ? 1 : 0;
                st.monthAbbreviated = m.full ? 0 : 1;
            }
            break;
        }
        case u'W':
            if (readName(s, i, kWeekdays, {{u"tues", 1}, {u"thur", 3}, {u"thurs", 3}}).index < 0)
                return -1;
            break;
        case u'K': {
            static constexpr QStringView days = u"월화수목금토일";
            if (i + 3 > n || !days.contains(s[i]) || s[i + 1] != u'요' || s[i + 2] != u'일')
                return -1;
            i += 3;
            break;
        }
        case u'P':
            if (i + 2 > n || s[i] != u'오')
                return -1;
            if (s[i + 1] == u'전')
                st.ampm = 1;
            else if (s[i + 1] == u'후')
                st.ampm = 2;
            else
                return -1;
            i += 2;
            break;
        case u'A':
        case u'a': {
            const int ampm = readAmPm(s, i);
            if (ampm == 0 && token == u'A')
                return -1;
            if (ampm != 0)
                st.ampm = ampm;
            break;
        }
        default: // "%%" or an unknown token: literal
            if (i >= n || s[i] != QChar(token))
                return -1;
            ++i;
            break;
        }
    }
    if (!finishStamp(&st))
        return -1;
    if (out)
        *out = st;
    return i;
}

bool matchWhole(QStringView s, const QList<QStringView> &patterns, Stamp *out, int *index)
{
    for (qsizetype k = 0; k < patterns.size(); ++k) {
        if (matchPattern(s, patterns[k], out) == s.size()) {
            if (index)
                *index = int(k);
            return true;
        }
    }
    return false;
}

const QList<Layout> &layouts()
{
    static const QList<Layout> all = [] {
        const QList<QStringView> koDay = {u"%Y년 %M월 %D일 %K"};
        const QList<QStringView> enDay = {u"%W, %N %D, %Y", u"%N %D, %Y", u"%W, %D %N %Y"};
        const QList<QStringView> pcDay = koDay + enDay;
        const QList<QStringView> pcTime = {u"%P %h:%m", u"%h:%m%A", u"%h:%m"};
        const QList<QStringView> en2020 = {u"%N %D, %Y, %h:%m%A", u"%N %D, %Y, %h:%m"};
        QList<Layout> list;
        list.append({QStringLiteral("kakao-pc-ko"), Family::Pc, pcTime, pcDay, true, 1});
        list.append({QStringLiteral("kakao-pc-en"), Family::Pc, pcTime, pcDay, true, 1});
        list.append({QStringLiteral("kakao-android-ko"),
                     Family::Mobile,
                     {u"%Y년 %M월 %D일 %P %h:%m", u"%Y년 %M월 %D일 %h:%m"},
                     koDay,
                     false,
                     2});
        list.append({QStringLiteral("kakao-android-en-2015"),
                     Family::Mobile,
                     {u"%h:%m%A, %N %D, %Y"},
                     enDay,
                     false,
                     3});
        list.append(
            {QStringLiteral("kakao-android-en-2020"), Family::Mobile, en2020, enDay, false, 4});
        list.append({QStringLiteral("kakao-ios-ko"),
                     Family::Mobile,
                     {u"%Y. %M. %D. %P %h:%m", u"%Y. %M. %D. %h:%m"},
                     koDay,
                     false,
                     5});
        list.append(
            {QStringLiteral("kakao-ios-ko-old"), Family::Mobile, {u"%P %h:%m"}, koDay, true, 6});
        list.append({QStringLiteral("kakao-ios-en"),
                     Family::Mobile,
                     {u"%N %D, %Y at %h:%m%a"},
                     enDay,
                     false,
                     7});
        list.append({QStringLiteral("kakao-ios-en-2015"), Family::Mobile, en2020, enDay, false, 4});
        list.append({QStringLiteral("kakao-mac-csv"),
                     Family::Csv,
                     {u"%Y-%M-%D %h:%m:%s", u"%Y-%M-%D %h:%m"},
                     {},
                     false,
                     8});
        return list;
    }();
    return all;
}

const Layout *layoutByName(QStringView name)
{
    for (const Layout &layout : layouts()) {
        if (layout.name == name)
            return &layout;
    }
    return nullptr;
}

bool isBlank(QStringView line)
{
    for (const QChar c : line) {
        if (!c.isSpace() && c != QChar(0xFEFF))
            return false;
    }
    return true;
}

namespace {

// "김철수 : 본문" after the timestamp: sender up to the first " : ".
void splitBody(QStringView body, LineInfo *info)
{
    const qsizetype k = body.indexOf(u" : ");
    if (k >= 0) {
        info->kind = LineKind::Message;
        info->sender = body.first(k);
        info->text = body.sliced(k + 3);
    } else if (body.endsWith(u" :")) {
        info->kind = LineKind::Message;
        info->sender = body.chopped(2);
    } else {
        info->kind = LineKind::System;
        info->text = body;
    }
}

bool isPcNotice(QStringView t)
{
    static constexpr std::array<QStringView, 9> endings
        = {u"님을 초대하였습니다.",  u"님을 초대했습니다.", u"님이 나갔습니다.",
           u"님이 들어왔습니다.",    u"님을 내보냈습니다.", u"left this chatroom.",
           u"joined this chatroom.", u"to the chatroom.",   u"has left the chatroom."};
    if (t.size() > 300)
        return false;
    for (const QStringView e : endings) {
        if (t.endsWith(e) && t.size() > e.size())
            return true;
    }
    return false;
}

LineInfo classifyPc(const Layout &layout, QStringView line)
{
    LineInfo info;
    if (line.startsWith(u'[')) {
        qsizetype from = 1;
        for (int attempt = 0; attempt < 64; ++attempt) {
            const qsizetype j = line.indexOf(u"] [", from);
            if (j < 0)
                break;
            const QStringView after = line.sliced(j + 3);
            for (qsizetype k = 0; k < layout.recordPatterns.size(); ++k) {
                Stamp st;
                const qsizetype n = matchPattern(after, layout.recordPatterns[k], &st);
                if (n < 0 || n >= after.size() || after[n] != u']')
                    continue;
                if (n + 1 < after.size() && after[n + 1] != u' ')
                    continue;
                info.stamp = st;
                info.patternIndex = int(k);
                info.sender = line.sliced(1, j - 1);
                info.text = after.sliced(qMin(n + 2, after.size()));
                info.kind = info.sender.isEmpty() ? LineKind::System : LineKind::Message;
                return info;
            }
            from = j + 1;
        }
    }
    if (line.startsWith(u"---")) {
        QStringView inner = line;
        while (!inner.isEmpty() && inner.front() == u'-')
            inner = inner.sliced(1);
        while (!inner.isEmpty() && inner.back() == u'-')
            inner.chop(1);
        inner = inner.trimmed();
        int index = -1;
        if (matchWhole(inner, layout.dayPatterns, &info.stamp, &index)) {
            info.kind = LineKind::DayHeader;
            info.patternIndex = index;
            return info;
        }
    }
    const QStringView t = line.trimmed();
    if (isPcNotice(t)) {
        info.kind = LineKind::Notice;
        info.text = t;
    }
    return info;
}

LineInfo classifyMobile(const Layout &layout, QStringView line)
{
    LineInfo info;
    for (qsizetype k = 0; k < layout.recordPatterns.size(); ++k) {
        Stamp st;
        const qsizetype n = matchPattern(line, layout.recordPatterns[k], &st);
        if (n < 0)
            continue;
        const QStringView rest = line.sliced(n);
        info.stamp = st;
        info.patternIndex = int(k);
        if (isBlank(rest)) {
            if (layout.dateless || !st.hasDate())
                continue;
            info.kind = LineKind::DayHeader;
            return info;
        }
        if (rest.startsWith(u", ")) {
            splitBody(rest.sliced(2), &info);
            return info;
        }
        if (rest.startsWith(u": ") || rest == u":") {
            info.kind = LineKind::System;
            info.text = rest.sliced(qMin<qsizetype>(2, rest.size()));
            return info;
        }
    }
    info = LineInfo();
    const QStringView t = line.trimmed();
    int index = -1;
    if (t.size() < 64 && matchWhole(t, layout.dayPatterns, &info.stamp, &index)) {
        info.kind = LineKind::DayHeader;
        info.patternIndex = index;
    }
    return info;
}

} // namespace

LineInfo classify(const Layout &layout, QStringView line)
{
    if (isBlank(line)) {
        LineInfo info;
        info.kind = LineKind::Blank;
        return info;
    }
    return layout.family == Family::Pc ? classifyPc(layout, line) : classifyMobile(layout, line);
}

Media mediaOf(QStringView text)
{
    if (text.size() > 80)
        return Media::None;
    const QStringView t = text.trimmed();
    if (t.isEmpty() || t.contains(u'\n'))
        return Media::None; // placeholders are one line
    struct Entry
    {
        QStringView text;
        Media media;
    };
    static constexpr std::array<Entry, 30> exact = {{
        {u"사진", Media::Photo},
        {u"<사진>", Media::Photo},
        {u"Photo", Media::Photo},
        {u"Photos", Media::Photo},
        {u"<Photo>", Media::Photo},
        {u"동영상", Media::Video},
        {u"<동영상>", Media::Video},
        {u"Video", Media::Video},
        {u"<Video>", Media::Video},
        {u"이모티콘", Media::Emoticon},
        {u"<이모티콘>", Media::Emoticon},
        {u"(이모티콘)", Media::Emoticon},
        {u"Emoticon", Media::Emoticon},
        {u"Emoticons", Media::Emoticon},
        {u"<Emoticon>", Media::Emoticon},
        {u"음성메시지", Media::Voice},
        {u"음성 메시지", Media::Voice},
        {u"<음성메시지>", Media::Voice},
        {u"Voice Message", Media::Voice},
        {u"Voice Note", Media::Voice},
        {u"삭제된 메시지입니다.", Media::Deleted},
        {u"메시지가 삭제되었습니다.", Media::Deleted},
        {u"This message was deleted.", Media::Deleted},
        {u"This message has been deleted.", Media::Deleted},
        {u"The message has been deleted.", Media::Deleted},
        {u"Deleted message.", Media::Deleted},
        {u"<지도>", Media::Other},
        {u"<연락처>", Media::Other},
        {u"Location", Media::Other},
        {u"Contact", Media::Other},
    }};
    for (const Entry &e : exact) {
        if (t == e.text)
            return e.media;
    }
    if ((t.startsWith(u"파일: ") || t.startsWith(u"File: ")) && t.size() > 4)
        return Media::File;
    // "사진 3장", "3 photos"
    auto allDigits = [](QStringView v) {
        if (v.isEmpty())
            return false;
        for (const QChar c : v) {
            if (!isAsciiDigit(c))
                return false;
        }
        return true;
    };
    if (t.startsWith(u"사진 ") && t.endsWith(u'장') && allDigits(t.sliced(3).chopped(1)))
        return Media::Photo;
    if (t.endsWith(u" photos", Qt::CaseInsensitive) && allDigits(t.chopped(7)))
        return Media::Photo;
    return Media::None;
}

bool parseSavedLine(QStringView line, Stamp *stamp, bool *english)
{
    QStringView t = line.trimmed();
    bool en = false;
    if (t.startsWith(u"저장한 날짜")) {
        t = t.sliced(6);
    } else if (t.startsWith(u"Date Saved", Qt::CaseInsensitive)) {
        t = t.sliced(10);
        en = true;
    } else {
        return false;
    }
    t = t.trimmed();
    if (t.startsWith(u':'))
        t = t.sliced(1).trimmed();
    static const QList<QStringView> patterns
        = {u"%Y-%M-%D %h:%m:%s",    u"%Y-%M-%D %h:%m",       u"%Y년 %M월 %D일 %P %h:%m",
           u"%Y년 %M월 %D일 %h:%m", u"%Y. %M. %D. %P %h:%m", u"%Y. %M. %D. %h:%m",
           u"%N %D, %Y, %h:%m%A",   u"%N %D, %Y at %h:%m%a", u"%N %D, %Y %h:%m%a",
           u"%h:%m%A, %N %D, %Y",   u"%Y-%M-%D %P %h:%m:%s", u"%Y. %M. %D. %h:%m:%s"};
    Stamp st;
    if (!matchWhole(t, patterns, &st))
        st = Stamp();
    if (stamp)
        *stamp = st;
    if (english)
        *english = en;
    return true;
}

bool parseTitleLine(QStringView line, QString *room)
{
    const QStringView t = line.trimmed();
    QStringView name;
    bool found = false;
    if (t.endsWith(u"카카오톡 대화")) {
        name = t.chopped(7).trimmed();
        if (name.endsWith(u"님과"))
            name = name.chopped(2).trimmed();
        found = true;
    } else if (t.startsWith(u"KakaoTalk Chats with ", Qt::CaseInsensitive)) {
        name = t.sliced(21).trimmed();
        found = true;
    } else if (t.endsWith(u"KakaoTalk Chats", Qt::CaseInsensitive)) {
        name = t.chopped(15).trimmed();
        if (name.endsWith(u" with", Qt::CaseInsensitive) || name == u"with")
            name = name.chopped(4).trimmed();
        found = true;
    } else if (t.startsWith(u"Talk_")) {
        found = true;
    }
    if (found && room)
        *room = name.toString();
    return found;
}

} // namespace hd::chat::kakao
