// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/notifyhub.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/storage/database.h"
#include "server/auth.h"
#include "server/feedschema.h"
#include "server/router.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QWebSocket>

#include <utility>

namespace hd::server {

namespace {
/// Bounds what a socket can make the server hold; the first message has its own, lower limit.
constexpr quint64 kMaxIncomingBytes = 64 * 1024;
/// A peer that never answers a close frame is dropped after this long.
constexpr int kCloseGraceMs = 5000;
/// PostgreSQL: the LISTEN connection is checked every this many ticks (of pollMs * 10).
constexpr int kListenProbeTicks = 5;

/// A close frame carries at most 123 bytes of reason (RFC 6455 5.5): cut at a character.
QString fitReason(QString reason)
{
    while (reason.toUtf8().size() > 123)
        reason.chop(1);
    return reason;
}
} // namespace

NotifyHub::NotifyHub(Database &db, const Clock &clock, Accounts &accounts, NotifyOptions options,
                     QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_accounts(accounts)
    , m_options(options)
{
    m_poll.setInterval(m_options.pollMs);
    connect(&m_poll, &QTimer::timeout, this, &NotifyHub::tick);
    if (m_db.isPostgres())
        listen();
}

bool NotifyHub::listen()
{
    if (!m_listenConnection.isEmpty())
        return true;
    static int serial = 0;
    const QString name = QStringLiteral("hd-notify-listen-%1").arg(++serial);
    QSqlDatabase c = m_db.openSeparateConnection(name);
    if (!c.isOpen() || !c.driver()->subscribeToNotification(feedschema::notifyChannel())) {
        qCWarning(lcServer) << "notify: cannot LISTEN on PostgreSQL; polling every"
                            << m_options.pollMs << "ms";
        c = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return false;
    }
    connect(c.driver(), &QSqlDriver::notification, this, [this] { tick(); });
    m_listenConnection = name;
    m_poll.setInterval(m_options.pollMs * 10);
    return true;
}

void NotifyHub::stopListening()
{
    if (m_listenConnection.isEmpty())
        return;
    QSqlDatabase::removeDatabase(std::exchange(m_listenConnection, QString()));
    m_poll.setInterval(m_options.pollMs);
}

NotifyHub::~NotifyHub()
{
    stopListening();
    // The sockets are the hub's children: they go first, telling the hub nothing.
    const auto sockets = findChildren<QWebSocket *>(QString(), Qt::FindDirectChildrenOnly);
    for (QWebSocket *socket : sockets) {
        socket->disconnect(this);
        delete socket;
    }
}

QString NotifyHub::path()
{
    return QStringLiteral("/api/v1/sync/notify");
}

void NotifyHub::registerRoutes(Router &router)
{
    router.add({"GET", path(), Access::Agent, false, [](const Call &) {
                    Response r = Response::error(
                        426, QStringLiteral("upgrade_required"),
                        tr("This is a WebSocket: connect with Upgrade: websocket."));
                    r.headers.append(qMakePair(QByteArray("Upgrade"), QByteArray("websocket")));
                    return r;
                }});
}

QString NotifyHub::badFirstMessage()
{
    return tr("The first message must be {\"token\": \"...\"} of at most %1 bytes.")
        .arg(kMaxFirstMessageBytes);
}

int NotifyHub::subscriberCount() const
{
    int n = 0;
    for (const Socket &s : m_sockets)
        n += s.subscribed ? 1 : 0;
    return n;
}

void NotifyHub::add(QWebSocket *socket)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
    if (m_sockets.size() >= m_options.maxSockets) {
        qCInfo(lcServer) << "notify: refusing a socket over the limit" << m_options.maxSockets;
        QTimer::singleShot(kCloseGraceMs, socket, &QWebSocket::abort);
        socket->close(static_cast<QWebSocketProtocol::CloseCode>(kCloseTryAgainLater),
                      fitReason(tr("Too many connections; try again later.")));
        return;
    }
    socket->setMaxAllowedIncomingFrameSize(kMaxIncomingBytes);
    socket->setMaxAllowedIncomingMessageSize(kMaxIncomingBytes);
    m_sockets.insert(socket, Socket{});
    connect(socket, &QWebSocket::textFrameReceived, this,
            [this, socket](const QString &frame, bool) { onFrame(socket, frame.toUtf8().size()); });
    connect(socket, &QWebSocket::binaryFrameReceived, this,
            [this, socket](const QByteArray &frame, bool) { onFrame(socket, frame.size()); });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &message) { onText(socket, message); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, socket](const QByteArray &) { onBinary(socket); });
    QTimer::singleShot(m_options.authTimeoutMs, socket, [this, socket] { authTimedOut(socket); });
}

void NotifyHub::onFrame(QWebSocket *socket, qint64 bytes)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end() || it->subscribed)
        return;
    it->firstBytes += bytes;
    if (it->firstBytes > kMaxFirstMessageBytes)
        closeSocket(socket, kCloseBadRequest, badFirstMessage());
}

void NotifyHub::onBinary(QWebSocket *socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end() || it->subscribed)
        return; // later messages mean nothing
    closeSocket(socket, kCloseBadRequest, badFirstMessage());
}

