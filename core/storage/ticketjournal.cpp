// SPDX-License-Identifier: GPL-3.0-or-later
// TicketStore: the operations a syncing replica records with each change (docs/sync.md).
#include "core/storage/database.h"
#include "core/storage/opjournal.h"
#include "core/storage/ticketstore.h"

#include <QJsonArray>

namespace hd {

Result<void> TicketStore::record(const JournalOp &op)
{
    if (!m_journal || m_journalMuted > 0)
        return {};
    return m_journal->record(op);
}

Result<QJsonValue> TicketStore::uuidOf(Database &db, const char *table, RowId id)
{
    if (!id)
        return QJsonValue();
    auto v = db.scalar(QStringLiteral("SELECT uuid FROM %1 WHERE id = ?").arg(QLatin1String(table)),
                       {id});
    if (!v)
        return v.error();
    return v->isNull() ? QJsonValue() : QJsonValue(v->toString());
}

Result<QJsonValue> TicketStore::categoryName(RowId id)
{
    if (!id)
        return QJsonValue();
    auto v = m_db.scalar(QStringLiteral("SELECT name FROM categories WHERE id = ?"), {id});
    if (!v)
        return v.error();
    return v->isNull() ? QJsonValue() : QJsonValue(v->toString());
}

Result<void> TicketStore::recordCreate(const QString &uuid, const QString &subject,
                                       const QString &messageUuid, const NewTicket &in)
{
    if (!m_journal || m_journalMuted > 0)
        return {};
    QJsonObject p{{QStringLiteral("subject"), subject},
                  {QStringLiteral("channel"), wireName(in.channel)},
                  {QStringLiteral("direction"), wireName(in.direction)},
                  {QStringLiteral("priority"), wireName(in.priority)}};
    if (!messageUuid.isEmpty()) {
        p.insert(QStringLiteral("body"), in.body);
        p.insert(QStringLiteral("message_uuid"), messageUuid);
    }
    if (!in.externalRef.isEmpty())
        p.insert(QStringLiteral("external_ref"), in.externalRef);
    if (in.requesterId) {
        auto c = m_db.exec(QStringLiteral("SELECT uuid, coalesce(email, ''), name, "
                                          "coalesce(phone, '') FROM customers WHERE id = ?"),
                           {in.requesterId});
        if (!c)
            return c.error();
        if (c->next())
            p.insert(QStringLiteral("requester"),
                     QJsonObject{{QStringLiteral("uuid"), c->value(0).toString()},
                                 {QStringLiteral("email"), c->value(1).toString()},
                                 {QStringLiteral("name"), c->value(2).toString()},
                                 {QStringLiteral("phone"), c->value(3).toString()}});
        c->finish();
    }
    if (in.followUpOf) {
        auto f = uuidOf("tickets", in.followUpOf);
        if (!f)
            return f.error();
        p.insert(QStringLiteral("follow_up_of_uuid"), *f);
    }
    if (auto j = record({QStringLiteral("create_ticket"), uuid, p, {}}); !j)
        return j;
    // What create() set besides: the same operations an agent would make afterwards.
    if (in.assigneeId) {
        auto a = uuidOf("agents", in.assigneeId);
        if (!a)
            return a.error();
        if (auto j = record({QStringLiteral("assign"),
                             uuid,
                             QJsonObject{{QStringLiteral("assignee_uuid"), *a}},
                             {}});
            !j)
            return j;
    }
    if (in.categoryId) {
        auto c = categoryName(in.categoryId);
        if (!c)
            return c.error();
        if (auto j = record({QStringLiteral("set_category"),
                             uuid,
                             QJsonObject{{QStringLiteral("category"), *c}},
                             {}});
            !j)
            return j;
    }
    if (in.teamId) {
        auto t = uuidOf("teams", in.teamId);
        if (!t)
            return t.error();
        if (auto j = record({QStringLiteral("set_team"),
                             uuid,
                             QJsonObject{{QStringLiteral("team_uuid"), *t}},
                             {}});
            !j)
            return j;
    }
    return recordTags(uuid, {}, in.tags);
}

Result<void> TicketStore::recordMessage(const QString &ticketUuid, const Message &m)
{
    if (!m_journal || m_journalMuted > 0)
        return {};
    QJsonArray files;
    for (const AttachmentRef &a : m.attachments)
        files.append(QJsonObject{{QStringLiteral("sha256"), a.sha256},
                                 {QStringLiteral("file_name"), a.fileName},
                                 {QStringLiteral("media_type"), a.mediaType},
                                 {QStringLiteral("size"), a.size}});
    QJsonObject p{{QStringLiteral("uuid"), m.uuid},
                  {QStringLiteral("body"), m.body},
                  {QStringLiteral("visibility"), wireName(m.visibility)}};
    if (!m.bodyHtml.isEmpty())
        p.insert(QStringLiteral("body_html"), m.bodyHtml);
    if (!files.isEmpty())
        p.insert(QStringLiteral("attachments"), files);
    if (m.authorKind == AuthorKind::Customer) {
        auto c = uuidOf("customers", m.authorCustomerId);
        if (!c)
            return c.error();
        p.insert(QStringLiteral("author_customer_uuid"), *c);
    }
    return record({QStringLiteral("add_message"), ticketUuid, p, {}});
}

Result<void> TicketStore::recordTags(const QString &ticketUuid, const QStringList &before,
                                     const QStringList &after)
{
    QStringList added, removed;
    for (const QString &t : after)
        if (!before.contains(t))
            added << t;
    for (const QString &t : before)
        if (!after.contains(t))
            removed << t;
    if (!added.isEmpty())
        if (auto j
            = record({QStringLiteral("add_tags"),
                      ticketUuid,
                      QJsonObject{{QStringLiteral("tags"), QJsonArray::fromStringList(added)}},
                      {}});
            !j)
            return j;
    if (!removed.isEmpty())
        return record({QStringLiteral("remove_tags"),
                       ticketUuid,
                       QJsonObject{{QStringLiteral("tags"), QJsonArray::fromStringList(removed)}},
                       {}});
    return {};
}

} // namespace hd
