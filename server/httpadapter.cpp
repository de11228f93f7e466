// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/httpadapter.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>

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
    return m_http->listen(address, port);
}

} // namespace hd::server
