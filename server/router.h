// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"
#include "server/httpadapter.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace hd::server {

class Accounts;

/// Who may call a route: anyone, or a signed-in agent of at least that role.
enum class Access { Public, Agent, Manager, Admin };

/// What a handler gets once the dispatcher has let the request through.
struct Call
{
    const Request &request;
    QStringList params; ///< the path's {parameters}, in order
    Agent agent; ///< the signed-in agent (empty for public routes)
    QString token; ///< the bearer token it came with
    QJsonObject json; ///< the parsed body of JSON routes
};

using RouteHandler = std::function<Response(const Call &)>;

struct Route
{
    QByteArray method;
    QString pattern; ///< "/api/v1/tickets/{number}": a {name} matches one non-empty segment
    Access access = Access::Agent;
    bool jsonBody = false; ///< the body must be a JSON object
    RouteHandler handler;
};

/// The route table and the dispatcher in front of every handler. In this order: 404 for
/// unknown paths, 405 for a known path with another method, 413 for bodies over
/// kMaxBodyBytes (Content-Length first), 401 without a valid bearer token, 403 below the
/// route's role, 400 for a JSON route whose body is not a JSON object; then the handler.
class Router
{
    Q_DECLARE_TR_FUNCTIONS(hd::server::Router)

public:
    static constexpr qint64 kMaxBodyBytes = 1024 * 1024;

    explicit Router(Accounts &accounts);

    void add(Route route);
    [[nodiscard]] const QList<Route> &routes() const { return m_routes; }
    Response dispatch(const Request &request);

    /// The HTTP answer to a failed core call (400, 404, 409, 413 or 500).
    static Response errorResponse(const Error &error);
    static Response badRequest(const QString &message);

private:
    Accounts &m_accounts;
    QList<Route> m_routes;
};

} // namespace hd::server
