// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/router.h"

#include "core/base/logging.h"
#include "server/auth.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace hd::server {

namespace {
/// The path's parameters when it matches the pattern.
std::optional<QStringList> match(const QString &pattern, const QString &path)
{
    const QStringList want = pattern.split(QLatin1Char('/'));
    const QStringList got = path.split(QLatin1Char('/'));
    if (want.size() != got.size())
        return std::nullopt;
    QStringList params;
    for (qsizetype i = 0; i < want.size(); ++i) {
        if (want[i].startsWith(QLatin1Char('{'))) {
            if (got[i].isEmpty())
                return std::nullopt;
            params << got[i];
        } else if (want[i] != got[i]) {
            return std::nullopt;
        }
    }
    return params;
}

AgentRole requiredRole(Access a)
{
    switch (a) {
    case Access::Manager:
        return AgentRole::Manager;
    case Access::Admin:
        return AgentRole::Admin;
    default:
        return AgentRole::Agent;
    }
}

Response unauthorized(const QString &message)
{
    Response r = Response::error(401, QStringLiteral("unauthorized"), message);
    r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
    return r;
}
} // namespace

Router::Router(Accounts &accounts)
    : m_accounts(accounts)
{ }

void Router::add(Route route)
{
    m_routes.append(std::move(route));
}

Response Router::badRequest(const QString &message)
{
    return Response::error(400, QStringLiteral("invalid_request"), message);
}

Response Router::errorResponse(const Error &e)
{
    switch (e.code) {
    case ErrorCode::InvalidArgument:
        return badRequest(e.message);
    case ErrorCode::NotFound:
        return Response::error(404, QStringLiteral("not_found"), e.message);
    case ErrorCode::Conflict:
        return Response::error(409, QStringLiteral("conflict"), e.message);
    case ErrorCode::TooLarge:
        return Response::error(413, QStringLiteral("too_large"), e.message);
    default:
        qCWarning(lcServer) << "request failed:" << e.message;
        return Response::error(500, QStringLiteral("internal"),
                               tr("The server could not complete the request."));
    }
}

Response Router::dispatch(const Request &req)
{
    const Route *route = nullptr;
    QStringList params;
    QByteArrayList allowed;
    for (const Route &r : m_routes) {
        auto p = match(r.pattern, req.path);
        if (!p)
            continue;
        allowed << r.method;
        if (r.method == req.method) {
            route = &r;
            params = *p;
        }
    }
    if (allowed.isEmpty())
        return Response::error(404, QStringLiteral("not_found"),
                               tr("No such API route: %1").arg(req.path));
    if (!route) {
        Response r = Response::error(
            405, QStringLiteral("method_not_allowed"),
            tr("Method not allowed here; use %1.").arg(QString::fromLatin1(allowed.join(", "))));
        r.headers.append(qMakePair(QByteArray("Allow"), QByteArray(allowed.join(", "))));
        return r;
    }

    bool hasLength = false;
    const qint64 length = req.header("Content-Length").trimmed().toLongLong(&hasLength);
    if ((hasLength && length > kMaxBodyBytes) || req.body.size() > kMaxBodyBytes)
        return Response::error(413, QStringLiteral("too_large"),
                               tr("The request body is larger than %1 bytes.").arg(kMaxBodyBytes));

    Call call{req, params, {}, {}, {}};
    if (route->access != Access::Public) {
        const QByteArray auth = req.header("Authorization").trimmed();
        if (!auth.toLower().startsWith("bearer "))
            return unauthorized(tr("Sign in first: send Authorization: Bearer <token>."));
        call.token = QString::fromLatin1(auth.mid(7).trimmed());
        auto agent = m_accounts.agentForToken(call.token);
        if (!agent) {
            if (agent.errorCode() == ErrorCode::NotFound)
                return unauthorized(agent.errorMessage());
            return errorResponse(agent.error());
        }
        call.agent = *agent;
        if (!roleAtLeast(call.agent.role, requiredRole(route->access)))
            return Response::error(
                403, QStringLiteral("forbidden"),
                tr("Your role (%1) may not do this.").arg(wireName(call.agent.role)));
    }

    if (route->jsonBody) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(req.body, &err);
        if (err.error != QJsonParseError::NoError)
            return Response::error(400, QStringLiteral("malformed_json"),
                                   tr("The body is not valid JSON: %1 at offset %2.")
                                       .arg(err.errorString())
                                       .arg(err.offset));
        if (!doc.isObject())
            return Response::error(400, QStringLiteral("malformed_json"),
                                   tr("The body must be a JSON object."));
        call.json = doc.object();
    }
    return route->handler(call);
}

} // namespace hd::server
