// SPDX-License-Identifier: GPL-3.0-or-later
// The helpdesk-server executable as a separate process: `admin create` makes the first admin
// (password from stdin or HELPDESK_ADMIN_PASSWORD), then the server serves it over HTTP.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct Run
{
    int exitCode = -1;
    QString out, err;
};

Run runServer(const QStringList &args, const QByteArray &stdinText,
              const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(HELPDESK_SERVER_PATH), args);
    if (!p.waitForStarted())
        return {};
    p.write(stdinText);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}
} // namespace

class TestServerProcess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void adminCreateThenServe()
    {
        QTemporaryDir dir;
        const QString db = "sqlite:" + dir.filePath("server.sqlite");
        const QStringList create
            = {"admin",  "create", "--db",   db,  "--email", "Boss@Example.com",
               "--name", "김관리", "--lang", "en"};
        Run r = runServer(create, "correct horse battery\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("admin") && r.out.contains("boss@example.com"), qPrintable(r.out));
        // The same email again, a short password, an unknown role: exit 1 with a message.
        r = runServer(create, "correct horse battery\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("boss@example.com"));
        QStringList other = create;
        other[5] = "other@example.com";
        r = runServer(other, "short\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("12"));
        r = runServer(other + QStringList{"--role", "root"}, "correct horse battery\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("root"));
        // HELPDESK_ADMIN_PASSWORD instead of stdin; --role agent.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HELPDESK_ADMIN_PASSWORD", "another long password");
        r = runServer(other + QStringList{"--role", "agent"}, {}, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(runServer({"frobnicate", "--db", db}, {}).exitCode, 1);

        // A free port: bind to 0, read it, let it go.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QProcess server;
        server.start(QStringLiteral(HELPDESK_SERVER_PATH),
                     {"--db", db, "--listen", QString("127.0.0.1:%1").arg(port), "--lang", "en"});
        QVERIFY(server.waitForStarted());
        QByteArray banner;
        while (!banner.contains('\n') && server.state() == QProcess::Running) {
            server.waitForReadyRead(1000);
            banner += server.readAllStandardOutput();
        }
        QVERIFY2(banner.contains(QByteArray::number(port)),
                 server.readAllStandardError().constData());

        QNetworkAccessManager nam;
        const auto call = [&](QNetworkRequest req, const QByteArray &body, bool post) {
            QNetworkReply *reply = post ? nam.post(req, body) : nam.get(req);
            QSignalSpy done(reply, &QNetworkReply::finished);
            if (!reply->isFinished())
                done.wait(60000);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
            return std::pair{status, json};
        };
        const QString base = QString("http://127.0.0.1:%1/api/v1").arg(port);
        QNetworkRequest login(QUrl(base + "/auth/login"));
        login.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        auto [status, json] = call(login,
                                   QJsonDocument(QJsonObject{{"email", "boss@example.com"},
                                                             {"password", "correct horse battery"}})
                                       .toJson(),
                                   true);
        QCOMPARE(status, 200);
        const QString token = json.value("token").toString();
        QCOMPARE(token.size(), 43);
        QNetworkRequest me(QUrl(base + "/me"));
        me.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        auto [meStatus, meJson] = call(me, {}, false);
        QCOMPARE(meStatus, 200);
        QCOMPARE(meJson.value("agent").toObject().value("name").toString(), QString("김관리"));
        QCOMPARE(meJson.value("agent").toObject().value("role").toString(), QString("admin"));

        server.terminate();
        QVERIFY(server.waitForFinished(30000));
    }
};

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_server_process.moc"
