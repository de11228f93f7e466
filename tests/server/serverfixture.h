// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The real Server in-process on a free port, with a temporary database on a ManualClock and
// three accounts (admin, manager, agent), and a blocking HTTP client for tests.
#include "support/storefixture.h"

#include "server/auth.h"
#include "server/router.h"
#include "server/server.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

struct Reply
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QByteArray retryAfter;
    QByteArray contentType;
    QString errorCode() const { return json.value("error").toObject().value("code").toString(); }
};

inline const QString kPassword = "a long enough password";

struct ServerFixture : StoreFixture
{
    std::unique_ptr<hd::server::Accounts> accounts;
    std::unique_ptr<hd::server::Server> server;
    QNetworkAccessManager nam;

    explicit ServerFixture(qint64 maxRequestBytes = hd::server::ServerOptions().maxRequestBytes)
        : StoreFixture(Backend::Server)
    {
        accounts = std::make_unique<hd::server::Accounts>(*db, clock);
        for (const auto &[email, role] : {std::pair{"admin@example.com", hd::AgentRole::Admin},
                                          std::pair{"manager@example.com", hd::AgentRole::Manager},
                                          std::pair{"agent@example.com", hd::AgentRole::Agent}})
            if (!accounts->createAccount(email, QString(email).section('@', 0, 0), role, kPassword))
                qFatal("createAccount failed");
        hd::server::ServerOptions o;
        o.address = QHostAddress::LocalHost;
        o.port = 0;
        o.maxRequestBytes = maxRequestBytes;
        o.attachmentsDir = dir.filePath("attachments");
        server = std::make_unique<hd::server::Server>(*db, clock, o);
        if (!server->start())
            qFatal("server: %s", qPrintable(server->errorString()));
    }

    Reply send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
               const QByteArray &authorization = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest req(
            QUrl(QString("http://127.0.0.1:%1%2").arg(server->port()).arg(pathAndQuery)));
        for (const auto &[name, value] : headers)
            req.setRawHeader(name, value);
        if (!authorization.isEmpty())
            req.setRawHeader("Authorization", authorization);
        if (method == "POST")
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        // HEAD through head(): its answer has no body (a custom "HEAD" would wait for one).
        QNetworkReply *reply = method == "GET" ? nam.get(req)
            : method == "HEAD"                 ? nam.head(req)
                                               : nam.sendCustomRequest(req, method, body);
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

    Reply login(const QString &email, const QString &password = kPassword,
                const QByteArray &forwardedFor = {})
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!forwardedFor.isEmpty())
            headers.append({"X-Forwarded-For", forwardedFor});
        return send("POST", "/api/v1/auth/login",
                    QJsonDocument(QJsonObject{{"email", email}, {"password", password}}).toJson(),
                    {}, headers);
    }

    /// Starts the server again with other options (same database and clock).
    void restart(hd::server::ServerOptions o)
    {
        server.reset();
        o.address = QHostAddress::LocalHost;
        o.port = 0;
        o.attachmentsDir = dir.filePath("attachments");
        server = std::make_unique<hd::server::Server>(*db, clock, o);
        if (!server->start())
            qFatal("server: %s", qPrintable(server->errorString()));
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
        auto names
            = db->exec(db->isPostgres() ? "SELECT tablename FROM pg_tables WHERE schemaname = "
                                          "current_schema() ORDER BY 1"
                                        : "SELECT name FROM sqlite_master ORDER BY name");
        while (names->next())
            out << names->value(0).toString();
        auto hashes = db->exec("SELECT coalesce(password_hash, '') FROM agents ORDER BY id");
        while (hashes->next())
            out << hashes->value(0).toString();
        return out;
    }
};

inline QString concrete(const QString &pattern)
{
    return QString(pattern).replace("{number}", "1");
}