void NotifyHub::onText(QWebSocket *socket, const QString &message)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end() || it->subscribed)
        return;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8(), &err);
    const QJsonValue token = doc.object().value(QStringLiteral("token"));
    if (err.error != QJsonParseError::NoError || !doc.isObject() || !token.isString()) {
        closeSocket(socket, kCloseBadRequest, badFirstMessage());
        return;
    }
    // As the route guard does: an active agent holding an unexpired token, role agent or above.
    auto agent = m_accounts.agentForToken(token.toString());
    if (!agent) {
        if (agent.errorCode() == ErrorCode::NotFound)
            closeSocket(socket, kCloseUnauthorized,
                        tr("Sign in again: the token is unknown, expired or revoked."));
        else
            closeSocket(socket, kCloseInternalError, tr("The server could not check the token."));
        return;
    }
    if (!roleAtLeast(agent->role, AgentRole::Agent)) {
        closeSocket(socket, kCloseUnauthorized, tr("Your role may not follow the change feed."));
        return;
    }
    const auto h = head();
    if (!h) {
        closeSocket(socket, kCloseInternalError, tr("The server could not read the change feed."));
        return;
    }
    it = m_sockets.find(socket); // agentForToken and head() leave the hash alone; be safe
    if (it == m_sockets.end())
        return;
    it->subscribed = true;
    it->token = token.toString();
    it->checkedAt = m_clock.now();
    send(socket, *it, *h);
    updateTimer();
}

void NotifyHub::authTimedOut(QWebSocket *socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end() || it->subscribed)
        return;
    closeSocket(
        socket, kCloseUnauthorized,
        tr("Send {\"token\": \"...\"} within %1 ms of connecting.").arg(m_options.authTimeoutMs));
}

void NotifyHub::onDisconnected(QWebSocket *socket)
{
    m_sockets.remove(socket);
    socket->deleteLater();
    updateTimer();
}

void NotifyHub::poke()
{
    tick();
}

void NotifyHub::tick()
{
    if (m_db.isPostgres() && !m_listenConnection.isEmpty()
        && ++m_ticksSinceProbe >= kListenProbeTicks) {
        // A LISTEN connection that PostgreSQL dropped says nothing: probe it now and then.
        m_ticksSinceProbe = 0;
        const bool alive = QSqlQuery(QSqlDatabase::database(m_listenConnection, false))
                               .exec(QStringLiteral("SELECT 1"));
        if (!alive) {
            qCWarning(lcServer) << "notify: the LISTEN connection was lost; reopening";
            stopListening();
        }
    }
    if (m_db.isPostgres() && m_listenConnection.isEmpty())
        listen();
    recheckTokens();
    if (subscriberCount() == 0)
        return;
    const auto h = head();
    if (!h)
        return;
    for (auto it = m_sockets.begin(); it != m_sockets.end(); ++it)
        if (it->subscribed && *h > it->sent)
            send(it.key(), *it, *h);
}

void NotifyHub::recheckTokens()
{
    const QDateTime now = m_clock.now();
    QList<QWebSocket *> revoked;
    for (auto it = m_sockets.begin(); it != m_sockets.end(); ++it) {
        if (!it->subscribed || it->checkedAt.secsTo(now) < m_options.recheckSecs)
            continue;
        auto agent = m_accounts.agentForToken(it->token);
        if (agent && roleAtLeast(agent->role, AgentRole::Agent))
            it->checkedAt = now;
        else if (!agent && agent.errorCode() != ErrorCode::NotFound)
            qCWarning(lcServer) << "notify: cannot check a token:" << agent.errorMessage();
        else
            revoked << it.key();
    }
    for (QWebSocket *socket : std::as_const(revoked))
        closeSocket(socket, kCloseUnauthorized,
                    tr("Sign in again: the token is unknown, expired or revoked."));
}

void NotifyHub::send(QWebSocket *socket, Socket &state, qint64 seq)
{
    state.sent = seq;
    socket->sendTextMessage(QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("seq"), seq}}).toJson(QJsonDocument::Compact)));
}

void NotifyHub::closeSocket(QWebSocket *socket, int code, const QString &reason)
{
    // Forgotten at once (nothing more is sent to it); deleted once it is disconnected.
    m_sockets.remove(socket);
    QTimer::singleShot(kCloseGraceMs, socket, &QWebSocket::abort);
    socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), fitReason(reason));
    updateTimer();
}

void NotifyHub::updateTimer()
{
    const bool needed = subscriberCount() > 0;
    if (needed && !m_poll.isActive())
        m_poll.start();
    else if (!needed && m_poll.isActive())
        m_poll.stop();
}

std::optional<qint64> NotifyHub::head()
{
    auto h = m_db.scalar(QStringLiteral("SELECT coalesce(max(seq), 0) FROM changes"));
    if (!h) {
        qCWarning(lcServer) << "notify: cannot read the head of the feed:" << h.errorMessage();
        return std::nullopt;
    }
    return h->toLongLong();
}

} // namespace hd::server
