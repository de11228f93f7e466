// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/channeltalk.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using hd::ErrorCode;
using hd::chat::ChannelTalkChat;
using hd::chat::ChannelTalkExport;
using hd::chat::ChannelTalkParser;
using hd::chat::ChannelTalkPerson;
using hd::chat::Media;
using hd::chat::RecordKind;

namespace {

constexpr qint64 kBase = 1727240400000LL; // 2024-09-25T05:00:00Z, the data files' time origin
constexpr qint64 kMinute = 60000;

QString dataPath(const QString &name)
{
    return qEnvironmentVariable("HELPDESK_SOURCE_DIR") + "/tests/data/channeltalk/" + name;
}

QByteArray readData(const QString &name)
{
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray compact(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
}

/// The named files as one input: "array" = a JSON array of the documents, "lines" = JSON Lines.
QByteArray combine(const QStringList &files, const QString &how)
{
    if (files.size() == 1 && how == "single")
        return readData(files.first());
    if (how == "array") {
        QJsonArray docs;
        for (const QString &f : files)
            docs.append(QJsonDocument::fromJson(readData(f)).object());
        return QJsonDocument(docs).toJson(QJsonDocument::Indented);
    }
    QByteArray out;
    for (const QString &f : files)
        out += compact(readData(f)) + '\n';
    return out;
}

ChannelTalkExport parseOk(const QByteArray &json)
{
    auto result = ChannelTalkParser::parse(json);
    if (!result)
        qFatal("parse failed: %s", qPrintable(result.errorMessage()));
    return std::move(result).value();
}

const ChannelTalkChat *findChat(const ChannelTalkExport &e, const QString &id)
{
    for (const ChannelTalkChat &c : e.chats)
        if (c.id == id)
            return &c;
    return nullptr;
}

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

QStringList texts(const ChannelTalkChat &c)
{
    QStringList out;
    for (const auto &m : c.messages)
        out << m.text;
    return out;
}

int messageCount(const ChannelTalkExport &e)
{
    int n = 0;
    for (const ChannelTalkChat &c : e.chats) {
        n += int(c.messages.size());
        if (c.messages.size() != c.senderKinds.size())
            return -1;
    }
    return n;
}

} // namespace

class TestChannelTalk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data();
    void counts();
    void listResponse();
    void paging_data();
    void paging();
    void webhooks();
    void duplicates();
    void blocks();
    void filesAndRemoved();
    void epochMs_data();
    void epochMs();
    void malformed_data();
    void malformed();
    void badRecords();
    void jsonLines();
    void unknownDocuments();
    void parseFile();
    void largeDocument();
};

void TestChannelTalk::counts_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("chats");
    QTest::addColumn<int>("messages");
    QTest::addColumn<int>("people");
    QTest::addColumn<int>("problems");

    QTest::newRow("page 1") << QStringList{"list_page1.json"} << "single" << 2 << 5 << 3 << 0;
    QTest::newRow("page 2 only: synthesized chat")
        << QStringList{"list_page2.json"} << "single" << 1 << 3 << 0 << 0;
    QTest::newRow("pages as array")
        << QStringList{"list_page1.json", "list_page2.json"} << "array" << 2 << 7 << 3 << 0;
    QTest::newRow("pages as lines")
        << QStringList{"list_page1.json", "list_page2.json"} << "lines" << 2 << 7 << 3 << 0;
    QTest::newRow("webhook user") << QStringList{"webhook_user.json"} << "single" << 1 << 1 << 1
                                  << 0;
    QTest::newRow("webhooks") << QStringList{"webhook_user.json", "webhook_manager.json"} << "array"
                              << 1 << 2 << 2 << 0;
    QTest::newRow("blocks") << QStringList{"blocks.json"} << "single" << 1 << 2 << 1 << 0;
    QTest::newRow("files") << QStringList{"files.json"} << "single" << 1 << 4 << 0 << 0;
    QTest::newRow("bad records") << QStringList{"bad_records.json"} << "single" << 1 << 1 << 0
                                 << 12;
    QTest::newRow("json lines") << QStringList{"webhooks.jsonl"} << "single" << 1 << 3 << 1 << 1;
    QTest::newRow("everything") << QStringList{"list_page1.json",   "list_page2.json",
                                               "webhook_user.json", "webhook_manager.json",
                                               "blocks.json",       "files.json"}
                                << "lines" << 5 << 15 << 6 << 0;
}

