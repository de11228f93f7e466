// SPDX-License-Identifier: GPL-3.0-or-later
// The WebSocket of docs/sync.md "Telling clients the feed moved" against the real server in
// process: FeedNotifier gets the head, then a higher seq after another agent's push; wrong
// tokens (4401, unauthorized()), silence (4401 after the timeout), bad first messages (4400),
// revoked and expired tokens at the next re-check, a restarted server, the socket cap (1013),
// upgrades on other paths (404), a plain GET (426), pings; the backoff; the backoff and URL
// arithmetic.
#include "server/notifyhub.h"
#include "server/serverfixture.h"
#include "sync/feednotifier.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>
#include <QWebSocket>

using namespace hd;
using namespace hd::server;
using hd::sync::FeedNotifier;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

/// Pushes one create_ticket op through POST /api/v1/sync/push; returns its feed seq.
qint64 pushTicket(ServerFixture &f, const QByteArray &auth, const QString &subject)
{
    const QJsonObject op{{"op_id", newId()},
                         {"ticket_uuid", newId()},
                         {"kind", "create_ticket"},
                         {"payload", QJsonObject{{"subject", subject}}}};
    const Reply r = f.send(
        "POST", "/api/v1/sync/push",
        QJsonDocument(QJsonObject{{"client_id", "desk-2"}, {"ops", QJsonArray{op}}}).toJson(),
        auth);
    const QJsonObject result = r.json.value("results").toArray().first().toObject();
    if (r.status != 200 || result.value("result").toString() != "applied")
        qFatal("push: %d %s", r.status, r.body.constData());
    return result.value("seq").toInteger();
}

qint64 head(ServerFixture &f)
{
    return f.db->scalar("SELECT coalesce(max(seq), 0) FROM changes")->toLongLong();
}

QString tokenOf(ServerFixture &f, const QString &email)
{
    return QString::fromLatin1(f.bearer(email).mid(7));
}

QUrl base(quint16 port)
{
    return QUrl(QString("http://127.0.0.1:%1").arg(port));
}

/// Another server on the fixture's database and clock with its own notify options.
std::unique_ptr<Server> startServer(ServerFixture &f, quint16 port, int maxSockets = 1000,
                                    int authTimeoutMs = 5000)
{
    ServerOptions o;
    o.address = QHostAddress::LocalHost;
    o.port = port;
    o.maxNotifySockets = maxSockets;
    o.notifyAuthTimeoutMs = authTimeoutMs;
    o.attachmentsDir = f.dir.filePath("attachments");
    auto s = std::make_unique<Server>(*f.db, f.clock, o);
    if (!s->start())
        qFatal("server: %s", qPrintable(s->errorString()));
    return s;
}

/// A raw socket on ws://127.0.0.1:port<path>, open.
std::unique_ptr<QWebSocket> rawSocket(quint16 port, const QString &path = NotifyHub::path())
{
    auto s = std::make_unique<QWebSocket>();
    s->open(QUrl(QString("ws://127.0.0.1:%1%2").arg(port).arg(path)));
    return s;
}

/// An upgrade request on `path` by hand, and what came back until the first frame was whole or
/// the server hung up: QWebSocket (Qt 6.4) itself takes close codes 1012-2999 for a protocol
/// error (1002), so 1013 can only be seen on the wire.
QByteArray rawUpgrade(quint16 port, const QString &path)
{
    QTcpSocket t;
    QByteArray got;
    QObject::connect(&t, &QTcpSocket::readyRead, [&] { got += t.readAll(); });
    t.connectToHost(QHostAddress::LocalHost, port);
    t.write("GET " + path.toLatin1()
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13\r\n\r\n");
    (void)QTest::qWaitFor(
        [&] {
            const qsizetype end = got.indexOf("\r\n\r\n");
            return t.state() == QAbstractSocket::UnconnectedState
                || (end >= 0 && got.size() >= end + 4 + 4);
        },
        10000);
    return got;
}

/// The close code of a close frame after the 101 answer, or -1.
int closeCodeOf(const QByteArray &raw)
{
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 101") || end < 0 || raw.size() < end + 8)
        return -1;
    const QByteArray frame = raw.mid(end + 4);
    if (uchar(frame[0]) != 0x88)
        return -1;
    return (uchar(frame[2]) << 8) | uchar(frame[3]);
}

bool closedWith(const QWebSocket &s, int code)
{
    return s.state() == QAbstractSocket::UnconnectedState && int(s.closeCode()) == code;
}

} // namespace

class TestFeedNotifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void getsTheHeadThenEachPushOfAnotherAgent()
    {
        ServerFixture f;
        f.ticket("배송 문의"); // the feed is not empty
        const qint64 start = head(f);
        QVERIFY(start > 0);
        FeedNotifier n;
        QSignalSpy moved(&n, &FeedNotifier::moved);
        QSignalSpy connected(&n, &FeedNotifier::connectedChanged);
        n.start(base(f.server->port()), tokenOf(f, "agent@example.com"));
        QTRY_VERIFY(n.isConnected());
        QCOMPARE(connected.size(), 1);
        QCOMPARE(connected.first().first().toBool(), true);
        QTRY_COMPARE(moved.size(), 1);
        QCOMPARE(moved.first().first().toLongLong(), start);

        const QByteArray other = f.bearer("manager@example.com");
        const qint64 pushed = pushTicket(f, other, "환불 요청");
        QVERIFY(pushed > start);
        QCOMPARE(head(f), pushed);
        QTRY_COMPARE(n.lastSeq(), pushed);
        QCOMPARE(moved.size(), 2); // one message per move, none repeated
        const qint64 second = pushTicket(f, other, "결제 오류");
        QTRY_COMPARE(n.lastSeq(), second);
        QCOMPARE(moved.size(), 3);
        QVERIFY(n.isConnected());
        n.stop();
        QVERIFY(!n.isConnected());
        QCOMPARE(connected.size(), 2);
    }

    void aWrongTokenIsRefusedWith4401()
    {
        ServerFixture f;
        FeedNotifier n;
        QSignalSpy unauthorized(&n, &FeedNotifier::unauthorized);
        QSignalSpy closed(&n, &FeedNotifier::closed);
        n.start(base(f.server->port()), QString(43, 'A')); // well-formed, never issued
        QTRY_COMPARE(unauthorized.size(), 1);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.first().at(0).toInt(), 4401);
        QVERIFY(!closed.first().at(1).toString().isEmpty());
        QVERIFY(!n.isRunning());
        QVERIFY(!n.isConnected());
        QCOMPARE(n.lastSeq(), -1);
    }

    void silenceIsClosedAfterTheTimeout()
    {
        ServerFixture f;
        auto server = startServer(f, 0, 1000, 200);
        auto s = rawSocket(server->port());
        QTRY_COMPARE(s->state(), QAbstractSocket::ConnectedState);
        QCOMPARE(server->notifyHub()->socketCount(), 1);
        QTRY_VERIFY(closedWith(*s, 4401));
        QVERIFY(!s->closeReason().isEmpty());
        QTRY_COMPARE(server->notifyHub()->socketCount(), 0);
    }

    void badFirstMessagesAreClosedWith4400()
    {
        ServerFixture f;
        const quint16 port = f.server->port();
        const QString pad(4096 - QByteArray(R"({"token":""})").size(), 'x');
        const QString exactly4096 = QString(R"({"token":"%1"})").arg(pad);
        QCOMPARE(exactly4096.toUtf8().size(), 4096);
        const QList<QPair<QString, int>> cases = {
            {QString(R"({"token":"%1"})").arg(pad + "x"), 4400}, // 4097 bytes
            {QString(5000, 'x'), 4400},
            {"hello", 4400},
            {R"(["token"])", 4400},
            {R"({"token": 42})", 4400},
            {R"({"tok": "abc"})", 4400},
            {exactly4096, 4401}, // within the limit, but not a token
        };
        for (const auto &[message, code] : cases) {
            auto s = rawSocket(port);
            QTRY_COMPARE(s->state(), QAbstractSocket::ConnectedState);
            s->sendTextMessage(message);
            QTRY_VERIFY2(closedWith(*s, code),
                         qPrintable(QString("%1: %2").arg(message.left(20)).arg(s->closeCode())));
        }
        auto binary = rawSocket(port);
        QTRY_COMPARE(binary->state(), QAbstractSocket::ConnectedState);
        binary->sendBinaryMessage(R"({"token":"x"})");
        QTRY_VERIFY(closedWith(*binary, 4400));
        QTRY_COMPARE(f.server->notifyHub()->socketCount(), 0);
    }

    void aRevokedTokenIsClosedAtTheNextRecheck()
    {
        ServerFixture f;
        const QString token = tokenOf(f, "agent@example.com");
        FeedNotifier n;
        QSignalSpy unauthorized(&n, &FeedNotifier::unauthorized);
        n.start(base(f.server->port()), token);
        QTRY_VERIFY(n.isConnected());
        NotifyHub *hub = f.server->notifyHub();
        QCOMPARE(hub->subscriberCount(), 1);
        QVERIFY(bool(f.accounts->revoke(token)));
        f.clock.advanceSecs(59);
        hub->poke(); // not due yet
        QCOMPARE(hub->subscriberCount(), 1);
        f.clock.advanceSecs(1); // 60 s since the token was checked
        QTRY_COMPARE(unauthorized.size(), 1);
        QCOMPARE(hub->subscriberCount(), 0);
        QVERIFY(!n.isConnected());
        QVERIFY(!n.isRunning());
    }

    void anExpiredTokenIsClosedAtTheNextRecheck()
    {
        ServerFixture f;
        FeedNotifier n;
        QSignalSpy unauthorized(&n, &FeedNotifier::unauthorized);
        n.start(base(f.server->port()), tokenOf(f, "agent@example.com"));
        QTRY_VERIFY(n.isConnected());
        f.clock.advanceSecs(qint64(Accounts::kTokenLifetimeDays) * 86400 + 1);
        QTRY_COMPARE(unauthorized.size(), 1);
    }

    void reconnectsToARestartedServer()
    {
        ServerFixture f;
        const QString token = tokenOf(f, "agent@example.com");
        auto server = startServer(f, 0);
        const quint16 port = server->port();
        FeedNotifier n;
        n.setRandomSource([] { return 0.0; });
        QSignalSpy connected(&n, &FeedNotifier::connectedChanged);
        n.start(base(port), token);
        QTRY_VERIFY(n.isConnected());
        QCOMPARE(n.lastSeq(), head(f));

        server.reset();
        QTRY_VERIFY(!n.isConnected());
        QVERIFY(n.isRunning());
        f.ticket("서버가 멈춘 사이에"); // the head moves while nobody listens
        const qint64 moved = head(f);
        QVERIFY(moved > 0);
        server = startServer(f, port);
        QTRY_VERIFY(n.isConnected());
        QTRY_COMPARE(n.lastSeq(), moved);
        QCOMPARE(connected.size(), 3); // up, down, up
        QCOMPARE(n.attempt(), 0);
    }

    void socketsBeyondTheCapAreClosedWith1013()
    {
        ServerFixture f;
        auto server = startServer(f, 0, 2);
        FeedNotifier a, b;
        a.start(base(server->port()), tokenOf(f, "agent@example.com"));
        b.start(base(server->port()), tokenOf(f, "manager@example.com"));
        QTRY_VERIFY(a.isConnected() && b.isConnected());
        const QByteArray third = rawUpgrade(server->port(), NotifyHub::path());
        QCOMPARE(closeCodeOf(third), 1013);
        QTRY_COMPARE(server->notifyHub()->socketCount(), 2);

        a.stop();
        QTRY_COMPARE(server->notifyHub()->socketCount(), 1);
        FeedNotifier c;
        c.start(base(server->port()), tokenOf(f, "admin@example.com"));
        QTRY_VERIFY(c.isConnected());
        QCOMPARE(server->notifyHub()->subscriberCount(), 2);
    }

    void otherPathsAndPlainRequests()
    {
        ServerFixture f;
        // An upgrade elsewhere is refused before the handshake: 404, connection closed.
        for (const QString path : {"/api/v1/sync/changes", "/api/v1/nothing-here", "/"}) {
            const QByteArray raw = rawUpgrade(f.server->port(), path);
            QVERIFY2(raw.startsWith("HTTP/1.1 404"), raw.constData());
            QVERIFY(raw.contains("\"not_found\""));
        }
        QCOMPARE(f.server->notifyHub()->socketCount(), 0);
        // The same request on the notify path is taken (101) and waits for its token.
        auto quick = startServer(f, 0, 1000, 200);
        const QByteArray taken = rawUpgrade(quick->port(), NotifyHub::path());
        QVERIFY2(taken.startsWith("HTTP/1.1 101"), taken.constData());
        QCOMPARE(closeCodeOf(taken), 4401);

        const QByteArray auth = f.bearer("agent@example.com");
        const Reply plain = f.send("GET", NotifyHub::path(), {}, auth);
        QCOMPARE(plain.status, 426);
        QCOMPARE(plain.errorCode(), QString("upgrade_required"));
        QCOMPARE(f.send("GET", NotifyHub::path()).status, 401);
    }

    void aHealthyConnectionAnswersPings()
    {
        ServerFixture f;
        FeedNotifier n;
        n.setPingIntervalMs(200);
        QSignalSpy connected(&n, &FeedNotifier::connectedChanged);
        n.start(base(f.server->port()), tokenOf(f, "agent@example.com"));
        QTRY_VERIFY(n.isConnected());
        QTest::qWait(1000); // about 5 pings, each answered before the next
        QVERIFY(n.isConnected());
        QCOMPARE(connected.size(), 1);
    }

    void aPeerThatStopsAnsweringIsDropped()
    {
        // A hand-made server: completes the handshake, sends {"seq": 7}, then never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> peers;
        QByteArray request;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *peer = silent.nextPendingConnection();
            peers << peer;
            connect(peer, &QTcpSocket::readyRead, peer, [&request, peer] {
                request += peer->readAll();
                if (!request.contains("\r\n\r\n") || peer->property("open").toBool())
                    return;
                peer->setProperty("open", true);
                QByteArray key;
                for (const QByteArray &line : request.split('\n'))
                    if (line.toLower().startsWith("sec-websocket-key:"))
                        key = line.mid(18).trimmed();
                const QByteArray accept
                    = QCryptographicHash::hash(
                          QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                          QCryptographicHash::Sha1)
                          .toBase64();
                const QByteArray seq = R"({"seq":7})";
                peer->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                            + accept + "\r\n\r\n" + char(0x81) + char(seq.size()) + seq);
            });
        });
        FeedNotifier n;
        n.setPingIntervalMs(50);
        n.setRandomSource([] { return 0.0; });
        QSignalSpy connected(&n, &FeedNotifier::connectedChanged);
        n.start(base(silent.serverPort()), QString(43, 'A'));
        QTRY_COMPARE(n.lastSeq(), 7);
        QTRY_COMPARE(connected.size(), 2); // up, then down: the ping went unanswered
        QCOMPARE(connected.at(1).first().toBool(), false);
        QVERIFY(n.isRunning()); // and it will try again
        QTRY_VERIFY(peers.size() >= 2);
        n.stop();
    }

    void backoffAndUrlsAreComputable()
    {
        QCOMPARE(FeedNotifier::backoffMs(0, 0.0), qint64(500));
        QCOMPARE(FeedNotifier::backoffMs(0, 0.999), qint64(500));
        QCOMPARE(FeedNotifier::backoffMs(1, 0.0), qint64(500));
        QCOMPARE(FeedNotifier::backoffMs(1, 1.0), qint64(1000));
        QCOMPARE(FeedNotifier::backoffMs(2, 0.5), qint64(1500));
        QCOMPARE(FeedNotifier::backoffMs(3, 0.0), qint64(2000));
        QCOMPARE(FeedNotifier::backoffMs(5, 0.5), qint64(12000));
        QCOMPARE(FeedNotifier::backoffMs(6, 0.5), qint64(22500)); // 32 s is capped to 30 s
        QCOMPARE(FeedNotifier::backoffMs(7, 0.0), qint64(15000));
        QCOMPARE(FeedNotifier::backoffMs(7, 1.0), qint64(30000));
        QCOMPARE(FeedNotifier::backoffMs(1000, 1.0), qint64(30000));
        QCOMPARE(FeedNotifier::notifyUrl(QUrl("http://desk.example:8080/")),
                 QUrl("ws://desk.example:8080/api/v1/sync/notify"));
        QCOMPARE(FeedNotifier::notifyUrl(QUrl("https://desk.example/helpdesk/?x=1")),
                 QUrl("wss://desk.example/helpdesk/api/v1/sync/notify"));
    }

    void retriesWithGrowingDelaysWhileNothingListens()
    {
        ServerFixture f;
        auto server = startServer(f, 0);
        const quint16 port = server->port();
        server.reset(); // a port nobody listens on now
        FeedNotifier n;
        n.setRandomSource([] { return 0.0; });
        QSignalSpy closed(&n, &FeedNotifier::closed);
        n.start(base(port), QString(43, 'A'));
        QTRY_VERIFY(n.attempt() >= 2); // refused at once, again after 0.5 s
        QVERIFY(n.isRunning());
        QVERIFY(closed.size() >= 2);
        n.stop();
        QVERIFY(!n.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestFeedNotifier)
#include "tst_feednotifier.moc"
