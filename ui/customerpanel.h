// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QWidget>

class QLabel;
class QTreeView;

namespace hd {

class CustomerTicketsModel;
class Database;
class Directory;

/// Who asked: the requester's name, addresses on every channel, and their other tickets
/// (a click asks to open one).
class CustomerPanel : public QWidget
{
    Q_OBJECT
public:
    CustomerPanel(Database &db, Directory &directory, QWidget *parent = nullptr);

    /// Shows the requester of `ticket` (none when requesterId is 0).
    void setTicket(const Ticket &ticket);
    /// Re-reads the other tickets when one of `ticketIds` is among them.
    void ticketsChanged(const QList<hd::RowId> &ticketIds);
    [[nodiscard]] CustomerTicketsModel *ticketsModel() const { return m_model; }

Q_SIGNALS:
    void openTicketRequested(hd::RowId ticketId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showCustomer();

    Directory &m_directory;
    Ticket m_ticket;
    CustomerTicketsModel *m_model = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_ticketsTitle = nullptr;
    QTreeView *m_list = nullptr;
    QLabel *m_noTickets = nullptr;
};

} // namespace hd
