// SPDX-License-Identifier: GPL-3.0-or-later
// The real Server in-process on a free port with a temporary database, over HTTP: no route
// answers without a valid token, roles are enforced, oversized, malformed and SQL-looking input
// gets clean 4xx answers and changes nothing, failed sign-ins are rate limited.
#include "support/storefixture.h"

#include "server/auth.h"
#include "server/router.h"
#include "server/server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace hd;
using namespace hd::server;

namespace {
struct Reply
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QByteArray retryAfter;
    QByteArray contentType;
    QString errorCode() const { return json.value("error").toObject().value("code").toString(); }
};

const QString kPassword = "a long enough password";

struct ServerFixture : StoreFixture
{
    std::unique_ptr<Accounts> accounts;
    std::unique_ptr<Server> server;
    QNetworkAccessManager nam;

    explicit ServerFixture(qint64 maxRequestBytes = ServerOptions().maxRequestBytes)
    {
        accounts = std::make_unique<Accounts>(*db, clock);
        for (const auto &[email, role] : {std::pair{"admin@example.com", AgentRole::Admin},
                                          std::pair{"manager@example.com", AgentRole::Manager},
                                          std::pair{"agent@example.com", AgentRole::Agent}})
            if (!accounts->createAccount(email, QString(email).section('@', 0, 0), role, kPassword))
                qFatal("createAccount failed");
        ServerOptions o;
        o.address = QHostAddress::LocalHost;
        o.port = 0;
        o.maxRequestBytes = maxRequestBytes;
        server = std::make_unique<Server>(*db, clock, o);
        if (!server->start())
            qFatal("server: %s", qPrintable(server->errorString()));
    }

    Reply send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
               const QByteArray &authorization = {})
    {
        QNetworkRequest req(
            QUrl(QString("http://127.0.0.1:%1%2").arg(server->port()).arg(pathAndQuery)));
        if (!authorization.isEmpty())
            req.setRawHeader("Authorization", authorization);
        if (method == "POST")
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply
            = method == "GET" ? nam.get(req) : nam.sendCustomRequest(req, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(60000);
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        r.retryAfter = reply->rawHeader("Retry-After");
        r.contentType = reply->rawHeader("Content-Type");
        reply->deleteLater();
        return r;
    }

    Reply login(const QString &email, const QString &password = kPassword)
    {
        return send("POST", "/api/v1/auth/login",
                    QJsonDocument(QJsonObject{{"email", email}, {"password", password}}).toJson());
    }

    QByteArray bearer(const QString &email)
    {
        const Reply r = login(email);
        if (r.status != 200)
            qFatal("login %s: %d %s", qPrintable(email), r.status, r.body.constData());
        return "Bearer " + r.json.value("token").toString().toLatin1();
    }

    /// Row counts of the tables a request could change, and the schema's table list.
    QStringList snapshot()
    {
        QStringList out;
        for (const char *t : {"agents", "auth_tokens", "tickets", "messages", "events"})
            out << QString("%1=%2").arg(t).arg(
                db->scalar(QString("SELECT count(*) FROM %1").arg(t))->toLongLong());
        auto names = db->exec("SELECT name FROM sqlite_master ORDER BY name");
        while (names->next())
            out << names->value(0).toString();
        auto hashes = db->exec("SELECT coalesce(password_hash, '') FROM agents ORDER BY id");
        while (hashes->next())
            out << hashes->value(0).toString();
        return out;
    }
};

