// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/feedrows.h"

#include "core/domain/ticket.h"
#include "core/storage/database.h"
#include "server/jsonwriter.h"

namespace hd::server::feedrows {

namespace {

void textOrNull(JsonWriter &w, const char *name, const QVariant &v)
{
    w.key(QLatin1StringView(name));
    v.isNull() ? w.null() : w.string(v.toString());
}

void text(JsonWriter &w, const char *name, const QVariant &v)
{
    w.key(QLatin1StringView(name));
    w.string(v.toString());
}

void timeOf(JsonWriter &w, const char *name, const QVariant &v)
{
    w.key(QLatin1StringView(name));
    v.isNull() ? w.null() : w.time(v.toLongLong());
}

void integer(JsonWriter &w, const char *name, qint64 v)
{
    w.key(QLatin1StringView(name));
    w.number(v);
}

/// Which entries: a seq range, or the ones a condition on the entry's uuid picks.
struct Where
{
    QString clause; ///< on the alias c (changes)
    QVariantList args;
    bool byRange = false; ///< a seq range (else a condition on uuid)
};

/// Extra data of a page's rows (tags by ticket uuid, attachments by message uuid), as the
/// comma-separated JSON elements of an array.
using Extras = QHash<QString, QByteArray>;

/// The extras of uuid as a JSON array.
void list(JsonWriter &w, const char *name, const Extras &extras, const QString &uuid)
{
    w.key(QLatin1StringView(name));
    w.raw('[' + extras.value(uuid) + ']');
}

/// One list of a row: SELECT <entry uuid>, ... (the WHERE clause is appended), its order, the
/// prefix of its key in Extras, and the writer of one element.
struct ExtraSpec
{
    QString select;
    QString order;
    QString prefix;
    std::function<void(const Rows &, JsonWriter &, const struct Names &)> write;
};

/// Small tables by id, for events whose values are ids (agents, teams, categories).
struct Names
{
    QHash<qint64, QString> agents; ///< id -> uuid
    QHash<qint64, QString> teams; ///< id -> uuid
    QHash<qint64, QString> categories; ///< id -> name
    static Result<Names> load(Database &db);
};

Result<Names> Names::load(Database &db)
{
    Names n;
    for (auto [sql, into] : {std::pair{"SELECT id, uuid FROM agents", &n.agents},
                             std::pair{"SELECT id, uuid FROM teams", &n.teams},
                             std::pair{"SELECT id, name FROM categories", &n.categories}}) {
        auto q = db.exec(QLatin1String(sql));
        if (!q)
            return q.error();
        while (q->next())
            into->insert(q->value(0).toLongLong(), q->value(1).toString());
        q->finish();
    }
    return n;
}

/// An event's old or new value as the feed sends it: ids of agents and teams as uuids, of
/// categories as names (ids differ between databases); other kinds as stored.
void eventValue(JsonWriter &w, const char *name, const QString &kind, const QVariant &v,
                const Names &names)
{
    w.key(QLatin1StringView(name));
    if (v.isNull() || kind == QLatin1String("first_response")) {
        w.null();
        return;
    }
    const QHash<qint64, QString> *map = kind == QLatin1String("assignee") ? &names.agents
        : kind == QLatin1String("team")                                   ? &names.teams
        : kind == QLatin1String("category")                               ? &names.categories
                                                                          : nullptr;
    if (!map) {
        w.string(v.toString());
        return;
    }
    const auto it = map->constFind(v.toLongLong());
    it == map->cend() ? w.null() : w.string(*it);
}

struct Spec
{
    QString entity;
    /// SELECT c.seq, c.uuid, c.op, <present>, ... FROM changes c LEFT JOIN <table> ...; the WHERE
    /// clause is appended.
    QString select;
    /// Writes the row object's fields (column 1 is the entry's uuid, 4.. the row's).
    std::function<void(const Rows &, const Extras &, JsonWriter &)> row;
    /// Lists that go with each row (tags, events, attachments), read for a whole page at once.
    QList<ExtraSpec> extras;
};

const QList<Spec> &specs()
{
    static const QList<Spec> all = {
        {QStringLiteral("team"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, x.id, x.name FROM changes c "
                        "LEFT JOIN teams x ON x.uuid = c.uuid "),
         [](const Rows &r, const Extras &, JsonWriter &w) {
             text(w, "uuid", r.value(1));
             text(w, "name", r.value(4));
         },
         {}},
        {QStringLiteral("category"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, x.id, p.name FROM changes c "
                        "LEFT JOIN categories x ON x.name = c.uuid "
                        "LEFT JOIN categories p ON p.id = x.parent_id "),
         [](const Rows &r, const Extras &, JsonWriter &w) {
             text(w, "name", r.value(1));
             textOrNull(w, "parent", r.value(4));
         },
         {}},
        {QStringLiteral("agent"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, x.id, x.name, x.email, x.role, x.skills, "
                        "x.languages, x.capacity, tm.uuid, x.active FROM changes c "
                        "LEFT JOIN agents x ON x.uuid = c.uuid "
                        "LEFT JOIN teams tm ON tm.id = x.team_id "),
         [](const Rows &r, const Extras &, JsonWriter &w) {
             text(w, "uuid", r.value(1));
             text(w, "name", r.value(4));
             textOrNull(w, "email", r.value(5));
             text(w, "role", r.value(6));
             text(w, "skills", r.value(7));
             text(w, "languages", r.value(8));
             integer(w, "capacity", r.value(9).toInt());
             textOrNull(w, "team_uuid", r.value(10));
             w.key(QLatin1StringView("active"));
             w.boolean(r.value(11).toInt() != 0);
         },
         {}},
        {QStringLiteral("customer"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, x.id, x.name, x.email, x.phone, x.language, "
                        "x.created_at FROM changes c LEFT JOIN customers x ON x.uuid = c.uuid "),
         [](const Rows &r, const Extras &, JsonWriter &w) {
             text(w, "uuid", r.value(1));
             text(w, "name", r.value(4));
             textOrNull(w, "email", r.value(5));
             textOrNull(w, "phone", r.value(6));
             textOrNull(w, "language", r.value(7));
             timeOf(w, "created_at", r.value(8));
         },
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
         [](const Rows &r, const Extras &lists, JsonWriter &w) {
             const QString uuid = r.value(1).toString();
             text(w, "uuid", uuid);
             integer(w, "number", r.value(4).toLongLong());
             text(w, "subject", r.value(5));
             text(w, "description", r.value(6));
             text(w, "channel", r.value(7));
             text(w, "direction", r.value(8));
             text(w, "status", r.value(9));
             w.key(QLatin1StringView("priority"));
             w.string(wireName(Priority(r.value(10).toInt())));
             textOrNull(w, "category", r.value(11));
             textOrNull(w, "requester_uuid", r.value(12));
             textOrNull(w, "assignee_uuid", r.value(13));
             textOrNull(w, "team_uuid", r.value(14));
             timeOf(w, "created_at", r.value(15));
             timeOf(w, "updated_at", r.value(16));
             timeOf(w, "first_response_at", r.value(17));
             timeOf(w, "solved_at", r.value(18));
             timeOf(w, "closed_at", r.value(19));
             timeOf(w, "first_response_due", r.value(20));
             timeOf(w, "resolution_due", r.value(21));
             timeOf(w, "sla_paused_since", r.value(22));
             textOrNull(w, "external_ref", r.value(23));
             w.key(QLatin1StringView("csat"));
             r.value(24).isNull() ? w.null() : w.number(r.value(24).toInt());
             textOrNull(w, "merged_into_uuid", r.value(25));
             textOrNull(w, "split_from_uuid", r.value(26));
             textOrNull(w, "follow_up_of_uuid", r.value(27));
             w.key(QLatin1StringView("archived"));
             w.boolean(r.value(28).toInt() != 0);
             list(w, "tags", lists, uuid);
             list(w, "events", lists, QStringLiteral("e:") + uuid);
         },
         {{QStringLiteral("SELECT t.uuid, tt.tag FROM changes c JOIN tickets t ON t.uuid = c.uuid "
                          "JOIN ticket_tags tt ON tt.ticket_id = t.id "),
           QStringLiteral("tt.tag"),
           {},
           [](const Rows &r, JsonWriter &w, const Names &) {
               w.string(r.value(1).toString());
           }},
          // The ticket's history: its events come with its row whenever it changes.
          {QStringLiteral("SELECT t.uuid, e.kind, e.actor_kind, e.actor_id, cu.uuid, e.at, "
                          "e.old_value, e.new_value FROM changes c JOIN tickets t ON t.uuid = "
                          "c.uuid JOIN events e ON e.ticket_id = t.id LEFT JOIN customers cu ON "
                          "e.actor_kind = 'customer' AND cu.id = e.actor_id "),
           QStringLiteral("e.at, e.id"), QStringLiteral("e:"),
           [](const Rows &r, JsonWriter &w, const Names &names) {
               const QString kind = r.value(1).toString();
               const QString actorKind = r.value(2).toString();
               w.beginObject();
               text(w, "kind", kind);
               text(w, "actor_kind", actorKind);
               w.key(QLatin1StringView("actor_uuid"));
               if (actorKind == QLatin1String("agent") && !r.value(3).isNull())
                   w.string(names.agents.value(r.value(3).toLongLong()));
               else if (actorKind == QLatin1String("customer") && !r.value(4).isNull())
                   w.string(r.value(4).toString());
               else
                   w.null();
               timeOf(w, "at", r.value(5));
               eventValue(w, "old", kind, r.value(6), names);
               eventValue(w, "new", kind, r.value(7), names);
               w.endObject();
           }}}},
        {QStringLiteral("message"),
         QStringLiteral("SELECT c.seq, c.uuid, c.op, m.id, t.uuid, m.author_kind, ag.uuid, "
                        "cu.uuid, m.visibility, m.body, m.body_html, m.created_at, mf.uuid "
                        "FROM changes c LEFT JOIN messages m ON m.uuid = c.uuid "
                        "LEFT JOIN tickets t ON t.id = m.ticket_id "
                        "LEFT JOIN agents ag ON ag.id = m.author_agent_id "
                        "LEFT JOIN customers cu ON cu.id = m.author_customer_id "
                        "LEFT JOIN tickets mf ON mf.id = m.moved_from "),
         [](const Rows &r, const Extras &files, JsonWriter &w) {
             const QString uuid = r.value(1).toString();
             text(w, "uuid", uuid);
             text(w, "ticket_uuid", r.value(4));
             text(w, "author_kind", r.value(5));
             textOrNull(w, "author_agent_uuid", r.value(6));
             textOrNull(w, "author_customer_uuid", r.value(7));
             text(w, "visibility", r.value(8));
             text(w, "body", r.value(9));
             textOrNull(w, "body_html", r.value(10));
             timeOf(w, "created_at", r.value(11));
             textOrNull(w, "moved_from_uuid", r.value(12));
             list(w, "attachments", files, uuid);
         },
         {{QStringLiteral("SELECT m.uuid, ma.sha256, ma.file_name, a.media_type, a.size "
                          "FROM changes c JOIN messages m ON m.uuid = c.uuid "
                          "JOIN message_attachments ma ON ma.message_id = m.id "
                          "JOIN attachments a ON a.sha256 = ma.sha256 "),
           QStringLiteral("ma.file_name, ma.sha256"),
           {},
           [](const Rows &r, JsonWriter &w, const Names &) {
               w.beginObject();
               text(w, "sha256", r.value(1));
               text(w, "file_name", r.value(2));
               text(w, "media_type", r.value(3));
               integer(w, "size", r.value(4).toLongLong());
               w.endObject();
           }}}},
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

Result<void> add(Database &db, const Spec &spec, const Where &where, QMap<qint64, QByteArray> &out)
{
    // A seq range is read through the primary key: the unary + keeps SQLite (without ANALYZE
    // statistics) from walking the (entity, uuid) index over every entry of the entity.
    const QString cond
        = QStringLiteral("WHERE %1c.entity = '%2' AND (%3)")
              .arg(where.byRange ? QStringLiteral("+") : QString(), spec.entity, where.clause);
    Extras extras;
    std::optional<Names> names;
    for (const ExtraSpec &x : spec.extras) {
        if (!names) {
            auto loaded = Names::load(db);
            if (!loaded)
                return loaded.error();
            names = std::move(loaded).value();
        }
        auto rows = db.exec(x.select + cond + QStringLiteral(" ORDER BY ") + x.order, where.args);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            JsonWriter element;
            x.write(*rows, element, *names);
            QByteArray &into = extras[x.prefix + rows->value(0).toString()];
            if (!into.isEmpty())
                into += ',';
            into += element.data();
        }
        rows->finish();
    }
    auto rows = db.exec(spec.select + cond, where.args);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const qint64 seq = rows->value(0).toLongLong();
        JsonWriter w;
        w.beginObject();
        integer(w, "seq", seq);
        w.key(QLatin1StringView("entity"));
        w.string(spec.entity);
        text(w, "uuid", rows->value(1));
        text(w, "op", rows->value(2));
        // A row is gone, whatever op recorded: the client deletes it.
        if (rows->value(3).isNull()) {
            w.key(QLatin1StringView("deleted"));
            w.boolean(true);
        } else {
            w.key(QLatin1StringView("row"));
            w.beginObject();
            spec.row(*rows, extras, w);
            w.endObject();
        }
        w.endObject();
        out.insert(seq, w.take());
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
                        QMap<qint64, QByteArray> &out)
{
    const Spec *spec = specOf(entity);
    Q_ASSERT(spec);
    return add(db, *spec, {QStringLiteral("c.seq > ? AND c.seq <= ?"), {after, upTo}, true}, out);
}

Result<QList<QByteArray>> ticketEntries(Database &db, const QString &ticketUuid)
{
    QMap<qint64, QByteArray> found;
    if (auto r = add(db, *specOf(QStringLiteral("ticket")),
                     {QStringLiteral("c.uuid = ?"), {ticketUuid}}, found);
        !r)
        return r.error();
    if (found.isEmpty() || found.first().contains("\"deleted\":true"))
        return QList<QByteArray>{};
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
