// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QObject>
#include <QSet>

#include <functional>

class QSystemTrayIcon;

namespace hd {

class TicketStore;

/// Tells the agent when a ticket is assigned to him by someone else (a colleague, a rule, a
/// sync from the server): watches TicketStore::changed and looks at each changed ticket's newest
/// assignment. Each assignment is announced once. The sink shows it; by default a system-tray
/// balloon, so the agent sees it while working in another window.
class AssignmentNotifier : public QObject
{
    Q_OBJECT
public:
    using Sink = std::function<void(const QString &title, const QString &text, RowId ticket)>;

    AssignmentNotifier(TicketStore &store, RowId me, QObject *parent = nullptr);

    /// Replaces the tray balloon (tests, or a platform notification service).
    void setSink(Sink sink) { m_sink = std::move(sink); }
    void setAgent(RowId me) { m_me = me; }
    /// The tray icon used by the default sink; created on first use when a tray is available.
    QSystemTrayIcon *trayIcon() const { return m_tray; }

Q_SIGNALS:
    /// The agent clicked a notification: open the ticket.
    void openTicketRequested(hd::RowId ticket);

private:
    void onChanged(const QList<RowId> &ids);
    void showInTray(const QString &title, const QString &text, RowId ticket);

    TicketStore &m_store;
    RowId m_me = 0;
    Sink m_sink;
    QSet<RowId> m_announced; ///< event ids already announced
    QSystemTrayIcon *m_tray = nullptr;
    RowId m_trayTicket = 0;
};

} // namespace hd
