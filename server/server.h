// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QObject>

#include <memory>

namespace hd {
class Clock;
class Database;
} // namespace hd

namespace hd::server {

class Accounts;
class WalCheckpointer;
class Api;
class AttachmentsApi;
class HttpAdapter;
class LoginLimiter;
class NotifyHub;
class PushApi;
class Router;
class SyncApi;

struct ServerOptions
{
    /// "sqlite:PATH", a path, or "postgresql://..." (empty: the data folder's database)
    QString database;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;
    /// Bytes a connection may send without an answer before it is cut off (see HttpAdapter).
    qint64 maxRequestBytes = 128 * 1024 * 1024;
    /// WebSockets of GET /api/v1/sync/notify open at once; one more is closed with 1013.
    int maxNotifySockets = 1000;
    /// Time a notify socket has to send its token before it is closed with 4401.
    int notifyAuthTimeoutMs = 5000;
    /// The attachment store's folder (empty: "attachments" next to the database).
    QString attachmentsDir;
    /// Load balancers / reverse proxies whose X-Forwarded-For names the client (see
    /// HttpAdapter::setTrustedProxies).
    QList<QHostAddress> trustedProxies;
};

/// helpdesk-server: owns the HTTP adapter, the route table and the accounts.
class Server : public QObject
{
    Q_OBJECT
public:
    /// Opens options.database in start(), on the system clock.
    explicit Server(ServerOptions options, QObject *parent = nullptr);
    /// Serves an open database on a given clock (tests).
    Server(Database &db, const Clock &clock, ServerOptions options, QObject *parent = nullptr);
    ~Server() override;

    /// Opens the database if needed and starts listening; returns false with a message in
    /// errorString() on failure.
    bool start();
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString errorString() const { return m_error; }

    /// The route table (valid after start()); tests walk it so no route escapes them.
    [[nodiscard]] const Router *router() const { return m_router.get(); }
    /// The notify sockets' hub (valid after start()): poke() it after a commit.
    [[nodiscard]] NotifyHub *notifyHub() const { return m_notify.get(); }
    /// The attachment routes and their store (valid after start()).
    [[nodiscard]] AttachmentsApi *attachments() const { return m_attachments.get(); }

    /// What Database::open() takes for ServerOptions::database: the SQLite path ("sqlite:"
    /// stripped, empty = default) or the PostgreSQL URL; empty with a message when malformed.
    static QString databasePath(const QString &spec, QString *error);

private:
    bool setUp();

    ServerOptions m_options;
    std::unique_ptr<Database> m_ownDb;
    Database *m_db = nullptr;
    const Clock *m_clock = nullptr;
    std::unique_ptr<Accounts> m_accounts;
    std::unique_ptr<LoginLimiter> m_limiter;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<Api> m_api;
    std::unique_ptr<SyncApi> m_sync;
    std::unique_ptr<PushApi> m_push;
    std::unique_ptr<AttachmentsApi> m_attachments;
    std::unique_ptr<HttpAdapter> m_http;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    /// After m_http, so destroyed first: its sockets go before the HTTP server that made them.
    std::unique_ptr<NotifyHub> m_notify;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace hd::server
