// SPDX-License-Identifier: GPL-3.0-or-later
// Layout detection of KakaoTalk exports (see kakaoformats.h).
#include "core/channels/kakaoformats.h"

#include <array>
#include <utility>

namespace hd::chat::kakao {

namespace {

bool isCsvHeader(QStringView line)
{
    QString t = line.trimmed().toString().toLower();
    t.remove(u'"');
    t.remove(u' ');
    return t == u"date,user,message" || t == u"date;user;message" || t == u"date\tuser\tmessage"
        || t == u"날짜,사용자,메시지";
}

bool isCsvRecordLine(QStringView line)
{
    if (line.startsWith(u'"'))
        line = line.sliced(1);
    Stamp st;
    const qsizetype n = matchPattern(line, u"%Y-%M-%D %h:%m", &st);
    return n > 0;
}

} // namespace

const Layout *detectLayout(QStringView text, const QList<LineRef> &lines)
{
    const QList<Layout> &all = layouts();
    const qsizetype limit = qMin<qsizetype>(lines.size(), kDetectLines);
    auto view = [&](qsizetype i) {
        return text.sliced(lines[i].start, lines[i].length);
    };

    for (qsizetype i = 0; i < qMin<qsizetype>(limit, 3); ++i) {
        if (isCsvHeader(view(i)))
            return layoutByName(u"kakao-mac-csv");
    }

    // Header evidence.
    int koEvidence = 0;
    int enEvidence = 0;
    bool iosTitle = false;
    int savedHint = -1; // layout index suggested by the saved-at line
    for (qsizetype i = 0; i < qMin<qsizetype>(limit, 6); ++i) {
        const QStringView line = view(i);
        QString room;
        if (i == 0 && parseTitleLine(line, &room)) {
            iosTitle = line.trimmed().startsWith(u"Talk_");
            if (line.contains(u"KakaoTalk Chats"))
                enEvidence += 5;
            else if (line.contains(u"카카오톡"))
                koEvidence += 5;
        }
        Stamp st;
        bool english = false;
        if (parseSavedLine(line, &st, &english)) {
            (english ? enEvidence : koEvidence) += 5;
            // Which record layout writes its saved-at like this.
            const QStringView rest = line.trimmed();
            static const std::array<std::pair<QStringView, QStringView>, 6> hints = {{
                {u"%Y-%M-%D", u"kakao-pc-ko"},
                {u"%Y년", u"kakao-android-ko"},
                {u"%Y.", u"kakao-ios-ko"},
                {u"%N %D, %Y at", u"kakao-ios-en"},
                {u"%N %D, %Y,", u"kakao-android-en-2020"},
                {u"%h:%m%A,", u"kakao-android-en-2015"},
            }};
            qsizetype colon = rest.indexOf(u':');
            QStringView value = colon >= 0 ? rest.sliced(colon + 1).trimmed() : QStringView();
            for (const auto &[pattern, name] : hints) {
                Stamp ignored;
                if (matchPattern(value, pattern, &ignored) >= 0) {
                    for (qsizetype k = 0; k < all.size(); ++k) {
                        if (all[k].name == name)
                            savedHint = int(k);
                    }
                    break;
                }
            }
        }
    }

    std::array<int, 16> score{};
    int csvScore = 0;
    int monthFull = 0;
    int monthAbbreviated = 0;
    int best = 0;
    for (qsizetype i = 0; i < limit && best < 400; ++i) {
        const QStringView line = view(i);
        if (isBlank(line))
            continue;
        if (isCsvRecordLine(line))
            csvScore += 2;
        int group = -1;
        for (const Layout &layout : all) {
            if (layout.family == Family::Csv || layout.group == group)
                continue;
            group = layout.group;
            const LineInfo info = classify(layout, line);
            int points = 0;
            if (info.kind == LineKind::Message || info.kind == LineKind::System)
                points = 2;
            else if (info.kind == LineKind::DayHeader)
                points = 1;
            if (points == 0)
                continue;
            score[std::size_t(layout.group)] += points;
            best = qMax(best, score[std::size_t(layout.group)]);
            if (layout.family == Family::Pc) {
                // Day patterns: 0 Korean, 1.. English; times: 0 오전/오후, 1 AM/PM, 2 24-hour.
                const bool english = info.kind == LineKind::DayHeader ? info.patternIndex > 0
                                                                      : info.patternIndex == 1;
                koEvidence += info.patternIndex == 0 ? 1 : 0;
                enEvidence += english ? 1 : 0;
            }
            monthFull += info.stamp.monthFullName;
            monthAbbreviated += info.stamp.monthAbbreviated;
        }
    }

    int bestGroup = -1;
    int bestScore = 0;
    for (const Layout &layout : all) {
        if (layout.family == Family::Csv)
            continue;
        const int s = score[std::size_t(layout.group)];
        if (s > bestScore) {
            bestScore = s;
            bestGroup = layout.group;
        }
    }
    if (csvScore > bestScore)
        return layoutByName(u"kakao-mac-csv");
    if (bestGroup < 0) {
        if (savedHint >= 0) {
            const Layout &hinted = all[savedHint];
            if (hinted.group == 1)
                return layoutByName(enEvidence > koEvidence ? u"kakao-pc-en" : u"kakao-pc-ko");
            return &hinted;
        }
        return nullptr;
    }
    if (bestGroup == 1)
        return layoutByName(enEvidence > koEvidence ? u"kakao-pc-en" : u"kakao-pc-ko");
    if (bestGroup == 4) {
        const bool ios
            = monthAbbreviated > monthFull || (monthAbbreviated == monthFull && iosTitle);
        return layoutByName(ios ? u"kakao-ios-en-2015" : u"kakao-android-en-2020");
    }
    for (const Layout &layout : all) {
        if (layout.group == bestGroup)
            return &layout;
    }
    return nullptr;
}

} // namespace hd::chat::kakao