void TestChannelTalk::counts()
{
    QFETCH(QStringList, files);
    QFETCH(QString, how);
    QFETCH(int, chats);
    QFETCH(int, messages);
    QFETCH(int, people);
    QFETCH(int, problems);
    const ChannelTalkExport e = parseOk(combine(files, how));
    QCOMPARE(e.chats.size(), chats);
    QCOMPARE(messageCount(e), messages);
    QCOMPARE(e.people.size(), people);
    QCOMPARE(e.problems.size(), problems);
    for (const ChannelTalkChat &c : e.chats) {
        QVERIFY(!c.id.isEmpty());
        for (int i = 1; i < c.messages.size(); ++i)
            QVERIFY(c.messages.at(i - 1).at <= c.messages.at(i).at);
    }
}

void TestChannelTalk::listResponse()
{
    const ChannelTalkExport e = parseOk(readData("list_page1.json"));
    QCOMPARE(e.chats.size(), 2);
    const ChannelTalkChat &a = e.chats.at(0);
    QCOMPARE(a.id, "66f39a1c4a0e2b1f3c5d7e90");
    QCOMPARE(a.userId, "66f39a0b8c1d2e3f40516273");
    QCOMPARE(a.state, "opened");
    QCOMPARE(a.assigneeId, "mgr-1021");
    QCOMPARE(a.teamId, "team-cs");
    QCOMPARE(a.tags, (QStringList{"결제", "환불"}));
    QCOMPARE(a.name, "카드 이중 결제");
    QCOMPARE(a.description, "9월 25일 결제 건");
    QCOMPARE(a.createdAt, utc(kBase));
    QCOMPARE(a.createdAt.toString(Qt::ISODate), "2024-09-25T05:00:00Z");
    QCOMPARE(a.openedAt, utc(kBase + 30000));
    QCOMPARE(a.updatedAt, utc(kBase + 10 * kMinute));
    QVERIFY(a.closedAt.isNull());

    // The API lists newest first; the chat holds them in time order.
    QCOMPARE(texts(a),
             (QStringList{"안녕하세요, 결제 문의드립니다.", "카드 결제가 두 번 됐어요",
                          "확인해 보겠습니다. 잠시만 기다려 주세요."}));
    QCOMPARE(a.senderKinds, (QList<QString>{"user", "user", "manager"}));
    QCOMPARE(a.messages.at(0).sender, "66f39a0b8c1d2e3f40516273");
    QCOMPARE(a.messages.at(2).sender, "mgr-1021");
    QCOMPARE(a.messages.at(2).at.toString(Qt::ISODate), "2024-09-25T05:03:00Z");
    for (const auto &m : a.messages) {
        QCOMPARE(m.kind, RecordKind::Message);
        QCOMPARE(m.media, Media::None);
        QCOMPARE(m.firstLine, 0);
    }

    const ChannelTalkChat &b = e.chats.at(1);
    QCOMPARE(b.state, "closed");
    QVERIFY(b.tags.isEmpty());
    QCOMPARE(b.closedAt, utc(kBase - 86400000 + 20 * kMinute));
    QVERIFY(b.teamId.isEmpty());
    QCOMPARE(b.messages.size(), 2);

    const ChannelTalkPerson user = e.people.value("66f39a0b8c1d2e3f40516273");
    QCOMPARE(user.kind, ChannelTalkPerson::Kind::User);
    QCOMPARE(user.name, "김민지");
    QCOMPARE(user.email, "minji.kim@example.com");
    QCOMPARE(user.phone, "+821012345678");
    const ChannelTalkPerson jun = e.people.value("66f39a0b8c1d2e3f40516274");
    QCOMPARE(jun.name, "Lee Jun");
    QCOMPARE(jun.email, "jun.lee@example.org");
    const ChannelTalkPerson manager = e.people.value("mgr-1021");
    QCOMPARE(manager.kind, ChannelTalkPerson::Kind::Manager);
    QCOMPARE(manager.name, "박상담");
    QCOMPARE(manager.email, "sangdam.park@example.com");
    QCOMPARE(manager.phone, "+821099998888");
}