QString concrete(const QString &pattern)
{
    return QString(pattern).replace("{number}", "1");
}
} // namespace

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
                    QCOMPARE(r.errorCode(), QString("unauthorized"));
                    QVERIFY(
                        !r.json.value("error").toObject().value("message").toString().isEmpty());
                    ++checked;
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

    void errorsAndRoutingAnswerJson()
    {
        ServerFixture f;
        Reply r = f.send("GET", "/api/v1/nothing-here");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QString("not_found"));
        r = f.send("DELETE", "/api/v1/agents");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.errorCode(), QString("method_not_allowed"));
        r = f.send("GET", "/api/v1/openapi.yaml");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("application/yaml"));
        QVERIFY(r.body.startsWith("# SPDX"));
        QVERIFY(r.body.contains("openapi: 3.1.0"));
        // Every route of the table is described in the document, with its method.
        const QString doc = QString::fromUtf8(r.body);
        for (const Route &route : f.server->router()->routes()) {
            const qsizetype at = doc.indexOf("\n  " + route.pattern + ":\n");
            QVERIFY2(at >= 0, qPrintable(route.pattern));
            qsizetype end = doc.indexOf(QRegularExpression("\n  [/a-z]"), at + 1);
            const QString section = doc.mid(at, end < 0 ? -1 : end - at);
            QVERIFY2(section.contains("\n    " + QString::fromLatin1(route.method.toLower()) + ":"),
                     qPrintable(route.pattern));
        }
    }

    void ticketsAreListedAndShownToAgents()
    {
        ServerFixture f;
        const Agent someone = f.agent("Choi");
        Ticket first = f.ticket("배송 문의", "배송이 안 와요");
        f.clock.advanceSecs(60);
        Ticket second = f.ticket("환불 문의", "환불해 주세요");
        f.clock.advanceSecs(60);
        Ticket third = f.ticket("결제 오류", "결제가 안 돼요");
        f.clock.advanceSecs(60);
        NewMessage note;
        note.authorId = someone.id;
        note.visibility = Visibility::Internal;
        note.body = "내부 메모: 고객에게 전화함";
        QVERIFY(bool(f.store->addMessage(second.id, note)));
        f.clock.advanceSecs(60);
        QVERIFY(bool(f.store->transition(first.id, TicketStatus::Open, Actor::system())));
        const QByteArray agent = f.bearer("agent@example.com");

        Reply page = f.send("GET", "/api/v1/tickets?limit=2", {}, agent);
        QCOMPARE(page.status, 200);
        QJsonArray rows = page.json.value("tickets").toArray();
        QCOMPARE(rows.size(), 2);
        // Newest update first: first (just transitioned), then second (note).
        QCOMPARE(rows[0].toObject().value("number").toInteger(), first.number);
        QCOMPARE(rows[1].toObject().value("number").toInteger(), second.number);
        const QString next = page.json.value("next_cursor").toString();
        QVERIFY(!next.isEmpty());
        page = f.send("GET", "/api/v1/tickets?limit=2&after=" + next, {}, agent);
        rows = page.json.value("tickets").toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value("number").toInteger(), third.number);
        QVERIFY(page.json.value("next_cursor").isNull());

        page = f.send("GET", "/api/v1/tickets?status=open", {}, agent);
        rows = page.json.value("tickets").toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value("status").toString(), QString("open"));
        QCOMPARE(
            f.send("GET", "/api/v1/tickets?status=new,open", {}, agent)
                .json.value("tickets")
                .toArray()
                .size(),
            f.db->scalar("SELECT count(*) FROM tickets WHERE status IN ('new', 'open')")->toInt());
        QCOMPARE(f.send("GET", "/api/v1/tickets?limit=0", {}, agent).status, 400);
        QCOMPARE(f.send("GET", "/api/v1/tickets?limit=201", {}, agent).status, 400);

        const Reply one
            = f.send("GET", QString("/api/v1/tickets/%1").arg(second.number), {}, agent);
        QCOMPARE(one.status, 200);
        const QJsonObject t = one.json.value("ticket").toObject();
        QCOMPARE(t.value("subject").toString(), QString("환불 문의"));
        const QJsonArray messages = t.value("messages").toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[1].toObject().value("visibility").toString(), QString("internal"));
        QCOMPARE(messages[1].toObject().value("body").toString(), note.body);
        QCOMPARE(f.send("GET", "/api/v1/tickets/999", {}, agent).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestServerSecurity)
#include "tst_server_security.moc"
