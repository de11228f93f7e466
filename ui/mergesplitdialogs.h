// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace hd {

class TicketStore;

/// Merges one or more tickets into a target the agent names by number. Shows what the target is
/// and what will happen before anything changes; the sources are closed with their messages moved.
class MergeDialog : public QDialog
{
    Q_OBJECT
public:
    MergeDialog(TicketStore &store, QList<RowId> sources, RowId agent, QWidget *parent = nullptr);

    void setTarget(const QString &numberOrUuid);
    /// Merges every source into the target; on failure shows the message and keeps the dialog.
    Result<void> submit();
    void accept() override;
    [[nodiscard]] RowId target() const { return m_target; }

Q_SIGNALS:
    void merged(hd::RowId target);

private:
    void lookUpTarget();

    TicketStore &m_store;
    QList<RowId> m_sources;
    RowId m_agent = 0;
    RowId m_target = 0;
    QLineEdit *m_targetEdit = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

/// Splits a ticket: the agent ticks the messages that belong to a new ticket.
class SplitDialog : public QDialog
{
    Q_OBJECT
public:
    SplitDialog(TicketStore &store, RowId ticket, RowId agent, QWidget *parent = nullptr);

    /// Ticks the messages with these ids (tests and "split from here" in the conversation).
    void checkMessages(const QList<RowId> &ids);
    Result<Ticket> submit();
    void accept() override;
    [[nodiscard]] RowId createdTicket() const { return m_created; }

Q_SIGNALS:
    void split(hd::RowId newTicket);

private:
    TicketStore &m_store;
    RowId m_ticket = 0;
    RowId m_agent = 0;
    RowId m_created = 0;
    QListWidget *m_messages = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace hd