void TestChannelTalk::paging_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("how");
    QTest::newRow("array") << QStringList{"list_page1.json", "list_page2.json"} << "array";
    QTest::newRow("lines") << QStringList{"list_page1.json", "list_page2.json"} << "lines";
    QTest::newRow("page 2 first") << QStringList{"list_page2.json", "list_page1.json"} << "array";
}

void TestChannelTalk::paging()
{
    QFETCH(QStringList, files);
    QFETCH(QString, how);
    const ChannelTalkExport e = parseOk(combine(files, how));
    const ChannelTalkChat *a = findChat(e, "66f39a1c4a0e2b1f3c5d7e90");
    QVERIFY(a);
    QCOMPARE(texts(*a),
             (QStringList{"안녕하세요, 결제 문의드립니다.", "카드 결제가 두 번 됐어요",
                          "확인해 보겠습니다. 잠시만 기다려 주세요.",
                          "중복 결제 건은 취소 처리했습니다. 3~5 영업일 내 환불됩니다.",
                          "네 감사합니다"}));
    QCOMPARE(a->senderKinds, (QList<QString>{"user", "user", "manager", "manager", "user"}));
    // The chat's fields survive even when its messages were seen first.
    QCOMPARE(a->state, "opened");
    QCOMPARE(a->tags.size(), 2);
    QCOMPARE(a->messages.last().at, utc(kBase + 5 * kMinute));
}

void TestChannelTalk::webhooks()
{
    const ChannelTalkExport user = parseOk(readData("webhook_user.json"));
    QCOMPARE(user.chats.size(), 1);
    const ChannelTalkChat &c = user.chats.first();
    QCOMPARE(c.id, "66f3b2004a0e2b1f3c5d8000");
    QCOMPARE(c.userId, "66f39a0b8c1d2e3f40516275");
    QCOMPARE(c.state, "opened");
    QCOMPARE(c.createdAt, utc(kBase + 59 * kMinute));
    QCOMPARE(texts(c), QStringList{"배송지 변경 가능할까요?"});
    QCOMPARE(c.senderKinds, QList<QString>{"user"});
    const ChannelTalkPerson p = user.people.value("66f39a0b8c1d2e3f40516275");
    QCOMPARE(p.name, "최서연");
    QCOMPARE(p.phone, "+821055554444");
    QVERIFY(p.email.isEmpty());

    const ChannelTalkExport both
        = parseOk(combine({"webhook_user.json", "webhook_manager.json"}, "array"));
    QCOMPARE(both.chats.size(), 1);
    const ChannelTalkChat &m = both.chats.first();
    QCOMPARE(m.senderKinds, (QList<QString>{"user", "manager"}));
    QCOMPARE(m.messages.at(1).sender, "mgr-2040");
    QCOMPARE(m.assigneeId, "mgr-2040"); // from the later refers.userChat
    QCOMPARE(m.userId, "66f39a0b8c1d2e3f40516275"); // kept from the earlier one
    QCOMPARE(m.createdAt, utc(kBase + 59 * kMinute)); // not erased by a partial record
    QCOMPARE(m.updatedAt, utc(kBase + 62 * kMinute));
    const ChannelTalkPerson manager = both.people.value("mgr-2040");
    QCOMPARE(manager.kind, ChannelTalkPerson::Kind::Manager);
    QCOMPARE(manager.name, "정하늘");
    QCOMPARE(manager.email, "haneul.jung@example.com");
}

