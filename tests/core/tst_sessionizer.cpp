// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/sessionizer.h"

#include <QTest>
#include <QTimeZone>

using namespace hd;
using namespace hd::chat;

namespace {
const QDateTime kBase(QDate(2024, 9, 25), QTime(14, 0), QTimeZone::utc());

ChatRecord msg(int minutesAfterBase, const QString &sender, const QString &text, int secs = 0)
{
    ChatRecord r;
    r.kind = RecordKind::Message;
    r.at = kBase.addSecs(minutesAfterBase * 60 + secs);
    r.sender = sender;
    r.text = text;
    return r;
}

ChatRecord sys(int minutesAfterBase, const QString &text)
{
    ChatRecord r = msg(minutesAfterBase, QString(), text);
    r.kind = RecordKind::System;
    return r;
}

QList<int> sizes(const QList<Session> &s)
{
    QList<int> out;
    for (const Session &x : s)
        out << int(x.records.size());
    return out;
}
} // namespace

class TestSessionizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitsOnlyAboveTheGap_data()
    {
        QTest::addColumn<int>("gapSeconds");
        QTest::addColumn<int>("pauseSeconds");
        QTest::addColumn<int>("sessions");
        QTest::newRow("30 min gap, pause 29:59") << 1800 << 1799 << 1;
        QTest::newRow("30 min gap, pause exactly 30:00") << 1800 << 1800 << 1;
        QTest::newRow("30 min gap, pause 30:01") << 1800 << 1801 << 2;
        QTest::newRow("1 h gap, pause 59 min") << 3600 << 3540 << 1;
        QTest::newRow("1 h gap, pause 61 min") << 3600 << 3660 << 2;
        QTest::newRow("zero gap, same second") << 0 << 0 << 1;
        QTest::newRow("zero gap, next second") << 0 << 1 << 2;
    }

    void splitsOnlyAboveTheGap()
    {
        QFETCH(int, gapSeconds);
        QFETCH(int, pauseSeconds);
        QFETCH(int, sessions);
        SessionizerOptions o;
        o.gapSeconds = gapSeconds;
        const QList<ChatRecord> records{msg(0, "김철수", "문의드립니다"),
                                        msg(0, "김철수", "다시 문의", pauseSeconds)};
        QCOMPARE(sessionize(records, o).size(), sessions);
    }

    void acrossMidnightAndDaySeparators()
    {
        // 23:50 and 00:10 local are 20 minutes apart: one conversation although the export
        // printed a day separator between them (separators are not records).
        SessionizerOptions o;
        const QList<ChatRecord> records{msg(590, "Jane", "still there?"),
                                        msg(610, "회원님", "yes!")};
        const auto s = sessionize(records, o);
        QCOMPARE(s.size(), 1);
        QCOMPARE(s.first().createdAt.secsTo(s.first().lastAt), 1200);
    }

    void inboundOutboundAndPeople()
    {
        SessionizerOptions o;
        o.businessSenders = {"상담사 B"};
        const QList<ChatRecord> records{
            msg(0, "김철수", "제품 A 사용법 문의드립니다"), // inbound session
            msg(2, "상담사 B", "안녕하세요, 어떤 부분이 궁금하신가요?"),
            msg(3, "김철수", "설정 화면이 안 열려요"),
            msg(200, "회원님", "지난번 문의 해결되셨나요?"), // outbound: the business spoke first
            msg(210, "김철수", "네 감사합니다"),
        };
        const auto s = sessionize(records, o);
        QCOMPARE(sizes(s), (QList<int>{3, 2}));
        QCOMPARE(s[0].direction, Direction::Inbound);
        QCOMPARE(s[0].requester, QString("김철수"));
        QCOMPARE(s[0].assignee, QString("상담사 B"));
        QCOMPARE(s[0].firstResponseAt, kBase.addSecs(120));
        QCOMPARE(s[1].direction, Direction::Outbound);
        QCOMPARE(s[1].requester, QString("김철수"));
        QVERIFY(s[1].assignee.isEmpty()); // the exporting user is the channel, not an agent
        QCOMPARE(s[1].firstResponseAt, s[1].createdAt);
        QCOMPARE(s[1].messageCount, 2);
    }

    void customerOnlySessionHasNoFirstResponse()
    {
        SessionizerOptions o;
        const auto s = sessionize({msg(0, "Jane", "hello?"), msg(5, "Jane", "anyone?")}, o);
        QCOMPARE(s.size(), 1);
        QVERIFY(!s.first().firstResponseAt.isValid());
        QCOMPARE(s.first().direction, Direction::Inbound);
    }

    void systemLinesJoinTheirConversation()
    {
        SessionizerOptions o;
        const QList<ChatRecord> records{
            sys(0, "김철수님을 초대하였습니다."), // before any message: joins the first session
            msg(1, "김철수", "안녕하세요"),       sys(2, "삭제된 메시지입니다."),
            msg(300, "김철수", "또 문의"),        sys(301, "김철수님이 나갔습니다."),
        };
        const auto s = sessionize(records, o);
        QCOMPARE(sizes(s), (QList<int>{3, 2}));
        QCOMPARE(s[0].records, (QList<int>{0, 1, 2}));
        QCOMPARE(s[1].records, (QList<int>{3, 4}));
        QCOMPARE(s[0].messageCount, 1);
        // every record is in exactly one session
        int covered = 0;
        for (const Session &x : s)
            covered += int(x.records.size());
        QCOMPARE(covered, int(records.size()));
    }

    void onlySystemLinesMakeNoSession()
    {
        const auto s = sessionize({sys(0, "A님이 들어왔습니다.")}, SessionizerOptions{});
        QVERIFY(s.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSessionizer)
#include "tst_sessionizer.moc"
