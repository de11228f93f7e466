// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QAbstractHttpServer;
class QWebSocket;

namespace hd::server {

/// What a route sees of a request: independent of the Qt HttpServer version.
struct Request
{
    QByteArray method; ///< "GET", "POST", ...
    QString path; ///< decoded path, without the query
    QUrlQuery query;
    QByteArray body;
    QHostAddress peer;
    QList<QPair<QByteArray, QByteArray>> headers;

    /// The first header of that name (case-insensitive), or empty.
    [[nodiscard]] QByteArray header(const QByteArray &name) const;
};

struct Response
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    /// Besides Content-Type and Content-Length (which is the body's size; a Content-Length here
    /// counts only in answers to HEAD, which never carry a body).
    QList<QPair<QByteArray, QByteArray>> headers;

    static Response json(const QJsonDocument &doc, int status = 200);
    /// {"error": {"code": code, "message": message}}
    static Response error(int status, const QString &code, const QString &message);
};

using Handler = std::function<Response(const Request &)>;
/// Takes an upgraded WebSocket connection (and its ownership).
using WebSocketHandler = std::function<void(QWebSocket *)>;

/// The one place that talks to QtHttpServer. Every request, whatever its method and path, goes
/// to one handler (the server's dispatcher), which does its own routing: the adapter owns no
/// business logic and the route table stays independent of QHttpServer's router, whose API
/// changed in Qt 6.8.
class HttpAdapter : public QObject
{
    Q_OBJECT
public:
    explicit HttpAdapter(QObject *parent = nullptr);
    ~HttpAdapter() override;

    /// Qt 6.4's QHttpServer reads a whole request into memory before any handler sees it, so
    /// the handler's own size limit (413) comes too late to bound memory. A connection that
    /// sends more than this many bytes without getting an answer is cut off (no 413: the
    /// request never reaches a handler). Default 128 MiB.
    static constexpr qint64 kDefaultMaxRequestBytes = 128 * 1024 * 1024;

    void setHandler(Handler handler);
    /// WebSocket upgrades on `path` go to the handler once the handshake is done; an upgrade
    /// request on any other path is answered 404 and its connection closed.
    void setWebSocketHandler(const QString &path, WebSocketHandler handler);
    void setMaxRequestBytes(qint64 bytes) { m_maxRequestBytes = bytes; }
    /// Reverse proxies (load balancers) whose X-Forwarded-For is believed: a request from one of
    /// them gets, as its peer, the nearest address in that header that is not itself a trusted
    /// proxy (so sign-in rate limits count clients, not the proxy). From any other peer the
    /// header is ignored: clients cannot choose their own address.
    void setTrustedProxies(QList<QHostAddress> proxies) { m_trustedProxies = std::move(proxies); }
    static QHostAddress clientAddress(const QHostAddress &peer, const QByteArray &forwardedFor,
                                      const QList<QHostAddress> &trustedProxies);
    /// Listens on address:port (port 0 picks a free one). Returns the bound port or 0.
    quint16 listen(const QHostAddress &address, quint16 port);

private:
    std::unique_ptr<QAbstractHttpServer> m_http;
    Handler m_handler;
    QString m_webSocketPath;
    WebSocketHandler m_webSocketHandler;
    qint64 m_maxRequestBytes = kDefaultMaxRequestBytes;
    QList<QHostAddress> m_trustedProxies;
};

} // namespace hd::server