void TestChannelTalk::duplicates()
{
    // The same page twice gives the same result as once.
    const QByteArray page = compact(readData("list_page1.json"));
    const ChannelTalkExport once = parseOk(page);
    const ChannelTalkExport twice = parseOk(page + '\n' + page + '\n');
    QCOMPARE(messageCount(twice), messageCount(once));
    QCOMPARE(twice.chats.size(), once.chats.size());
    QCOMPARE(texts(twice.chats.first()), texts(once.chats.first()));

    // A later copy of a message (an edit or a removal) wins.
    const QByteArray edited
        = "{\"messages\":[{\"id\":\"m1\",\"chatId\":\"c1\",\"personType\":\"user\",\"createdAt\":"
          "1727240580000,\"plainText\":\"first\"}]}\n"
          "{\"messages\":[{\"id\":\"m1\",\"chatId\":\"c1\",\"personType\":\"user\",\"createdAt\":"
          "1727240580000,\"plainText\":\"second\"}]}\n";
    const ChannelTalkExport e = parseOk(edited);
    QCOMPARE(texts(e.chats.first()), QStringList{"second"});
    QCOMPARE(e.chats.first().messages.first().firstLine, 2);
}

void TestChannelTalk::blocks()
{
    const ChannelTalkExport e = parseOk(readData("blocks.json"));
    QCOMPARE(e.chats.size(), 1);
    const ChannelTalkChat &c = e.chats.first();
    QCOMPARE(c.id, "chat-blocks");
    QCOMPARE(c.messages.size(), 2);
    QCOMPARE(c.messages.at(0).text,
             QString("비밀번호 재설정 방법:\n"
                     "• 로그인 화면에서 '비밀번호 찾기'\n"
                     "• 본인 인증\n"
                     "  • 휴대폰\n"
                     "  • 이메일\n"
                     "• 새 비밀번호 입력\n"
                     "curl -X POST https://api.example.com/reset"));
    QCOMPARE(c.senderKinds.at(0), "bot");
    QCOMPARE(c.messages.at(0).sender, "bot-7");
    QCOMPARE(c.messages.at(1).text, "plainText wins");
    const ChannelTalkPerson bot = e.people.value("bot-7");
    QCOMPARE(bot.kind, ChannelTalkPerson::Kind::Bot);
    QCOMPARE(bot.name, "채널봇");

    // Ill-typed parts of blocks are ignored, not fatal.
    const ChannelTalkExport odd = parseOk(
        "{\"messages\":[{\"id\":\"m\",\"chatId\":\"c\",\"personType\":\"user\",\"createdAt\":"
        "1727240580000,\"blocks\":[1,{\"type\":\"text\",\"value\":7},{\"type\":\"text\","
        "\"value\":\"ok\",\"blocks\":\"x\"}]}]}");
    QCOMPARE(odd.problems.size(), 0);
    QCOMPARE(texts(odd.chats.first()), QStringList{"ok"});
}

void TestChannelTalk::filesAndRemoved()
{
    const ChannelTalkExport e = parseOk(readData("files.json"));
    const ChannelTalkChat &c = e.chats.first();
    QCOMPARE(c.messages.size(), 4);
    QCOMPARE(c.messages.at(0).kind, RecordKind::Message);
    QCOMPARE(c.messages.at(0).media, Media::File);
    QCOMPARE(c.messages.at(0).text, "파일: 영수증.pdf, screenshot.png");
    QCOMPARE(c.messages.at(1).media, Media::File);
    QCOMPARE(c.messages.at(1).text, "주문 내역 첨부합니다\n파일: order.xlsx");
    QCOMPARE(c.messages.at(2).kind, RecordKind::System);
    QCOMPARE(c.messages.at(2).media, Media::Deleted);
    QCOMPARE(c.messages.at(2).sender, "mgr-1021");
    QVERIFY(c.messages.at(2).text.isEmpty());
    QCOMPARE(c.senderKinds.at(2), "manager");
    QCOMPARE(c.messages.at(3).kind, RecordKind::Message);
    QCOMPARE(c.messages.at(3).media, Media::None);
    QCOMPARE(c.messages.at(3).text, "확인했습니다");
}

