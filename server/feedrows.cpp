// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/feedrows.h"

#include "core/domain/json.h"
#include "core/domain/ticket.h"
#include "core/storage/database.h"

#include <QJsonArray>

namespace hd::server::feedrows {

namespace {

QJsonValue textOrNull(const QVariant &v)
{
    return v.isNull() ? QJsonValue() : QJsonValue(v.toString());
}

QJsonValue timeOf(const QVariant &v)
{
    return json::time(Database::fromDb(v));
}

/// Which entries: a seq range, or the ones a condition on the entry's uuid picks.
struct Where
{
    QString clause; ///< on the alias c (changes)
    QVariantList args;
    bool byRange = false; ///< a seq range (else a condition on uuid)
};

/// Extra data of a page's rows (tags by ticket uuid, attachments by message uuid).
using Extras = QHash<QString, QJsonArray>;

struct Spec
{
    QString entity;
    /// SELECT c.seq, c.uuid, c.op, <present>, ... FROM changes c LEFT JOIN <table> ...; the WHERE
    /// clause is appended.
    QString select;
    std::function<QJsonObject(const Rows &, const Extras &)> row;
    /// SELECT <entry uuid>, <json-able value> ... for Extras, or empty.
    QString extras;
    QString extrasOrder; ///< ORDER BY of extras
    std::function<QJsonValue(const Rows &)> extra;
};

const QList<Spec> &specs()
{
    static const QList<Spec> all = {
        {QStringLiteral("team"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, x.id, x.name FROM changes c "
                        "LEFT JOIN teams x ON x.uuid = c.uuid "),
         [](const Rows &r, const Extras &) {
             return QJsonObject{{QStringLiteral("uuid"), r.value(1).toString()},
                                {QStringLiteral("name"), r.value(4).toString()}};
         },
         {},
         {},
         {}},
        {QStringLiteral("category"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, x.id, p.name FROM changes c "
                        "LEFT JOIN categories x ON x.name = c.uuid "
                        "LEFT JOIN categories p ON p.id = x.parent_id "),
         [](const Rows &r, const Extras &) {
             return QJsonObject{{QStringLiteral("name"), r.value(1).toString()},
                                {QStringLiteral("parent"), textOrNull(r.value(4))}};
         },
         {},
         {},
         {}},
        {QStringLiteral("agent"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, x.id, x.name, x.email, x.role, x.skills, "
                        "x.languages, x.capacity, tm.uuid, x.active FROM changes c "
                        "LEFT JOIN agents x ON x.uuid = c.uuid "
                        "LEFT JOIN teams tm ON tm.id = x.team_id "),
         [](const Rows &r, const Extras &) {
             return QJsonObject{{QStringLiteral("uuid"), r.value(1).toString()},
                                {QStringLiteral("name"), r.value(4).toString()},
                                {QStringLiteral("email"), textOrNull(r.value(5))},
                                {QStringLiteral("role"), r.value(6).toString()},
                                {QStringLiteral("skills"), r.value(7).toString()},
                                {QStringLiteral("languages"), r.value(8).toString()},
                                {QStringLiteral("capacity"), r.value(9).toInt()},
                                {QStringLiteral("team_uuid"), textOrNull(r.value(10))},
                                {QStringLiteral("active"), r.value(11).toInt() != 0}};
         },
         {},
         {},
         {}},
        {QStringLiteral("customer"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, x.id, x.name, x.email, x.phone, x.language, "
                        "x.created_at FROM changes c LEFT JOIN customers x ON x.uuid = c.uuid "),
         [](const Rows &r, const Extras &) {
             return QJsonObject{{QStringLiteral("uuid"), r.value(1).toString()},
                                {QStringLiteral("name"), r.value(4).toString()},
                                {QStringLiteral("email"), textOrNull(r.value(5))},
                                {QStringLiteral("phone"), textOrNull(r.value(6))},
                                {QStringLiteral("language"), textOrNull(r.value(7))},
                                {QStringLiteral("created_at"), timeOf(r.value(8))}};
         },
         {},
         {},
         {}},
        {QStringLiteral("ticket"),
         QStringLiteral(
             "SELECT c.seq, c.uuid, c.op, t.id, t.number, t.subject, t.description, t.channel, "
             "t.direction, t.status, t.priority, cat.name, req.uuid, ag.uuid, tm.uuid, "
             "t.created_at, t.updated_at, t.first_response_at, t.solved_at, t.closed_at, "
             "t.first_response_due, t.resolution_due, t.sla_paused_since, t.external_ref, "
             "t.csat, mi.uuid, sf.uuid, fu.uuid, t.archived "
             "FROM changes c LEFT JOIN tickets t ON t.uuid = c.uuid "
             "LEFT JOIN categories cat ON cat.id = t.category_id "
             "LEFT JOIN customers req ON req.id = t.requester_id "
             "LEFT JOIN agents ag ON ag.id = t.assignee_id "
             "LEFT JOIN teams tm ON tm.id = t.team_id "
             "LEFT JOIN tickets mi ON mi.id = t.merged_into "
             "LEFT JOIN tickets sf ON sf.id = t.split_from "
             "LEFT JOIN tickets fu ON fu.id = t.follow_up_of "),
         [](const Rows &r, const Extras &tags) {
             const QString uuid = r.value(1).toString();
             const QVariant csat = r.value(24);
             return QJsonObject{
                 {QStringLiteral("uuid"), uuid},
                 {QStringLiteral("number"), r.value(4).toLongLong()},
                 {QStringLiteral("subject"), r.value(5).toString()},
                 {QStringLiteral("description"), r.value(6).toString()},
                 {QStringLiteral("channel"), r.value(7).toString()},
                 {QStringLiteral("direction"), r.value(8).toString()},
                 {QStringLiteral("status"), r.value(9).toString()},
                 {QStringLiteral("priority"), wireName(Priority(r.value(10).toInt()))},
                 {QStringLiteral("category"), textOrNull(r.value(11))},
                 {QStringLiteral("requester_uuid"), textOrNull(r.value(12))},
                 {QStringLiteral("assignee_uuid"), textOrNull(r.value(13))},
                 {QStringLiteral("team_uuid"), textOrNull(r.value(14))},
                 {QStringLiteral("created_at"), timeOf(r.value(15))},
                 {QStringLiteral("updated_at"), timeOf(r.value(16))},
                 {QStringLiteral("first_response_at"), timeOf(r.value(17))},
                 {QStringLiteral("solved_at"), timeOf(r.value(18))},
                 {QStringLiteral("closed_at"), timeOf(r.value(19))},
                 {QStringLiteral("first_response_due"), timeOf(r.value(20))},
                 {QStringLiteral("resolution_due"), timeOf(r.value(21))},
                 {QStringLiteral("sla_paused_since"), timeOf(r.value(22))},
                 {QStringLiteral("external_ref"), textOrNull(r.value(23))},
                 {QStringLiteral("csat"), csat.isNull() ? QJsonValue() : csat.toInt()},
                 {QStringLiteral("merged_into_uuid"), textOrNull(r.value(25))},
                 {QStringLiteral("split_from_uuid"), textOrNull(r.value(26))},
                 {QStringLiteral("follow_up_of_uuid"), textOrNull(r.value(27))},
                 {QStringLiteral("archived"), r.value(28).toInt() != 0},
                 {QStringLiteral("tags"), tags.value(uuid)},
             };
         },
         QStringLiteral("SELECT t.uuid, tt.tag FROM changes c JOIN tickets t ON t.uuid = c.uuid "
                        "JOIN ticket_tags tt ON tt.ticket_id = t.id "),
         QStringLiteral("tt.tag"),
         [](const Rows &r) {
             return QJsonValue(r.value(1).toString());
         }},
        {QStringLiteral("message"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, m.id, t.uuid, m.author_kind, ag.uuid, "
                        "cu.uuid, m.visibility, m.body, m.body_html, m.created_at, mf.uuid "
                        "FROM changes c LEFT JOIN messages m ON m.uuid = c.uuid "
                        "LEFT JOIN tickets t ON t.id = m.ticket_id "
                        "LEFT JOIN agents ag ON ag.id = m.author_agent_id "
                        "LEFT JOIN customers cu ON cu.id = m.author_customer_id "
                        "LEFT JOIN tickets mf ON mf.id = m.moved_from "),
         [](const Rows &r, const Extras &files) {
             const QString uuid = r.value(1).toString();
             return QJsonObject{
                 {QStringLiteral("uuid"), uuid},
                 {QStringLiteral("ticket_uuid"), r.value(4).toString()},
                 {QStringLiteral("author_kind"), r.value(5).toString()},
                 {QStringLiteral("author_agent_uuid"), textOrNull(r.value(6))},
                 {QStringLiteral("author_customer_uuid"), textOrNull(r.value(7))},
                 {QStringLiteral("visibility"), r.value(8).toString()},
                 {QStringLiteral("body"), r.value(9).toString()},
                 {QStringLiteral("body_html"), textOrNull(r.value(10))},
                 {QStringLiteral("created_at"), timeOf(r.value(11))},
                 {QStringLiteral("moved_from_uuid"), textOrNull(r.value(12))},
                 {QStringLiteral("attachments"), files.value(uuid)},
             };
         },
         QStringLiteral("SELECT m.uuid, ma.sha256, ma.file_name, a.media_type, a.size "
                        "FROM changes c JOIN messages m ON m.uuid = c.uuid "
                        "JOIN message_attachments ma ON ma.message_id = m.id "
                        "JOIN attachments a ON a.sha256 = ma.sha256 "),
         QStringLiteral("ma.file_name, ma.sha256"),
         [](const Rows &r) {
             return QJsonValue(QJsonObject{{QStringLiteral("sha256"), r.value(1).toString()},
                                           {QStringLiteral("file_name"), r.value(2).toString()},
                                           {QStringLiteral("media_type"), r.value(3).toString()},
                                           {QStringLiteral("size"), r.value(4).toLongLong()}});
         }},
    };
    return all;
}

const Spec *specOf(const QString &entity)
{
    for (const Spec &s : specs())
        if (s.entity == entity)
            return &s;
    return nullptr;
}

Result<void> add(Database &db, const Spec &spec, const Where &where, QMap<qint64, QJsonObject> &out)
{
    // A seq range is read through the primary key: the unary + keeps SQLite (without ANALYZE
    // statistics) from walking the (entity, uuid) index over every entry of the entity.
    const QString cond
        = QStringLiteral("WHERE %1c.entity = '%2' AND (%3)")
              .arg(where.byRange ? QStringLiteral("+") : QString(), spec.entity, where.clause);
    Extras extras;
    if (!spec.extras.isEmpty()) {
        auto rows = db.exec(spec.extras + cond + QStringLiteral(" ORDER BY ") + spec.extrasOrder,
                            where.args);
        if (!rows)
            return rows.error();
        while (rows->next())
            extras[rows->value(0).toString()].append(spec.extra(*rows));
        rows->finish();
    }
    auto rows = db.exec(spec.select + cond, where.args);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const qint64 seq = rows->value(0).toLongLong();
        QJsonObject e{{QStringLiteral("seq"), seq},
                      {QStringLiteral("entity"), spec.entity},
                      {QStringLiteral("uuid"), rows->value(1).toString()},
                      {QStringLiteral("op"), rows->value(2).toString()}};
        // A row is gone, whatever op recorded: the client deletes it.
        if (rows->value(3).isNull())
            e.insert(QStringLiteral("deleted"), true);
        else
            e.insert(QStringLiteral("row"), spec.row(*rows, extras));
        out.insert(seq, e);
    }
    return {};
}

} // namespace

