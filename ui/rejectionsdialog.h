// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QDialog>
#include <QJsonObject>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace hd {

class Database;

/// What the server refused of this agent's changes, and its notices ("your change of priority
/// replaced Kim's change to High"): sync_rejections rows not dismissed, newest first — the
/// ticket (number and subject), the change in words (a reply's text, the new priority...), the
/// server's reason (in words, its code and message) and when. Dismiss / Dismiss all set
/// dismissed = 1; Open ticket asks the main window to show it. Nothing is ever dropped without
/// the agent seeing it here.
class RejectionsDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { TicketColumn, ChangeColumn, ReasonColumn, WhenColumn, ColumnCount };

    explicit RejectionsDialog(Database &db, QWidget *parent = nullptr);

    /// Re-reads the rows.
    void reload();
    [[nodiscard]] QTreeWidget *list() const { return m_list; }
    /// Dismisses the selected row; all rows.
    void dismissSelected();
    void dismissAll();

    /// The change of an operation in words ("Reply: “…”", "Priority → High").
    QString describeChange(const QString &kind, const QJsonObject &payload) const;
    /// A refusal in words with its code and the server's message, or the notice of an
    /// overwritten field (code "overwrote", message {value, by, at}).
    QString describeReason(const QString &kind, const QString &code, const QString &message) const;

Q_SIGNALS:
    void openTicket(hd::RowId ticketId);
    /// Rows were dismissed.
    void dismissed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateButtons();
    QString agentName(const QString &uuid) const;
    QString fieldName(const QString &kind) const;
    QString valueText(const QString &kind, const QJsonValue &value) const;

    Database &m_db;
    QLabel *m_intro = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_details = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_dismiss = nullptr;
    QPushButton *m_dismissAll = nullptr;
};

} // namespace hd
