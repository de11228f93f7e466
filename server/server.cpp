// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/server.h"

#include "core/base/logging.h"
#include "core/base/version.h"
#include "server/httpadapter.h"

#include <QJsonObject>

namespace hd::server {

Server::Server(ServerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_http(std::make_unique<HttpAdapter>())
{
    registerRoutes();
}

Server::~Server() = default;

void Server::registerRoutes()
{
    m_http->addRoute("GET", QStringLiteral("/api/v1/health"), [](const Request &) {
        return Response::json(QJsonDocument(QJsonObject{
            {QStringLiteral("status"), QStringLiteral("ok")},
            {QStringLiteral("version"), QString::fromLatin1(kVersion)},
        }));
    });
}

bool Server::start()
{
    m_port = m_http->listen(m_options.address, m_options.port);
    if (m_port == 0) {
        m_error
            = tr("Cannot listen on %1:%2").arg(m_options.address.toString()).arg(m_options.port);
        return false;
    }
    qCInfo(lcServer) << "listening on" << m_options.address.toString() << m_port;
    return true;
}

} // namespace hd::server
