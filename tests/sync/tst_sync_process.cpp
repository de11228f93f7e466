// SPDX-License-Identifier: GPL-3.0-or-later
// Sync against helpdesk-server as a separate process that is killed with SIGKILL while a
// replica pushes hundreds of offline operations in small batches: after restarts the push
// completes, every operation was applied exactly once, and the replica equals the server.
// On PostgreSQL (the _pg variant) also two server instances on one database, a replica and a
// notify socket on each: a change pushed through one instance is told through the other at once
// (LISTEN/NOTIFY) and pulled from it.
#include "support/testdatabase.h"
#include "tests/sync/replicafixture.h"

#include "sync/feednotifier.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>

#include <algorithm>

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
    QString attachments;
    quint16 port = freePort();
    QProcess process;

    bool start()
    {
        process.start(QStringLiteral(HELPDESK_SERVER_PATH),
                      {"--db", db, "--listen", QString("127.0.0.1:%1").arg(port), "--attachments",
                       attachments, "--lang", "en"});
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
    [[nodiscard]] QUrl url() const { return QUrl(QString("http://127.0.0.1:%1").arg(port)); }
};

/// The server's database for the test: a SQLite file in dir, or a fresh PostgreSQL database.
QString serverDatabase(const QTemporaryDir &dir, testdb::PostgresDatabase *pg)
{
    if (!testdb::onPostgres())
        return "sqlite:" + dir.filePath("server.sqlite");
    pg->url = testdb::PostgresServer::create();
    return pg->url;
}

bool createAgent(const QString &db)
{
    QProcess admin;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HELPDESK_ADMIN_PASSWORD", "correct horse battery");
    admin.setProcessEnvironment(env);
    admin.start(QStringLiteral(HELPDESK_SERVER_PATH),
                {"admin", "create", "--db", db, "--email", "kim@example.com", "--name", "김상담",
                 "--role", "agent"});
    return admin.waitForFinished(60000) && admin.exitCode() == 0;
}

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
        testdb::PostgresDatabase pg;
        ServerProcess server;
        server.db = serverDatabase(dir, &pg);
        server.attachments = dir.filePath("attachments");
        QVERIFY(createAgent(server.db));
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

        auto db = std::move(Database::open(server.db.startsWith("sqlite:") ? server.db.mid(7)
                                                                           : server.db))
                      .value();
        QCOMPARE(db->scalar("SELECT count(*) FROM applied_ops")->toInt(), ops);
        QCOMPARE(
            db->scalar("SELECT count(*) FROM applied_ops WHERE result LIKE '%rejected%'")->toInt(),
            0);
        QCOMPARE(db->scalar("SELECT count(*) FROM messages")->toInt(), 40 * 9);
        QCOMPARE(db->scalar("SELECT count(*) FROM tickets WHERE status = 'solved'")->toInt(), 40);
        QCOMPARE(difference(contentOf(*r.db), contentOf(*db)), QString());
    }

    void twoInstancesShareOnePostgres()
    {
        if (!testdb::onPostgres())
            QSKIP("two instances share a PostgreSQL database (the _pg variant)");
        QTemporaryDir dir;
        testdb::PostgresDatabase pg;
        ServerProcess a, b;
        a.db = b.db = serverDatabase(dir, &pg);
        a.attachments = b.attachments = dir.filePath("attachments");
        QVERIFY(createAgent(a.db));
        QVERIFY(a.start());
        QVERIFY(b.start());

        QNetworkAccessManager nam;
        const QString token = login(nam, a.port); // a token made by one instance works on both
        QVERIFY(!token.isEmpty());
        ReplicaFixture ra(nam, a.url(), token), rb(nam, b.url(), token);
        QVERIFY(ra.sync());
        QVERIFY(rb.sync());
        sync::FeedNotifier notifyA, notifyB;
        QSignalSpy upA(&notifyA, &sync::FeedNotifier::connectedChanged);
        QSignalSpy upB(&notifyB, &sync::FeedNotifier::connectedChanged);
        notifyA.start(a.url(), token);
        notifyB.start(b.url(), token);
        QVERIFY(notifyA.isConnected() || upA.wait(10000));
        QVERIFY(notifyB.isConnected() || upB.wait(10000));

        // A new ticket through one instance: the time until the other instance's socket tells
        // of it (at most `within`), then pulled from that other instance.
        const QString me
            = ra.db->scalar("SELECT uuid FROM agents WHERE email = 'kim@example.com'")->toString();
        int made = 0;
        const auto changeThrough = [&](bool throughA, int within) -> qint64 {
            ReplicaFixture &writer = throughA ? ra : rb;
            ReplicaFixture &reader = throughA ? rb : ra;
            NewTicket nt;
            nt.subject = QString("인스턴스 간 변경 %1").arg(++made);
            nt.body = "본문";
            nt.actor = Actor::agent(writer.agentId(me));
            const Ticket t = *writer.store->create(nt);
            QSignalSpy moved(throughA ? &notifyB : &notifyA, &sync::FeedNotifier::moved);
            QElapsedTimer clock;
            clock.start();
            if (!writer.sync() || !(moved.size() > 0 || moved.wait(within)))
                return -1;
            const qint64 elapsed = clock.elapsed();
            if (!reader.sync() || reader.store->find(t.uuid)->subject != nt.subject)
                return -1;
            return elapsed;
        };
        const auto median = [](QList<qint64> l) {
            std::sort(l.begin(), l.end());
            return l.at(l.size() / 2);
        };
        // Twenty changes, alternately through each instance, each told within a second.
        QList<qint64> latencies;
        for (int i = 0; i < 20; ++i) {
            latencies << changeThrough(i % 2 == 0, 1000);
            QVERIFY2(latencies.last() >= 0, qPrintable(QString("change %1").arg(i)));
        }
        QCOMPARE(difference(contentOf(*ra.db), contentOf(*rb.db)), QString());
        qInfo("push through one instance -> notify on the other: median %lld ms, max %lld ms",
              median(latencies), *std::max_element(latencies.begin(), latencies.end()));
        // Polling alone (once a second) would put the median near 500 ms.
        QVERIFY(median(latencies) < 250);

        // PostgreSQL drops every connection (a restart): both instances reconnect, and the
        // change still goes through and is told (by the fallback poll until LISTEN is back).
        testdb::PostgresServer::terminateConnections(pg.url);
        QVERIFY(changeThrough(true, 5000) >= 0);
        // Within a few seconds the hubs notice their LISTEN connection is gone and reopen it:
        // told at once again.
        QTest::qWait(7000);
        latencies.clear();
        for (int i = 0; i < 6; ++i)
            latencies << changeThrough(i % 2 == 0, 1000);
        QVERIFY(!latencies.contains(-1));
        qInfo("after the connections were dropped: median %lld ms", median(latencies));
        QVERIFY(median(latencies) < 250);
        notifyA.stop();
        notifyB.stop();
        a.kill();
        b.kill();
    }
};

QTEST_GUILESS_MAIN(TestSyncProcess)
#include "tst_sync_process.moc"