void TestChannelTalk::epochMs_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected"); // ISO time, or empty when the record is a problem

    QTest::newRow("2024-09-25T05:03:00Z") << QByteArray("1727240580000") << "2024-09-25T05:03:00Z";
    QTest::newRow("milliseconds kept") << QByteArray("1727240580123") << "2024-09-25T05:03:00.123Z";
    QTest::newRow("exponent form") << QByteArray("1.72724058e12") << "2024-09-25T05:03:00Z";
    QTest::newRow("2000-01-01") << QByteArray("946684800000") << "2000-01-01T00:00:00Z";
    QTest::newRow("seconds") << QByteArray("1727240580") << "";
    QTest::newRow("microseconds") << QByteArray("1727240580000000") << "";
    QTest::newRow("negative") << QByteArray("-1727240580000") << "";
    QTest::newRow("zero") << QByteArray("0") << "";
    QTest::newRow("fraction") << QByteArray("1727240580000.5") << "";
    QTest::newRow("string") << QByteArray("\"1727240580000\"") << "";
    QTest::newRow("iso string") << QByteArray("\"2024-09-25T05:03:00Z\"") << "";
    QTest::newRow("bool") << QByteArray("true") << "";
    QTest::newRow("huge") << QByteArray("1e300") << "";
}

void TestChannelTalk::epochMs()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    const QByteArray json = "{\"userChats\":[{\"id\":\"c\",\"openedAt\":" + value
        + "}],\"messages\":[{\"id\":\"m\",\"chatId\":\"d\",\"personType\":\"user\","
          "\"createdAt\":"
        + value + "}]}";
    const ChannelTalkExport e = parseOk(json);
    if (expected.isEmpty()) {
        QCOMPARE(e.problems.size(), 2);
        QVERIFY(e.chats.isEmpty());
        for (const auto &p : e.problems) {
            QCOMPARE(p.line, 0);
            QVERIFY2(p.reason.contains("epoch milliseconds"), qPrintable(p.reason));
            QVERIFY(!p.text.isEmpty());
        }
        return;
    }
    QCOMPARE(e.problems.size(), 0);
    QCOMPARE(e.chats.size(), 2);
    QCOMPARE(e.chats.at(0).openedAt.toString(Qt::ISODateWithMs).replace(".000Z", "Z"), expected);
    QCOMPARE(e.chats.at(0).openedAt.timeSpec(), Qt::UTC);
    QCOMPARE(e.chats.at(1).messages.first().at.toString(Qt::ISODateWithMs).replace(".000Z", "Z"),
             expected);
}

void TestChannelTalk::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // must appear in the message

    QTest::newRow("file") << readData("malformed.json") << "line 3";
    QTest::newRow("truncated") << QByteArray("{\"messages\":[{\"id\":\"m1\"") << "byte 23";
    QTest::newRow("bare word") << QByteArray("{\"next\": nope}") << "byte 11 (line 1, column 12)";
    QTest::newRow("scalar") << QByteArray("42") << "byte 1 ";
    QTest::newRow("empty") << QByteArray("") << "no JSON";
    QTest::newRow("blank") << QByteArray(" \n\t\n") << "no JSON";
    QTest::newRow("bad second line")
        << QByteArray("{\"messages\":[]}\n{\"messages\":[}\n") << "line 2";
    QTest::newRow("bad third line after blank")
        << QByteArray("{\"users\":[]}\n\n{\"users\":\n") << "line 3";
}

void TestChannelTalk::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto result = ChannelTalkParser::parse(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorCode(), ErrorCode::InvalidArgument);
    QVERIFY2(result.errorMessage().contains(expected), qPrintable(result.errorMessage()));
    if (!json.trimmed().isEmpty())
        QVERIFY2(result.errorMessage().contains("byte "), qPrintable(result.errorMessage()));
}