const QStringList &entities()
{
    static const QStringList all = [] {
        QStringList out;
        for (const Spec &s : specs())
            out << s.entity;
        return out;
    }();
    return all;
}

Result<void> addEntries(Database &db, const QString &entity, qint64 after, qint64 upTo,
                        QMap<qint64, QJsonObject> &out)
{
    const Spec *spec = specOf(entity);
    Q_ASSERT(spec);
    return add(db, *spec, {QStringLiteral("c.seq > ? AND c.seq <= ?"), {after, upTo}, true}, out);
}

Result<QList<QJsonObject>> ticketEntries(Database &db, const QString &ticketUuid)
{
    QMap<qint64, QJsonObject> found;
    if (auto r = add(db, *specOf(QStringLiteral("ticket")),
                     {QStringLiteral("c.uuid = ?"), {ticketUuid}}, found);
        !r)
        return r.error();
    if (found.isEmpty() || found.first().contains(QStringLiteral("deleted")))
        return QList<QJsonObject>{};
    if (auto r = add(db, *specOf(QStringLiteral("message")),
                     {QStringLiteral("c.uuid IN (SELECT m.uuid FROM messages m JOIN tickets t "
                                     "ON t.id = m.ticket_id WHERE t.uuid = ?)"),
                      {ticketUuid}},
                     found);
        !r)
        return r.error();
    return found.values();
}

} // namespace hd::server::feedrows
