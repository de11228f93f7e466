// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QObject>

#include <memory>

namespace hd::server {

class HttpAdapter;

struct ServerOptions
{
    QString database; ///< "sqlite:PATH" or "postgresql://..."
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;
};

/// helpdesk-server: owns the HTTP adapter and registers the API routes.
class Server : public QObject
{
    Q_OBJECT
public:
    explicit Server(ServerOptions options, QObject *parent = nullptr);
    ~Server() override;

    /// Starts listening; returns false with a message in errorString() on failure.
    bool start();
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString errorString() const { return m_error; }

private:
    void registerRoutes();

    ServerOptions m_options;
    std::unique_ptr<HttpAdapter> m_http;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace hd::server
