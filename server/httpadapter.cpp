// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/httpadapter.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>

namespace hd::server {

Response Response::json(const QJsonDocument &doc, int status)
{
    return Response{status, "application/json", doc.toJson(QJsonDocument::Compact)};
}

Response Response::error(int status, const QString &code, const QString &message)
{
    return json(QJsonDocument(QJsonObject{{QStringLiteral("error"), code},
                                          {QStringLiteral("message"), message}}),
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
} // namespace

HttpAdapter::HttpAdapter(QObject *parent)
    : QObject(parent)
    , m_http(std::make_unique<QHttpServer>())
{ }

HttpAdapter::~HttpAdapter() = default;

void HttpAdapter::addRoute(const QByteArray &method, const QString &path, Handler handler)
{
    m_http->route(path, [method, handler = std::move(handler)](const QHttpServerRequest &req) {
        Request r;
        r.method = methodName(req.method());
        if (r.method != method)
            return QHttpServerResponse(Response::error(405, QStringLiteral("method_not_allowed"),
                                                       QStringLiteral("method not allowed"))
                                           .body,
                                       QHttpServerResponse::StatusCode::MethodNotAllowed);
        r.path = req.url().path();
        r.body = req.body();
        r.peer = req.remoteAddress();
        r.header = [&req](const QByteArray &name) {
            return req.value(name);
        };
        const Response out = handler(r);
        return QHttpServerResponse(out.contentType, out.body,
                                   static_cast<QHttpServerResponse::StatusCode>(out.status));
    });
}

quint16 HttpAdapter::listen(const QHostAddress &address, quint16 port)
{
    return m_http->listen(address, port);
}

} // namespace hd::server
