// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/feednotifier.h"

#include "core/base/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QWebSocket>

#include <algorithm>

namespace hd::sync {

FeedNotifier::FeedNotifier(QObject *parent)
    : QObject(parent)
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &FeedNotifier::connectNow);
    m_ping.setInterval(kDefaultPingIntervalMs);
    connect(&m_ping, &QTimer::timeout, this, &FeedNotifier::heartbeat);
}

FeedNotifier::~FeedNotifier()
{
    if (m_socket)
        m_socket->disconnect(this);
}

void FeedNotifier::setRandomSource(std::function<double()> random)
{
    m_random = std::move(random);
}

qint64 FeedNotifier::backoffMs(int attempt, double jitter)
{
    const int doublings = std::clamp(attempt, 0, 16);
    const qint64 cap = std::min(kMaxBackoffMs, kMinBackoffMs << doublings);
    const double j = std::clamp(jitter, 0.0, 1.0);
    return std::clamp(qint64(double(cap) * (0.5 + j / 2)), kMinBackoffMs, kMaxBackoffMs);
}

QUrl FeedNotifier::notifyUrl(const QUrl &serverBase)
{
    QUrl url = serverBase;
    url.setScheme(serverBase.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                                : QStringLiteral("ws"));
    QString path = serverBase.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/api/v1/sync/notify"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void FeedNotifier::start(const QUrl &serverBase, const QString &token)
{
    stop();
    m_url = notifyUrl(serverBase);
    m_token = token;
    m_running = true;
    m_attempt = 0;
    connectNow();
}

void FeedNotifier::stop()
{
    m_running = false;
    m_retry.stop();
    if (m_socket) {
        QWebSocket *socket = std::exchange(m_socket, nullptr);
        socket->disconnect(this);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(5000, socket, &QObject::deleteLater);
        socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
    setConnected(false);
}

void FeedNotifier::connectNow()
{
    if (!m_running || m_socket)
        return;
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    connect(socket, &QWebSocket::connected, this, [this, socket] {
        if (socket != m_socket)
            return;
        socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("token"), m_token}})
                                  .toJson(QJsonDocument::Compact)));
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &m) {
        if (socket == m_socket)
            onMessage(m);
    });
    connect(socket, &QWebSocket::pong, this, [this, socket] {
        if (socket == m_socket)
            m_awaitingPong = false;
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onLost(socket); });
    // A refused or failed connection reports an error and may never report disconnected.
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError) {
                if (socket->state() == QAbstractSocket::UnconnectedState)
                    onLost(socket);
            });
    socket->open(m_url);
}

void FeedNotifier::onMessage(const QString &message)
{
    const QJsonValue seq
        = QJsonDocument::fromJson(message.toUtf8()).object().value(QStringLiteral("seq"));
    if (!seq.isDouble()) {
        qCWarning(lcSync) << "notify: ignoring a message without seq";
        return;
    }
    m_attempt = 0; // subscribed: the next loss starts the backoff from the bottom
    setConnected(true);
    m_lastSeq = seq.toInteger();
    Q_EMIT moved(m_lastSeq);
}

void FeedNotifier::onLost(QWebSocket *socket)
{
    if (socket != m_socket)
        return;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->deleteLater();
    const int code = socket->closeCode();
    const QString reason = socket->closeReason();
    setConnected(false);
    Q_EMIT closed(code, reason);
    if (!m_running)
        return;
    if (code == kCloseUnauthorized) {
        qCInfo(lcSync) << "notify: token refused:" << reason;
        m_running = false;
        Q_EMIT unauthorized();
        return;
    }
    const qint64 delay = backoffMs(m_attempt, m_random ? m_random() : 0.0);
    ++m_attempt;
    qCInfo(lcSync) << "notify: lost (" << code << reason << "); retrying in" << delay << "ms";
    m_retry.start(int(delay));
}

void FeedNotifier::heartbeat()
{
    if (!m_socket)
        return;
    if (m_awaitingPong) {
        qCInfo(lcSync) << "notify: no answer to the last ping; reconnecting";
        QWebSocket *socket = m_socket;
        socket->abort();
        if (socket == m_socket) // abort() may or may not have reported it
            onLost(socket);
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}

void FeedNotifier::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    m_awaitingPong = false;
    if (connected)
        m_ping.start();
    else
        m_ping.stop();
    Q_EMIT connectedChanged(connected);
}

} // namespace hd::sync
