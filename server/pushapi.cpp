// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/pushapi.h"

#include "core/base/clock.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"
#include "server/pushops.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hd::server {

namespace {

QJsonObject rejected(const Rejection &r)
{
    return QJsonObject{{QStringLiteral("result"), QStringLiteral("rejected")},
                       {QStringLiteral("code"), r.code},
                       {QStringLiteral("message"), r.message}};
}

} // namespace

PushApi::PushApi(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
    , m_store(std::make_unique<TicketStore>(db, clock))
    , m_directory(std::make_unique<Directory>(db, clock))
    , m_ops(std::make_unique<PushOps>(db, *m_store, *m_directory))
{ }

PushApi::~PushApi() = default;

void PushApi::registerRoutes(Router &router)
{
    router.add(
        {"POST", QStringLiteral("/api/v1/sync/push"), Access::Agent, true, [this](const Call &c) {
             return push(c);
         }});
}

Response PushApi::push(const Call &c)
{
    const QJsonValue client = c.json.value(QStringLiteral("client_id"));
    const QJsonValue ops = c.json.value(QStringLiteral("ops"));
    if (!client.isString() || client.toString().trimmed().isEmpty()
        || client.toString().size() > kMaxClientIdChars || !ops.isArray())
        return Router::badRequest(
            tr("Send {\"client_id\": a string of 1 to %1 characters, \"ops\": [operations]}.")
                .arg(kMaxClientIdChars));
    const QJsonArray list = ops.toArray();
    if (list.size() > kMaxOps)
        return Response::error(413, QStringLiteral("too_large"),
                               tr("A push takes at most %1 operations; this one has %2.")
                                   .arg(kMaxOps)
                                   .arg(list.size()));
    QJsonArray results;
    const auto pushAll = [&]() -> Result<void> {
        for (const QJsonValue &op : list) {
            auto one = pushOne(op, client.toString(), c.agent);
            if (!one)
                return one.error();
            results.append(*one);
        }
        return {};
    };
    // SQLite: each operation commits on its own; a database failure stops the loop, what was
    // answered before is committed and recorded, and the client's retry of the whole request
    // gets those as duplicates. PostgreSQL: one transaction for the request (each operation a
    // savepoint in it), so one commit and one WAL flush instead of one per operation; a
    // failure undoes the whole request, which the client sends again.
    const Result<void> r = m_db.isPostgres() ? m_db.transaction(pushAll) : pushAll();
    const bool committed = r || !m_db.isPostgres();
    if (m_afterCommit && committed && !results.isEmpty())
        m_afterCommit();
    if (!r)
        return Router::errorResponse(r.error());
    return Response::json(QJsonDocument(QJsonObject{{QStringLiteral("results"), results}}));
}

Result<QJsonObject> PushApi::pushOne(const QJsonValue &value, const QString &clientId,
                                     const Agent &agent)
{
    const QJsonObject op = value.toObject();
    const QJsonValue idValue = op.value(QStringLiteral("op_id"));
    if (!value.isObject() || !idValue.isString() || !PushOps::isUuid(idValue.toString())) {
        // Without an op_id there is nothing to record the answer under.
        QJsonObject out = rejected(
            {QStringLiteral("invalid"), tr("Each operation needs an op_id that is a UUID.")});
        out.insert(QStringLiteral("op_id"), idValue.isString() ? idValue : QJsonValue());
        return out;
    }
    const QString opId = idValue.toString().toLower();
    const QJsonValue ticketValue = op.value(QStringLiteral("ticket_uuid"));
    const QJsonValue kind = op.value(QStringLiteral("kind"));
    const QJsonValue payload = op.value(QStringLiteral("payload"));
    const QJsonValue base = op.value(QStringLiteral("base"));
    std::optional<Rejection> early;
    if (!ticketValue.isString() || !PushOps::isUuid(ticketValue.toString()))
        early = Rejection{QStringLiteral("invalid"), tr("ticket_uuid must be a UUID.")};
    else if (!kind.isString())
        early = Rejection{QStringLiteral("invalid"), tr("kind must be a string.")};
    else if (!payload.isObject())
        early = Rejection{QStringLiteral("invalid"), tr("payload must be a JSON object.")};
    else if (!base.isUndefined() && !base.isNull() && !base.isObject())
        early = Rejection{QStringLiteral("invalid"),
                          tr("base must be a JSON object {field: value} or absent.")};
    const QString ticketUuid = ticketValue.toString().toLower();

    QJsonObject answer;
    std::optional<Rejection> refused = early;
    bool undone = false;
    // One transaction: look the op up, apply it, record the answer. A refusal rolls back
    // whatever the operation wrote and is recorded in a second transaction below.
    Result<void> r = m_store->batch([&]() -> Result<void> {
        auto prior = previous(opId, agent.id);
        if (!prior)
            return prior.error();
        if (*prior) {
            answer = **prior;
            refused.reset();
            return {};
        }
        if (refused)
            return record(opId, clientId, agent.id, rejected(*refused));
        PushEffect effect;
        auto applied = m_ops->apply(agent, ticketUuid, kind.toString(), payload.toObject(),
                                    base.toObject(), &effect);
        if (!applied)
            return applied.error();
        if (!applied->code.isEmpty()) {
            refused = *applied;
            undone = true;
            return Error{ErrorCode::Conflict, applied->message};
        }
        auto seq = newestSeq(effect);
        if (!seq)
            return seq.error();
        answer = effect.notices; // overwrote, redirected
        answer.insert(QStringLiteral("result"), QStringLiteral("applied"));
        answer.insert(QStringLiteral("seq"), *seq);
        return record(opId, clientId, agent.id, answer);
    });
    if (!r && !undone)
        return r.error();
    if (undone) {
        r = m_store->batch([&]() -> Result<void> {
            auto prior = previous(opId, agent.id);
            if (!prior)
                return prior.error();
            if (*prior) {
                answer = **prior;
                return {};
            }
            answer = rejected(*refused);
            return record(opId, clientId, agent.id, answer);
        });
        if (!r)
            return r.error();
    } else if (refused) {
        answer = rejected(*refused);
    }
    answer.insert(QStringLiteral("op_id"), opId);
    return answer;
}

Result<qint64> PushApi::newestSeq(const PushEffect &effect)
{
    QStringList marks;
    QVariantList args;
    for (const QString &uuid : effect.ticketUuids) {
        marks << QStringLiteral("?");
        args << uuid;
    }
    if (marks.isEmpty())
        marks << QStringLiteral("NULL");
    args << effect.messageUuid;
    auto seq = m_db.scalar(QStringLiteral("SELECT max(seq) FROM changes WHERE (entity = 'ticket' "
                                          "AND uuid IN (%1)) OR (entity = 'message' AND uuid = ?)")
                               .arg(marks.join(QLatin1Char(','))),
                           args);
    if (!seq)
        return seq.error();
    return seq->toLongLong();
}

Result<std::optional<QJsonObject>> PushApi::previous(const QString &opId, RowId agentId)
{
    auto row = m_db.exec(QStringLiteral("SELECT agent_id, result FROM applied_ops WHERE op_id = ?"),
                         {opId});
    if (!row)
        return row.error();
    if (!row->next())
        return std::optional<QJsonObject>();
    const RowId by = row->value(0).toLongLong();
    QJsonObject stored = QJsonDocument::fromJson(row->value(1).toString().toUtf8()).object();
    row->finish();
    if (by != agentId)
        return std::optional(rejected(
            {QStringLiteral("invalid"), tr("This op_id was used by another agent's operation.")}));
    if (stored.value(QStringLiteral("result")).toString() == QLatin1String("applied")) {
        stored.insert(QStringLiteral("result"), QStringLiteral("duplicate"));
        return std::optional(stored);
    }
    // A refusal stays a refusal: the retry gets the same code and message.
    stored.insert(QStringLiteral("duplicate"), true);
    return std::optional(stored);
}

Result<void> PushApi::record(const QString &opId, const QString &clientId, RowId agentId,
                             const QJsonObject &result)
{
    auto q = m_db.exec(QStringLiteral("INSERT INTO applied_ops(op_id, client_id, agent_id, result, "
                                      "at) VALUES (?, ?, ?, ?, ?)"),
                       {opId, clientId, agentId,
                        QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)),
                        Database::toDb(m_clock.now())});
    if (!q)
        return q.error();
    return {};
}

} // namespace hd::server
