// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/syncapi.h"

#include "core/domain/json.h"
#include "core/storage/database.h"

#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>

namespace hd::server {

namespace {

QJsonValue textOrNull(const QVariant &v)
{
    return v.isNull() ? QJsonValue() : QJsonValue(v.toString());
}

QJsonValue timeOf(const QVariant &v)
{
    return json::time(Database::fromDb(v));
}

/// The entry's head: {seq, entity, uuid, op}.
QJsonObject entry(qint64 seq, const QString &entity, const QString &uuid, const QString &op)
{
    return QJsonObject{{QStringLiteral("seq"), seq},
                       {QStringLiteral("entity"), entity},
                       {QStringLiteral("uuid"), uuid},
                       {QStringLiteral("op"), op}};
}

/// A row is gone, whatever op recorded: the client deletes it.
void markDeleted(QJsonObject &e)
{
    e.insert(QStringLiteral("deleted"), true);
}

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
    return Response::json(QJsonDocument(QJsonObject{
        {QStringLiteral("changes"), p->changes},
        {QStringLiteral("cursor"), p->cursor},
        {QStringLiteral("more"), p->more},
        {QStringLiteral("head"), p->head},
    }));
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
    QMap<qint64, QJsonObject> bySeq;
    if (auto r = addTickets(after, upTo, bySeq); !r)
        return r.error();
    if (auto r = addMessages(after, upTo, bySeq); !r)
        return r.error();
    for (const QJsonObject &e : std::as_const(bySeq))
        out.changes.append(e);
    return out;
}

Result<void> SyncApi::addTickets(qint64 after, qint64 upTo, QMap<qint64, QJsonObject> &out)
{
    // Tags first, by ticket uuid.
    QHash<QString, QStringList> tags;
    auto tagRows = m_db.exec(QStringLiteral("SELECT t.uuid, tt.tag FROM changes c "
                                            "JOIN tickets t ON t.uuid = c.uuid "
                                            "JOIN ticket_tags tt ON tt.ticket_id = t.id "
                                            "WHERE c.seq > ? AND c.seq <= ? "
                                            "AND c.entity = 'ticket' ORDER BY tt.tag"),
                             {after, upTo});
    if (!tagRows)
        return tagRows.error();
    while (tagRows->next())
        tags[tagRows->value(0).toString()] << tagRows->value(1).toString();
    tagRows->finish();

    auto rows = m_db.exec(
        QStringLiteral(
            "SELECT c.seq, c.uuid, c.op, t.id, t.number, t.subject, t.description, t.channel, "
            "t.direction, t.status, t.priority, cat.name, req.uuid, ag.uuid, tm.uuid, "
            "t.created_at, t.updated_at, t.first_response_at, t.solved_at, t.closed_at, "
            "t.first_response_due, t.resolution_due, t.sla_paused_since, t.external_ref, t.csat, "
            "mi.uuid, sf.uuid, fu.uuid, t.archived "
            "FROM changes c LEFT JOIN tickets t ON t.uuid = c.uuid "
            "LEFT JOIN categories cat ON cat.id = t.category_id "
            "LEFT JOIN customers req ON req.id = t.requester_id "
            "LEFT JOIN agents ag ON ag.id = t.assignee_id "
            "LEFT JOIN teams tm ON tm.id = t.team_id "
            "LEFT JOIN tickets mi ON mi.id = t.merged_into "
            "LEFT JOIN tickets sf ON sf.id = t.split_from "
            "LEFT JOIN tickets fu ON fu.id = t.follow_up_of "
            "WHERE c.seq > ? AND c.seq <= ? AND c.entity = 'ticket'"),
        {after, upTo});
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const qint64 seq = rows->value(0).toLongLong();
        const QString uuid = rows->value(1).toString();
        QJsonObject e = entry(seq, QStringLiteral("ticket"), uuid, rows->value(2).toString());
        if (rows->value(3).isNull()) {
            markDeleted(e);
            out.insert(seq, e);
            continue;
        }
        const QVariant csat = rows->value(24);
        e.insert(QStringLiteral("row"),
                 QJsonObject{
                     {QStringLiteral("uuid"), uuid},
                     {QStringLiteral("number"), rows->value(4).toLongLong()},
                     {QStringLiteral("subject"), rows->value(5).toString()},
                     {QStringLiteral("description"), rows->value(6).toString()},
                     {QStringLiteral("channel"), rows->value(7).toString()},
                     {QStringLiteral("direction"), rows->value(8).toString()},
                     {QStringLiteral("status"), rows->value(9).toString()},
                     {QStringLiteral("priority"), wireName(Priority(rows->value(10).toInt()))},
                     {QStringLiteral("category"), textOrNull(rows->value(11))},
                     {QStringLiteral("requester_uuid"), textOrNull(rows->value(12))},
                     {QStringLiteral("assignee_uuid"), textOrNull(rows->value(13))},
                     {QStringLiteral("team_uuid"), textOrNull(rows->value(14))},
                     {QStringLiteral("created_at"), timeOf(rows->value(15))},
                     {QStringLiteral("updated_at"), timeOf(rows->value(16))},
                     {QStringLiteral("first_response_at"), timeOf(rows->value(17))},
                     {QStringLiteral("solved_at"), timeOf(rows->value(18))},
                     {QStringLiteral("closed_at"), timeOf(rows->value(19))},
                     {QStringLiteral("first_response_due"), timeOf(rows->value(20))},
                     {QStringLiteral("resolution_due"), timeOf(rows->value(21))},
                     {QStringLiteral("sla_paused_since"), timeOf(rows->value(22))},
                     {QStringLiteral("external_ref"), textOrNull(rows->value(23))},
                     {QStringLiteral("csat"), csat.isNull() ? QJsonValue() : csat.toInt()},
                     {QStringLiteral("merged_into_uuid"), textOrNull(rows->value(25))},
                     {QStringLiteral("split_from_uuid"), textOrNull(rows->value(26))},
                     {QStringLiteral("follow_up_of_uuid"), textOrNull(rows->value(27))},
                     {QStringLiteral("archived"), rows->value(28).toInt() != 0},
                     {QStringLiteral("tags"), QJsonArray::fromStringList(tags.value(uuid))},
                 });
        out.insert(seq, e);
    }
    return {};
}

