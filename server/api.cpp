// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/api.h"

#include "core/base/version.h"
#include "core/domain/json.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/ticketquery.h"
#include "core/storage/ticketstore.h"
#include "server/auth.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

namespace hd::server {

namespace {
/// A string member of a JSON body; empty optional when absent or not a string.
std::optional<QString> stringField(const QJsonObject &o, const QString &name)
{
    const QJsonValue v = o.value(name);
    if (!v.isString())
        return std::nullopt;
    return v.toString();
}

/// Page cursors are "<updated_at ms>.<ticket id>" (the list is by last update, newest first).
QString cursorText(const Cursor &c)
{
    return QString::number(c.key.toLongLong()) + QLatin1Char('.') + QString::number(c.id);
}

std::optional<Cursor> parseCursor(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^(-?[0-9]{1,18})\\.([0-9]{1,18})$"));
    const auto m = re.match(s);
    if (!m.hasMatch())
        return std::nullopt;
    return Cursor{QVariant(m.captured(1).toLongLong()), m.captured(2).toLongLong()};
}
} // namespace

Api::Api(Database &db, const Clock &clock, Accounts &accounts, LoginLimiter &limiter)
    : m_db(db)
    , m_clock(clock)
    , m_accounts(accounts)
    , m_limiter(limiter)
    , m_tickets(std::make_unique<TicketStore>(db, clock))
{ }

Api::~Api() = default;

void Api::registerRoutes(Router &router)
{
    auto bind = [this](Response (Api::*fn)(const Call &)) {
        return [this, fn](const Call &c) {
            return (this->*fn)(c);
        };
    };
    router.add({"GET", QStringLiteral("/api/v1/health"), Access::Public, false, [](const Call &) {
                    return Response::json(QJsonDocument(QJsonObject{
                        {QStringLiteral("status"), QStringLiteral("ok")},
                        {QStringLiteral("version"), QString::fromLatin1(kVersion)},
                    }));
                }});
    router.add({"GET", QStringLiteral("/api/v1/openapi.yaml"), Access::Public, false,
                bind(&Api::openApi)});
    router.add(
        {"POST", QStringLiteral("/api/v1/auth/login"), Access::Public, true, bind(&Api::login)});
    router.add(
        {"POST", QStringLiteral("/api/v1/auth/logout"), Access::Agent, false, bind(&Api::logout)});
    router.add({"GET", QStringLiteral("/api/v1/me"), Access::Agent, false, bind(&Api::me)});
    router.add(
        {"GET", QStringLiteral("/api/v1/agents"), Access::Manager, false, bind(&Api::listAgents)});
    router.add(
        {"POST", QStringLiteral("/api/v1/agents"), Access::Admin, true, bind(&Api::createAgent)});
    router.add(
        {"GET", QStringLiteral("/api/v1/tickets"), Access::Agent, false, bind(&Api::listTickets)});
    router.add({"GET", QStringLiteral("/api/v1/tickets/{number}"), Access::Agent, false,
                bind(&Api::ticket)});
}

Response Api::openApi(const Call &)
{
    QFile f(QStringLiteral(":/api/openapi.yaml"));
    if (!f.open(QIODevice::ReadOnly))
        return Router::errorResponse(Error{ErrorCode::Internal, QStringLiteral("no openapi.yaml")});
    return Response{200, "application/yaml", f.readAll(), {}};
}

Response Api::login(const Call &c)
{
    const auto email = stringField(c.json, QStringLiteral("email"));
    const auto password = stringField(c.json, QStringLiteral("password"));
    if (!email || !password)
        return Router::badRequest(tr("Send {\"email\": string, \"password\": string}."));
    const QString peerKey = QStringLiteral("peer:") + c.request.peer.toString();
    const QString emailKey = QStringLiteral("email:") + email->trimmed().toLower();
    const qint64 wait = qMax(m_limiter.retryAfter(peerKey), m_limiter.retryAfter(emailKey));
    if (wait > 0) {
        Response r = Response::error(
            429, QStringLiteral("too_many_attempts"),
            tr("Too many failed sign-ins; try again in %n second(s).", nullptr, int(wait)));
        r.headers.append(
            qMakePair(QByteArray("Retry-After"), QByteArray(QByteArray::number(wait))));
        return r;
    }
    auto agent = m_accounts.verify(*email, *password);
    if (!agent) {
        if (agent.errorCode() != ErrorCode::NotFound)
            return Router::errorResponse(agent.error());
        m_limiter.recordFailure(peerKey);
        m_limiter.recordFailure(emailKey);
        Response r
            = Response::error(401, QStringLiteral("invalid_credentials"), agent.errorMessage());
        return r;
    }
    m_limiter.reset(emailKey);
    auto token = m_accounts.issueToken(agent->id);
    if (!token)
        return Router::errorResponse(token.error());
    return Response::json(QJsonDocument(QJsonObject{
        {QStringLiteral("token"), token->token},
        {QStringLiteral("expires_at"), json::time(token->expiresAt)},
        {QStringLiteral("agent"), json::toJson(*agent)},
    }));
}

Response Api::logout(const Call &c)
{
    if (auto ok = m_accounts.revoke(c.token); !ok)
        return Router::errorResponse(ok.error());
    return Response{204, "application/json", {}, {}};
}

Response Api::me(const Call &c)
{
    return Response::json(
        QJsonDocument(QJsonObject{{QStringLiteral("agent"), json::toJson(c.agent)}}));
}

Response Api::listAgents(const Call &)
{
    auto agents = Directory(m_db, m_clock).agents();
    if (!agents)
        return Router::errorResponse(agents.error());
    QJsonArray out;
    for (const Agent &a : *agents)
        out.append(json::toJson(a));
    return Response::json(QJsonDocument(QJsonObject{{QStringLiteral("agents"), out}}));
}

Response Api::createAgent(const Call &c)
{
    const auto email = stringField(c.json, QStringLiteral("email"));
    const auto name = stringField(c.json, QStringLiteral("name"));
    const auto password = stringField(c.json, QStringLiteral("password"));
    const QJsonValue roleValue = c.json.value(QStringLiteral("role"));
    if (!email || !name || !password || !(roleValue.isUndefined() || roleValue.isString()))
        return Router::badRequest(tr("Send {\"email\": string, \"name\": string, "
                                     "\"password\": string, \"role\": agent|manager|admin}."));
    const auto role = roleValue.isUndefined() ? std::optional(AgentRole::Agent)
                                              : parseAgentRole(roleValue.toString());
    if (!role)
        return Router::badRequest(
            tr("Unknown role '%1'; use agent, manager or admin.").arg(roleValue.toString()));
    auto agent = m_accounts.createAccount(*email, *name, *role, *password);
    if (!agent)
        return Router::errorResponse(agent.error());
    return Response::json(
        QJsonDocument(QJsonObject{{QStringLiteral("agent"), json::toJson(*agent)}}), 201);
}

Response Api::listTickets(const Call &c)
{
    const QUrlQuery &q = c.request.query;
    TicketFilter filter;
    const QString statuses = q.queryItemValue(QStringLiteral("status"), QUrl::FullyDecoded);
    for (const QString &s : statuses.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto st = parseStatus(s.trimmed());
        if (!st)
            return Router::badRequest(
                tr("Unknown status '%1'; use one of: %2.").arg(s, statusNames()));
        filter.statuses << *st;
    }
    int limit = 50;
    if (q.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = q.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > kMaxPageSize)
            return Router::badRequest(tr("limit must be a number from 1 to %1.").arg(kMaxPageSize));
    }
    Cursor after;
    const QString afterText = q.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded);
    if (!afterText.isEmpty()) {
        const auto cur = parseCursor(afterText);
        if (!cur)
            return Router::badRequest(tr("after must be the next_cursor of an earlier page."));
        after = *cur;
    }
    const TicketSort sort{SortColumn::Updated, true};
    auto page = TicketQuery(m_db).page(filter, sort, after, limit);
    if (!page)
        return Router::errorResponse(page.error());
    QJsonArray rows;
    for (const TicketListRow &r : page->rows)
        rows.append(toJson(r));
    const QJsonValue next = page->atEnd || page->rows.isEmpty()
        ? QJsonValue(QJsonValue::Null)
        : QJsonValue(cursorText(page->rows.constLast().cursor));
    return Response::json(QJsonDocument(
        QJsonObject{{QStringLiteral("tickets"), rows}, {QStringLiteral("next_cursor"), next}}));
}

Response Api::ticket(const Call &c)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
    const QString number = c.params.value(0);
    const Error missing{ErrorCode::NotFound, tr("No ticket number %1.").arg(number)};
    if (!digits.match(number).hasMatch())
        return Router::errorResponse(missing);
    TicketStore &store = *m_tickets;
    auto t = store.find(number);
    if (!t)
        return Router::errorResponse(t.errorCode() == ErrorCode::NotFound ? missing : t.error());
    // Agents see internal notes: this route is not customer-facing.
    auto messages = store.messages(t->id, true);
    if (!messages)
        return Router::errorResponse(messages.error());
    QJsonObject out = json::toJson(*t);
    QJsonArray list;
    for (const Message &m : *messages)
        list.append(json::toJson(m));
    out.insert(QStringLiteral("messages"), list);
    return Response::json(QJsonDocument(QJsonObject{{QStringLiteral("ticket"), out}}));
}

} // namespace hd::server
