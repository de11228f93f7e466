// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/httpadapter.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>

#include <algorithm>

namespace hd::server {

QByteArray Request::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

Response Response::json(const QJsonDocument &doc, int status)
{
    return Response{status, "application/json", doc.toJson(QJsonDocument::Compact), {}};
}

Response Response::error(int status, const QString &code, const QString &message)
{
    return json(QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                           QJsonObject{{QStringLiteral("code"), code},
                                                       {QStringLiteral("message"), message}}}}),
                status);
}

namespace {
QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

/// Accepts connections for the HTTP server and counts what each one sends until it gets an
/// answer; past the limit the connection is aborted. Its readyRead connection is made before the
/// HTTP server's, so it runs first and sees only the bytes that arrived since the last read.
class GuardedTcpServer final : public QTcpServer
{
public:
    GuardedTcpServer(const qint64 *limit, QObject *parent)
        : QTcpServer(parent)
        , m_limit(limit)
    { }

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(handle)) {
            delete socket;
            return;
        }
        auto received = std::make_shared<qint64>(0);
        const qint64 *limit = m_limit;
        connect(socket, &QTcpSocket::readyRead, socket, [socket, received, limit] {
            *received += socket->bytesAvailable();
            if (*received > *limit)
                socket->abort();
        });
        connect(socket, &QTcpSocket::bytesWritten, socket, [received] { *received = 0; });
        addPendingConnection(socket);
    }

private:
    const qint64 *m_limit;
};

bool isWebSocketUpgrade(const QHttpServerRequest &req)
{
    return req.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

/// Qt 6.4's QAbstractHttpServer without QHttpServer's router: every plain request goes to
/// `respond`; a WebSocket upgrade is taken over (handleRequest() returns true without
/// answering, and the base class hands the socket to its QWebSocketServer) only where
/// `acceptsUpgrade` says so, and answered by `refuseUpgrade` elsewhere (missingHandler(), after
/// which the base class closes the connection). Qt 6.8 changed these virtuals' signatures and
/// added per-path upgrade verifiers instead.
class AdapterHttpServer final : public QAbstractHttpServer
{
public:
    std::function<void(const QHttpServerRequest &, QHttpServerResponder &&)> respond;
    std::function<bool(const QHttpServerRequest &)> acceptsUpgrade;
    std::function<void(const QHttpServerRequest &, QHttpServerResponder &&)> refuseUpgrade;

protected:
    bool handleRequest(const QHttpServerRequest &req, QTcpSocket *socket) override
    {
        if (isWebSocketUpgrade(req))
            return acceptsUpgrade(req);
        respond(req, makeResponder(req, socket));
        return true;
    }

    void missingHandler(const QHttpServerRequest &req, QTcpSocket *socket) override
    {
        refuseUpgrade(req, makeResponder(req, socket));
    }
};

/// A HEAD answer carries the headers of the GET answer and no body (RFC 9110 9.3.2): a client
/// reads none, so body bytes would be taken for the next response on the connection. Its
/// Content-Length is the handler's own header when it set one (the size of what GET would send).
void write(QHttpServerResponder &&responder, const Response &out, bool head = false)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(out.status));
    responder.writeHeader("Content-Type", out.contentType);
    QByteArray length = QByteArray::number(out.body.size());
    for (const auto &h : out.headers) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            if (head)
                length = h.second;
            continue;
        }
        responder.writeHeader(h.first, h.second);
    }
    responder.writeHeader("Content-Length", length);
    responder.writeBody(head ? QByteArray() : out.body);
}
} // namespace

QHostAddress HttpAdapter::clientAddress(const QHostAddress &peer, const QByteArray &forwardedFor,
                                        const QList<QHostAddress> &trustedProxies)
{
    const auto trusted = [&](const QHostAddress &a) {
        return std::any_of(trustedProxies.begin(), trustedProxies.end(),
                           [&](const QHostAddress &p) { return p.isEqual(a); });
    };
    if (!trusted(peer) || forwardedFor.isEmpty())
        return peer;
    // Each proxy appends the address it received from; read from the right.
    const QList<QByteArray> hops = forwardedFor.split(',');
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        const QHostAddress hop(QString::fromLatin1(it->trimmed()));
        if (hop.isNull())
            return peer; // malformed: believe nothing
        if (!trusted(hop))
            return hop;
    }
    return peer;
}

HttpAdapter::HttpAdapter(QObject *parent)
    : QObject(parent)
{
    auto server = std::make_unique<AdapterHttpServer>();
    server->respond = [this](const QHttpServerRequest &req, QHttpServerResponder &&responder) {
        Request r;
        r.method = methodName(req.method());
        r.path = req.url().path();
        r.query = req.query();
        r.body = req.body();
        r.headers = req.headers();
        r.peer = clientAddress(req.remoteAddress(), r.header("X-Forwarded-For"), m_trustedProxies);
        write(std::move(responder),
              m_handler
                  ? m_handler(r)
                  : Response::error(404, QStringLiteral("not_found"), QStringLiteral("not found")),
              r.method == "HEAD");
    };
    server->acceptsUpgrade = [this](const QHttpServerRequest &req) {
        return bool(m_webSocketHandler) && req.url().path() == m_webSocketPath;
    };
    server->refuseUpgrade
        = [this](const QHttpServerRequest &req, QHttpServerResponder &&responder) {
              write(std::move(responder),
                    Response::error(404, QStringLiteral("not_found"),
                                    tr("There is no WebSocket at %1.").arg(req.url().path())));
          };
    // Qt 6.4: upgrades are offered to handleRequest() only while this signal is connected
    // (otherwise they are dropped); the upgraded sockets are then taken as unique_ptrs.
    connect(server.get(), &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (m_http->hasPendingWebSocketConnections()) {
            std::unique_ptr<QWebSocket> socket = m_http->nextPendingWebSocketConnection();
            if (socket && m_webSocketHandler)
                m_webSocketHandler(socket.release());
        }
    });
    m_http = std::move(server);
}

HttpAdapter::~HttpAdapter() = default;

void HttpAdapter::setWebSocketHandler(const QString &path, WebSocketHandler handler)
{
    m_webSocketPath = path;
    m_webSocketHandler = std::move(handler);
}

void HttpAdapter::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

quint16 HttpAdapter::listen(const QHostAddress &address, quint16 port)
{
    auto *tcp = new GuardedTcpServer(&m_maxRequestBytes, m_http.get());
    if (!tcp->listen(address, port)) {
        delete tcp;
        return 0;
    }
    m_http->bind(tcp); // Qt 6.4: void; 6.8 returns bool
    return tcp->serverPort();
}

} // namespace hd::server
