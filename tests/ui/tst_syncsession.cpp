// SPDX-License-Identifier: GPL-3.0-or-later
// Background sync end to end with the real server in process: the main window on a replica
// with a SyncSession (worker thread) shows the first sync's tickets and the signed-in agent,
// a local edit in the window's TicketStore reaches the server without anyone calling sync,
// a change on the server shows in the list after feedMoved(), and a change the server refuses
// shows in the status bar's badge.
#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/storage/searchindex.h"
#include "server/serverfixture.h"
#include "sync/replica.h"
#include "sync/syncsession.h"
#include "sync/tokenstore.h"
#include "ui/initialsyncdialog.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"
#include "ui/syncstatuswidget.h"
#include "ui/ticketlistmodel.h"

#include <QLabel>
#include <QToolButton>

using namespace hd;

class TestSyncSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void localEditsReachTheServerByThemselves()
    {
        ServerFixture server;
        const Ticket onServer = server.ticket("배송 문의", "언제 오나요");
        const QString agentUuid
            = server.db->scalar("SELECT uuid FROM agents WHERE email = 'agent@example.com'")
                  ->toString();
        const QString token = QString::fromLatin1(server.bearer("agent@example.com").mid(7));
        const QUrl url(QString("http://127.0.0.1:%1").arg(server.server->port()));

        QTemporaryDir dir;
        auto opened = Database::open(dir.filePath("replica.sqlite"));
        QVERIFY(opened);
        std::unique_ptr<Database> db = std::move(opened).value();
        QVERIFY(bool(sync::replica::install(*db)));
        Settings settings(dir.filePath("s.ini"));
        settings.setValue(keys::serverAgentUuid, agentUuid);
        Language language;
        MainWindow window(settings, language, *db);
        sync::SyncSession session(*db, SystemClock::instance());
        session.setIntervals(50, 60'000); // the periodic round must not be what syncs here
        session.setRetryBase(0.05);
        window.attachSync(&session, url);
        window.show();
        QVERIFY(session.initialSyncPending());
        QSignalSpy synced(&session, &sync::SyncSession::synced);
        session.start(url, token);

        // The first sync: the ticket is in the list, the window works as the signed-in agent.
        QVERIFY(synced.wait(60000));
        QVERIFY(!session.initialSyncPending());
        const RowId agent
            = db->scalar("SELECT id FROM agents WHERE uuid = ?", {agentUuid})->toLongLong();
        QVERIFY(agent > 0);
        QTRY_COMPARE(window.currentAgent(), agent);
        QTRY_COMPARE(window.ticketModel()->rowCount(), 1);
        auto *state = window.findChild<QLabel *>("syncState");
        QTRY_COMPARE(state->text(), QString("Online"));

        // A local edit goes to the server by itself (debounced round).
        const RowId local
            = db->scalar("SELECT id FROM tickets WHERE uuid = ?", {onServer.uuid})->toLongLong();
        QVERIFY(bool(window.ticketStore().setPriority(local, Priority::High, Actor::agent(agent))));
        QCOMPARE(session.pending(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(server.store->find(onServer.uuid)->priority, Priority::High,
                                  30000);
        QTRY_COMPARE_WITH_TIMEOUT(session.pending(), 0, 30000);
        QTRY_COMPARE(state->text(), QString("Online"));

        // A change on the server arrives when the notifier says the feed moved, and the list
        // shows it.
        QVERIFY(bool(server.store->setSubject(onServer.id, "택배 분실", Actor::system())));
        session.feedMoved(1'000'000);
        QTRY_COMPARE_WITH_TIMEOUT(window.ticketModel()
                                      ->index(0, TicketListModel::Subject)
                                      .data(Qt::DisplayRole)
                                      .toString(),
                                  QString("택배 분실"), 30000);

        // Refused: the ticket was closed on the server meanwhile; the reply comes back refused
        // and the badge says so.
        for (TicketStatus s : {TicketStatus::Open, TicketStatus::Solved, TicketStatus::Closed})
            QVERIFY(bool(server.store->transition(onServer.id, s, Actor::system())));
        NewMessage m;
        m.authorId = agent;
        m.body = "확인했습니다";
        QVERIFY(bool(window.ticketStore().addMessage(local, m)));
        auto *badge = window.findChild<QToolButton *>("syncRejections");
        QTRY_COMPARE_WITH_TIMEOUT(badge->text(), QString("1 change(s) refused"), 30000);
        QVERIFY(badge->isVisible());
        QTRY_COMPARE(session.pending(), 0);
        QCOMPARE(db->scalar("SELECT count(*) FROM messages WHERE body = '확인했습니다'")->toInt(),
                 0);

        // Cancel pauses the automatic rounds; Sync Now resumes them.
        session.cancel();
        QVERIFY(session.paused());
        session.syncNow();
        QVERIFY(!session.paused());
        QVERIFY(synced.wait(60000));
    }

    void startSyncUsesTheStoredTokenAndShowsTheFirstSync()
    {
        qputenv("HELPDESK_NO_KEYCHAIN", "1");
        ServerFixture server;
        server.ticket("배송 문의", "언제 오나요");
        const QString agentUuid
            = server.db->scalar("SELECT uuid FROM agents WHERE email = 'agent@example.com'")
                  ->toString();
        const QString token = QString::fromLatin1(server.bearer("agent@example.com").mid(7));
        const QUrl url(QString("http://127.0.0.1:%1").arg(server.server->port()));
        QTemporaryDir dir;
        auto opened = Database::open(dir.filePath("replica.sqlite"));
        QVERIFY(opened);
        std::unique_ptr<Database> db = std::move(opened).value();
        QVERIFY(bool(sync::replica::install(*db)));
        Settings settings(dir.filePath("s.ini"));
        settings.setValue(keys::serverUrl, url.toString());
        settings.setValue(keys::serverAgentUuid, agentUuid);
        Language language;
        MainWindow window(settings, language, *db);
        sync::SyncSession session(*db, SystemClock::instance());
        window.attachSync(&session, url);
        window.show();
        auto *state = window.findChild<QLabel *>("syncState");

        // No token stored: the window says so instead of syncing.
        window.startSync();
        QTRY_COMPARE(state->text(), QString("Signed out by the server: sign in again"));
        QVERIFY(!session.started());

        // With the token: the first sync shows its progress dialog, which closes at the end.
        QVERIFY(bool(window.tokenStore().saveToFile(SignInDialog::account(url, agentUuid), token)));
        window.startSync();
        QVERIFY(window.findChild<InitialSyncDialog *>() != nullptr); // shown at once
        QTRY_VERIFY_WITH_TIMEOUT(!session.initialSyncPending(), 30000);
        QTRY_COMPARE(state->text(), QString("Online"));
        QTRY_VERIFY(window.findChild<InitialSyncDialog *>() == nullptr); // closed and gone
        QTRY_COMPARE(window.ticketModel()->rowCount(), 1);
    }

    void cancelStopsTheRoundWithoutARetry()
    {
        // The first sync's Cancel: the request in flight is aborted, and the abort is not taken
        // for a network failure (which would retry after a backoff and resume by itself).
        ServerFixture server;
        for (int i = 0; i < 5; ++i)
            server.ticket(QString("문의 %1").arg(i), "본문");
        const QString token = QString::fromLatin1(server.bearer("agent@example.com").mid(7));
        const QUrl url(QString("http://127.0.0.1:%1").arg(server.server->port()));
        QTemporaryDir dir;
        auto opened = Database::open(dir.filePath("replica.sqlite"));
        QVERIFY(opened);
        std::unique_ptr<Database> db = std::move(opened).value();
        QVERIFY(bool(sync::replica::install(*db)));
        SearchIndex search(*db);
        sync::Outbox outbox(*db, SystemClock::instance());
        QNetworkAccessManager nam;
        sync::SyncClient client(*db, search, outbox, nam);
        client.setServer(url, token);
        client.setRetryBase(0.01); // a retry would come within 10-20 ms
        client.setPageSize(1);
        QSignalSpy states(&client, &sync::SyncClient::stateChanged);
        client.syncNow();
        QCOMPARE(client.state(), sync::SyncClient::State::Syncing); // a request is in flight
        client.cancel();
        QCOMPARE(client.state(), sync::SyncClient::State::Idle);
        QTest::qWait(200);
        QCOMPARE(client.state(), sync::SyncClient::State::Idle);
        for (const QList<QVariant> &s : std::as_const(states))
            QVERIFY(s.at(0).value<sync::SyncClient::State>() != sync::SyncClient::State::Offline);
        QCOMPARE(states.size(), 2); // Syncing, Idle: nothing started again
        // Sync Now resumes and finishes.
        QSignalSpy synced(&client, &sync::SyncClient::synced);
        client.syncNow();
        QVERIFY(synced.wait(60000));
        QCOMPARE(db->scalar("SELECT count(*) FROM tickets")->toInt(), 5);
    }
};

QTEST_MAIN(TestSyncSession)
#include "tst_syncsession.moc"