void TestChannelTalk::badRecords()
{
    const ChannelTalkExport e = parseOk(readData("bad_records.json"));
    QCOMPARE(e.problems.size(), 12);
    for (const auto &p : e.problems) {
        QCOMPARE(p.line, 0);
        QVERIFY(!p.reason.isEmpty());
        QVERIFY(!p.text.isEmpty());
        QVERIFY(p.text.size() <= 200);
    }
    const auto reasonFor = [&](const QString &textPart) {
        for (const auto &p : e.problems)
            if (p.text.contains(textPart))
                return p.reason;
        return QString();
    };
    QVERIFY(reasonFor("\"channelId\":\"chn-48213\"").contains("\"id\""));
    QVERIFY(reasonFor("chat-bad-time").contains("createdAt"));
    QVERIFY(reasonFor("iso time").contains("epoch milliseconds"));
    QVERIFY(reasonFor("numeric id").contains("\"id\""));
    QVERIFY(reasonFor("msg-x3").contains("plainText"));
    QVERIFY(reasonFor("visitor").contains("personType"));
    QVERIFY(reasonFor("team chat").contains("group"));
    QVERIFY(reasonFor("fractional").contains("createdAt"));
    QVERIFY(reasonFor("not an object").contains("object"));
    QVERIFY(reasonFor("not an array").contains("managers"));

    // Only the good records remain; the chat with a bad time is not invented from it.
    QCOMPARE(e.chats.size(), 1);
    QCOMPARE(e.chats.first().id, "chat-ok");
    QCOMPARE(e.chats.first().state, "closed");
    QCOMPARE(texts(e.chats.first()), QStringList{"the good one"});
    QVERIFY(e.people.isEmpty());
}

void TestChannelTalk::jsonLines()
{
    const ChannelTalkExport e = parseOk(readData("webhooks.jsonl"));
    QCOMPARE(e.chats.size(), 1);
    const ChannelTalkChat &c = e.chats.first();
    QCOMPARE(c.state, "closed");
    QCOMPARE(c.closedAt, utc(kBase + 4 * kMinute));
    QCOMPARE(c.messages.size(), 3);
    QCOMPARE(c.messages.at(0).firstLine, 1);
    QCOMPARE(c.messages.at(1).firstLine, 2);
    QCOMPARE(c.messages.at(1).lastLine, 2);
    QCOMPARE(c.messages.at(2).firstLine, 3);
    QVERIFY(c.messages.at(2).text.isEmpty()); // no body at all is still a message
    QCOMPARE(c.messages.at(2).sender, "user-l"); // no personId: the chat's one user
    QCOMPARE(e.problems.size(), 1);
    QCOMPARE(e.problems.first().line, 5);
    QVERIFY(e.problems.first().reason.contains("\"id\""));
    QCOMPARE(e.people.value("mgr-1021").kind, ChannelTalkPerson::Kind::Manager);

    // CRLF line ends and a byte order mark are accepted.
    QByteArray crlf = "\xEF\xBB\xBF" + readData("webhooks.jsonl");
    crlf.replace("\n", "\r\n");
    const ChannelTalkExport e2 = parseOk(crlf);
    QCOMPARE(messageCount(e2), 3);
    QCOMPARE(e2.problems.size(), 1);
    QCOMPARE(e2.problems.first().line, 5);
}

void TestChannelTalk::unknownDocuments()
{
    const ChannelTalkExport e = parseOk(
        "[1, {\"hello\":\"world\"}, {\"event\":\"push\",\"type\":\"session\",\"entity\":{}},"
        " {\"userChats\":[]}, {\"event\":\"push\",\"type\":\"message\",\"entity\":[]}]");
    QCOMPARE(e.problems.size(), 4);
    QVERIFY(e.problems.at(0).reason.contains("object"));
    QVERIFY(e.problems.at(1).reason.contains("ChannelTalk"));
    QVERIFY(e.problems.at(2).reason.contains("session"));
    QVERIFY(e.problems.at(3).reason.contains("message"));
    QVERIFY(e.chats.isEmpty());

    // A problem's text is cut at 200 characters.
    const QByteArray longText(500, 'x');
    const ChannelTalkExport cut
        = parseOk("{\"messages\":[{\"chatId\":\"c\",\"plainText\":\"" + longText + "\"}]}");
    QCOMPARE(cut.problems.size(), 1);
    QCOMPARE(cut.problems.first().text.size(), 200);
}

