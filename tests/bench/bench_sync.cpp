// SPDX-License-Identifier: GPL-3.0-or-later
// Sync benchmark against helpdesk-server as a separate process on loopback (issue 5's goals):
//  1. initial pull of a seeded base (default 100,000 tickets, ~500,000 messages) into an empty
//     replica, search index rebuilt at the end included;
//  2. push of N offline operations (default 10,000) made on that replica;
//  3. C simulated clients (default 50), each with its own connection, alternating a feed poll
//     and a one-operation push for S seconds, latency percentiles: first as agents working
//     (a request every --think-ms on average, default 500 ms: 2 requests a second each, far
//     more than a person makes), then flat out (no pause: the server's saturation throughput,
//     where latency is mostly queueing behind the other clients).
// Prints a markdown table; never asserts on time.
//
//   bench_sync [--tickets N] [--ops N] [--clients C] [--seconds S] [--think-ms T] [--db PATH]
//              [--server-db postgresql://...]
#include "support/testdatabase.h"

#include "core/base/clock.h"
#include "core/demo/seeder.h"
#include "core/storage/database.h"
#include "core/storage/ticketstore.h"
#include "sync/replica.h"
#include "sync/syncclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace hd;

namespace {

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "bench_sync: %s\n", qPrintable(what));
    std::exit(1);
}

template<typename T>
T need(Result<T> r, const char *what)
{
    if (!r)
        die(QString("%1: %2").arg(what, r.errorMessage()));
    return std::move(r).value();
}
void need(Result<void> r, const char *what)
{
    if (!r)
        die(QString("%1: %2").arg(what, r.errorMessage()));
}

void waitFor(QObject *sender, const char *signal, int timeoutMs)
{
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, SLOT(quit()));
    QTimer::singleShot(timeoutMs, &loop,
                       [&] { die(QString("timed out waiting for %1").arg(signal)); });
    loop.exec();
}

QJsonObject call(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &body,
                 const QByteArray &token = {})
{
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = body.isNull() ? nam.get(req) : nam.post(req, body);
    waitFor(reply, SIGNAL(finished()), 120000);
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype i
        = qBound<qsizetype>(0, qsizetype(std::ceil(p * double(v.size()))) - 1, v.size() - 1);
    return v[i];
}

