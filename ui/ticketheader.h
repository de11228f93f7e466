// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace hd {

class Directory;
class TicketStore;

/// The top of the ticket detail: subject, number and channel, and the editable fields (status
/// offering only the workflow's allowed changes, priority, category, assignee, tags). Each edit
/// is applied at once through TicketStore as the current agent; a refusal is shown under the
/// fields and the editor returns to the stored value.
class TicketHeader : public QWidget
{
    Q_OBJECT
public:
    TicketHeader(TicketStore &store, Directory &directory, RowId currentAgent,
                 QWidget *parent = nullptr);

    /// Shows a ticket (re-reads the lists of agents and categories).
    void setTicket(const Ticket &ticket);
    void clear();
    [[nodiscard]] QString errorText() const;

Q_SIGNALS:
    /// A field was changed through this header.
    void ticketEdited(hd::RowId ticketId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fillStatus();
    void fillPriority();
    void fillCategories();
    void fillAssignees();
    void applied(const Result<void> &result);
    void changeStatus();
    void changePriority();
    void changeCategory();
    void changeAssignee();
    void changeTags();
    void assignToMe();

    TicketStore &m_store;
    Directory &m_directory;
    RowId m_agent;
    Ticket m_ticket;
    bool m_filling = false;

    QLabel *m_subject = nullptr;
    QLabel *m_meta = nullptr;
    QLabel *m_statusLabel = nullptr, *m_priorityLabel = nullptr, *m_categoryLabel = nullptr;
    QLabel *m_assigneeLabel = nullptr, *m_tagsLabel = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_category = nullptr;
    QComboBox *m_assignee = nullptr;
    QPushButton *m_assignToMe = nullptr;
    QLineEdit *m_tags = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace hd
