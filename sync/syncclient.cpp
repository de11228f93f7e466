// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/syncclient.h"

#include "core/base/logging.h"
#include "core/storage/attachmentstore.h"
#include "core/storage/database.h"
#include "core/storage/searchindex.h"
#include "sync/attachmenttransfer.h"
#include "sync/feedapplier.h"
#include "sync/replica.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSet>

namespace hd::sync {

namespace {
constexpr int kTransferTimeoutMs = 30'000;
const QString kCursor = QStringLiteral("cursor");
const QString kSearchStale = QStringLiteral("search_stale");
} // namespace

SyncClient::SyncClient(Database &db, SearchIndex &search, Outbox &outbox,
                       QNetworkAccessManager &network, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_search(search)
    , m_outbox(outbox)
    , m_network(network)
    , m_applier(std::make_unique<FeedApplier>(db, search, outbox))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncClient::syncNow);
}

SyncClient::~SyncClient()
{
    if (QNetworkReply *reply = m_reply.data())
        reply->abort();
}

void SyncClient::setServer(const QUrl &base, const QString &token)
{
    m_base = base;
    m_token = token;
    if (m_transfer)
        m_transfer->setServer(base, token);
    m_failures = 0;
    if (m_state == State::Unauthorized)
        setState(State::Idle);
}

void SyncClient::setState(State s)
{
    if (s == m_state)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void SyncClient::reportPending()
{
    if (auto n = m_outbox.count())
        Q_EMIT pendingChanged(*n);
}

QNetworkReply *SyncClient::send(const QByteArray &method, const QString &path,
                                const QByteArray &body)
{
    QUrl url = m_base;
    const int query = int(path.indexOf(QLatin1Char('?')));
    url.setPath(m_base.path() + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(kTransferTimeoutMs);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    m_reply = reply;
    return reply;
}

void SyncClient::syncNow()
{
    if (m_base.isEmpty() || m_token.isEmpty() || m_state == State::Unauthorized)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    m_retry.stop();
    m_running = true;
    m_again = false;
    auto cursor = replica::state(m_db, kCursor);
    m_cursor = cursor ? cursor->toLongLong() : 0;
    setState(State::Syncing);
    push();
}

void SyncClient::cancel()
{
    // Idle before the abort: abort() runs the reply's handler at once, and failed() must see a
    // cancel there, not a network failure to retry after a backoff.
    m_retry.stop();
    m_again = false;
    m_running = false;
    setState(State::Idle);
    if (QNetworkReply *reply = m_reply.data())
        reply->abort(); // its handler sees OperationCanceledError and ends the round
    if (m_transfer && m_transfer->busy())
        m_transfer->abort(); // its handler sees the round ended
    m_retry.stop();
}

bool SyncClient::failed(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300)
        return false;
    m_running = false;
    m_lastError = reply->errorString();
    if (reply->error() == QNetworkReply::OperationCanceledError && !m_retry.isActive()
        && m_state == State::Idle)
        return true; // cancel()
    if (status == 401) {
        setState(State::Unauthorized);
        return true;
    }
    // Anything else (no route, reset, timeout, 5xx, a 4xx this client did not expect): retry
    // later; nothing was lost, the outbox and the cursor are as the last answer left them.
    retryLater(status, reply->errorString());
    return true;
}

void SyncClient::retryLater(int status, const QString &error)
{
    m_running = false;
    m_lastError = error;
    if (status == 401) {
        setState(State::Unauthorized);
        return;
    }
    ++m_failures;
    const double cap = 60.0 * m_retryBase;
    const double delay = qMin(cap, m_retryBase * double(1 << qMin(m_failures - 1, 10)));
    const double jitter = 0.75 + 0.5 * QRandomGenerator::global()->generateDouble();
    m_retry.start(int(delay * jitter * 1000));
    setState(State::Offline);
}

void SyncClient::push()
{
    auto ops = m_outbox.oldest(m_pushBatch);
    if (!ops) {
        retryLater(0, ops.errorMessage());
        return;
    }
    if (ops->isEmpty()) {
        refetchNext();
        return;
    }
    QJsonArray list;
    for (const PendingOp &op : std::as_const(*ops))
        list.append(op.toJson());
    if (!uploadFirst(list))
        post(list);
}

void SyncClient::post(const QJsonArray &list)
{
    auto id = replica::clientId(m_db);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("client_id"),
                                                       id.value_or(QStringLiteral("unknown"))},
                                                      {QStringLiteral("ops"), list}})
                                .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = send("POST", QStringLiteral("/api/v1/sync/push"), body);
    QList<QJsonObject> sent;
    for (const QJsonValue &v : std::as_const(list))
        sent << v.toObject();
    connect(reply, &QNetworkReply::finished, this, [this, reply, sent] {
        reply->deleteLater();
        if (failed(reply))
            return;
        const QJsonArray results = QJsonDocument::fromJson(reply->readAll())
                                       .object()
                                       .value(QStringLiteral("results"))
                                       .toArray();
        if (auto r = recordAnswers(sent, results); !r) {
            // The answers were not recorded: the retry pushes the same operations, which the
            // server answers as duplicates.
            retryLater(0, r.errorMessage());
            return;
        }
        reportPending();
        push();
    });
}

