// SPDX-License-Identifier: GPL-3.0-or-later
#include "kakaotestsupport.h"

#include "core/channels/kakaoparser.h"
#include "core/channels/textdecode.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTest>

#include <algorithm>

using hd::ErrorCode;
using hd::chat::ChatRecord;
using hd::chat::KakaoOptions;
using hd::chat::KakaoParser;
using hd::chat::Media;
using hd::chat::ParsedChat;
using hd::chat::RecordKind;

using namespace kakaotest;

namespace {
struct Expected
{
    QString format;
    QString room;
    QString savedAt;
    int headerLines = 0;
    QStringList records;
};

Expected expectedFor(const QString &file)
{
    if (file == "pc-ko.txt") {
        return {
            "kakao-pc-ko",
            "상담채널",
            "2024-09-26 00:15:00",
            7,
            {
                "M|김철수|2024-09-23 15:05:00|-|5-5|늦은 시간에 죄송합니다",
                "M|상담사 B|2024-09-24 03:00:00|-|6-6|점심 시간 전에 확인하겠습니다",
                "S||2024-09-24 03:00:00|-|7-7|김철수님이 나갔습니다.",
                "M|상담사 B|2024-09-24 14:59:00|-|8-9|자정 직전 메시지",
                "M|김철수|2024-09-25 05:03:00|-|11-11|제품 A 사용법 문의드립니다",
                "M|상담사 B|2024-09-25 05:05:00|-|12-12|안녕하세요, 어떤 부분이 궁금하신가요?",
                "M|김철수|2024-09-25 05:06:00|-|13-16|설정 화면이 안 열려요\n두 번째 줄도 같은 "
                "메시지입니다\n\n세 번째 줄",
                "M|김철수|2024-09-25 05:07:00|P|17-17|사진 3장",
                "M|김철수|2024-09-25 05:08:00|E|18-18|이모티콘",
                "S||2024-09-25 11:35:00|-|19-19|상담사 B님이 대화방 관리자가 되었습니다.",
                "S||2024-09-25 11:35:00|-|20-20|박영희님을 초대하였습니다.",
                "M|박영희|2024-09-25 11:40:00|F|21-21|파일: 견적서.pdf",
                "S|박영희|2024-09-25 11:41:00|D|22-22|삭제된 메시지입니다.",
                "M|상담사 B|2024-09-25 11:42:00|-|23-23|문의 주셔서 감사합니다 : 좋은 하루 되세요",
            }};
    }
    if (file == "pc-en.txt") {
        return {
            "kakao-pc-en",
            "Support room",
            "2015-08-02 15:47:14",
            5,
            {
                "M|Jane|2015-07-30 15:10:00|-|5-5|Are you still open?",
                "M|Agent Kim|2015-07-31 03:45:00|-|6-6|Yes, how can I help?",
                "M|Jane|2015-07-31 14:58:00|-|7-8|My order has not arrived\nIt was due on Monday.",
                "M|Jane|2015-07-31 15:02:00|-|10-10|Order number is 1234",
                "M|Agent Kim|2015-08-01 05:37:00|P|11-11|Photo",
                "M|Jane|2015-08-01 05:38:00|E|12-12|Emoticons",
                "S|Jane|2015-08-01 05:39:00|D|13-13|This message was deleted.",
                "S||2015-08-01 11:35:00|-|14-14|Agent Kim changed the room name.",
                "M|Agent Kim|2015-08-01 12:00:00|-|15-18|We will ship today :)\nTracking: "
                "KR123\n\nThanks for waiting.",
            }};
    }
    if (file == "android-ko.txt") {
        return {"kakao-android-ko",
                "상담채널",
                "2021-12-31 10:17:00",
                7,
                {
                    "M|김철수|2021-12-29 11:36:00|-|6-6|배송이 안 와요",
                    "M|회원님|2021-12-29 11:37:00|-|7-7|주문번호를 알려주세요",
                    "M|김철수|2021-12-29 11:38:00|-|8-9|주문번호는 A-1001 입니다\n포장도 확인 "
                    "부탁드려요",
                    "M|김철수|2021-12-29 11:39:00|P|10-10|<사진>",
                    "M|회원님|2021-12-29 14:59:00|-|11-11|확인 후 연락드리겠습니다",
                    "M|김철수|2021-12-29 15:00:00|-|13-13|자정이네요 : 감사합니다",
                    "M|김철수|2021-12-29 15:30:00|V|14-14|동영상",
                    "M|회원님|2021-12-30 03:05:00|A|15-15|음성메시지",
                    "S||2021-12-30 03:06:00|-|16-16|김철수님이 나갔습니다.",
                    "S||2021-12-30 03:07:00|-|17-17|이영희님이 들어왔습니다.",
                    "S|이영희|2021-12-30 03:08:00|D|18-18|메시지가 삭제되었습니다.",
                    "M|회원님|2021-12-30 04:00:00|-|19-21|파일: 안내문.hwp\n\n마지막 줄입니다",
                }};
    }
    if (file == "android-en-2015.txt") {
        return {"kakao-android-en-2015",
                "Jane",
                "2015-07-10 11:40:00",
                3,
                {
                    "M|Jane|2015-07-09 11:34:00|-|4-4|Hello, is anyone there?",
                    "M|You|2015-07-09 11:35:00|-|5-5|Hi Jane, how can I help?",
                    "M|Jane|2015-07-09 11:36:00|-|6-7|My parcel is damaged.\nThe box was wet.",
                    "M|Jane|2015-07-09 11:37:00|P|8-8|Photo",
                    "S||2015-07-09 11:38:00|-|9-9|Tom joined this chatroom.",
                    "M|You|2015-07-09 14:59:00|-|10-10|We will call you tomorrow.",
                    "M|Jane|2015-07-09 15:01:00|-|11-11|Thanks!",
                    "M|Tom|2015-07-10 03:15:00|E|12-12|Emoticons",
                    "S|Jane|2015-07-10 03:16:00|D|13-13|This message was deleted.",
                    "M|You|2015-07-10 04:05:00|-|14-14|Refund done : 20 USD",
                }};
    }
    if (file == "android-en-2020.txt") {
        return {"kakao-android-en-2020",
                "Support Team",
                "2020-11-03 04:08:00",
                6,
                {
                    "M|Jane|2016-02-09 15:33:00|-|6-6|Hi, I need help with my account",
                    "M|You|2016-02-09 15:35:00|-|7-7|Sure, what is the problem?",
                    "M|Jane|2016-02-09 15:40:00|-|8-11|I cannot log in.\nIt says \"wrong "
                    "password\".\n\nEven after a reset.",
                    "M|You|2016-02-10 03:00:00|P|12-12|Photo",
                    "S||2016-02-10 03:01:00|-|13-13|Jane invited Tom.",
                    "M|Tom|2016-02-10 14:59:00|F|14-14|File: manual.pdf",
                    "M|Jane|2016-02-10 15:00:00|-|16-16|It works now, thank you!",
                    "S|Tom|2016-02-11 00:15:00|D|17-17|This message was deleted.",
                    "M|You|2016-02-11 00:16:00|E|18-18|Emoticons",
                    "S||2016-02-11 00:20:00|-|19-19|Jane left this chatroom.",
                }};
    }
    if (file == "ios-ko.txt") {
        return {"kakao-ios-ko",
                "",
                "2026-08-08 14:01:00",
                5,
                {
                    "M|김철수|2026-08-06 15:10:00|-|5-5|새벽에 죄송합니다",
                    "M|상담사|2026-08-07 03:00:00|-|6-6|안녕하세요",
                    "M|김철수|2026-08-07 04:01:00|-|7-8|주문 취소하고 싶어요\n이유는 단순 "
                    "변심입니다.",
                    "S||2026-08-07 04:02:00|-|9-9|김철수님이 이영희님을 초대했습니다.",
                    "M|이영희|2026-08-07 04:03:00|P|10-10|사진",
                    "M|상담사|2026-08-07 14:59:00|-|11-12|처리되었습니다",
                    "M|김철수|2026-08-07 15:01:00|-|14-14|감사합니다!",
                    "S|이영희|2026-08-08 00:30:00|D|15-15|삭제된 메시지입니다.",
                    "M|이영희|2026-08-08 00:31:00|E|16-16|이모티콘",
                    "S||2026-08-08 00:32:00|-|17-17|이영희님이 나갔습니다.",
                }};
    }
    if (file == "ios-ko-old.txt") {
        return {"kakao-ios-ko-old",
                "상담방",
                "2016-03-02 12:00:00",
                5,
                {
                    "M|김철수|2016-02-29 15:00:00|-|5-5|자정에 보내는 메시지",
                    "M|상담사|2016-03-01 03:00:00|-|6-6|정오 답변입니다",
                    "M|김철수|2016-03-01 11:36:00|-|7-9|본문입니다\n두 번째 줄\n세 번째 줄",
                    "S||2016-03-01 11:37:00|-|10-10|김철수님이 박영희님을 초대했습니다.",
                    "M|박영희|2016-03-01 11:38:00|V|11-11|동영상",
                    "M|상담사|2016-03-01 14:59:00|-|12-12|내일 연락드릴게요",
                    "M|박영희|2016-03-01 15:01:00|P|14-14|사진 2장",
                    "S|김철수|2016-03-01 16:15:00|D|15-15|메시지가 삭제되었습니다.",
                    "M|상담사|2016-03-02 04:00:00|-|16-16|감사합니다",
                }};
    }
    if (file == "ios-en.txt") {
        return {"kakao-ios-en",
                "",
                "2015-01-01 00:30:00",
                7,
                {
                    "M|Jane|2014-12-30 15:05:00|-|5-5|Happy almost new year",
                    "M|Agent|2014-12-31 03:00:00|-|6-6|How can I help?",
                    "M|Jane|2014-12-31 10:12:00|-|7-8|My coupon does not work.\nIt says expired.",
                    "S||2014-12-31 10:13:00|-|9-9|Jane invited Tom.",
                    "M|Tom|2014-12-31 10:14:00|P|10-10|Photo",
                    "M|Agent|2014-12-31 14:59:00|-|11-11|Fixed it!",
                    "M|Jane|2014-12-31 15:00:00|-|13-13|Thank you : really",
                    "S|Tom|2014-12-31 15:01:00|D|14-14|This message was deleted.",
                    "M|Tom|2014-12-31 15:02:00|E|15-15|Emoticons",
                    "S||2014-12-31 15:03:00|-|16-16|Tom left this chatroom.",
                }};
    }
    if (file == "ios-en-2015.txt") {
        return {"kakao-ios-en-2015",
                "",
                "2015-07-10 12:00:00",
                5,
                {
                    "M|Jane|2015-07-08 15:20:00|-|5-5|Are you there?",
                    "M|Agent|2015-07-09 03:20:00|-|6-6|Yes!",
                    "M|Jane|2015-07-09 11:34:00|-|7-8|I want to return this.\nIt does not fit.",
                    "M|Jane|2015-07-09 11:35:00|P|9-9|Photo",
                    "S||2015-07-09 11:36:00|-|10-10|Jane invited Tom.",
                    "M|Agent|2015-07-09 14:59:00|-|11-11|Approved.",
                    "M|Tom|2015-07-09 15:00:00|V|13-13|Video",
                    "S|Tom|2015-07-10 00:10:00|D|14-14|This message was deleted.",
                    "M|Jane|2015-07-10 00:11:00|F|15-15|File: receipt.jpg",
                }};
    }
    if (file == "mac.csv") {
        return {"kakao-mac-csv",
                "",
                "invalid",
                1,
                {
                    "M|김철수|2015-07-08 15:05:10|-|2-2|늦게 죄송합니다",
                    "M|상담사|2015-07-09 03:00:00|-|3-3|안녕하세요, 무엇을 도와드릴까요?",
                    "M|김철수|2015-07-09 11:34:26|-|4-5|배송 문의\n두 줄짜리 메시지",
                    "M|김철수|2015-07-09 11:35:00|P|6-6|사진",
                    "M|상담사|2015-07-09 11:36:00|-|7-7|\"배송 조회\" 메뉴를 눌러 주세요",
                    "S||2015-07-09 11:36:00|D|8-8|The message has been deleted.",
                    "M|상담사|2015-07-09 14:59:59|-|9-11|내일 다시 연락드리겠습니다\n\n감사합니다",
                    "M|김철수|2015-07-09 15:00:01|E|12-12|이모티콘",
                    "S||2015-07-09 15:00:01|-|13-13|김철수님이 나갔습니다.",
                    "M|박영희|2015-07-10 03:00:00|-|14-14|",
                }};
    }
    return {};
}

} // namespace

class TestKakaoParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsList()
    {
        const QStringList expected
            = {"kakao-pc-ko",           "kakao-pc-en",  "kakao-android-ko", "kakao-android-en-2015",
               "kakao-android-en-2020", "kakao-ios-ko", "kakao-ios-ko-old", "kakao-ios-en",
               "kakao-ios-en-2015",     "kakao-mac-csv"};
        QCOMPARE(KakaoParser::formats(), expected);
    }

    void layouts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("forced");
        for (const QString &file : kLayoutFiles) {
            QTest::newRow(qPrintable(file)) << file << false;
            QTest::newRow(qPrintable(file + " (format given)")) << file << true;
        }
    }

    // Every layout: detection, senders, UTC times, multi-line bodies, system records, media,
    // header lines and the line accounting.
    void layouts()
    {
        QFETCH(QString, file);
        QFETCH(bool, forced);
        const QByteArray data = readData(file);
        QVERIFY2(!data.isEmpty(), qPrintable("missing test file " + file));
        const Expected want = expectedFor(file);
        KakaoOptions options = seoul();
        if (forced)
            options.format = want.format;
        const auto result = KakaoParser::parse(data, options);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        const ParsedChat &chat = *result;
        QCOMPARE(chat.format, want.format);
        QCOMPARE(chat.roomTitle, want.room);
        QCOMPARE(utc(chat.savedAt), want.savedAt);
        QCOMPARE(chat.totalLines, int(data.count('\n')));
        for (const auto &p : chat.problems)
            qWarning() << "problem" << p.line << p.text << p.reason;
        QCOMPARE(chat.problems.size(), 0);
        QCOMPARE(chat.headerLines, want.headerLines);
        QStringList got;
        for (const ChatRecord &r : chat.records) {
            got << describe(r);
            QCOMPARE(r.at.timeSpec(), Qt::UTC);
        }
        for (qsizetype i = 0; i < qMin(got.size(), want.records.size()); ++i)
            QCOMPARE(got.at(i), want.records.at(i));
        QCOMPARE(got.size(), want.records.size());
        QVERIFY(chat.records.size() >= 8);
        QString why;
        QVERIFY2(accountingHolds(chat, &why), qPrintable(why));
    }

    void encodingsAndLineEnds_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("variant");
        for (const QString &file : kLayoutFiles) {
            for (const char *v : {"bom+crlf", "mixed", "cr", "cp949", "utf16le", "utf16be"})
                QTest::newRow(qPrintable(file + " " + v)) << file << QByteArray(v);
        }
    }

    // The same records whatever the encoding and line ends (BOM, CRLF, mixed, CP949, UTF-16).
    void encodingsAndLineEnds()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, variant);
        const QByteArray lf = readData(file);
        QByteArray data;
        QString wantEncoding = "UTF-8";
        if (variant == "bom+crlf") {
            data = "\xEF\xBB\xBF" + withLineEnds(lf, "crlf");
        } else if (variant == "mixed" || variant == "cr") {
            data = withLineEnds(lf, variant);
        } else if (variant == "cp949") {
            QStringEncoder encoder("CP949");
            if (!encoder.isValid())
                QSKIP("no CP949 encoder in this Qt (see cp949Literal for the literal bytes)");
            const QString text = QString::fromUtf8(lf);
            if (text.contains(QChar(0x202F)))
                QSKIP("U+202F has no CP949 form");
            data = encoder.encode(text);
            QVERIFY(!encoder.hasError());
            wantEncoding = "CP949";
            if (std::all_of(lf.begin(), lf.end(), [](char c) { return uchar(c) < 0x80; }))
                wantEncoding = "UTF-8"; // pure ASCII is valid UTF-8 too
        } else if (variant == "utf16le" || variant == "utf16be") {
            const bool le = variant == "utf16le";
            QStringEncoder encoder(le ? QStringConverter::Utf16LE : QStringConverter::Utf16BE);
            data = QByteArray(le ? "\xFF\xFE" : "\xFE\xFF", 2)
                + QByteArray(encoder.encode(QString::fromUtf8(lf)));
            wantEncoding = le ? "UTF-16LE" : "UTF-16BE";
        }
        QString encoding;
        const QString decoded = hd::chat::decodeText(data, &encoding);
        QCOMPARE(encoding, wantEncoding);
        QVERIFY(!decoded.startsWith(QChar(0xFEFF)));

        const Expected want = expectedFor(file);
        const auto result = KakaoParser::parse(data, seoul());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->format, want.format);
        QCOMPARE(result->problems.size(), 0);
        QCOMPARE(result->headerLines, want.headerLines);
        QStringList got;
        for (const ChatRecord &r : result->records)
            got << describe(r);
        QCOMPARE(got, want.records);
        QString why;
        QVERIFY2(accountingHolds(*result, &why), qPrintable(why));

        // Parsed in two halves at once (as large exports are), cut at a day header after the
        // middle: the very same result.
        KakaoOptions halves = seoul();
        halves.splitFromLines = 1;
        const auto split = KakaoParser::parse(data, halves);
        QVERIFY2(split.ok(), qPrintable(split.errorMessage()));
        QCOMPARE(split->headerLines, result->headerLines);
        QCOMPARE(split->problems.size(), 0);
        QStringList splitGot;
        for (const ChatRecord &r : split->records)
            splitGot << describe(r);
        QCOMPARE(splitGot, want.records);
    }

    // CP949 bytes written literally (independent of the encoder).
    void cp949Literal()
    {
        if (!hd::chat::hasKoreanCodec())
            QSKIP("this Qt has no CP949/EUC-KR codec");
        const QByteArray data
            = "2021\xb3\xe2 12\xbf\xf9 29\xc0\xcf \xbf\xc0\xc8\xc4 8:36, "
              "\xb1\xe8\xc3\xb6\xbc\xf6 : \xbe\xc8\xb3\xe7\xc7\xcf\xbc\xbc\xbf\xe4\n";
        QString encoding;
        QCOMPARE(hd::chat::decodeText(data, &encoding),
                 QString("2021년 12월 29일 오후 8:36, 김철수 : 안녕하세요\n"));
        QVERIFY(encoding == "CP949" || encoding == "EUC-KR");
        const auto result = KakaoParser::parse(data, seoul());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->format, QString("kakao-android-ko"));
        QCOMPARE(result->records.size(), 1);
        QCOMPARE(describe(result->records.first()),
                 QString("M|김철수|2021-12-29 11:36:00|-|1-1|안녕하세요"));
    }

    void decodeText_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("utf8") << QByteArray("가a") << "가a"
                              << "UTF-8";
        QTest::newRow("utf8 bom") << QByteArray("\xEF\xBB\xBF가") << "가"
                                  << "UTF-8";
        QTest::newRow("lone bom") << QByteArray("\xEF\xBB\xBF") << ""
                                  << "UTF-8";
        QTest::newRow("empty") << QByteArray() << ""
                               << "UTF-8";
        QTest::newRow("utf16le") << QByteArray("\xFF\xFE\x00\xAC\x61\x00", 6) << "가a"
                                 << "UTF-16LE";
        QTest::newRow("utf16be") << QByteArray("\xFE\xFF\xAC\x00\x00\x61", 6) << "가a"
                                 << "UTF-16BE";
        if (hd::chat::hasKoreanCodec())
            QTest::newRow("cp949") << QByteArray("\xb0\xa1") << "가"
                                   << "CP949";
    }

    void decodeText()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, text);
        QFETCH(QString, encoding);
        QString got;
        QCOMPARE(hd::chat::decodeText(data, &got), text);
        QCOMPARE(got, encoding);
    }

    // Only well-formed UTF-8 is read as UTF-8: no overlong forms, surrogates, code points above
    // U+10FFFF or cut sequences (those files are legacy Korean text or garbage).
    void strictUtf8()
    {
        for (const QByteArray &bad :
             {QByteArray("a\xC0\x80", 3), QByteArray("\xE0\x80\xAF"), QByteArray("\xED\xA0\x80"),
              QByteArray("\xF4\x90\x80\x80"), QByteArray("\xF5\x80\x80\x80"),
              QByteArray("\xE2\x82"), QByteArray("\x80"), QByteArray("\xFF")}) {
            QString encoding;
            hd::chat::decodeText(bad, &encoding);
            QVERIFY2(encoding != "UTF-8", bad.toHex().constData());
        }
        for (const QByteArray &good :
             {QByteArray("\xF0\x9F\x98\x80"), QByteArray("\xF4\x8F\xBF\xBF"),
              QByteArray("\xED\x9F\xBF"), QByteArray("\xC2\x80"), QByteArray("\xEA\xB0\x80")}) {
            QString encoding;
            QCOMPARE(hd::chat::decodeText(good, &encoding), QString::fromUtf8(good));
            QCOMPARE(encoding, QString("UTF-8"));
        }
    }

    // The real export from github.com/zeikar/kakaotalk-viewer (MIT).
    void zeikarExport()
    {
        const QString dir = qEnvironmentVariable("HELPDESK_SHARED_DIR", sourceDir() + "/../shared")
            + "/data/kakao/zeikar";
        if (!QDir(dir).exists())
            QSKIP("the shared zeikar folder is missing");
        const auto result = KakaoParser::parseFile(dir + "/demo-chat-android.txt", seoul());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        const ParsedChat &chat = *result;
        QCOMPARE(chat.format, QString("kakao-android-ko"));
        QCOMPARE(chat.roomTitle, QString("KakaoTalk Viewer 데모방"));
        QCOMPARE(utc(chat.savedAt), QString("2026-04-25 07:40:00"));
        QCOMPARE(chat.problems.size(), 0);
        QCOMPARE(chat.records.size(), 9);
        QSet<QString> senders;
        for (const ChatRecord &r : chat.records) {
            if (r.kind == RecordKind::Message)
                senders.insert(r.sender);
        }
        QCOMPARE(senders, (QSet<QString>{"지민", "나", "수아"}));
        // 오후 3:20 = 15:20 in Seoul = 06:20 UTC.
        QCOMPARE(chat.records.first().sender, QString("지민"));
        QCOMPARE(chat.records.first().at,
                 QDateTime(QDate(2026, 4, 25), QTime(15, 20), QTimeZone("Asia/Seoul")));
        QCOMPARE(utc(chat.records.first().at), QString("2026-04-25 06:20:00"));
        const ChatRecord &invite = chat.records.at(3);
        QCOMPARE(invite.kind, RecordKind::System);
        QCOMPARE(invite.sender, QString());
        QCOMPARE(invite.text, QString("수아님을 초대하였습니다."));
        QCOMPARE(utc(invite.at), QString("2026-04-25 06:22:00"));
        const ChatRecord &multi = chat.records.at(7);
        QCOMPARE(multi.sender, QString("수아"));
        QCOMPARE(multi.text.count('\n'), 1);
        QCOMPARE(multi.lastLine - multi.firstLine + 1, 2);
        QVERIFY(multi.text.endsWith("OG 이미지에 쓰기 딱 좋게."));
        QCOMPARE(chat.records.last().sender, QString("나"));
        QString why;
        QVERIFY2(accountingHolds(chat, &why), qPrintable(why));
    }

    void timeEdges_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("utcTime");
        QTest::newRow("오전 12:00") << "2024년 9월 25일 오전 12:00, A : x"
                                    << "2024-09-24 15:00:00";
        QTest::newRow("오전 12:59") << "2024년 9월 25일 오전 12:59, A : x"
                                    << "2024-09-24 15:59:00";
        QTest::newRow("오전 1:00") << "2024년 9월 25일 오전 1:00, A : x"
                                   << "2024-09-24 16:00:00";
        QTest::newRow("오후 12:00") << "2024년 9월 25일 오후 12:00, A : x"
                                    << "2024-09-25 03:00:00";
        QTest::newRow("오후 2:03") << "2024년 9월 25일 오후 2:03, A : x"
                                   << "2024-09-25 05:03:00";
        QTest::newRow("오후 11:59") << "2024년 9월 25일 오후 11:59, A : x"
                                    << "2024-09-25 14:59:00";
        QTest::newRow("12:05 AM") << "September 25, 2024, 12:05 AM, A : x"
                                  << "2024-09-24 15:05:00";
        QTest::newRow("12:05 PM") << "September 25, 2024, 12:05 PM, A : x"
                                  << "2024-09-25 03:05:00";
        QTest::newRow("U+202F PM")
            << QString("Sep 25, 2024, 2:03\u202FPM, A : x") << "2024-09-25 05:03:00";
        QTest::newRow("12:05am") << "12:05am, September 25, 2024, A : x"
                                 << "2024-09-24 15:05:00";
        QTest::newRow("pc 24h") << "[A] [00:00] x"
                                << "2024-09-24 15:00:00";
        QTest::newRow("pc 오전 12") << "[A] [오전 12:30] x"
                                    << "2024-09-24 15:30:00";
        QTest::newRow("pc 12 PM") << "[A] [12:30 PM] x"
                                  << "2024-09-25 03:30:00";
        QTest::newRow("ios at") << "Sep 25, 2024 at 14:03, A : x"
                                << "2024-09-25 05:03:00";
        QTest::newRow("ios ko") << "2024. 9. 25. 오후 2:03, A : x"
                                << "2024-09-25 05:03:00";
    }

    void timeEdges()
    {
        QFETCH(QString, line);
        QFETCH(QString, utcTime);
        QByteArray data;
        if (line.startsWith('['))
            data = "--------------- 2024년 9월 25일 수요일 ---------------\n";
        data += line.toUtf8() + '\n';
        const auto result = KakaoParser::parse(data, seoul());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->records.size(), 1);
        QCOMPARE(result->records.first().sender, QString("A"));
        QCOMPARE(result->records.first().text, QString("x"));
        QCOMPARE(utc(result->records.first().at), utcTime);
    }

    // The one-hour offset cache must not hide daylight-saving changes.
    void daylightSaving()
    {
        KakaoOptions options;
        options.timeZone = QTimeZone("America/New_York");
        const QByteArray data = "Mar 12, 2016 at 23:30, A : before\n"
                                "Mar 13, 2016 at 01:30, A : standard\n"
                                "Mar 13, 2016 at 01:59, A : standard\n"
                                "Mar 13, 2016 at 03:30, A : daylight\n"
                                "Nov 6, 2016 at 00:30, A : daylight\n"
                                "Nov 6, 2016 at 03:00, A : standard\n";
        const auto result = KakaoParser::parse(data, options);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->format, QString("kakao-ios-en"));
        QStringList got;
        for (const ChatRecord &r : result->records)
            got << utc(r.at);
        QCOMPARE(
            got,
            (QStringList{"2016-03-13 04:30:00", "2016-03-13 06:30:00", "2016-03-13 06:59:00",
                         "2016-03-13 07:30:00", "2016-11-06 04:30:00", "2016-11-06 08:00:00"}));
    }
};

QTEST_GUILESS_MAIN(TestKakaoParser)
#include "tst_kakaoparser.moc"
