// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/syncapi.h"

#include "core/domain/json.h"
#include "core/storage/database.h"
#include "server/feedrows.h"
#include "server/jsonwriter.h"

#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>

namespace hd::server {

namespace {

std::optional<qint64> parseNumber(const QString &s, qint64 min, qint64 max)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
    if (!digits.match(s).hasMatch())
        return std::nullopt;
    const qint64 v = s.toLongLong();
    if (v < min || v > max)
        return std::nullopt;
    return v;
}

} // namespace

SyncApi::SyncApi(Database &db)
    : m_db(db)
{ }

void SyncApi::registerRoutes(Router &router)
{
    router.add({"GET", QStringLiteral("/api/v1/sync/changes"), Access::Agent, false,
                [this](const Call &c) {
                    return changes(c);
                }});
    router.add({"GET", QStringLiteral("/api/v1/sync/tickets/{uuid}"), Access::Agent, false,
                [this](const Call &c) {
                    return ticket(c);
                }});
}

Response SyncApi::changes(const Call &c)
{
    const QUrlQuery &q = c.request.query;
    qint64 after = 0;
    if (q.hasQueryItem(QStringLiteral("after"))) {
        const auto v = parseNumber(q.queryItemValue(QStringLiteral("after")), 0,
                                   std::numeric_limits<qint64>::max());
        if (!v)
            return Router::badRequest(
                tr("after must be 0 or the cursor of an earlier page of changes."));
        after = *v;
    }
    int limit = kDefaultLimit;
    if (q.hasQueryItem(QStringLiteral("limit"))) {
        const auto v = parseNumber(q.queryItemValue(QStringLiteral("limit")), 1, kMaxLimit);
        if (!v)
            return Router::badRequest(tr("limit must be a number from 1 to %1.").arg(kMaxLimit));
        limit = int(*v);
    }
    auto p = page(after, limit);
    if (!p)
        return Router::errorResponse(p.error());
    JsonWriter w;
    w.beginObject();
    w.key(QLatin1StringView("changes"));
    w.raw(p->changes);
    w.key(QLatin1StringView("cursor"));
    w.number(p->cursor);
    w.key(QLatin1StringView("more"));
    w.boolean(p->more);
    w.key(QLatin1StringView("head"));
    w.number(p->head);
    w.endObject();
    return Response{200, "application/json", w.take(), {}};
}

Response SyncApi::ticket(const Call &c)
{
    const QString uuid = c.params.value(0).toLower();
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    if (!re.match(uuid).hasMatch())
        return Router::badRequest(tr("'%1' is not a ticket UUID.").arg(uuid.left(40)));
    auto entries = feedrows::ticketEntries(m_db, uuid);
    if (!entries)
        return Router::errorResponse(entries.error());
    if (entries->isEmpty())
        return Response::error(404, QStringLiteral("not_found"),
                               tr("No ticket with UUID %1.").arg(uuid));
    return Response{200, "application/json", "{\"changes\":[" + entries->join(',') + "]}", {}};
}

Result<FeedPage> SyncApi::page(qint64 after, int limit)
{
    FeedPage out;
    // The page is the seq range (after, upTo]. Rows are read after the range is fixed: an entry
    // a concurrent change moved past upTo meanwhile comes on a later page, and a row read newer
    // than its seq is sent again with its own entry (applying a row twice is harmless).
    auto range = m_db.exec(
        QStringLiteral("SELECT max(seq) FROM (SELECT seq FROM changes WHERE seq > ? ORDER BY seq "
                       "LIMIT ?)"),
        {after, limit});
    if (!range)
        return range.error();
    const qint64 upTo
        = range->next() && !range->value(0).isNull() ? range->value(0).toLongLong() : after;
    range->finish();
    auto head = m_db.scalar(QStringLiteral("SELECT max(seq) FROM changes"));
    if (!head)
        return head.error();
    out.head = qMax(head->toLongLong(), after);
    out.cursor = upTo;
    out.more = out.head > upTo;
    if (upTo == after)
        return out;
    QMap<qint64, QByteArray> bySeq;
    for (const QString &entity : feedrows::entities())
        if (auto r = feedrows::addEntries(m_db, entity, after, upTo, bySeq); !r)
            return r.error();
    out.count = int(bySeq.size());
    out.changes = '[' + bySeq.values().join(',') + ']';
    return out;
}

} // namespace hd::server
