// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QHttpServer;

namespace hd::server {

/// What a route sees of a request: independent of the Qt HttpServer version.
struct Request
{
    QByteArray method;
    QString path;
    QByteArray body;
    QHostAddress peer;
    std::function<QByteArray(const QByteArray &)> header;
};

struct Response
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;

    static Response json(const QJsonDocument &doc, int status = 200);
    static Response error(int status, const QString &code, const QString &message);
};

using Handler = std::function<Response(const Request &)>;

/// The one place that talks to QHttpServer. Routes are registered by method and path prefix;
/// the adapter owns no business logic.
class HttpAdapter : public QObject
{
    Q_OBJECT
public:
    explicit HttpAdapter(QObject *parent = nullptr);
    ~HttpAdapter() override;

    /// Registers a handler for an exact path (e.g. "/api/v1/health") and method.
    void addRoute(const QByteArray &method, const QString &path, Handler handler);
    /// Listens on address:port (port 0 picks a free one). Returns the bound port or 0.
    quint16 listen(const QHostAddress &address, quint16 port);

private:
    std::unique_ptr<QHttpServer> m_http;
};

} // namespace hd::server
