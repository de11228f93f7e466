// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/storage/ticketquery.h"

#include <QAbstractListModel>

namespace hd {

class Database;

/// A customer's other tickets, newest first (at most kLimit): "#1042 Subject" with status and
/// date. Refreshes in place when only their data changed.
class CustomerTicketsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kLimit = 50;
    enum Role {
        TicketIdRole = Qt::UserRole + 1,
        StatusRole,
        NumberRole,
        TitleRole, ///< "#1042 Subject"
        DetailRole, ///< status and date
    };

    explicit CustomerTicketsModel(Database &db, QObject *parent = nullptr);

    /// The requester's tickets except `exceptTicket`; customerId 0 empties the list.
    Result<void> setCustomer(RowId customerId, RowId exceptTicket);
    Result<void> refresh();
    [[nodiscard]] bool contains(RowId ticketId) const;
    [[nodiscard]] RowId ticketAt(int row) const { return m_rows.at(row).id; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    Result<QList<TicketListRow>> load();
    Database &m_db;
    RowId m_customer = 0;
    RowId m_except = 0;
    QList<TicketListRow> m_rows;
};

} // namespace hd
