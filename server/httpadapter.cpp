// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/httpadapter.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>

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

/// Accepts connections for QHttpServer and counts what each one sends until it gets an answer;
/// past the limit the connection is aborted. Its readyRead connection is made before
/// QHttpServer's, so it runs first and sees only the bytes that arrived since the last read.
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
} // namespace

HttpAdapter::HttpAdapter(QObject *parent)
    : QObject(parent)
    , m_http(std::make_unique<QHttpServer>())
{
    // Qt 6.4: no routes are registered with QHttpServer's router, so every request reaches the
    // missing handler, which receives the responder by rvalue (Qt 6.8 takes a context object
    // and passes QHttpServerResponder &).
    m_http->setMissingHandler(
        [this](const QHttpServerRequest &req, QHttpServerResponder &&responder) {
            Request r;
            r.method = methodName(req.method());
            r.path = req.url().path();
            r.query = req.query();
            r.body = req.body();
            r.peer = req.remoteAddress();
            r.headers = req.headers();
            const Response out = m_handler
                ? m_handler(r)
                : Response::error(404, QStringLiteral("not_found"), QStringLiteral("not found"));
            responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(out.status));
            responder.writeHeader("Content-Type", out.contentType);
            for (const auto &h : out.headers)
                responder.writeHeader(h.first, h.second);
            responder.writeHeader("Content-Length", QByteArray::number(out.body.size()));
            responder.writeBody(out.body);
        });
}

HttpAdapter::~HttpAdapter() = default;

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
