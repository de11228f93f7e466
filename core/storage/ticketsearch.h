// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>

namespace hd {

class Database;

struct SearchHit
{
    RowId ticketId = 0;
    qint64 number = 0;
    QString subject;
    TicketStatus status = TicketStatus::New;
    QDateTime updatedAt;
    QString snippet; ///< an extract with matches in [brackets] (plain text)
    double score = 0; ///< bm25, lower is better (0 when ordered by newest)
};

struct SearchOptions
{
    enum class Order { Relevance, Newest };
    /// Agents see internal notes; every customer-facing caller must set this to false.
    bool includeInternal = true;
    /// When set, only this customer's tickets (the customer portal).
    RowId requesterId = 0;
    Order order = Order::Relevance;
    int limit = 20;
    QString highlightOpen = QStringLiteral("[");
    QString highlightClose = QStringLiteral("]");
};

/// Ranked full-text search over tickets with highlighted snippets.
class TicketSearch
{
    Q_DECLARE_TR_FUNCTIONS(hd::TicketSearch)

public:
    /// Relevance ranks at most this many of the newest hits (see search()).
    static constexpr int kRelevanceWindow = 1000;
    explicit TicketSearch(Database &db);
    Result<QList<SearchHit>> search(const QString &text, const SearchOptions &options = {});
    Result<qint64> count(const QString &text, const SearchOptions &options = {});

private:
    Result<QString> matchExpression(const QString &text, const SearchOptions &options,
                                    QStringList *terms);
    Database &m_db;
};

} // namespace hd
