// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;

namespace hd {

namespace sync {
class SyncSession;
}

/// The first sync of a replica (a large base takes minutes): how far it is (feed cursor of its
/// head, as a percentage) and how many tickets arrived, with Cancel. Cancel stops the round;
/// every whole page stays, and the next sync (File → Sync Now, or the next start) continues
/// from the stored cursor — the dialog says so. Never modal: the agent can work meanwhile.
class InitialSyncDialog : public QDialog
{
    Q_OBJECT
public:
    InitialSyncDialog(sync::SyncSession &session, const QString &server, QWidget *parent = nullptr);

    [[nodiscard]] int percent() const;
    [[nodiscard]] qint64 tickets() const { return m_tickets; }
    [[nodiscard]] bool cancelled() const { return m_cancelled; }
    [[nodiscard]] QString statusText() const;

public Q_SLOTS:
    void setProgress(qint64 cursor, qint64 head);
    void addTickets(const QList<hd::RowId> &ids);
    void cancelSync();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    sync::SyncSession &m_session;
    QString m_server;
    qint64 m_cursor = 0;
    qint64 m_head = 0;
    qint64 m_tickets = 0;
    bool m_cancelled = false;
    QLabel *m_intro = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_button = nullptr;
};

} // namespace hd
