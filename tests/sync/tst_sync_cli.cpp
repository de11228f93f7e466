// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli login and sync against helpdesk-server, both separate processes: the client is
// killed with SIGKILL in the middle of its first sync and resumes from the last whole page;
// the replica then equals the server. A bad token and an unreachable server fail clearly. In
// the _pg variant the seeded base is moved into PostgreSQL with `helpdesk-server copy` first
// and served from there.
#include "support/testdatabase.h"
#include "tests/sync/replicafixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>

using namespace hd;

namespace {

struct Run
{
    int code = -1;
    QString out, err;
};

Run run(const QString &program, const QStringList &args, const QByteArray &input = {},
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForStarted();
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestSyncCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedMidSyncResumes()
    {
        QTemporaryDir dir;
        const QString serverDb = dir.filePath("server.sqlite");
        const QString replicaDb = dir.filePath("replica.sqlite");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HELPDESK_ADMIN_PASSWORD", "correct horse battery");
        QCOMPARE(run(HELPDESK_SERVER_PATH,
                     {"admin", "create", "--db", "sqlite:" + serverDb, "--email", "kim@example.com",
                      "--name", "김상담", "--role", "agent"},
                     {}, env)
                     .code,
                 0);
        QCOMPARE(run(HELPDESK_CLI_PATH, {"--db", serverDb, "seed", "--tickets", "1500"}).code, 0);
        testdb::PostgresDatabase pg;
        QString serverSpec = "sqlite:" + serverDb;
        if (testdb::onPostgres()) {
            pg.url = serverSpec = testdb::PostgresServer::create();
            const Run copy
                = run(HELPDESK_SERVER_PATH,
                      {"copy", "--from", "sqlite:" + serverDb, "--db", pg.url, "--lang", "en"});
            QVERIFY2(copy.code == 0, qPrintable(copy.err));
            QVERIFY2(copy.out.contains("tickets: 1,500 rows"), qPrintable(copy.out));
            // Once is enough: the target is no longer empty.
            const Run again = run(HELPDESK_SERVER_PATH,
                                  {"copy", "--from", "sqlite:" + serverDb, "--db", pg.url});
            QCOMPARE(again.code, 1);
            QVERIFY2(again.err.contains("not empty"), qPrintable(again.err));
        }
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QProcess server;
        server.start(HELPDESK_SERVER_PATH,
                     {"--db", serverSpec, "--listen", QString("127.0.0.1:%1").arg(port),
                      "--attachments", dir.filePath("attachments")});
        QVERIFY(server.waitForStarted());
        QVERIFY(server.waitForReadyRead(60000));
        const QString url = QString("http://127.0.0.1:%1").arg(port);

        Run login = run(HELPDESK_CLI_PATH,
                        {"--db", replicaDb, "login", "--server", url, "--email", "kim@example.com"},
                        "correct horse battery\n");
        QVERIFY2(login.code == 0, qPrintable(login.err));
        const QString token = login.out.trimmed();
        QCOMPARE(token.size(), 43);
        QProcessEnvironment withToken = QProcessEnvironment::systemEnvironment();
        withToken.insert("HELPDESK_TOKEN", token);

        // The first sync, in pages of 50, killed after a few pages.
        QProcess cli;
        cli.setProcessEnvironment(withToken);
        cli.start(HELPDESK_CLI_PATH, {"--db", replicaDb, "sync", "--page-size", "50"});
        QVERIFY(cli.waitForStarted());
        cli.setReadChannel(QProcess::StandardError);
        QByteArray err;
        while (err.count("pulled up to") < 5 && cli.state() == QProcess::Running) {
            cli.waitForReadyRead(30000);
            err += cli.readAllStandardError();
        }
        QVERIFY2(cli.state() == QProcess::Running, err.constData());
        cli.kill(); // SIGKILL
        QVERIFY(cli.waitForFinished(30000));
        qint64 cursor = 0;
        {
            auto db = std::move(Database::open(replicaDb)).value();
            cursor = sync::replica::state(*db, "cursor")->toLongLong();
            const int tickets = db->scalar("SELECT count(*) FROM tickets")->toInt();
            qInfo("killed at cursor %lld with %d tickets", cursor, tickets);
            QVERIFY(cursor > 0);
            QVERIFY(tickets < 1500);
        }
        Run again = run(HELPDESK_CLI_PATH, {"--db", replicaDb, "sync", "--json"}, {}, withToken);
        QVERIFY2(again.code == 0, qPrintable(again.err));
        QVERIFY2(again.err.contains(QString("resuming from cursor %1").arg(cursor)),
                 qPrintable(again.err));
        // A change made with the CLI on the replica goes up with the next sync.
        Run reply = run(HELPDESK_CLI_PATH, {"--db", replicaDb, "note", "1500", "CLI 메모"});
        QVERIFY2(reply.code == 0, qPrintable(reply.err));
        again = run(HELPDESK_CLI_PATH, {"--db", replicaDb, "sync", "--json"}, {}, withToken);
        QVERIFY2(again.code == 0, qPrintable(again.err));
        QCOMPARE(QJsonDocument::fromJson(again.out.toUtf8()).object().value("pushed").toInt(), 1);

        // Demo data would never reach the server: refused on a replica.
        Run seed = run(HELPDESK_CLI_PATH, {"--db", replicaDb, "seed", "--tickets", "5"});
        QCOMPARE(seed.code, 1);
        QVERIFY2(seed.err.contains("replica"), qPrintable(seed.err));

        // Wrong token, then no server: exit 1 with a message naming the problem.
        QProcessEnvironment badToken = withToken;
        badToken.insert("HELPDESK_TOKEN", "not-a-token");
        Run bad = run(HELPDESK_CLI_PATH, {"--db", replicaDb, "sync"}, {}, badToken);
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains("token"), qPrintable(bad.err));
        server.kill();
        server.waitForFinished();
        Run down
            = run(HELPDESK_CLI_PATH, {"--db", replicaDb, "sync", "--retries", "2"}, {}, withToken);
        QCOMPARE(down.code, 1);
        QVERIFY2(down.err.contains("2 failed requests"), qPrintable(down.err));

        auto replica = std::move(Database::open(replicaDb)).value();
        auto onServer
            = std::move(Database::open(testdb::onPostgres() ? serverSpec : serverDb)).value();
        QCOMPARE(difference(contentOf(*replica), contentOf(*onServer)), QString());
        QCOMPARE(replica->scalar("SELECT count(*) FROM tickets")->toInt(), 1500);
    }
};

QTEST_GUILESS_MAIN(TestSyncCli)
#include "tst_sync_cli.moc"
