// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/ticketsearch.h"

#include "core/storage/database.h"
#include "core/storage/searchtext.h"

namespace hd {

TicketSearch::TicketSearch(Database &db)
    : m_db(db)
{ }

Result<QString> TicketSearch::matchExpression(const QString &text, const SearchOptions &options,
                                              QStringList *terms)
{
    const SearchQuery q = buildSearchQuery(text);
    if (q.empty)
        return Error{ErrorCode::InvalidArgument,
                     tr("The search '%1' has no searchable words.").arg(text)};
    if (terms)
        *terms = q.highlightTerms;
    // Customer-facing searches see the public column only: internal notes never match.
    return options.includeInternal ? q.fts : QStringLiteral("{pub} : (") + q.fts + QLatin1Char(')');
}

Result<qint64> TicketSearch::count(const QString &text, const SearchOptions &options)
{
    auto expr = matchExpression(text, options, nullptr);
    if (!expr)
        return expr.error();
    auto n = options.requesterId
        ? m_db.scalar(QStringLiteral("SELECT count(*) FROM ticket_search s JOIN tickets t ON "
                                     "t.id = s.rowid WHERE ticket_search MATCH ? AND "
                                     "t.requester_id = ?"),
                      {*expr, options.requesterId})
        : m_db.scalar(
            QStringLiteral("SELECT count(*) FROM ticket_search WHERE ticket_search MATCH ?"),
            {*expr});
    if (!n)
        return n.error();
    return n->toLongLong();
}

Result<QList<SearchHit>> TicketSearch::search(const QString &text, const SearchOptions &options)
{
    QStringList terms;
    auto expr = matchExpression(text, options, &terms);
    if (!expr)
        return expr.error();
    const int limit = qBound(1, options.limit, 500);
    // A query made only of single syllables (환, 결 제) matches by prefix over many index terms;
    // bm25 over such expansions is costly and says little, so those list newest first.
    const bool singleSyllables = std::all_of(terms.cbegin(), terms.cend(), [](const QString &t) {
        return t.size() == 1 && t.at(0).script() != QChar::Script_Latin && t.at(0).isLetter();
    });
    const bool relevance = options.order == SearchOptions::Order::Relevance && !singleSyllables;
    // Ranking every hit of a broad query (환 hits a third of all tickets) costs time proportional
    // to the hits, so relevance ranks the newest kRelevanceWindow hits, which is exact for every
    // query with fewer hits and "best among the recent" for the broad ones.
    QString sql = QStringLiteral("SELECT s.rowid, ")
        + (relevance ? QStringLiteral("bm25(ticket_search, 2.0, 0.5)") : QStringLiteral("0"))
        + QStringLiteral(" AS score FROM ticket_search s");
    QVariantList args{*expr};
    if (options.requesterId)
        sql += QStringLiteral(" JOIN tickets t ON t.id = s.rowid");
    sql += QStringLiteral(" WHERE ticket_search MATCH ?");
    if (options.requesterId) {
        sql += QStringLiteral(" AND t.requester_id = ?");
        args << options.requesterId;
    }
    sql += QStringLiteral(" ORDER BY s.rowid DESC LIMIT ")
        + QString::number(relevance ? kRelevanceWindow : limit);
    auto q = m_db.exec(sql, args);
    if (!q)
        return q.error();
    QList<SearchHit> hits;
    while (q->next()) {
        SearchHit h;
        h.ticketId = q->value(0).toLongLong();
        h.score = q->value(1).toDouble();
        hits << h;
    }
    q->finish();
    if (relevance) {
        std::stable_sort(hits.begin(), hits.end(),
                         [](const SearchHit &a, const SearchHit &b) { return a.score < b.score; });
        if (hits.size() > limit)
            hits.resize(limit);
    }

    for (SearchHit &h : hits) {
        auto t = m_db.exec(
            QStringLiteral("SELECT number, subject, status, updated_at FROM tickets WHERE id = ?"),
            {h.ticketId});
        if (!t)
            return t.error();
        if (t->next()) {
            h.number = t->value(0).toLongLong();
            h.subject = t->value(1).toString();
            h.status = parseStatus(t->value(2).toString()).value_or(TicketStatus::New);
            h.updatedAt = Database::fromDb(t->value(3));
        }
        t->finish();
        // The snippet comes from the first text that contains a match: subject, then messages
        // in order (public ones only for customer-facing searches).
        if (!findMatches(h.subject, terms).isEmpty()) {
            h.snippet = highlightSnippet(h.subject, terms, 160, options.highlightOpen,
                                         options.highlightClose);
        }
        auto m = m_db.exec(
            QStringLiteral(
                "SELECT body FROM messages WHERE ticket_id = ? AND (? <> 0 OR visibility "
                "= 'public') ORDER BY created_at, id"),
            {h.ticketId, options.includeInternal});
        if (!m)
            return m.error();
        QString firstBody;
        while (m->next()) {
            const QString body = m->value(0).toString();
            if (firstBody.isNull())
                firstBody = body;
            if (!findMatches(body, terms).isEmpty()) {
                const QString s = highlightSnippet(body, terms, 160, options.highlightOpen,
                                                   options.highlightClose);
                h.snippet = h.snippet.isEmpty() ? s : h.snippet + QStringLiteral(" — ") + s;
                break;
            }
        }
        m->finish();
        if (h.snippet.isEmpty())
            h.snippet = highlightSnippet(firstBody, {}, 160);
    }
    return hits;
}

} // namespace hd
