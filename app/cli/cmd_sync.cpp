// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli login / sync: a replica of a helpdesk-server from the command line (docs/sync.md).
#include "app/cli/commands.h"
#include "app/cli/session.h"
#include "core/storage/attachmentstore.h"
#include "sync/replica.h"
#include "sync/syncclient.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <cstdio>

namespace hd::cli {

namespace {

const QString kServer = QStringLiteral("server");

QString readPassword()
{
    const QByteArray env = qgetenv("HELPDESK_PASSWORD");
    if (!env.isEmpty())
        return QString::fromUtf8(env);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(in.readLine()).trimmed();
}

/// The token from --token-file FILE or HELPDESK_TOKEN.
QString readToken(const QCommandLineParser &p)
{
    if (p.isSet(QStringLiteral("token-file"))) {
        QFile f(p.value(QStringLiteral("token-file")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    }
    return QString::fromUtf8(qgetenv("HELPDESK_TOKEN")).trimmed();
}

} // namespace

int runLogin(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p,
               {{QStringLiteral("server"), HelpdeskCli::tr("Server URL, e.g. http://host:8080."),
                 QStringLiteral("url")},
                {QStringLiteral("email"), HelpdeskCli::tr("Your sign-in email."),
                 QStringLiteral("email")}},
               {}, 0, 0, &rc))
        return rc;
    const QUrl server(p.value(QStringLiteral("server")));
    if (!server.isValid() || !server.scheme().startsWith(QLatin1String("http"))
        || server.host().isEmpty())
        return fail(ctx, HelpdeskCli::tr("--server must be an http:// or https:// URL."));
    if (p.value(QStringLiteral("email")).isEmpty())
        return fail(ctx, HelpdeskCli::tr("--email is required."));
    const QString password = readPassword();
    if (password.isEmpty())
        return fail(ctx,
                    HelpdeskCli::tr("Give the password on standard input or in "
                                    "HELPDESK_PASSWORD."));
    QNetworkAccessManager nam;
    QUrl url = server;
    url.setPath(QStringLiteral("/api/v1/auth/login"));
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(30000);
    QNetworkReply *reply = nam.post(
        req,
        QJsonDocument(QJsonObject{{QStringLiteral("email"), p.value(QStringLiteral("email"))},
                                  {QStringLiteral("password"), password}})
            .toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    if (status != 200) {
        const QString why = answer.value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
        return fail(
            ctx,
            HelpdeskCli::tr("Sign-in failed: %1").arg(why.isEmpty() ? reply->errorString() : why));
    }
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    if (auto r = sync::replica::install(*(*s)->db); !r)
        return failWith(ctx, r.error());
    if (auto r = sync::replica::setState(*(*s)->db, kServer, server.toString()); !r)
        return failWith(ctx, r.error());
    const QString token = answer.value(QStringLiteral("token")).toString();
    if (wantsJson(p))
        printJson(ctx, QJsonDocument(answer));
    else
        ctx.out << token << '\n';
    return Ok;
}

int runSync(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    if (!parse(ctx, p,
               {{QStringLiteral("server"),
                 HelpdeskCli::tr("Server URL (default: the one of the last login)."),
                 QStringLiteral("url")},
                {QStringLiteral("token-file"),
                 HelpdeskCli::tr("File holding the token (default: HELPDESK_TOKEN)."),
                 QStringLiteral("file")},
                {QStringLiteral("page-size"), HelpdeskCli::tr("Feed entries per request."),
                 QStringLiteral("n"), QStringLiteral("2000")},
                {QStringLiteral("retries"),
                 HelpdeskCli::tr("Give up after this many failed requests in a row."),
                 QStringLiteral("n"), QStringLiteral("5")}},
               {}, 0, 0, &rc))
        return rc;
    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    Database &db = *(*s)->db;
    if (auto r = sync::replica::install(db); !r)
        return failWith(ctx, r.error());
    QString server = p.value(QStringLiteral("server"));
    if (server.isEmpty())
        server = sync::replica::state(db, kServer).value_or(QString());
    if (server.isEmpty())
        return fail(ctx,
                    HelpdeskCli::tr("No server: pass --server or run 'helpdesk-cli login' "
                                    "first."));
    const QString token = readToken(p);
    if (token.isEmpty())
        return fail(ctx,
                    HelpdeskCli::tr("No token: set HELPDESK_TOKEN or pass --token-file "
                                    "(helpdesk-cli login prints one)."));
    if (auto r = sync::replica::setState(db, kServer, server); !r)
        return failWith(ctx, r.error());
    const int before = (*s)->outbox->count().value_or(0);
    const qint64 from
        = sync::replica::state(db, QStringLiteral("cursor")).value_or(QString()).toLongLong();
    QNetworkAccessManager nam;
    // Files move with the messages naming them (the desktop's folder: next to the database).
    AttachmentStore files(QFileInfo(db.path()).absolutePath() + QStringLiteral("/attachments"));
    sync::SyncClient client(db, (*s)->store->searchIndex(), *(*s)->outbox, nam);
    client.setServer(QUrl(server), token);
    client.setAttachmentStore(&files);
    client.setPageSize(qBound(1, p.value(QStringLiteral("page-size")).toInt(), 5000));
    client.setRetryBase(0.5);
    const int retries = qMax(1, p.value(QStringLiteral("retries")).toInt());
    QEventLoop loop;
    int failures = 0;
    bool ok = false;
    QObject::connect(&client, &sync::SyncClient::synced, &loop, [&] {
        ok = true;
        loop.quit();
    });
    QObject::connect(&client, &sync::SyncClient::progress, &loop, [&](qint64 cursor, qint64 head) {
        ctx.err << HelpdeskCli::tr("pulled up to %1 of %2").arg(cursor).arg(head) << '\n';
        ctx.err.flush();
    });
    QObject::connect(&client, &sync::SyncClient::stateChanged, &loop,
                     [&](sync::SyncClient::State st) {
                         if (st == sync::SyncClient::State::Unauthorized)
                             loop.quit();
                         if (st == sync::SyncClient::State::Offline && ++failures >= retries)
                             loop.quit();
                     });
    if (from > 0)
        ctx.err << HelpdeskCli::tr("resuming from cursor %1").arg(from) << '\n';
    client.syncNow();
    loop.exec();
    if (!ok) {
        const bool unauthorized = client.state() == sync::SyncClient::State::Unauthorized;
        client.cancel();
        return fail(ctx,
                    unauthorized ? HelpdeskCli::tr("The server refused the token (signed out or "
                                                   "expired); run 'helpdesk-cli login' again.")
                                 : HelpdeskCli::tr("Sync stopped after %1 failed requests: %2")
                                       .arg(failures)
                                       .arg(client.lastError()));
    }
    const int rejected = db.scalar(QStringLiteral("SELECT count(*) FROM sync_rejections WHERE "
                                                  "dismissed = 0"))
                             .value_or(QVariant(0))
                             .toInt();
    const QJsonObject summary{{QStringLiteral("pushed"), before},
                              {QStringLiteral("cursor"), client.cursor()},
                              {QStringLiteral("head"), client.head()},
                              {QStringLiteral("rejections"), rejected}};
    if (wantsJson(p))
        printJson(ctx, QJsonDocument(summary));
    else
        ctx.out << HelpdeskCli::tr("Synced: %1 operations pushed, at %2 of %3, %4 refused "
                                   "changes to review.")
                       .arg(before)
                       .arg(client.cursor())
                       .arg(client.head())
                       .arg(rejected)
                << '\n';
    return Ok;
}

} // namespace hd::cli
