// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>

class QWebSocket;

namespace hd {
class Clock;
class Database;
} // namespace hd

namespace hd::server {

class Accounts;
class Router;

struct NotifyOptions
{
    /// Sockets open at once (signed in or not); one more is closed with 1013.
    int maxSockets = 1000;
    /// Time a new socket has to send {"token": ...} before it is closed with 4401.
    int authTimeoutMs = 5000;
    /// How often the head of the change feed is read while someone is subscribed. On
    /// PostgreSQL the hub LISTENs for the other instances' changes and polls only as a safety net
    /// (pollMs * 10), or every pollMs while it has no listening connection.
    int pollMs = 100;
    /// How often (on the injected clock) each subscriber's token is checked again.
    qint64 recheckSecs = 60;
};

/// The sockets of GET /api/v1/sync/notify (docs/sync.md "Telling clients the feed moved").
/// A socket's first message must be {"token": "<token>"} (at most kMaxFirstMessageBytes,
/// within authTimeoutMs) with a token the route guard would accept; the hub then sends
/// {"seq": N}, the head of the change feed (max(seq) of changes, 0 when empty), at once and
/// again whenever the head grows. The head is read every pollMs while someone is subscribed
/// and at once on poke(). Tokens are checked again every recheckSecs on the clock. On PostgreSQL
/// the hub also LISTENs on feedschema::notifyChannel() over a connection of its own, so that a
/// change committed through another server instance is told at once.
class NotifyHub : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxFirstMessageBytes = 4 * 1024;
    static constexpr int kCloseBadRequest = 4400;
    static constexpr int kCloseUnauthorized = 4401;
    static constexpr int kCloseTryAgainLater = 1013;
    static constexpr int kCloseInternalError = 1011;
    static constexpr int kCloseGoingAway = 1001;

    NotifyHub(Database &db, const Clock &clock, Accounts &accounts, NotifyOptions options,
              QObject *parent = nullptr);
    ~NotifyHub() override;

    /// GET of the path without an upgrade: 426 (401 first without a token, as everywhere).
    void registerRoutes(Router &router);
    static QString path();

    /// Takes an upgraded socket (and its ownership).
    void add(QWebSocket *socket);
    /// Sockets open (signed in or waiting for their token), and those signed in.
    [[nodiscard]] int socketCount() const { return int(m_sockets.size()); }
    [[nodiscard]] int subscriberCount() const;

public Q_SLOTS:
    /// Reads the head now and tells the subscribers when it grew (call after a commit).
    void poke();

private:
    struct Socket
    {
        bool subscribed = false;
        qint64 firstBytes = 0; ///< bytes received before the token
        QString token;
        QDateTime checkedAt; ///< when the token was last found valid (clock)
        qint64 sent = -1; ///< the last seq sent
    };

    static QString badFirstMessage();
    void onFrame(QWebSocket *socket, qint64 bytes);
    void onText(QWebSocket *socket, const QString &message);
    void onBinary(QWebSocket *socket);
    void onDisconnected(QWebSocket *socket);
    void authTimedOut(QWebSocket *socket);
    void tick();
    void recheckTokens();
    void send(QWebSocket *socket, Socket &state, qint64 seq);
    void closeSocket(QWebSocket *socket, int code, const QString &reason);
    void updateTimer();
    [[nodiscard]] std::optional<qint64> head();
    /// PostgreSQL: (re)opens the LISTEN connection; false while PostgreSQL cannot be reached.
    bool listen();
    void stopListening();

    Database &m_db;
    const Clock &m_clock;
    Accounts &m_accounts;
    NotifyOptions m_options;
    QHash<QWebSocket *, Socket> m_sockets;
    QTimer m_poll;
    QString m_listenConnection; ///< PostgreSQL: the LISTEN connection's name, when open
    int m_ticksSinceProbe = 0;
};

} // namespace hd::server