Result<void> SyncApi::addMessages(qint64 after, qint64 upTo, QMap<qint64, QJsonObject> &out)
{
    QHash<QString, QJsonArray> attachments; // by message uuid
    auto files
        = m_db.exec(QStringLiteral("SELECT m.uuid, ma.sha256, ma.file_name, a.media_type, a.size "
                                   "FROM changes c JOIN messages m ON m.uuid = c.uuid "
                                   "JOIN message_attachments ma ON ma.message_id = m.id "
                                   "JOIN attachments a ON a.sha256 = ma.sha256 "
                                   "WHERE c.seq > ? AND c.seq <= ? AND c.entity = 'message' "
                                   "ORDER BY ma.file_name, ma.sha256"),
                    {after, upTo});
    if (!files)
        return files.error();
    while (files->next())
        attachments[files->value(0).toString()].append(QJsonObject{
            {QStringLiteral("sha256"), files->value(1).toString()},
            {QStringLiteral("file_name"), files->value(2).toString()},
            {QStringLiteral("media_type"), files->value(3).toString()},
            {QStringLiteral("size"), files->value(4).toLongLong()},
        });
    files->finish();

    auto rows = m_db.exec(
        QStringLiteral("SELECT c.seq, c.uuid, c.op, m.id, t.uuid, m.author_kind, ag.uuid, "
                       "cu.uuid, m.visibility, m.body, m.body_html, m.created_at, mf.uuid "
                       "FROM changes c LEFT JOIN messages m ON m.uuid = c.uuid "
                       "LEFT JOIN tickets t ON t.id = m.ticket_id "
                       "LEFT JOIN agents ag ON ag.id = m.author_agent_id "
                       "LEFT JOIN customers cu ON cu.id = m.author_customer_id "
                       "LEFT JOIN tickets mf ON mf.id = m.moved_from "
                       "WHERE c.seq > ? AND c.seq <= ? AND c.entity = 'message'"),
        {after, upTo});
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const qint64 seq = rows->value(0).toLongLong();
        const QString uuid = rows->value(1).toString();
        QJsonObject e = entry(seq, QStringLiteral("message"), uuid, rows->value(2).toString());
        if (rows->value(3).isNull()) {
            markDeleted(e);
            out.insert(seq, e);
            continue;
        }
        e.insert(QStringLiteral("row"),
                 QJsonObject{
                     {QStringLiteral("uuid"), uuid},
                     {QStringLiteral("ticket_uuid"), rows->value(4).toString()},
                     {QStringLiteral("author_kind"), rows->value(5).toString()},
                     {QStringLiteral("author_agent_uuid"), textOrNull(rows->value(6))},
                     {QStringLiteral("author_customer_uuid"), textOrNull(rows->value(7))},
                     {QStringLiteral("visibility"), rows->value(8).toString()},
                     {QStringLiteral("body"), rows->value(9).toString()},
                     {QStringLiteral("body_html"), textOrNull(rows->value(10))},
                     {QStringLiteral("created_at"), timeOf(rows->value(11))},
                     {QStringLiteral("moved_from_uuid"), textOrNull(rows->value(12))},
                     {QStringLiteral("attachments"), attachments.value(uuid)},
                 });
        out.insert(seq, e);
    }
    return {};
}

} // namespace hd::server
