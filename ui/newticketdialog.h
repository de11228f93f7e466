// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTimer;

namespace hd {

class Directory;
class TicketStore;

/// A ticket for a phone call, a walk-in or any contact that did not arrive by itself: channel,
/// who spoke first, the requester (found by name, address or phone, or created on the spot),
/// subject, notes, priority, category and assignee. Creates the ticket on accept; errors are
/// shown in the dialog and nothing typed is lost.
class NewTicketDialog : public QDialog
{
    Q_OBJECT
public:
    NewTicketDialog(TicketStore &store, Directory &directory, RowId currentAgent,
                    QWidget *parent = nullptr);

    /// Creates the customer (when new) and the ticket from the fields. On success the dialog
    /// is accepted and createdTicket() is set; on failure the message is shown and returned.
    Result<Ticket> submit();
    [[nodiscard]] RowId createdTicket() const { return m_created; }

    void accept() override;

Q_SIGNALS:
    void ticketCreated(hd::RowId id);

private:
    void buildUi();
    void fillChoices();
    void searchRequester();
    void showError(const QString &message);
    Result<RowId> requesterId();

    TicketStore &m_store;
    Directory &m_directory;
    RowId m_agent = 0;
    RowId m_created = 0;

    QComboBox *m_channel = nullptr;
    QButtonGroup *m_direction = nullptr;
    QLineEdit *m_requesterSearch = nullptr;
    QListWidget *m_matches = nullptr;
    QLineEdit *m_newName = nullptr;
    QLineEdit *m_newEmail = nullptr;
    QLineEdit *m_newPhone = nullptr;
    QLineEdit *m_subject = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_category = nullptr;
    QComboBox *m_assignee = nullptr;
    QLineEdit *m_tags = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTimer *m_searchTimer = nullptr;
};

} // namespace hd
