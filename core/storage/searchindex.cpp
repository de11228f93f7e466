// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/searchindex.h"

#include "core/storage/database.h"
#include "core/storage/searchtext.h"

#include <QCoreApplication>

namespace hd {

SearchIndex::SearchIndex(Database &db)
    : m_db(db)
{ }

SearchIndex::Doc SearchIndex::analyze(const QString &subject, const QStringList &publicBodies,
                                      const QStringList &internalBodies)
{
    Doc d;
    QStringList pub{searchTokens(subject)};
    for (const QString &b : publicBodies)
        pub << searchTokens(b);
    pub.removeAll(QString());
    d.pub = pub.join(QLatin1Char(' '));
    QStringList internal;
    for (const QString &b : internalBodies)
        internal << searchTokens(b);
    internal.removeAll(QString());
    d.internal = internal.join(QLatin1Char(' '));
    return d;
}

Result<SearchIndex::Doc> SearchIndex::documentFor(RowId ticketId)
{
    auto subject
        = m_db.scalar(QStringLiteral("SELECT subject FROM tickets WHERE id = ?"), {ticketId});
    if (!subject)
        return subject.error();
    auto q = m_db.exec(QStringLiteral("SELECT visibility, body FROM messages WHERE ticket_id = ? "
                                      "ORDER BY created_at, id"),
                       {ticketId});
    if (!q)
        return q.error();
    QStringList pub, internal;
    while (q->next())
        (q->value(0).toString() == QLatin1String("public") ? pub : internal)
            << q->value(1).toString();
    q->finish();
    return analyze(subject->toString(), pub, internal);
}

Result<void> SearchIndex::insertDoc(RowId ticketId, const Doc &doc)
{
    // PostgreSQL keeps the documents in a plain table with generated tsvectors
    // (core/storage/schemapg.cpp).
    auto q = m_db.exec(
        m_db.isPostgres() ? QStringLiteral("INSERT INTO ticket_search(rowid, pub, internal) VALUES "
                                           "(?,?,?) ON CONFLICT(rowid) DO UPDATE SET pub = "
                                           "excluded.pub, internal = excluded.internal")
                          : QStringLiteral("INSERT INTO ticket_search(rowid, pub, internal) "
                                           "VALUES (?,?,?)"),
        {ticketId, doc.pub, doc.internal});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<void> SearchIndex::deleteDoc(RowId ticketId, const Doc &doc)
{
    auto q = m_db.isPostgres()
        ? m_db.exec(QStringLiteral("DELETE FROM ticket_search WHERE rowid = ?"), {ticketId})
        : m_db.exec(QStringLiteral("INSERT INTO ticket_search(ticket_search, rowid, pub, "
                                   "internal) VALUES ('delete', ?, ?, ?)"),
                    {ticketId, doc.pub, doc.internal});
    return q ? Result<void>() : Result<void>(q.error());
}

Result<void> SearchIndex::insertTicket(RowId ticketId)
{
    auto doc = documentFor(ticketId);
    if (!doc)
        return doc.error();
    return insertDoc(ticketId, *doc);
}

Result<void> SearchIndex::reindexTicket(RowId ticketId,
                                        const std::function<Result<void>()> &mutation)
{
    if (m_db.isPostgres()) {
        // A plain table: the new document replaces the old one, which need not be known.
        return m_db.transaction([&]() -> Result<void> {
            if (auto r = mutation(); !r)
                return r;
            auto after = documentFor(ticketId);
            if (!after)
                return after.error();
            return insertDoc(ticketId, *after);
        });
    }
    return m_db.transaction([&]() -> Result<void> {
        auto before = documentFor(ticketId);
        if (!before)
            return before.error();
        if (auto r = mutation(); !r)
            return r;
        auto after = documentFor(ticketId);
        if (!after)
            return after.error();
        if (*after == *before)
            return {};
        if (auto r = deleteDoc(ticketId, *before); !r)
            return r;
        return insertDoc(ticketId, *after);
    });
}

Result<void> SearchIndex::rebuildAll(const std::function<bool(qint64, qint64)> &progress)
{
    return m_db.transaction([&]() -> Result<void> {
        if (auto q = m_db.exec(m_db.isPostgres()
                                   ? QStringLiteral("DELETE FROM ticket_search")
                                   : QStringLiteral("INSERT INTO ticket_search(ticket_search) "
                                                    "VALUES ('delete-all')"));
            !q)
            return q.error();
        auto total = m_db.scalar(QStringLiteral("SELECT count(*) FROM tickets"));
        if (!total)
            return total.error();
        // Walk tickets in id order, a page at a time, so no read cursor stays open.
        RowId last = 0;
        qint64 done = 0;
        for (;;) {
            auto ids = m_db.exec(
                QStringLiteral("SELECT id FROM tickets WHERE id > ? ORDER BY id LIMIT 500"),
                {last});
            if (!ids)
                return ids.error();
            QList<RowId> page;
            while (ids->next())
                page << ids->value(0).toLongLong();
            ids->finish();
            if (page.isEmpty())
                break;
            for (RowId id : page)
                if (auto r = insertTicket(id); !r)
                    return r;
            last = page.last();
            done += page.size();
            if (progress && !progress(done, total->toLongLong()))
                return Error{ErrorCode::Conflict,
                             QCoreApplication::translate(
                                 "hd::SearchIndex", "Rebuilding the search index was cancelled.")};
        }
        return {};
    });
}

} // namespace hd
