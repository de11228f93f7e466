// SPDX-License-Identifier: GPL-3.0-or-later
// What the KakaoTalk parser tests share: fixtures, the accounting check, generated exports.
#pragma once

#include "core/channels/kakaoparser.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>

namespace kakaotest {

using hd::ErrorCode;
using hd::chat::ChatRecord;
using hd::chat::KakaoOptions;
using hd::chat::KakaoParser;
using hd::chat::Media;
using hd::chat::ParsedChat;
using hd::chat::RecordKind;

/// One test export per layout of FORMATS.md (tests/data/kakao/).
inline const QStringList kLayoutFiles = {
    "pc-ko.txt",  "pc-en.txt",      "android-ko.txt", "android-en-2015.txt", "android-en-2020.txt",
    "ios-ko.txt", "ios-ko-old.txt", "ios-en.txt",     "ios-en-2015.txt",     "mac.csv"};

inline QString sourceDir()
{
    return qEnvironmentVariable("HELPDESK_SOURCE_DIR", QDir::currentPath());
}

inline QByteArray readData(const QString &name)
{
    QFile file(sourceDir() + "/tests/data/kakao/" + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline KakaoOptions seoul()
{
    KakaoOptions options;
    options.timeZone = QTimeZone("Asia/Seoul");
    return options;
}

inline QString mediaCode(Media media)
{
    switch (media) {
    case Media::None:
        return "-";
    case Media::Photo:
        return "P";
    case Media::Video:
        return "V";
    case Media::Emoticon:
        return "E";
    case Media::File:
        return "F";
    case Media::Voice:
        return "A";
    case Media::Deleted:
        return "D";
    case Media::Other:
        return "O";
    }
    return "?";
}

inline QString utc(const QDateTime &at)
{
    if (!at.isValid())
        return "invalid";
    return at.toUTC().toString("yyyy-MM-dd HH:mm:ss");
}

// "kind|sender|UTC time|media|firstLine-lastLine|text"
inline QString describe(const ChatRecord &r)
{
    return QString(r.kind == RecordKind::Message ? "M" : "S") + "|" + r.sender + "|" + utc(r.at)
        + "|" + mediaCode(r.media) + "|" + QString::number(r.firstLine) + "-"
        + QString::number(r.lastLine) + "|" + r.text;
}

// Every line 1..totalLines is in exactly one record span or problem, or counted in headerLines.
inline bool accountingHolds(const ParsedChat &chat, QString *why)
{
    QList<int> covered(chat.totalLines + 1, 0);
    qint64 spans = 0;
    for (const ChatRecord &r : chat.records) {
        if (r.firstLine < 1 || r.lastLine < r.firstLine || r.lastLine > chat.totalLines) {
            *why = "bad span " + describe(r);
            return false;
        }
        spans += r.lastLine - r.firstLine + 1;
        for (int l = r.firstLine; l <= r.lastLine; ++l)
            ++covered[l];
    }
    for (const auto &p : chat.problems) {
        if (p.line < 1 || p.line > chat.totalLines) {
            *why = "problem outside the file at line " + QString::number(p.line);
            return false;
        }
        if (p.reason.isEmpty()) {
            *why = "problem without reason at line " + QString::number(p.line);
            return false;
        }
        ++covered[p.line];
    }
    int uncovered = 0;
    for (int l = 1; l <= chat.totalLines; ++l) {
        if (covered[l] > 1) {
            *why = "line " + QString::number(l) + " covered " + QString::number(covered[l])
                + " times";
            return false;
        }
        uncovered += covered[l] == 0 ? 1 : 0;
    }
    if (uncovered != chat.headerLines
        || spans + chat.problems.size() + chat.headerLines != chat.totalLines) {
        *why = QString("spans %1 + problems %2 + header %3 != total %4 (uncovered %5)")
                   .arg(spans)
                   .arg(chat.problems.size())
                   .arg(chat.headerLines)
                   .arg(chat.totalLines)
                   .arg(uncovered);
        return false;
    }
    return true;
}

// Parsing anything either fails with a named InvalidArgument or accounts for every line.
inline bool robust(const QByteArray &data, QString *why, const KakaoOptions &options = {})
{
    const auto result = KakaoParser::parse(data, options);
    if (!result.ok()) {
        if (result.errorCode() != ErrorCode::InvalidArgument || result.errorMessage().isEmpty()) {
            *why = "unexpected error " + result.errorMessage();
            return false;
        }
        return true;
    }
    return accountingHolds(*result, why);
}

inline QByteArray withLineEnds(const QByteArray &lf, const QByteArray &mode)
{
    QByteArray out;
    int line = 0;
    for (const char c : lf) {
        if (c != '\n') {
            out += c;
            continue;
        }
        if (mode == "crlf" || (mode == "mixed" && line % 2 == 0))
            out += "\r\n";
        else if (mode == "cr")
            out += '\r';
        else
            out += '\n';
        ++line;
    }
    return out;
}

inline QByteArray androidLines(int records)
{
    QByteArray data = "상담채널 님과 카카오톡 대화\n저장한 날짜 : 2024년 9월 25일 오후 7:17\n\n";
    data.reserve(records * 80);
    for (int i = 0; i < records; ++i) {
        const int minute = i % 60;
        const int hour = 1 + (i / 60) % 12;
        data += "2024년 9월 25일 ";
        data += (i / 720) % 2 ? "오후 " : "오전 ";
        data += QByteArray::number(hour) + ':' + (minute < 10 ? "0" : "")
            + QByteArray::number(minute);
        data += ", 김철수";
        data += QByteArray::number(i % 7);
        data += " : 안녕하세요 메시지 번호 ";
        data += QByteArray::number(i);
        data += '\n';
    }
    return data;
}

} // namespace kakaotest
