// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"
#include "core/storage/ticketquery.h"

#include <QCoreApplication>

namespace hd {

class Database;

/// A personal list an agent made: filters, sort and the columns shown, in the agent's order.
struct SavedView
{
    RowId id = 0;
    QString uuid;
    RowId ownerAgentId = 0;
    QString name;
    int position = 0;
    TicketFilter filter;
    TicketSort sort;
    QList<SortColumn> columns; ///< visible columns in order; empty = the default set
};

/// Saved views per agent: create, rename, reorder, delete, and their live counts.
class SavedViews
{
    Q_DECLARE_TR_FUNCTIONS(hd::SavedViews)
public:
    explicit SavedViews(Database &db);

    Result<SavedView> create(RowId ownerAgentId, const QString &name, const TicketFilter &filter,
                             const TicketSort &sort = {}, const QList<SortColumn> &columns = {});
    Result<QList<SavedView>> list(RowId ownerAgentId);
    Result<void> rename(RowId viewId, const QString &name);
    Result<void> update(RowId viewId, const TicketFilter &filter, const TicketSort &sort,
                        const QList<SortColumn> &columns);
    /// Moves the view to `position` (0 = first) among its owner's views.
    Result<void> move(RowId viewId, int position);
    Result<void> remove(RowId viewId);
    /// Ticket count of each of the owner's views, in list order.
    Result<QList<qint64>> counts(RowId ownerAgentId);

private:
    Result<SavedView> get(RowId viewId);
    Database &m_db;
};

} // namespace hd
