// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/channels/fileimport.h"

#include <QFile>
#include <QLocale>

using namespace hd;
using namespace hd::chat;

namespace {

QString data(const QString &relative)
{
    return qEnvironmentVariable("HELPDESK_SOURCE_DIR") + "/tests/data/" + relative;
}

/// A KakaoTalk (Android, English) export with `sessions` conversations an hour apart, one
/// message each, so each becomes a ticket.
QByteArray bigExport(int sessions)
{
    QByteArray out = "KakaoTalk Chats with Big Room\nDate Saved : March 1, 2030, 9:00 AM\n\n";
    const QLocale c = QLocale::c();
    QDateTime at(QDate(2024, 1, 1), QTime(9, 0));
    for (int i = 0; i < sessions; ++i, at = at.addSecs(3600))
        out += (c.toString(at, "MMMM d, yyyy, h:mm AP") + ", Customer " + QString::number(i % 40)
                + " : question " + QString::number(i) + "\n")
                   .toUtf8();
    return out;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

FileImportRequest request(const QString &path, ImportKind kind = ImportKind::Auto)
{
    FileImportRequest r;
    r.kind = kind;
    r.path = path;
    r.zone = QTimeZone("Asia/Seoul");
    return r;
}

} // namespace

class TestFileImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    /// Every test export is recognised, and the totals are those `helpdesk-cli import <kind>
    /// --tz Asia/Seoul --json` printed before the import moved into core.
    void autoDetectMatchesTheCli_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("format");
        // created, continued, added, skipped, system events, lines, header lines, problems
        QTest::addColumn<QList<int>>("totals");
        auto kakao = [](const char *file, const char *format, QList<int> totals) {
            QTest::newRow(file) << QString("kakao/") + file << int(ImportKind::Kakao)
                                << QString(format) << totals;
        };
        kakao("android-en-2015.txt", "kakao-android-en-2015", {4, 0, 8, 0, 2, 14, 3, 0});
        kakao("android-en-2020.txt", "kakao-android-en-2020", {4, 0, 7, 0, 3, 19, 6, 0});
        kakao("android-ko.txt", "kakao-android-ko", {4, 0, 9, 0, 3, 22, 7, 0});
        kakao("ios-en-2015.txt", "kakao-ios-en-2015", {5, 0, 7, 0, 2, 15, 5, 0});
        kakao("ios-en.txt", "kakao-ios-en", {4, 0, 7, 0, 3, 18, 7, 0});
        kakao("ios-ko-old.txt", "kakao-ios-ko-old", {5, 0, 7, 0, 2, 16, 5, 0});
        kakao("ios-ko.txt", "kakao-ios-ko", {5, 0, 7, 0, 3, 17, 5, 0});
        kakao("pc-en.txt", "kakao-pc-en", {5, 0, 7, 0, 2, 18, 5, 0});
        kakao("pc-ko.txt", "kakao-pc-ko", {5, 0, 10, 0, 4, 25, 7, 0});
        kakao("mac.csv", "kakao-mac-csv", {5, 0, 8, 0, 2, 14, 1, 0});
        auto channelTalk = [](const char *file, QList<int> totals) {
            QTest::newRow(file) << QString("channeltalk/") + file << int(ImportKind::ChannelTalk)
                                << QString("channeltalk-v5") << totals;
        };
        channelTalk("bad_records.json", {1, 0, 1, 0, 0, 1, 0, 12});
        channelTalk("blocks.json", {1, 0, 2, 0, 0, 2, 0, 0});
        channelTalk("files.json", {1, 0, 3, 0, 1, 4, 0, 0});
        channelTalk("list_page1.json", {2, 0, 5, 0, 0, 5, 0, 0});
        channelTalk("list_page2.json", {1, 0, 3, 0, 0, 3, 0, 0});
        channelTalk("webhook_manager.json", {1, 0, 1, 0, 0, 1, 0, 0});
        channelTalk("webhook_user.json", {1, 0, 1, 0, 0, 1, 0, 0});
        // A generic CSV is not taken for KakaoTalk's Mac layout; its header gives the mapping
        // the CLI was given (time=Date,sender=User,text=Message,conversation=Room,role=Role).
        QTest::newRow("generic.csv") << QString("csv/generic.csv") << int(ImportKind::Csv)
                                     << QString("csv") << QList<int>{3, 0, 4, 0, 0, 4, 1, 1};
    }

    void autoDetectMatchesTheCli()
    {
        QFETCH(QString, file);
        QFETCH(int, kind);
        QFETCH(QString, format);
        QFETCH(QList<int>, totals);
        StoreFixture f;
        auto r = importFile(*f.store, *f.directory, f.clock, request(data(file)));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(int(r->kind), kind);
        QCOMPARE(r->format, format);
        QVERIFY(!r->cancelled);
        const ChatImportSummary &s = r->summary;
        const QList<int> got{s.ticketsCreated,  s.ticketsContinued,    s.messagesAdded,
                             s.messagesSkipped, s.systemEvents,        s.linesRead,
                             s.headerLines,     int(s.problems.size())};
        QCOMPARE(got, totals);
        QCOMPARE(f.count("tickets"), qint64(s.ticketsCreated));
        QCOMPARE(r->conversationsDone, r->conversationsTotal);

        // Importing the same file again adds nothing and finds every line already there.
        auto again = importFile(*f.store, *f.directory, f.clock, request(data(file)));
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QCOMPARE(again->summary.ticketsCreated, 0);
        QCOMPARE(again->summary.messagesAdded, 0);
        QCOMPARE(again->summary.messagesSkipped, s.messagesAdded + s.systemEvents);
    }

    void explicitKindWins()
    {
        StoreFixture f;
        // Read as KakaoTalk's Mac layout when asked to (as `import kakao` always did).
        auto r = importFile(*f.store, *f.directory, f.clock,
                            request(data("csv/generic.csv"), ImportKind::Kakao));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->format, QString("kakao-mac-csv"));
        QCOMPARE(r->summary.problems.size(), 1);
        QCOMPARE(r->summary.problems.first().line, 6);

        auto json = importFile(*f.store, *f.directory, f.clock,
                               request(data("channeltalk/list_page1.json"), ImportKind::Kakao));
        QVERIFY(!json.ok());
        QCOMPARE(json.errorCode(), ErrorCode::InvalidArgument);
        QVERIFY2(json.errorMessage().contains("KakaoTalk"), qPrintable(json.errorMessage()));
    }

    void csvMappingGivenOrGuessed()
    {
        auto guessed = FileImporter::guessCsvMapping({"날짜", " 보낸 사람 ", "내용", "대화방"});
        QVERIFY(guessed);
        QCOMPARE(guessed->time, QString("날짜"));
        QCOMPARE(guessed->sender, QString("보낸 사람"));
        QCOMPARE(guessed->text, QString("내용"));
        QCOMPARE(guessed->conversation, QString("대화방"));
        QVERIFY(guessed->role.isEmpty());
        QVERIFY(!FileImporter::guessCsvMapping({"when", "who", "what"}));

        StoreFixture f;
        FileImportRequest req = request(data("csv/generic.csv"), ImportKind::Csv);
        req.csvMapping = *CsvMapping::parse("time=Date,text=Message"); // no senders: system lines
        req.csvChannel = Channel::Email;
        req.room = "R";
        auto r = importFile(*f.store, *f.directory, f.clock, req);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->summary.ticketsCreated, 0);
        QCOMPARE(r->summary.problems.size(), 5); // the bad time + four lines without a ticket
    }

    void unknownFilesFailClearly()
    {
        QTemporaryDir dir;
        StoreFixture f;
        const QString garbage = writeFile(dir, "notes.txt", "hello\nworld\n");
        auto r = importFile(*f.store, *f.directory, f.clock, request(garbage));
        QVERIFY(!r.ok());
        QCOMPARE(r.errorCode(), ErrorCode::InvalidArgument);
        for (const char *word : {"notes.txt", "JSON", "KakaoTalk", "CSV"})
            QVERIFY2(r.errorMessage().contains(word), qPrintable(r.errorMessage()));
        QCOMPARE(f.count("tickets"), 0);

        const QString empty = writeFile(dir, "empty.txt", " \n\n");
        r = importFile(*f.store, *f.directory, f.clock, request(empty));
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains("empty"), qPrintable(r.errorMessage()));

        r = importFile(*f.store, *f.directory, f.clock, request(dir.filePath("missing.txt")));
        QCOMPARE(r.errorCode(), ErrorCode::NotFound);
        QVERIFY2(r.errorMessage().contains("missing.txt"), qPrintable(r.errorMessage()));

        r = importFile(*f.store, *f.directory, f.clock,
                       request(data("channeltalk/malformed.json")));
        QCOMPARE(r.errorCode(), ErrorCode::InvalidArgument);
        QVERIFY2(r.errorMessage().contains("malformed.json") && r.errorMessage().contains("line 3"),
                 qPrintable(r.errorMessage()));
    }

    void cancelKeepsCommittedWorkAndARerunCompletesIt()
    {
        QTemporaryDir dir;
        StoreFixture f;
        constexpr int kSessions = 3000; // the bulk path may stop after every 1,000
        const QString path = writeFile(dir, "big.txt", bigExport(kSessions));
        std::atomic_bool cancel{false};
        qint64 reportedTotal = 0;
        bool sawReading = false;
        auto progress = [&](ImportPhase phase, qint64 done, qint64 total) {
            sawReading = sawReading || phase == ImportPhase::Reading;
            if (phase == ImportPhase::Importing && done > 0) {
                reportedTotal = total;
                cancel = true; // as if the user pressed Cancel at the first report
            }
        };
        auto r = importFile(*f.store, *f.directory, f.clock, request(path), progress, &cancel);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(r->cancelled);
        QVERIFY(sawReading);
        QCOMPARE(r->conversationsTotal, qint64(kSessions));
        QCOMPARE(reportedTotal, qint64(kSessions));
        QVERIFY2(r->conversationsDone > 0 && r->conversationsDone < kSessions,
                 qPrintable(QString::number(r->conversationsDone)));
        // What was committed stays: one ticket per conversation done, and the summary says so.
        QCOMPARE(f.count("tickets"), r->conversationsDone);
        QCOMPARE(r->summary.ticketsCreated, int(r->conversationsDone));
        QCOMPARE(r->summary.messagesAdded, int(r->conversationsDone));
        QCOMPARE(r->summary.ticketIds.size(), r->conversationsDone);
        QCOMPARE(r->summary.linesRead, kSessions + 3);
        const qint64 done = r->conversationsDone;

        cancel = false;
        auto rest = importFile(*f.store, *f.directory, f.clock, request(path), {}, &cancel);
        QVERIFY2(rest.ok(), qPrintable(rest.errorMessage()));
        QVERIFY(!rest->cancelled);
        QCOMPARE(f.count("tickets"), qint64(kSessions));
        QCOMPARE(rest->summary.ticketsCreated, kSessions - int(done));
        QCOMPARE(rest->summary.messagesSkipped, int(done));
        QCOMPARE(rest->summary.messagesAdded, kSessions - int(done));
    }

    void cancelWhileReadingWritesNothing()
    {
        QTemporaryDir dir;
        StoreFixture f;
        const QString path = writeFile(dir, "big.txt", bigExport(40000));
        std::atomic_bool cancel{false};
        auto progress = [&](ImportPhase phase, qint64 done, qint64) {
            if (phase == ImportPhase::Reading && done > 0)
                cancel = true;
        };
        auto r = importFile(*f.store, *f.directory, f.clock, request(path), progress, &cancel);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(r->cancelled);
        QCOMPARE(r->conversationsDone, 0);
        QCOMPARE(f.count("tickets"), 0);
    }

    void previewListsSendersAndTheBusinessSide()
    {
        auto kakao = previewFile(data("kakao/android-ko.txt"));
        QVERIFY2(kakao.ok(), qPrintable(kakao.errorMessage()));
        QCOMPARE(kakao->kind, ImportKind::Kakao);
        QCOMPARE(kakao->format, QString("kakao-android-ko"));
        QCOMPARE(kakao->roomTitle, QString("상담채널"));
        QCOMPARE(kakao->lines, 22);
        int sum = 0;
        QHash<QString, PreviewSender> byKey;
        for (const PreviewSender &s : kakao->senders) {
            sum += s.messages;
            byKey.insert(s.key, s);
        }
        QCOMPARE(sum, kakao->messages);
        QCOMPARE(kakao->senders.first().key, QString("김철수")); // most messages first
        QVERIFY(!byKey.value("김철수").business);
        QVERIFY(byKey.value("회원님").business); // the exporting user
        QVERIFY(byKey.value("회원님").messages > 0);

        auto ct = previewFile(data("channeltalk/list_page1.json"));
        QVERIFY2(ct.ok(), qPrintable(ct.errorMessage()));
        QCOMPARE(ct->kind, ImportKind::ChannelTalk);
        QCOMPARE(ct->conversations, 2);
        bool sawManager = false, sawUser = false;
        for (const PreviewSender &s : ct->senders) {
            QVERIFY(!s.name.isEmpty());
            sawManager = sawManager || (s.business && s.name != s.key);
            sawUser = sawUser || !s.business;
        }
        QVERIFY(sawManager);
        QVERIFY(sawUser);

        auto csv = previewFile(data("csv/generic.csv"));
        QVERIFY2(csv.ok(), qPrintable(csv.errorMessage()));
        QCOMPARE(csv->kind, ImportKind::Csv);
        QVERIFY(csv->csvMapping);
        QCOMPARE(csv->csvMapping->conversation, QString("Room"));
        QCOMPARE(csv->problems, 1);
        for (const PreviewSender &s : csv->senders)
            QCOMPARE(s.business, s.key == QString("상담사 B")); // the role column says agent

        QVERIFY(!previewFile(data("channeltalk/malformed.json")).ok());
        // JSON Lines are ChannelTalk too, and import although two messages carry no sender id
        // (they belong to the chat's one user) and one line is broken (a problem line).
        auto lines = previewFile(data("channeltalk/webhooks.jsonl"));
        QVERIFY2(lines.ok(), qPrintable(lines.errorMessage()));
        QCOMPARE(lines->kind, ImportKind::ChannelTalk);
        StoreFixture f;
        auto imported = importFile(*f.store, *f.directory, f.clock,
                                   request(data("channeltalk/webhooks.jsonl")));
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        QCOMPARE(imported->summary.messagesAdded, 3);
        QCOMPARE(imported->summary.problems.size(), 1);
        QCOMPARE(f.count("customers"), 1);
    }

    void kindNames()
    {
        for (ImportKind k :
             {ImportKind::Auto, ImportKind::Kakao, ImportKind::ChannelTalk, ImportKind::Csv})
            QCOMPARE(parseImportKind(kindName(k)), std::optional<ImportKind>(k));
        QCOMPARE(parseImportKind(u"KAKAO"), std::optional<ImportKind>(ImportKind::Kakao));
        QVERIFY(!parseImportKind(u"line"));
    }
};

QTEST_GUILESS_MAIN(TestFileImport)
#include "tst_fileimport.moc"
