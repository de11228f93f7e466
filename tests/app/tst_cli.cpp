// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli end to end: every command through the real executable, with --json output parsed
// and exit codes checked.
#include "support/clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Run = CliRun;
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    Run cli(const QStringList &args) { return runCli(m_dir.filePath("data"), m_db, args); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("cli.sqlite");
    }

    void initCreatesSchema()
    {
        const Run r = cli({"init", "--json"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.json().toObject().value("schema_version").toInt() >= 1);
    }

    void createListShowSearch()
    {
        Run r = cli({"create", "--subject", "결제가 안돼요", "--body",
                     "카드 결제가 계속 실패합니다", "--requester", "kim@example.com", "--priority",
                     "high", "--channel", "chat_kakao", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonObject t = r.json().toObject();
        QCOMPARE(t.value("number").toInt(), 1);
        QCOMPARE(t.value("status").toString(), QString("new"));
        QCOMPARE(t.value("priority").toString(), QString("high"));
        QCOMPARE(t.value("channel").toString(), QString("chat_kakao"));
        QCOMPARE(t.value("requester").toString(), QString("kim@example.com"));

        r = cli({"list", "--json"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().toArray().size(), 1);

        r = cli({"show", "1", "--json"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().toObject().value("messages").toArray().size(), 1);
        QCOMPARE(r.json()
                     .toObject()
                     .value("events")
                     .toArray()
                     .first()
                     .toObject()
                     .value("kind")
                     .toString(),
                 QString("created"));

        r = cli({"search", "결제", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonArray hits = r.json().toArray();
        QCOMPARE(hits.size(), 1);
        QVERIFY2(hits.first().toObject().value("snippet").toString().contains("[결제]"),
                 r.out.constData());
    }

    void internalNotesStayInternal()
    {
        QCOMPARE(cli({"note", "1", "고객", "비밀번호", "초기화", "요청함"}).code, 0);
        QCOMPARE(cli({"search", "비밀번호", "--json"}).json().toArray().size(), 1);
        const Run pub = cli({"search", "비밀번호", "--public-only", "--json"});
        QCOMPARE(pub.code, 0);
        QCOMPARE(pub.json().toArray().size(), 0);
    }

    void workflowThroughTheCli()
    {
        Run r = cli({"reply", "1", "확인 후 안내드리겠습니다", "--json"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().toObject().value("visibility").toString(), QString("public"));
        r = cli({"assign", "1", "helpdesk-cli", "--json"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().toObject().value("status").toString(), QString("assigned"));
        r = cli({"transition", "1", "pending", "--json"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().toObject().value("status").toString(), QString("pending"));
        QVERIFY(!r.json().toObject().value("sla_paused_since").isNull());

        r = cli({"transition", "1", "closed"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("pending") && r.err.contains("closed"), qPrintable(r.err));
    }

    void mergeAndSplit()
    {
        QCOMPARE(cli({"create", "--subject", "또 결제 오류", "--body", "환불해 주세요",
                      "--requester", "kim@example.com"})
                     .code,
                 0);
        Run r = cli({"merge", "2", "1", "--json"});
        QCOMPARE(r.code, 0);
        r = cli({"show", "2", "--json"});
        QCOMPARE(r.json().toObject().value("status").toString(), QString("closed"));
        QCOMPARE(r.json().toObject().value("merged_into").toInt(), 1);

        const QJsonArray messages
            = cli({"show", "1", "--json"}).json().toObject().value("messages").toArray();
        QVERIFY(messages.size() >= 4);
        const QString last = QString::number(messages.last().toObject().value("id").toInteger());
        r = cli({"split", "1", last, "--json"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().toObject().value("split_from").toInt(), 1);
        QCOMPARE(r.json().toObject().value("number").toInt(), 3);
    }

    void archiveClosed()
    {
        const Run r = cli({"archive", "--older-than", "0", "--json"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().toObject().value("archived").toInt(), 1); // ticket 2, closed by the merge
        QCOMPARE(cli({"list", "--archived", "--json"}).json().toArray().size(), 1);
        QCOMPARE(cli({"search", "환불", "--json"}).json().toArray().size(), 1); // still searchable
    }

    void userErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown ticket") << QStringList{"show", "999"} << "999";
        QTest::newRow("unknown status") << QStringList{"transition", "1", "reopened"} << "reopened";
        QTest::newRow("no subject") << QStringList{"create", "--body", "x"} << "--subject";
        QTest::newRow("bad priority")
            << QStringList{"create", "--subject", "s", "--priority", "asap"} << "asap";
        QTest::newRow("bad email")
            << QStringList{"create", "--subject", "s", "--requester", "kim"} << "kim";
        QTest::newRow("bad date") << QStringList{"list", "--created-from", "2025-13-45"}
                                  << "2025-13-45";
        QTest::newRow("bad limit") << QStringList{"list", "--limit", "0"} << "--limit";
        QTest::newRow("empty search") << QStringList{"search", "!!!"} << "!!!";
        QTest::newRow("unknown agent")
            << QStringList{"assign", "1", "nobody@example.com"} << "nobody";
        QTest::newRow("foreign message") << QStringList{"split", "1", "99999"} << "99999";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "frobnicate";
        QTest::newRow("missing argument") << QStringList{"show"} << "show";
    }

    void userErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const int before = cli({"list", "--json"}).json().toArray().size();
        const Run r = cli(args + QStringList{"--json"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.isEmpty(), r.out.constData()); // nothing on stdout, not even partial JSON
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(cli({"list", "--json"}).json().toArray().size(), before);
    }

    void koreanMessages()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HELPDESK_DATA_DIR", m_dir.filePath("data"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(HELPDESK_CLI_PATH), {"--db", m_db, "--lang", "ko", "show", "999"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains("오류") && err.contains("999"), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
