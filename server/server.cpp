// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/server.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/paths.h"
#include "core/storage/database.h"
#include "core/storage/pgdialect.h"
#include "server/api.h"
#include "server/attachmentsapi.h"
#include "server/auth.h"
#include "server/checkpointer.h"
#include "server/crypto.h"
#include "server/feedschema.h"
#include "server/httpadapter.h"
#include "server/notifyhub.h"
#include "server/pushapi.h"
#include "server/router.h"
#include "server/syncapi.h"

#include <QFileInfo>

namespace hd::server {

Server::Server(ServerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(&SystemClock::instance())
    , m_http(std::make_unique<HttpAdapter>())
{ }

Server::Server(Database &db, const Clock &clock, ServerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_db(&db)
    , m_clock(&clock)
    , m_http(std::make_unique<HttpAdapter>())
{ }

Server::~Server() = default;

QString Server::databasePath(const QString &spec, QString *error)
{
    if (spec.isEmpty())
        return paths::defaultDatabasePath();
    if (pg::isUrl(spec)) {
        if (!pg::parseUrl(spec, error))
            return {};
        return spec;
    }
    if (spec.startsWith(QLatin1String("postgres"))) {
        *error = tr("Write a PostgreSQL database as postgresql://user@host:port/database.");
        return {};
    }
    if (spec.startsWith(QLatin1String("sqlite:")))
        return spec.mid(7);
    return spec;
}

bool Server::setUp()
{
    if (m_router)
        return true;
    if (!m_db) {
        const QString path = databasePath(m_options.database, &m_error);
        if (path.isEmpty())
            return false;
        auto db = Database::open(path);
        if (!db) {
            m_error = tr("Cannot open the database %1: %2").arg(path, db.errorMessage());
            return false;
        }
        m_ownDb = std::move(db).value();
        m_db = m_ownDb.get();
    }
    // The change feed's table and triggers live in the server's database only (docs/sync.md).
    if (auto feed = feedschema::install(*m_db); !feed) {
        m_error = tr("Cannot set up the change feed: %1").arg(feed.errorMessage());
        return false;
    }
    if (!m_db->isPostgres()) {
        m_checkpointer = std::make_unique<WalCheckpointer>(*m_db);
        m_checkpointer->start();
    }
    m_accounts = std::make_unique<Accounts>(*m_db, *m_clock);
    // Made now, so the first sign-in with an unknown email takes no longer than later ones.
    (void)crypto::dummyHash();
    m_limiter = std::make_unique<LoginLimiter>(*m_clock);
    m_router = std::make_unique<Router>(*m_accounts);
    m_api = std::make_unique<Api>(*m_db, *m_clock, *m_accounts, *m_limiter);
    m_api->registerRoutes(*m_router);
    m_sync = std::make_unique<SyncApi>(*m_db);
    m_sync->registerRoutes(*m_router);
    m_push = std::make_unique<PushApi>(*m_db, *m_clock);
    m_push->registerRoutes(*m_router);
    QString attachmentsDir = m_options.attachmentsDir;
    if (attachmentsDir.isEmpty())
        attachmentsDir = (m_db->isPostgres() ? QFileInfo(paths::defaultDatabasePath())
                                             : QFileInfo(m_db->path()))
                             .absolutePath()
            + QStringLiteral("/attachments");
    m_attachments = std::make_unique<AttachmentsApi>(*m_db, attachmentsDir);
    m_attachments->registerRoutes(*m_router);
    NotifyOptions notify;
    notify.maxSockets = m_options.maxNotifySockets;
    notify.authTimeoutMs = m_options.notifyAuthTimeoutMs;
    m_notify = std::make_unique<NotifyHub>(*m_db, *m_clock, *m_accounts, notify);
    m_notify->registerRoutes(*m_router);
    m_push->setAfterCommit([this] { m_notify->poke(); });
    m_http->setHandler([this](const Request &r) { return m_router->dispatch(r); });
    m_http->setWebSocketHandler(NotifyHub::path(),
                                [this](QWebSocket *socket) { m_notify->add(socket); });
    m_http->setMaxRequestBytes(m_options.maxRequestBytes);
    m_http->setTrustedProxies(m_options.trustedProxies);
    return true;
}

bool Server::start()
{
    if (!setUp())
        return false;
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
