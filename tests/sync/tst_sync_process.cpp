// SPDX-License-Identifier: GPL-3.0-or-later
// Sync against helpdesk-server as a separate process that is killed with SIGKILL while a
// replica pushes hundreds of offline operations in small batches: after restarts the push
// completes, every operation was applied exactly once, and the replica equals the server.
#include "tests/sync/replicafixture.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>

using namespace hd;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

struct ServerProcess
{
    QString db;
    quint16 port = freePort();
    QProcess process;

    bool start()
    {
        process.start(QStringLiteral(HELPDESK_SERVER_PATH),
                      {"--db", db, "--listen", QString("127.0.0.1:%1").arg(port), "--lang", "en"});
        if (!process.waitForStarted())
            return false;
        QByteArray banner;
        while (!banner.contains('\n') && process.state() == QProcess::Running) {
            process.waitForReadyRead(1000);
            banner += process.readAllStandardOutput();
        }
        return banner.contains(QByteArray::number(port));
    }
    void kill()
    {
        process.kill(); // SIGKILL
        process.waitForFinished(30000);
    }
};

QString login(QNetworkAccessManager &nam, quint16 port)
{
    QNetworkRequest req(QUrl(QString("http://127.0.0.1:%1/api/v1/auth/login").arg(port)));
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply *reply
        = nam.post(req,
                   QJsonDocument(QJsonObject{{"email", "kim@example.com"},
                                             {"password", "correct horse battery"}})
                       .toJson());
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(60000);
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object().value("token").toString();
}

} // namespace

class TestSyncProcess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void serverKilledMidPush()
    {
        QTemporaryDir dir;
        ServerProcess server;
        server.db = "sqlite:" + dir.filePath("server.sqlite");
        QProcess admin;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HELPDESK_ADMIN_PASSWORD", "correct horse battery");
        admin.setProcessEnvironment(env);
        admin.start(QStringLiteral(HELPDESK_SERVER_PATH),
                    {"admin", "create", "--db", server.db, "--email", "kim@example.com", "--name",
                     "김상담", "--role", "agent"});
        QVERIFY(admin.waitForFinished(60000));
        QCOMPARE(admin.exitCode(), 0);
        QVERIFY(server.start());

        QNetworkAccessManager nam;
        const QString token = login(nam, server.port);
        QVERIFY(!token.isEmpty());
        ReplicaFixture r(nam, QUrl(QString("http://127.0.0.1:%1").arg(server.port)), token);
        QVERIFY(r.sync());
        const QString me
            = r.db->scalar("SELECT uuid FROM agents WHERE email = 'kim@example.com'")->toString();
        const Actor actor = Actor::agent(r.agentId(me));
        // Offline: 40 tickets, each with 8 replies and two status changes.
        for (int i = 0; i < 40; ++i) {
            NewTicket nt;
            nt.subject = QString("오프라인 문의 %1").arg(i);
            nt.body = "본문";
            nt.actor = actor;
            const Ticket t = *r.store->create(nt);
            for (int j = 0; j < 8; ++j) {
                NewMessage m;
                m.authorId = actor.id;
                m.body = QString("답변 %1-%2").arg(i).arg(j);
                QVERIFY(bool(r.store->addMessage(t.id, m)));
            }
            QVERIFY(bool(r.store->transition(t.id, TicketStatus::Open, actor)));
            QVERIFY(bool(r.store->transition(t.id, TicketStatus::Solved, actor)));
        }
        const int ops = r.pending();
        QCOMPARE(ops, 40 * 11);
        r.client->setPushBatch(20);
        r.client->setRetryBase(0.05);

        // Kill the server three times while the push runs, each a little later.
        QSignalSpy synced(r.client.get(), &sync::SyncClient::synced);
        r.client->syncNow();
        int kills = 0;
        for (int delay : {30, 90, 160}) {
            QTest::qWait(delay);
            if (synced.size() > 0)
                break;
            server.kill();
            ++kills;
            QVERIFY(r.pending() > 0 || synced.size() > 0);
            QVERIFY(server.start());
        }
        QVERIFY(synced.size() > 0 || synced.wait(120000));
        qInfo("%d operations pushed through %d server kills", ops, kills);
        QVERIFY(kills > 0);
        QCOMPARE(r.pending(), 0);
        server.kill();

        auto db = std::move(Database::open(dir.filePath("server.sqlite"))).value();
        QCOMPARE(db->scalar("SELECT count(*) FROM applied_ops")->toInt(), ops);
        QCOMPARE(
            db->scalar("SELECT count(*) FROM applied_ops WHERE result LIKE '%rejected%'")->toInt(),
            0);
        QCOMPARE(db->scalar("SELECT count(*) FROM messages")->toInt(), 40 * 9);
        QCOMPARE(db->scalar("SELECT count(*) FROM tickets WHERE status = 'solved'")->toInt(), 40);
        QCOMPARE(difference(contentOf(*r.db), contentOf(*db)), QString());
    }
};

QTEST_GUILESS_MAIN(TestSyncProcess)
#include "tst_sync_process.moc"
