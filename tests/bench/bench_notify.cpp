// SPDX-License-Identifier: GPL-3.0-or-later
// How long a change takes to reach another desktop (docs/sync.md "Telling clients the feed
// moved"): the real server in process on a temporary database; client 1 pushes one
// create_ticket op over HTTP (POST /api/v1/sync/push), client 2's FeedNotifier reports the new
// seq. Per round: the time from sending the push to moved(seq). Two modes: "poll" (the hub's
// 100 ms timer alone) and "poke" (NotifyHub::poke() as soon as the push's answer arrives,
// standing in for a poke after the commit). A random pause of 0-150 ms (not timed) comes
// before each push. Prints figures; asserts nothing about time.
//   bench_notify [--rounds N]
#include "core/base/clock.h"
#include "core/storage/database.h"
#include "server/auth.h"
#include "server/notifyhub.h"
#include "server/server.h"
#include "sync/feednotifier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace hd;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

/// Runs events until done() or 10 s; false on timeout.
template<typename F>
bool waitFor(F done)
{
    QDeadlineTimer deadline(10000);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

void print(const char *mode, QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto rank = [&](double p) {
        const qsizetype i = qsizetype(std::ceil(p * double(ms.size()))) - 1;
        return ms[std::clamp<qsizetype>(i, 0, ms.size() - 1)];
    };
    std::printf("%-6s %6lld %9.2f %9.2f %9.2f\n", mode, static_cast<long long>(ms.size()),
                rank(0.50), rank(0.99), ms.last());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption roundsOpt(QStringLiteral("rounds"),
                                       QStringLiteral("Pushes per mode (default 200)."),
                                       QStringLiteral("n"), QStringLiteral("200"));
    parser.addOption(roundsOpt);
    parser.process(app);
    const int rounds = std::max(1, parser.value(roundsOpt).toInt());

    QTemporaryDir dir;
    auto opened = Database::open(dir.filePath(QStringLiteral("notify.sqlite")));
    if (!opened)
        qFatal("database: %s", qPrintable(opened.errorMessage()));
    std::unique_ptr<Database> db = std::move(opened).value();
    const Clock &clock = SystemClock::instance();
    server::Accounts accounts(*db, clock);
    const QString password = QStringLiteral("a long enough password");
    QString tokens[2];
    for (int i = 0; i < 2; ++i) {
        auto agent = accounts.createAccount(QStringLiteral("desk%1@example.com").arg(i + 1),
                                            QStringLiteral("Desk %1").arg(i + 1), AgentRole::Agent,
                                            password);
        if (!agent)
            qFatal("account: %s", qPrintable(agent.errorMessage()));
        auto token = accounts.issueToken(agent->id);
        if (!token)
            qFatal("token: %s", qPrintable(token.errorMessage()));
        tokens[i] = token->token;
    }
    server::ServerOptions options;
    options.port = 0;
    server::Server srv(*db, clock, options);
    if (!srv.start())
        qFatal("server: %s", qPrintable(srv.errorString()));
    const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(srv.port()));

    sync::FeedNotifier notifier;
    notifier.start(base, tokens[1]);
    if (!waitFor([&] { return notifier.isConnected(); }))
        qFatal("the notifier did not connect");

    QNetworkAccessManager nam;
    QNetworkRequest push(base.resolved(QUrl(QStringLiteral("/api/v1/sync/push"))));
    push.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    push.setRawHeader("Authorization", "Bearer " + tokens[0].toLatin1());

    std::printf("notify latency: push over HTTP -> other client's moved(seq), ms\n");
    std::printf("%-6s %6s %9s %9s %9s\n", "mode", "count", "p50", "p99", "max");
    for (const bool poke : {false, true}) {
        QList<double> ms;
        for (int i = 0; i < rounds; ++i) {
            // A random pause first, so pushes do not keep the same phase to the hub's timer.
            QElapsedTimer pause;
            pause.start();
            const qint64 pauseMs = QRandomGenerator::global()->bounded(150);
            (void)waitFor([&] { return pause.elapsed() >= pauseMs; });
            const qint64 before = notifier.lastSeq();
            const QJsonObject op{
                {QStringLiteral("op_id"), newId()},
                {QStringLiteral("ticket_uuid"), newId()},
                {QStringLiteral("kind"), QStringLiteral("create_ticket")},
                {QStringLiteral("payload"),
                 QJsonObject{{QStringLiteral("subject"), QStringLiteral("Round %1").arg(i)}}}};
            const QByteArray body
                = QJsonDocument(QJsonObject{{QStringLiteral("client_id"), QStringLiteral("desk-1")},
                                            {QStringLiteral("ops"), QJsonArray{op}}})
                      .toJson(QJsonDocument::Compact);
            double took = -1;
            bool answered = false;
            QElapsedTimer t;
            t.start();
            const auto seen
                = QObject::connect(&notifier, &sync::FeedNotifier::moved, &app, [&](qint64 seq) {
                      if (seq > before && took < 0)
                          took = double(t.nsecsElapsed()) / 1e6;
                  });
            QNetworkReply *reply = nam.post(push, body);
            QObject::connect(reply, &QNetworkReply::finished, &app, [&, reply] {
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                    qFatal("push: %s", reply->readAll().constData());
                if (poke)
                    srv.notifyHub()->poke();
                answered = true;
                reply->deleteLater();
            });
            if (!waitFor([&] { return answered && took >= 0; }))
                qFatal("round %d: no notification within 10 s", i);
            QObject::disconnect(seen);
            ms << took;
        }
        print(poke ? "poke" : "poll", ms);
    }
    notifier.stop();
    return 0;
}
