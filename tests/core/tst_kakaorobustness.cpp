// SPDX-License-Identifier: GPL-3.0-or-later
// The KakaoTalk parser on bad and large input: problems with line numbers, garbage and
// mutations never crash and account for every line, huge lines, progress and cancel, and a large
// export parsed in two halves gives the very same result.
#include "kakaotestsupport.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

using namespace kakaotest;

class TestKakaoRobustness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void problems()
    {
        // A line before any record, and one after a date line outside every message.
        const QByteArray data = "이것은 제목이 아닙니다\n"
                                "2021년 12월 29일 오후 8:36, 김철수 : 안녕\n"
                                "\n"
                                "2021년 12월 30일 오전 9:00\n"
                                "떠도는 줄\n"
                                "2021년 12월 30일 오전 9:01, 김철수 : 다음 날\n";
        const auto result = KakaoParser::parse(data, seoul());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->problems.size(), 2);
        QCOMPARE(result->problems.at(0).line, 1);
        QCOMPARE(result->problems.at(0).text, QString("이것은 제목이 아닙니다"));
        QVERIFY(!result->problems.at(0).reason.isEmpty());
        QCOMPARE(result->problems.at(1).line, 5);
        QCOMPARE(result->records.size(), 2);
        QCOMPARE(result->records.first().lastLine, 3); // the blank line belongs to it
        QCOMPARE(result->records.first().text, QString("안녕"));
        QCOMPARE(result->headerLines, 1);
        QString why;
        QVERIFY2(accountingHolds(*result, &why), qPrintable(why));
    }

    void csvProblems()
    {
        // A row without a valid date and an unterminated quote: reported, the rest still read.
        const QByteArray data = "Date,User,Message\n"
                                "2015-07-09 20:34:26,A,one\n"
                                "yesterday,B,two\n"
                                "2015-07-09 20:35:00,C,\"never closed\n"
                                "2015-07-09 20:36:00,D,after\n";
        const auto result = KakaoParser::parse(data, seoul());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->format, QString("kakao-mac-csv"));
        QCOMPARE(result->problems.size(), 2);
        QCOMPARE(result->problems.at(0).line, 3);
        QCOMPARE(result->problems.at(1).line, 4);
        QCOMPARE(result->records.size(), 2);
        QCOMPARE(result->records.at(1).sender, QString("D"));
        QCOMPARE(result->records.at(1).firstLine, 5);
        QString why;
        QVERIFY2(accountingHolds(*result, &why), qPrintable(why));
    }

    void errors()
    {
        auto check = [](const QByteArray &data, const KakaoOptions &options = {}) {
            const auto result = KakaoParser::parse(data, options);
            QVERIFY(!result.ok());
            QCOMPARE(result.errorCode(), ErrorCode::InvalidArgument);
            QVERIFY(!result.errorMessage().isEmpty());
        };
        check({});
        check("\xEF\xBB\xBF");
        check("\n\n \r\n");
        check("hello world\nthis is not a chat\n");
        check("상담채널 님과 카카오톡 대화\n"); // a title alone names no layout
        KakaoOptions bad;
        bad.format = "kakao-fax";
        check("2021년 12월 29일 오후 8:36, 김철수 : 안녕\n", bad);
        const auto missing = KakaoParser::parseFile("/nonexistent/kakao.txt");
        QCOMPARE(missing.errorCode(), ErrorCode::NotFound);
    }

    void onlyHeader()
    {
        const QByteArray data
            = "상담채널 님과 카카오톡 대화\n저장한 날짜 : 2021년 12월 18일 오후 7:17\n\n";
        const auto result = KakaoParser::parse(data, seoul());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->format, QString("kakao-android-ko"));
        QCOMPARE(result->records.size(), 0);
        QCOMPARE(result->headerLines, 3);
        QString why;
        QVERIFY2(accountingHolds(*result, &why), qPrintable(why));
    }

    void garbage()
    {
        QRandomGenerator random(20240925);
        QString why;
        for (int round = 0; round < 300; ++round) {
            QByteArray data(random.bounded(0, 3000), Qt::Uninitialized);
            for (char &c : data)
                c = char(random.bounded(256));
            QVERIFY2(robust(data, &why), qPrintable(QString::number(round) + ": " + why));
        }
        // Mutations of the real layouts: flipped bytes, inserted separators, cut files.
        const QByteArray alphabet = "\n\r\"[], :-0123456789\xEA\xB0\x80\xEF\xBB\xBF";
        for (const QString &file : kLayoutFiles) {
            const QByteArray original = readData(file);
            const auto detected = KakaoParser::parse(original, seoul());
            QVERIFY2(detected.ok(), qPrintable(file));
            for (int round = 0; round < 150; ++round) {
                QByteArray data = original;
                const int edits = random.bounded(1, 12);
                for (int e = 0; e < edits && !data.isEmpty(); ++e) {
                    const int at = random.bounded(int(data.size()));
                    switch (random.bounded(4)) {
                    case 0:
                        data[at] = alphabet.at(random.bounded(int(alphabet.size())));
                        break;
                    case 1:
                        data.insert(at, alphabet.at(random.bounded(int(alphabet.size()))));
                        break;
                    case 2:
                        data.remove(at, random.bounded(1, 20));
                        break;
                    default:
                        data.truncate(at);
                        break;
                    }
                }
                QVERIFY2(robust(data, &why), qPrintable(file + ": " + why));
                KakaoOptions forced;
                forced.format = detected->format;
                QVERIFY2(robust(data, &why, forced), qPrintable(file + " forced: " + why));
            }
        }
    }

    void hugeLines()
    {
        const int size = 10 * 1024 * 1024;
        QElapsedTimer timer;

        timer.start();
        QByteArray body = "2024년 9월 25일 오후 2:03, 김철수 : " + QByteArray(size, 'a') + '\n';
        auto result = KakaoParser::parse(body, seoul());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->records.size(), 1);
        QCOMPARE(result->records.first().text.size(), size);
        qInfo("10 MB message line: %lld ms", timer.elapsed());

        timer.restart();
        QByteArray brackets = "[";
        while (brackets.size() < size)
            brackets += "] [x";
        KakaoOptions pc;
        pc.format = "kakao-pc-ko";
        QString why;
        QVERIFY2(robust(brackets, &why, pc), qPrintable(why));
        QVERIFY2(robust(brackets, &why), qPrintable(why));
        qInfo("10 MB of \"] [\": %lld ms", timer.elapsed());

        timer.restart();
        QByteArray colons = "2024년 9월 25일 오후 2:03, ";
        while (colons.size() < size)
            colons += " :: ,";
        QVERIFY2(robust(colons, &why), qPrintable(why));
        QByteArray quotes(size, '"');
        QVERIFY2(robust("Date,User,Message\n" + quotes, &why), qPrintable(why));
        const int newlineCount = 2 * 1024 * 1024;
        QByteArray newlines
            = "2024년 9월 25일 오후 2:03, 김철수 : x" + QByteArray(newlineCount, '\n');
        result = KakaoParser::parse(newlines, seoul());
        QVERIFY(result.ok());
        QCOMPARE(result->records.size(), 1);
        QCOMPARE(result->headerLines, newlineCount - 1);
        qInfo("10 MB adversarial inputs: %lld ms", timer.elapsed());
    }

    void progressAndCancel()
    {
        const QByteArray data = androidLines(50000);
        qint64 lastDone = -1;
        qint64 lastTotal = -1;
        int calls = 0;
        bool monotonic = true;
        auto result = KakaoParser::parse(data, seoul(), [&](qint64 done, qint64 total) {
            monotonic = monotonic && done >= lastDone;
            lastDone = done;
            lastTotal = total;
            ++calls;
            return true;
        });
        QVERIFY(result.ok());
        QVERIFY(monotonic);
        QVERIFY(calls >= 3);
        QCOMPARE(lastDone, lastTotal);
        QCOMPARE(lastTotal, qint64(result->totalLines));

        result
            = KakaoParser::parse(data, seoul(), [](qint64 done, qint64) { return done < 20000; });
        QVERIFY(!result.ok());
        QCOMPARE(result.errorCode(), ErrorCode::Conflict);
        QVERIFY(result.errorMessage().contains("cancelled"));
    }

    // No timing assertion: the elapsed time is printed for information.
    void speed()
    {
        const int records = qEnvironmentVariableIntValue("HELPDESK_KAKAO_BENCH_LINES") > 0
            ? qEnvironmentVariableIntValue("HELPDESK_KAKAO_BENCH_LINES")
            : 200000;
        const QByteArray data = androidLines(records);
        QElapsedTimer timer;
        timer.start();
        const auto result = KakaoParser::parse(data, seoul());
        const qint64 ms = timer.elapsed();
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->records.size(), records);
        QCOMPARE(result->problems.size(), 0);
        QCOMPARE(result->format, QString("kakao-android-ko"));
        qInfo("parsed %d lines (%.1f MB) in %lld ms", result->totalLines,
              double(data.size()) / (1024 * 1024), ms);
        QString why;
        QVERIFY2(accountingHolds(*result, &why), qPrintable(why));
    }

    // A large export (days, multi-line messages, blank lines, stray lines) parsed in two halves
    // on two threads gives exactly what one pass gives: records, problems, header lines.
    void largeExportParsedInHalves()
    {
        QByteArray data
            = "상담채널 님과 카카오톡 대화\n저장한 날짜 : 2024년 9월 25일 오후 7:17\n\n";
        QRandomGenerator rng(11);
        QDate day(2023, 1, 1);
        int lines = 3;
        while (lines < 220000) {
            day = day.addDays(1);
            const QByteArray date = QByteArray::number(day.year()) + "년 "
                + QByteArray::number(day.month()) + "월 " + QByteArray::number(day.day()) + "일 ";
            data += date + "오전 9:00\n";
            ++lines;
            for (int m = 0; m < 120; ++m, ++lines) {
                const int minute = m % 60;
                data += date + (m < 60 ? "오전 10:" : "오후 2:") + (minute < 10 ? "0" : "")
                    + QByteArray::number(minute) + ", " + (m % 3 ? "김철수" : "회원님")
                    + " : 배송 문의 " + QByteArray::number(rng.bounded(1000)) + "\n";
                if (rng.bounded(10) == 0) {
                    data += "\n둘째 줄\n";
                    lines += 2;
                }
            }
        }
        KakaoOptions whole = seoul();
        whole.splitFromLines = 0;
        const auto one = KakaoParser::parse(data, whole);
        const auto two = KakaoParser::parse(data, seoul());
        QVERIFY2(one.ok() && two.ok(), qPrintable(one.errorMessage() + two.errorMessage()));
        QVERIFY(one->totalLines >= seoul().splitFromLines);
        QCOMPARE(two->records.size(), one->records.size());
        for (qsizetype i = 0; i < one->records.size(); ++i)
            QCOMPARE(describe(two->records[i]), describe(one->records[i]));
        QCOMPARE(two->problems.size(), one->problems.size());
        QCOMPARE(two->headerLines, one->headerLines);
        QString why;
        QVERIFY2(accountingHolds(*two, &why), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestKakaoRobustness)
#include "tst_kakaorobustness.moc"
