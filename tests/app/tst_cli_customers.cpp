// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli customer ...: one customer across channels, through the real executable.
#include "support/clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Run = CliRun;

QString data(const char *relative)
{
    return qEnvironmentVariable("HELPDESK_SOURCE_DIR") + "/tests/data/" + relative;
}

/// "channel:handle" of every identity of a customer object.
QStringList identities(const QJsonObject &customer)
{
    QStringList out;
    for (const QJsonValue &v : customer.value("identities").toArray())
        out << v.toObject().value("channel").toString() + ":"
                + v.toObject().value("handle").toString();
    return out;
}
} // namespace

class TestCliCustomers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    Run cli(const QStringList &args) { return runCli(m_dir.filePath("data"), m_db, args); }

    QJsonObject show(const QString &key)
    {
        const Run r = cli({"customer", "show", key, "--json"});
        if (r.code != 0)
            qWarning("show %s: %s", qPrintable(key), qPrintable(r.err));
        return r.json().toObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("customers.sqlite");
        // 김철수 writes on KakaoTalk; the same person also mailed from kim@example.com.
        Run r = cli(
            {"import", "kakao", data("kakao/android-ko.txt"), "--tz", "Asia/Seoul", "--json"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().toObject().value("tickets_created").toInt(), 4);
        r = cli({"create", "--subject", "배송 문의", "--requester", "kim@example.com", "--json"});
        QCOMPARE(r.code, 0);
    }

    void listAndShowByEveryKindOfKey()
    {
        const Run r = cli({"customer", "list", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonArray all = r.json().toArray();
        QCOMPARE(all.size(), 2);

        const QJsonObject kakao = show("chat_kakao:김철수");
        QCOMPARE(kakao.value("name").toString(), QString("김철수"));
        QCOMPARE(identities(kakao), QStringList{"chat_kakao:김철수"});
        QCOMPARE(kakao.value("tickets").toInt(), 2); // the other two: 이영희 and an outbound one
        const int id = kakao.value("id").toInt();
        QVERIFY(id > 0);
        QCOMPARE(show("kakao:김철수").value("id").toInt(), id); // short channel name
        QCOMPARE(show(QString::number(id)).value("id").toInt(), id);
        QCOMPARE(show(kakao.value("uuid").toString()).value("id").toInt(), id);

        const QJsonObject email = show("kim@example.com");
        QCOMPARE(email.value("tickets").toInt(), 1);
        QVERIFY(email.value("id").toInt() != id);
        QCOMPARE(show("email:KIM@example.com").value("id"), email.value("id"));

        const Run text = cli({"customer", "list"});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("chat_kakao:김철수"), text.out.constData());
    }

    void linkMergesTheKakaoSenderIntoTheEmailCustomer()
    {
        const int emailId = show("kim@example.com").value("id").toInt();
        const int kakaoId = show("chat_kakao:김철수").value("id").toInt();
        const Run r = cli({"customer", "link", "kim@example.com", "chat_kakao:김철수", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonObject merged = r.json().toObject();
        QCOMPARE(merged.value("id").toInt(), emailId);
        QCOMPARE(merged.value("tickets").toInt(), 3);
        QVERIFY(identities(merged).contains("chat_kakao:김철수"));
        QVERIFY(identities(merged).contains("email:kim@example.com"));

        // Both identities now lead to one customer; the other one is gone.
        QCOMPARE(show("chat_kakao:김철수").value("id").toInt(), emailId);
        QCOMPARE(cli({"customer", "list", "--json"}).json().toArray().size(), 1);
        const Run gone = cli({"customer", "show", QString::number(kakaoId), "--json"});
        QCOMPARE(gone.code, 1);

        // A later KakaoTalk export of the same sender lands on the linked customer.
        const Run again = cli({"import", "kakao", data("kakao/pc-ko.txt"), "--tz", "Asia/Seoul",
                               "--room", "PC 상담", "--agent", "상담사 B", "--json"});
        QCOMPARE(again.code, 0);
        const int created = again.json().toObject().value("tickets_created").toInt();
        QVERIFY(created > 0);
        QStringList names; // 박영희 is new; 김철수 is not a customer of their own again
        for (const QJsonValue &c : cli({"customer", "list", "--json"}).json().toArray())
            names << c.toObject().value("name").toString();
        names.sort();
        QCOMPARE(names, (QStringList{"kim@example.com", "박영희"}));
        const int tickets = show("kim@example.com").value("tickets").toInt();
        QVERIFY2(tickets > 3 && tickets <= 3 + created, qPrintable(QString::number(tickets)));
    }

    void identityAddNormalizesAndFindsTheCustomer()
    {
        const Run r = cli(
            {"customer", "identity", "add", "kim@example.com", "phone", "010-1234-5678", "--json"});
        QCOMPARE(r.code, 0);
        QVERIFY(identities(r.json().toObject()).contains("phone:01012345678"));
        QCOMPARE(show("phone:010 1234 5678").value("id"), show("kim@example.com").value("id"));
        // Adding it again is not an error; giving it to someone else is.
        QCOMPARE(
            cli({"customer", "identity", "add", "kim@example.com", "phone", "01012345678"}).code,
            0);
        QCOMPARE(cli({"create", "--subject", "다른 고객", "--requester", "lee@example.com"}).code,
                 0);
        const Run taken = cli(
            {"customer", "identity", "add", "lee@example.com", "phone", "010-1234-5678", "--json"});
        QCOMPARE(taken.code, 1);
        QVERIFY(taken.out.isEmpty());
        QVERIFY2(taken.err.contains("already belongs"), qPrintable(taken.err));
    }

    void userErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown customer")
            << QStringList{"customer", "show", "nobody@x.test"} << "nobody@x.test";
        QTest::newRow("unknown id") << QStringList{"customer", "show", "999"} << "999";
        QTest::newRow("unknown identity")
            << QStringList{"customer", "show", "chat_kakao:아무개"} << "아무개";
        QTest::newRow("link to itself")
            << QStringList{"customer", "link", "kim@example.com", "chat_kakao:김철수"} << "itself";
        QTest::newRow("bad channel")
            << QStringList{"customer", "identity", "add", "kim@example.com", "fax", "1"} << "fax";
        QTest::newRow("unknown subcommand") << QStringList{"customer", "frob"} << "frob";
        QTest::newRow("identity without add")
            << QStringList{"customer", "identity", "remove", "1", "email", "a@b.c"} << "remove";
        QTest::newRow("bad limit") << QStringList{"customer", "list", "--limit", "0"} << "--limit";
        QTest::newRow("missing argument") << QStringList{"customer", "link", "1"} << "link";
    }

    void userErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QByteArray before = cli({"customer", "list", "--json"}).out;
        const Run r = cli(args + QStringList{"--json"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(cli({"customer", "list", "--json"}).out, before);
    }

    void helpListsTheSubcommands()
    {
        const Run r = cli({"customer", "--help"});
        QCOMPARE(r.code, 0);
        for (const char *sub : {"list", "search", "show", "link", "identity add"})
            QVERIFY2(r.out.contains(sub), r.out.constData());
        QVERIFY(cli({"--help"}).out.contains("customer"));
    }
};

QTEST_GUILESS_MAIN(TestCliCustomers)
#include "tst_cli_customers.moc"