Result<void> SyncClient::recordAnswers(const QList<QJsonObject> &ops, const QJsonArray &results)
{
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &v : results)
        byId.insert(v.toObject().value(QStringLiteral("op_id")).toString(), v.toObject());
    bool rejections = false;
    QSet<QString> answered;
    Result<void> r = m_db.transaction([&]() -> Result<void> {
        for (const QJsonObject &op : ops) {
            const QString opId = op.value(QStringLiteral("op_id")).toString();
            if (!byId.contains(opId))
                continue; // not answered (the server stopped early): pushed again next time
            const QJsonObject a = byId.value(opId);
            const QString result = a.value(QStringLiteral("result")).toString();
            QString code, message;
            if (result == QLatin1String("rejected")) {
                code = a.value(QStringLiteral("code")).toString();
                message = a.value(QStringLiteral("message")).toString();
            } else if (a.contains(QStringLiteral("overwrote"))) {
                code = QStringLiteral("overwrote");
                message = QString::fromUtf8(
                    QJsonDocument(a.value(QStringLiteral("overwrote")).toObject())
                        .toJson(QJsonDocument::Compact));
            }
            if (!code.isEmpty()) {
                rejections = true;
                if (auto q = m_db.exec(
                        QStringLiteral("INSERT OR IGNORE INTO sync_rejections(op_id, ticket_uuid, "
                                       "kind, payload, code, message, at) VALUES (?,?,?,?,?,?,?)"),
                        {opId, op.value(QStringLiteral("ticket_uuid")).toString(),
                         op.value(QStringLiteral("kind")).toString(),
                         QString::fromUtf8(
                             QJsonDocument(op.value(QStringLiteral("payload")).toObject())
                                 .toJson(QJsonDocument::Compact)),
                         code, message, QDateTime::currentMSecsSinceEpoch()});
                    !q)
                    return q.error();
            }
            if (result == QLatin1String("rejected")) {
                // Its local effect is undone by re-taking the server's rows of every ticket
                // it named.
                const QJsonObject p = op.value(QStringLiteral("payload")).toObject();
                for (const QString &u : {op.value(QStringLiteral("ticket_uuid")).toString(),
                                         p.value(QStringLiteral("target_uuid")).toString(),
                                         p.value(QStringLiteral("new_ticket_uuid")).toString()})
                    if (!u.isEmpty() && !m_refetch.contains(u))
                        m_refetch << u;
                // Rows only this replica has go (their text stays in the rejection's payload);
                // the refetch brings back whatever the server has under the same uuids.
                const QString kind = op.value(QStringLiteral("kind")).toString();
                if (kind == QLatin1String("add_message"))
                    if (auto d = m_applier->dropMessage(p.value(QStringLiteral("uuid")).toString());
                        !d)
                        return d;
                if (kind == QLatin1String("create_ticket"))
                    if (auto d
                        = m_applier->drop(op.value(QStringLiteral("ticket_uuid")).toString());
                        !d)
                        return d.error();
            }
            if (auto q = m_db.exec(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"), {opId});
                !q)
                return q.error();
            answered.insert(op.value(QStringLiteral("ticket_uuid")).toString());
        }
        // Tickets whose operations are all answered keep only the server's history: their own
        // events go (the pull right after brings the server's versions; an operation that
        // changed nothing there leaves no event).
        for (const QString &uuid : std::as_const(answered)) {
            auto still = m_db.scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE "
                                                    "ticket_uuid = ?"),
                                     {uuid});
            if (!still)
                return still.error();
            if (still->toInt() > 0)
                continue;
            auto id = m_db.scalar(QStringLiteral("SELECT id FROM tickets WHERE uuid = ?"), {uuid});
            if (!id)
                return id.error();
            if (!id->isNull())
                if (auto d = m_applier->dropLocalEvents(id->toLongLong()); !d)
                    return d;
        }
        return {};
    });
    if (r && rejections)
        Q_EMIT rejectionsChanged();
    return r;
}

