// SPDX-License-Identifier: GPL-3.0-or-later
// The real Server in-process on a free port with a temporary database, over HTTP: no route
// answers without a valid token, roles are enforced, oversized, malformed and SQL-looking input
// gets clean 4xx answers and changes nothing, failed sign-ins are rate limited.
#include "serverfixture.h"

#include "server/httpadapter.h"

#include <QTcpSocket>
#include <QTest>

using namespace hd;
using namespace hd::server;

class TestServerSecurity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyRouteNeedsAValidToken()
    {
        ServerFixture f;
        f.ticket("첫 문의", "배송이 안 와요");
        const QByteArray revoked = f.bearer("admin@example.com");
        QCOMPARE(f.send("POST", "/api/v1/auth/logout", {}, revoked).status, 204);
        const QByteArray expiring = f.bearer("admin@example.com");
        QCOMPARE(f.send("GET", "/api/v1/me", {}, expiring).status, 200);

        const QList<QByteArray> invalid = {
            {},
            "Bearer",
            "Bearer ",
            "Bearer not-a-token",
            "Bearer " + QByteArray(43, 'A'), // well-formed, never issued
            "Bearer ' OR 1=1 --",
            "Basic YWRtaW5AZXhhbXBsZS5jb206YSBsb25nIGVub3VnaCBwYXNzd29yZA==",
            "bearer" + expiring.mid(6) + "x",
            revoked,
        };
        int checked = 0;
        const auto walk = [&](const QList<QByteArray> &auths) {
            for (const Route &route : f.server->router()->routes()) {
                if (route.access == Access::Public)
                    continue;
                for (const QByteArray &auth : auths) {
                    const Reply r = f.send(route.method, concrete(route.pattern), "{}", auth);
                    QVERIFY2(r.status == 401,
                             qPrintable(QString("%1 %2 with '%3': %4")
                                            .arg(route.method, route.pattern, auth)
                                            .arg(r.status)));
                    ++checked;
                    if (route.method == "HEAD")
                        continue; // a HEAD answer carries no body, so no error message
                    QCOMPARE(r.errorCode(), QString("unauthorized"));
                    QVERIFY(
                        !r.json.value("error").toObject().value("message").toString().isEmpty());
                }
            }
        };
        walk(invalid);
        // 30 days without use: the other token has expired too.
        f.clock.advanceSecs(30 * 86400);
        walk({expiring});
        QVERIFY(checked >= 6 * 10);

        // Exactly the three public routes answer without a token.
        QStringList open;
        for (const Route &route : f.server->router()->routes())
            if (route.access == Access::Public)
                open << QString::fromLatin1(route.method) + ' ' + route.pattern;
        QCOMPARE(open,
                 QStringList({"GET /api/v1/health", "GET /api/v1/openapi.yaml",
                              "POST /api/v1/auth/login"}));
    }

    void rolesAreEnforcedBeforeHandlers()
    {
        ServerFixture f;
        const QByteArray agent = f.bearer("agent@example.com");
        const QByteArray manager = f.bearer("manager@example.com");
        const QByteArray admin = f.bearer("admin@example.com");
        const QStringList before = f.snapshot();
        const QByteArray newAccount = QJsonDocument(QJsonObject{{"email", "new@example.com"},
                                                                {"name", "New"},
                                                                {"password", kPassword},
                                                                {"role", "admin"}})
                                          .toJson();
        for (const Route &route : f.server->router()->routes()) {
            const QString path = concrete(route.pattern);
            if (route.access == Access::Manager || route.access == Access::Admin) {
                const Reply r = f.send(route.method, path, newAccount, agent);
                QVERIFY2(r.status == 403, qPrintable(route.pattern));
                QCOMPARE(r.errorCode(), QString("forbidden"));
            }
            if (route.access == Access::Admin) {
                QCOMPARE(f.send(route.method, path, newAccount, manager).status, 403);
            }
        }
        QCOMPARE(f.snapshot(), before); // no account was made
        QCOMPARE(f.send("GET", "/api/v1/agents", {}, manager).status, 200);
        const Reply made = f.send("POST", "/api/v1/agents", newAccount, admin);
        QCOMPARE(made.status, 201);
        QCOMPARE(made.json.value("agent").toObject().value("role").toString(), QString("admin"));
        QCOMPARE(f.login("new@example.com").status, 200);
        QCOMPARE(f.send("POST", "/api/v1/agents", newAccount, admin).status, 409);

        const Reply me = f.send("GET", "/api/v1/me", {}, agent);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json.value("agent").toObject().value("email").toString(),
                 QString("agent@example.com"));
        QVERIFY(!me.body.contains("argon2"));
        QVERIFY(!f.send("GET", "/api/v1/agents", {}, admin).body.contains("argon2"));
    }

    void oversizedBodiesAreRefused()
    {
        ServerFixture f;
        const QByteArray admin = f.bearer("admin@example.com");
        const QStringList before = f.snapshot();
        // 100 MB of valid JSON: the size alone refuses it.
        const QByteArray huge = "{\"email\": \"x@example.com\", \"name\": \"x\", \"password\": \""
            + QByteArray(100 * 1024 * 1024, 'a') + "\"}";
        Reply r = f.send("POST", "/api/v1/agents", huge, admin);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.errorCode(), QString("too_large"));
        r = f.send("POST", "/api/v1/auth/login", huge);
        QCOMPARE(r.status, 413);
        // Just over the limit is refused, just under is read.
        const QByteArray over(Router::kMaxBodyBytes + 1, ' ');
        QCOMPARE(f.send("POST", "/api/v1/auth/login", over).status, 413);
        QByteArray under = "{\"email\": \"a@example.com\", \"password\": \"x\"}";
        under += QByteArray(Router::kMaxBodyBytes - under.size(), ' ');
        QCOMPARE(f.send("POST", "/api/v1/auth/login", under).status, 401);
        QCOMPARE(f.snapshot(), before);
    }

    void endlessBodiesAreCutOff()
    {
        // QHttpServer 6.4 would buffer any body whole; past the connection's limit it is cut.
        ServerFixture f(8 * 1024 * 1024);
        const QStringList before = f.snapshot();
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, f.server->port());
        QVERIFY(s.waitForConnected(10000));
        QSignalSpy closed(&s, &QTcpSocket::disconnected);
        s.write("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n");
        const QByteArray chunk(1024 * 1024, 'a');
        qint64 sent = 0;
        while (s.state() == QAbstractSocket::ConnectedState && sent < 64 * chunk.size()) {
            s.write(chunk);
            sent += chunk.size();
            while (s.state() == QAbstractSocket::ConnectedState && s.bytesToWrite() > 0)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        if (closed.isEmpty())
            QVERIFY(closed.wait(30000));
        QVERIFY2(sent <= 16 * chunk.size(), qPrintable(QString::number(sent)));
        // The server goes on serving, with nothing changed.
        QCOMPARE(f.send("GET", "/api/v1/health").status, 200);
        QCOMPARE(f.snapshot(), before);
        QCOMPARE(f.login("agent@example.com").status, 200);
    }

    void malformedJsonAndWrongTypesAre400()
    {
        ServerFixture f;
        const QByteArray admin = f.bearer("admin@example.com");
        const QStringList before = f.snapshot();
        const QList<QByteArray> bodies = {
            "",
            "{",
            "{\"email\": \"admin@example.com\", \"password\": ",
            "[]",
            "\"admin@example.com\"",
            "null",
            "{\"email\": 5, \"password\": \"a long enough password\"}",
            "{\"email\": \"admin@example.com\", \"password\": [\"a long enough password\"]}",
            "{\"email\": \"admin@example.com\"}",
            "\xff\xfe{}",
        };
        for (const QByteArray &b : bodies) {
            const Reply r = f.send("POST", "/api/v1/auth/login", b);
            QVERIFY2(r.status == 400, qPrintable(QString::number(r.status) + ' ' + b));
            QVERIFY(r.errorCode() == "malformed_json" || r.errorCode() == "invalid_request");
        }
        const QList<QByteArray> accounts = {
            "{\"email\": \"n@example.com\", \"name\": 1, \"password\": \"a long enough password\"}",
            "{\"email\": \"n@example.com\", \"name\": \"N\", \"password\": \"a long enough "
            "password\","
            " \"role\": \"root\"}",
            "{\"email\": \"n@example.com\", \"name\": \"N\", \"password\": \"a long enough "
            "password\","
            " \"role\": 2}",
            "{\"email\": \"n@example.com\", \"name\": \"N\", \"password\": \"short\"}",
            "{\"email\": \"not an email\", \"name\": \"N\", \"password\": \"a long enough "
            "password\"}",
            "[1, 2]",
        };
        for (const QByteArray &b : accounts)
            QVERIFY2(f.send("POST", "/api/v1/agents", b, admin).status == 400, b.constData());
        QCOMPARE(f.snapshot(), before);
    }

    void sqlLookingInputChangesNothing()
    {
        ServerFixture f;
        f.ticket("첫 문의", "배송이 안 와요");
        const QByteArray agent = f.bearer("agent@example.com");
        const QByteArray admin = f.bearer("admin@example.com");
        const QStringList before = f.snapshot();
        const QStringList hostile = {"' OR '1'='1", "admin@example.com' --",
                                     "x'); DROP TABLE agents; --", "1; DELETE FROM tickets"};
        for (const QString &s : hostile) {
            const Reply r = f.login(s, "' OR '1'='1");
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QString("invalid_credentials"));
            const QString q = QUrl::toPercentEncoding(s);
            QCOMPARE(f.send("GET", "/api/v1/tickets?status=" + q, {}, agent).status, 400);
            QCOMPARE(f.send("GET", "/api/v1/tickets?after=" + q, {}, agent).status, 400);
            QCOMPARE(f.send("GET", "/api/v1/tickets?limit=" + q, {}, agent).status, 400);
            QCOMPARE(f.send("GET", "/api/v1/tickets/" + q, {}, agent).status, 404);
            f.clock.advanceSecs(61); // each failed sign-in counts; let the window pass
        }
        QCOMPARE(f.snapshot(), before);
        // Stored literally when a field may hold it.
        const QString bobby = "Robert'); DROP TABLE agents; --";
        const Reply made = f.send("POST", "/api/v1/agents",
                                  QJsonDocument(QJsonObject{{"email", "bobby@example.com"},
                                                            {"name", bobby},
                                                            {"password", kPassword}})
                                      .toJson(),
                                  admin);
        QCOMPARE(made.status, 201);
        QCOMPARE(
            f.db->scalar("SELECT name FROM agents WHERE email = 'bobby@example.com'")->toString(),
            bobby);
        QCOMPARE(f.db->scalar("SELECT count(*) FROM tickets")->toInt(), 1);
    }

    void failedSignInsAreRateLimited()
    {
        ServerFixture f;
        for (int i = 0; i < 5; ++i)
            QCOMPARE(f.login("agent@example.com", "wrong password!").status, 401);
        Reply r = f.login("agent@example.com", "wrong password!");
        QCOMPARE(r.status, 429);
        QCOMPARE(r.errorCode(), QString("too_many_attempts"));
        QCOMPARE(r.retryAfter, QByteArray("60"));
        // The right password does not help while the email is blocked...
        QCOMPARE(f.login("agent@example.com").status, 429);
        // ...nor another email from the same address.
        QCOMPARE(f.login("manager@example.com").status, 429);
        f.clock.advanceSecs(30);
        QCOMPARE(f.login("agent@example.com").retryAfter, QByteArray("30"));
        f.clock.advanceSecs(30);
        QCOMPARE(f.login("agent@example.com").status, 200);
    }

    void forwardedForIsBelievedFromTrustedProxiesOnly()
    {
        using hd::server::HttpAdapter;
        const QHostAddress proxy("10.0.0.9"), client("203.0.113.7");
        const QList<QHostAddress> trusted{proxy, QHostAddress("10.0.0.8")};
        QCOMPARE(HttpAdapter::clientAddress(client, "198.51.100.1", trusted), client);
        QCOMPARE(HttpAdapter::clientAddress(proxy, "198.51.100.1", trusted),
                 QHostAddress("198.51.100.1"));
        // A client's own header is kept on the left; the nearest untrusted hop counts.
        QCOMPARE(HttpAdapter::clientAddress(proxy, "1.2.3.4, 203.0.113.7, 10.0.0.8", trusted),
                 client);
        QCOMPARE(HttpAdapter::clientAddress(proxy, "10.0.0.8", trusted), proxy);
        QCOMPARE(HttpAdapter::clientAddress(proxy, "not an address", trusted), proxy);
        QCOMPARE(HttpAdapter::clientAddress(proxy, "", trusted), proxy);

        // Five failed sign-ins, each for another email, sent as if from `from`.
        const auto failFiveTimes = [](ServerFixture &f, const QByteArray &from) {
            for (int i = 0; i < 5; ++i)
                if (f.login(QString("nobody%1@example.com").arg(i), "wrong password!", from).status
                    != 401)
                    return false;
            return true;
        };
        // Behind a trusted proxy, one client's failures do not block another's sign-in.
        ServerFixture f;
        hd::server::ServerOptions o;
        o.trustedProxies = {QHostAddress::LocalHost};
        f.restart(o);
        QVERIFY(failFiveTimes(f, "198.51.100.1"));
        QCOMPARE(f.login("agent@example.com", kPassword, "198.51.100.1").status, 429);
        QCOMPARE(f.login("agent@example.com", kPassword, "198.51.100.2").status, 200);
        // Not trusted: the header is ignored, the connection's address is blocked.
        f.restart({});
        QVERIFY(failFiveTimes(f, "198.51.100.3"));
        QCOMPARE(f.login("agent@example.com", kPassword, "198.51.100.4").status, 429);
    }
};

QTEST_GUILESS_MAIN(TestServerSecurity)
#include "tst_server_security.moc"