void TestChannelTalk::parseFile()
{
    const auto ok = ChannelTalkParser::parseFile(dataPath("list_page1.json"));
    QVERIFY2(ok.ok(), qPrintable(ok.errorMessage()));
    QCOMPARE(ok->chats.size(), 2);

    const auto missing = ChannelTalkParser::parseFile(dataPath("no-such-file.json"));
    QCOMPARE(missing.errorCode(), ErrorCode::NotFound);
    QVERIFY(missing.errorMessage().contains("no-such-file.json"));

    const auto bad = ChannelTalkParser::parseFile(dataPath("malformed.json"));
    QCOMPARE(bad.errorCode(), ErrorCode::InvalidArgument);
    QVERIFY(bad.errorMessage().contains("malformed.json"));
    QVERIFY(bad.errorMessage().contains("line 3"));
}

void TestChannelTalk::largeDocument()
{
    // About 5 MB: 200 chats of 100 messages each, pages listed newest first.
    QJsonArray chats, messages, users;
    int id = 0;
    for (int c = 0; c < 200; ++c) {
        const QString chatId = QString("chat-%1").arg(c, 4, 10, QChar('0'));
        const QString userId = QString("user-%1").arg(c);
        chats.append(QJsonObject{{"id", chatId},
                                 {"userId", userId},
                                 {"state", c % 3 == 0 ? "closed" : "opened"},
                                 {"createdAt", kBase + c * kMinute},
                                 {"tags", QJsonArray{"대량", "테스트"}}});
        users.append(
            QJsonObject{{"id", userId},
                        {"name", QString("고객 %1").arg(c)},
                        {"profile", QJsonObject{{"email", QString(userId + "@example.com")}}}});
        for (int m = 99; m >= 0; --m) {
            const bool fromUser = m % 2 == 0;
            messages.append(QJsonObject{
                {"id", QString("msg-%1").arg(++id)},
                {"chatType", "userChat"},
                {"chatId", chatId},
                {"personType", fromUser ? "user" : "manager"},
                {"personId", fromUser ? userId : QString("mgr-1")},
                {"createdAt", kBase + c * kMinute + m * 1000},
                {"state", "sent"},
                {"plainText",
                 QString("주문 %1번 배송 문의드립니다. 결제는 카드로 했고, 영수증은 "
                         "메일로 받았습니다. 확인 부탁드려요.")
                     .arg(m)},
                {"blocks", QJsonArray{QJsonObject{{"type", "text"}, {"value", "..."}}}}});
        }
    }
    const QByteArray json = QJsonDocument(QJsonObject{{"userChats", chats},
                                                      {"messages", messages},
                                                      {"users", users},
                                                      {"next", QJsonValue()}})
                                .toJson(QJsonDocument::Compact);
    QVERIFY2(json.size() >= 5 * 1000 * 1000, QByteArray::number(json.size()).constData());
    const ChannelTalkExport e = parseOk(json);
    QCOMPARE(e.chats.size(), 200);
    QCOMPARE(messageCount(e), 20000);
    QCOMPARE(e.people.size(), 200);
    QCOMPARE(e.problems.size(), 0);
    const ChannelTalkChat &last = e.chats.last();
    QCOMPARE(last.messages.first().text.left(6), "주문 0번 ");
    QCOMPARE(last.messages.last().at, utc(kBase + 199 * kMinute + 99 * 1000));
}

QTEST_GUILESS_MAIN(TestChannelTalk)
#include "tst_channeltalk.moc"
