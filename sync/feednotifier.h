// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>

class QWebSocket;

namespace hd::sync {

/// Follows GET /api/v1/sync/notify (docs/sync.md "Telling clients the feed moved"): opens the
/// WebSocket, sends {"token": ...} and emits moved(seq) for each {"seq": N} the server sends.
/// Whenever the socket closes or cannot connect it tries again after backoffMs(attempt, random)
/// (0.5 s doubling to 30 s, with jitter), except after close code 4401 (the token is not
/// accepted): then it emits unauthorized() and stops until start() is called again.
class FeedNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr int kCloseUnauthorized = 4401;
    static constexpr qint64 kMinBackoffMs = 500;
    static constexpr qint64 kMaxBackoffMs = 30000;
    static constexpr int kDefaultPingIntervalMs = 30000;

    explicit FeedNotifier(QObject *parent = nullptr);
    ~FeedNotifier() override;

    /// serverBase: http(s)://host:port[/prefix]; the socket goes to ws(s)://.../api/v1/sync/notify.
    void start(const QUrl &serverBase, const QString &token);
    void stop();

    /// Subscribed: the server accepted the token and sent the head.
    [[nodiscard]] bool isConnected() const { return m_connected; }
    [[nodiscard]] bool isRunning() const { return m_running; }
    /// The last seq received (-1 before any).
    [[nodiscard]] qint64 lastSeq() const { return m_lastSeq; }
    /// Failed attempts since the last subscription (what the next delay is computed from).
    [[nodiscard]] int attempt() const { return m_attempt; }

    /// While subscribed, a ping goes out this often; a connection that has not answered the
    /// previous ping by the next one is dropped (and retried): a peer gone without a close
    /// (sleep, network change) is noticed within two intervals.
    void setPingIntervalMs(int ms) { m_ping.setInterval(ms); }

    /// The source of jitter, uniform in [0, 1) (default: QRandomGenerator::global()).
    void setRandomSource(std::function<double()> random);

    /// The wait before reconnecting after `attempt` failures in a row: the cap
    /// min(30 s, 0.5 s * 2^attempt) times (0.5 + jitter / 2), never under 0.5 s.
    static qint64 backoffMs(int attempt, double jitter);
    /// The notify socket's URL for a server base URL.
    static QUrl notifyUrl(const QUrl &serverBase);

Q_SIGNALS:
    void moved(qint64 seq);
    void connectedChanged(bool connected);
    /// The server closed with 4401; no more attempts.
    void unauthorized();
    /// The socket closed or failed (its close code; 1000 or 1006 when none came); a retry
    /// follows if running.
    void closed(int code, const QString &reason);

private:
    void connectNow();
    void onMessage(const QString &message);
    void onLost(QWebSocket *socket);
    void setConnected(bool connected);
    void heartbeat();

    QUrl m_url;
    QString m_token;
    bool m_running = false;
    bool m_connected = false;
    qint64 m_lastSeq = -1;
    int m_attempt = 0;
    std::function<double()> m_random;
    QTimer m_retry;
    QTimer m_ping;
    bool m_awaitingPong = false;
    QWebSocket *m_socket = nullptr; ///< child; the current attempt
};

} // namespace hd::sync
