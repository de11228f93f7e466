// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/server.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

class TestServerHealth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void healthAnswersWithVersion()
    {
        hd::server::ServerOptions o;
        o.address = QHostAddress::LocalHost;
        o.port = 0; // any free port
        hd::server::Server server(o);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.port() != 0);

        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(
            QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/health").arg(server.port()))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(body.value(QStringLiteral("version")).toString(),
                 QStringLiteral(HELPDESK_VERSION));
        reply->deleteLater();
    }

    void wrongMethodIsRejected()
    {
        hd::server::ServerOptions o;
        o.port = 0;
        hd::server::Server server(o);
        QVERIFY(server.start());
        QNetworkAccessManager nam;
        QNetworkRequest req(
            QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/health").arg(server.port())));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = nam.post(req, QByteArray("{}"));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
        reply->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TestServerHealth)
#include "tst_server_health.moc"