/// One simulated client: poll the feed from the head, push one operation, repeat.
class LoadClient : public QObject
{
public:
    LoadClient(const QUrl &base, const QByteArray &token, const QStringList &tickets, quint32 seed,
               QList<double> &latencies, int thinkMs)
        : m_thinkMs(thinkMs)
        , m_base(base)
        , m_token(token)
        , m_tickets(tickets)
        , m_random(seed)
        , m_latencies(latencies)
    { }
    /// Working clients start at random moments of their first pause (people do not all click
    /// in the same millisecond); flat-out clients at once.
    void start()
    {
        if (m_thinkMs > 0)
            QTimer::singleShot(int(m_random.bounded(2 * m_thinkMs)), this, [this] { next(); });
        else
            next();
    }
    void stop() { m_stopped = true; }
    int errors = 0;

private:
    void next()
    {
        if (m_stopped)
            return;
        QNetworkRequest req;
        req.setRawHeader("Authorization", "Bearer " + m_token);
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply = nullptr;
        if (m_poll) {
            QUrl u = m_base;
            u.setPath("/api/v1/sync/changes");
            u.setQuery(QString("after=%1&limit=100").arg(m_cursor));
            req.setUrl(u);
            reply = m_nam.get(req);
        } else {
            QUrl u = m_base;
            u.setPath("/api/v1/sync/push");
            req.setUrl(u);
            const QString ticket = m_tickets[m_random.bounded(int(m_tickets.size()))];
            const QJsonObject op{{"op_id", QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                 {"ticket_uuid", ticket},
                                 {"kind", "set_priority"},
                                 {"payload",
                                  QJsonObject{{"priority",
                                               QStringList{"low", "normal", "high",
                                                           "urgent"}[m_random.bounded(4)]}}}};
            reply = m_nam.post(
                req,
                QJsonDocument(QJsonObject{{"client_id", "load"}, {"ops", QJsonArray{op}}})
                    .toJson(QJsonDocument::Compact));
        }
        QElapsedTimer *t = new QElapsedTimer;
        t->start();
        connect(reply, &QNetworkReply::finished, this, [this, reply, t] {
            m_latencies << double(t->nsecsElapsed()) / 1e6;
            delete t;
            reply->deleteLater();
            if (reply->error() != QNetworkReply::NoError)
                ++errors;
            else if (m_poll)
                m_cursor = QJsonDocument::fromJson(reply->readAll())
                               .object()
                               .value("head")
                               .toInteger(m_cursor);
            m_poll = !m_poll;
            if (m_thinkMs > 0)
                QTimer::singleShot(int(m_random.bounded(2 * m_thinkMs)), this, [this] { next(); });
            else
                next();
        });
    }

    int m_thinkMs;
    QUrl m_base;
    QByteArray m_token;
    QStringList m_tickets;
    QRandomGenerator m_random;
    QList<double> &m_latencies;
    QNetworkAccessManager m_nam;
    bool m_poll = true;
    bool m_stopped = false;
    qint64 m_cursor = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOptions({{"tickets", "Tickets to seed.", "n", "100000"},
                  {"ops", "Offline operations to push.", "n", "10000"},
                  {"clients", "Simulated clients.", "n", "50"},
                  {"seconds", "Seconds of each load phase.", "n", "10"},
                  {"think-ms", "Mean pause between a working client's requests.", "ms", "500"},
                  {"db", "Seeded server database to use (kept between runs).", "path"},
                  {"server-db",
                   "Serve from this empty PostgreSQL database instead of a copy of the SQLite "
                   "seed: the seed is copied into it with helpdesk-server copy. 'pg': a new "
                   "database on the server HELPDESK_TEST_PG names, dropped at the end.",
                   "url"}});
    p.process(app);
    const qint64 tickets = p.value("tickets").toLongLong();
    QTemporaryDir tmp;
    const QString seedPath = p.isSet("db") ? p.value("db") : tmp.filePath("seed.sqlite");
    if (!QFileInfo::exists(seedPath)) {
        std::printf("seeding %lld tickets into %s\n", tickets, qPrintable(seedPath));
        std::fflush(stdout);
        auto db = need(Database::open(seedPath), "open");
        SeedOptions o;
        o.tickets = tickets;
        o.years = 1;
        o.end = QDateTime::currentDateTimeUtc();
        need(Seeder(*db, o.end).run(o), "seed");
    }
    {
        // Everything in the main file before it is copied.
        auto db = need(Database::open(seedPath), "open");
        need(db->exec("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
    }
    // The server works on a copy, so every run starts from the same seeded base.
    QString dbSpec = "sqlite:" + tmp.filePath("server.sqlite");
    testdb::PostgresDatabase madeHere;
    if (p.isSet("server-db")) {
        dbSpec = p.value("server-db");
        if (dbSpec == "pg")
            dbSpec = madeHere.url = testdb::PostgresServer::create();
        QProcess copy;
        copy.setProcessChannelMode(QProcess::ForwardedChannels);
        QElapsedTimer copyTime;
        copyTime.start();
        copy.start(HELPDESK_SERVER_PATH,
                   {"copy", "--from", "sqlite:" + seedPath, "--db", dbSpec, "--lang", "en"});
        if (!copy.waitForFinished(3600 * 1000) || copy.exitCode() != 0)
            die("helpdesk-server copy failed");
        std::printf("copy of the seed into %s: %.1f s\n", qPrintable(dbSpec),
                    double(copyTime.elapsed()) / 1000.0);
    } else if (!QFile::copy(seedPath, tmp.filePath("server.sqlite"))) {
        die("cannot copy " + seedPath);
    }
    {
        QProcess admin;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("HELPDESK_ADMIN_PASSWORD", "benchmark password");
        admin.setProcessEnvironment(env);
        admin.start(HELPDESK_SERVER_PATH,
                    {"admin", "create", "--db", dbSpec, "--email", "bench@example.com", "--name",
                     "Bench", "--role", "agent"});
        admin.waitForFinished(120000); // fails harmlessly when the account exists
    }
    quint16 port = 0;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        port = probe.serverPort();
    }
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(HELPDESK_SERVER_PATH,
                 {"--db", dbSpec, "--listen", QString("127.0.0.1:%1").arg(port), "--attachments",
                  tmp.filePath("attachments")});
    if (!server.waitForStarted())
        die("cannot start helpdesk-server");
    QByteArray banner;
    while (!banner.contains('\n') && server.state() == QProcess::Running) {
        server.waitForReadyRead(120000); // the first start backfills the feed
        banner += server.readAllStandardOutput();
    }
    const QUrl base(QString("http://127.0.0.1:%1").arg(port));
    QNetworkAccessManager nam;
    const QByteArray token = call(nam, QUrl(base.toString() + "/api/v1/auth/login"),
                                  QJsonDocument(QJsonObject{{"email", "bench@example.com"},
                                                            {"password", "benchmark password"}})
                                      .toJson())
                                 .value("token")
                                 .toString()
                                 .toLatin1();
    if (token.isEmpty())
        die("cannot sign in");

    // 1. Initial pull.
    SystemClock clock;
    auto replica = need(Database::open(tmp.filePath("replica.sqlite")), "replica");
    need(sync::replica::install(*replica), "install");
    TicketStore store(*replica, clock);
    sync::Outbox outbox(*replica, clock);
    store.setJournal(&outbox);
    sync::SyncClient client(*replica, store.searchIndex(), outbox, nam);
    client.setServer(base, QString::fromLatin1(token));
    client.setPageSize(5000);
    QElapsedTimer t;
    t.start();
    client.syncNow();
    waitFor(&client, SIGNAL(synced()), 3600 * 1000);
    const double pullMs = double(t.nsecsElapsed()) / 1e6;
    const qint64 pulledTickets
        = need(replica->scalar("SELECT count(*) FROM tickets"), "count").toLongLong();
    const qint64 pulledMessages
        = need(replica->scalar("SELECT count(*) FROM messages"), "count").toLongLong();

    // 2. Offline operations, then one push.
    const int ops = p.value("ops").toInt();
    QList<RowId> ids;
    QStringList uuids;
    {
        auto rows = need(replica->exec("SELECT id, uuid FROM tickets WHERE status <> 'closed' "
                                       "ORDER BY id DESC LIMIT 2000"),
                         "tickets");
        while (rows.next()) {
            ids << rows.value(0).toLongLong();
            uuids << rows.value(1).toString();
        }
    }
    const RowId me
        = need(replica->scalar("SELECT id FROM agents WHERE email = 'bench@example.com'"), "me")
              .toLongLong();
    QRandomGenerator random(7);
    t.restart();
    for (int i = 0; i < ops; ++i) {
        const RowId id = ids[random.bounded(int(ids.size()))];
        if (i % 2 == 0) {
            NewMessage m;
            m.authorId = me;
            m.body = QString("오프라인 답변 %1").arg(i);
            need(store.addMessage(id, m), "reply");
        } else {
            // Always another priority than the ticket's, so every call is an operation.
            const Priority now = need(store.ticket(id), "ticket").priority;
            need(store.setPriority(id, Priority((int(now) + 1) % 4), Actor::agent(me)), "priority");
        }
    }
    const double recordMs = double(t.nsecsElapsed()) / 1e6;
    const int pending = need(outbox.count(), "pending");
    t.restart();
    client.syncNow();
    waitFor(&client, SIGNAL(synced()), 3600 * 1000);
    const double pushMs = double(t.nsecsElapsed()) / 1e6;

    // 3. Load: agents working, then flat out.
    struct Load
    {
        int requests = 0;
        int errors = 0;
        double seconds = 0;
        QList<double> latencies;
    };
    const auto runLoad = [&](int clients, int thinkMs) {
        QList<QList<double>> latencies(clients);
        std::vector<std::unique_ptr<LoadClient>> load;
        for (int i = 0; i < clients; ++i)
            load.push_back(std::make_unique<LoadClient>(base, token, uuids, quint32(i + 1),
                                                        latencies[i], thinkMs));
        QElapsedTimer lt;
        lt.start();
        for (auto &c : load)
            c->start();
        QEventLoop loop;
        QTimer::singleShot(p.value("seconds").toInt() * 1000, &loop, &QEventLoop::quit);
        loop.exec();
        for (auto &c : load)
            c->stop();
        Load out;
        out.seconds = double(lt.nsecsElapsed()) / 1e9;
        for (int i = 0; i < clients; ++i) {
            out.latencies << latencies[i];
            out.errors += load[size_t(i)]->errors;
        }
        out.requests = int(out.latencies.size());
        QEventLoop drain; // let answers in flight arrive before the clients go
        QTimer::singleShot(500, &drain, &QEventLoop::quit);
        drain.exec();
        return out;
    };
    const int clients = p.value("clients").toInt();
    const int thinkMs = p.value("think-ms").toInt();
    const Load working = runLoad(clients, thinkMs);
    const Load flatOut = runLoad(clients, 0);
    server.kill();
    server.waitForFinished();

    std::printf("\n| measure | figure |\n|---|---|\n");
    std::printf("| initial pull: %lld tickets, %lld messages | %.1f s (%.0f rows/s) |\n",
                pulledTickets, pulledMessages, pullMs / 1000,
                double(pulledTickets + pulledMessages) / (pullMs / 1000));
    std::printf("| record %d offline operations (%d in the outbox) | %.1f s |\n", ops, pending,
                recordMs / 1000);
    std::printf("| push %d operations (and pull their effects back) | %.1f s (%.0f ops/s) |\n",
                pending, pushMs / 1000, double(pending) / (pushMs / 1000));
    for (const auto &[name, l] :
         {std::pair{"working", &working}, std::pair{"flat out", &flatOut}}) {
        std::printf("| %d clients %s (%s) for %.1f s: requests (errors) | %d (%d), %.0f req/s |\n",
                    clients, name,
                    qPrintable(l == &working
                                   ? QString("a request every %1 ms on average").arg(thinkMs)
                                   : QString("no pause")),
                    l->seconds, l->requests, l->errors, double(l->requests) / l->seconds);
        std::printf(
            "| %d clients %s: latency p50 / p95 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |\n",
            clients, name, percentile(l->latencies, 0.5), percentile(l->latencies, 0.95),
            percentile(l->latencies, 0.99), percentile(l->latencies, 1.0));
    }
    return 0;
}