void SyncClient::refetchNext()
{
    if (m_refetch.isEmpty()) {
        pull();
        return;
    }
    const QString uuid = m_refetch.first();
    QNetworkReply *reply = send("GET", QStringLiteral("/api/v1/sync/tickets/") + uuid);
    connect(reply, &QNetworkReply::finished, this, [this, reply, uuid] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        Result<QList<RowId>> changed = QList<RowId>{};
        if (status == 404) {
            // The server has no such ticket (its creation was refused): unless an operation
            // still to be pushed creates it, it goes.
            auto pending = m_outbox.forTicket(uuid);
            if (pending && pending->isEmpty())
                changed = m_applier->drop(uuid);
        } else {
            if (failed(reply))
                return;
            m_applier->setBulk(false);
            changed = m_applier->apply(QJsonDocument::fromJson(reply->readAll())
                                           .object()
                                           .value(QStringLiteral("changes"))
                                           .toArray(),
                                       std::nullopt);
        }
        if (!changed) {
            retryLater(0, changed.errorMessage());
            return;
        }
        m_refetch.removeAll(uuid);
        if (!changed->isEmpty())
            Q_EMIT ticketsChanged(*changed);
        refetchNext();
    });
}

void SyncClient::pull()
{
    // A replica's first sync (cursor 0) leaves search documents to one rebuild at the end; a
    // first sync cut short keeps the mark, so its rest is bulk too.
    if (m_cursor == 0)
        (void)replica::setState(m_db, kSearchStale, QStringLiteral("1"));
    auto stale = replica::state(m_db, kSearchStale);
    m_bulk = stale && *stale == QLatin1String("1");
    m_applier->setBulk(m_bulk);
    requestPage(m_cursor);
}

void SyncClient::requestPage(qint64 after)
{
    QNetworkReply *reply = send(
        "GET", QStringLiteral("/api/v1/sync/changes?after=%1&limit=%2").arg(after).arg(m_pageSize));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { pullAnswered(reply); });
}

void SyncClient::pullAnswered(QNetworkReply *reply)
{
    if (m_applyPending) {
        m_stashed = reply; // the page in hand is applied first; this one after it, in order
        return;
    }
    reply->deleteLater();
    if (failed(reply))
        return;
    QJsonObject page = QJsonDocument::fromJson(reply->readAll()).object();
    const qint64 cursor = page.value(QStringLiteral("cursor")).toInteger(-1);
    if (cursor < 0) {
        retryLater(0, tr("The server's answer to a feed request has no cursor."));
        return;
    }
    // The next page is asked for before this one is applied, so the server builds it (and the
    // network carries it) while this thread writes: the two overlap instead of adding up. The
    // event loop runs once in between, which is what actually sends the request.
    const bool more = page.value(QStringLiteral("more")).toBool();
    QPointer<QNetworkReply> next;
    if (more) {
        requestPage(cursor);
        next = m_reply;
    }
    m_applyPending = true;
    QTimer::singleShot(0, this, [this, page = std::move(page), cursor, more, next] {
        applyPage(page, cursor, more, next);
    });
}

void SyncClient::applyPage(const QJsonObject &page, qint64 cursor, bool more,
                           QPointer<QNetworkReply> next)
{
    m_applyPending = false;
    QPointer<QNetworkReply> stashed = std::exchange(m_stashed, nullptr);
    auto changed = m_applier->apply(page.value(QStringLiteral("changes")).toArray(), cursor);
    if (!changed) {
        if (next) { // its page would follow one that is not in: dropped, asked again later
            next->disconnect(this);
            next->abort();
            next->deleteLater();
        }
        retryLater(0, changed.errorMessage());
        return;
    }
    m_cursor = cursor;
    m_head = page.value(QStringLiteral("head")).toInteger();
    Q_EMIT progress(m_cursor, m_head);
    if (!changed->isEmpty())
        Q_EMIT ticketsChanged(*changed);
    if (!more) {
        finishRound();
        return;
    }
    if (stashed)
        pullAnswered(stashed);
}

void SyncClient::finishRound(bool fetchFiles)
{
    if (fetchFiles && downloadMissing())
        return;
    if (m_bulk) {
        QElapsedTimer timer;
        timer.start();
        const auto r = m_search.rebuildAll();
        qCInfo(lcSearch) << "search index rebuilt after the first sync in" << timer.elapsed()
                         << "ms";
        if (!r) {
            m_lastError = r.errorMessage();
        } else {
            (void)replica::setState(m_db, kSearchStale, QStringLiteral("0"));
            m_bulk = false;
        }
    }
    m_failures = 0;
    m_running = false;
    reportPending();
    auto pending = m_outbox.count();
    if (m_again || (pending && *pending > 0)) {
        syncNow(); // changes made meanwhile
        return;
    }
    setState(State::Idle);
    Q_EMIT synced();
}

} // namespace hd::sync
