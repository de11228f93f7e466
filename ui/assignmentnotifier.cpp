// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/assignmentnotifier.h"

#include "core/storage/ticketstore.h"

#include <QApplication>
#include <QIcon>
#include <QSystemTrayIcon>

namespace hd {

AssignmentNotifier::AssignmentNotifier(TicketStore &store, RowId me, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_me(me)
{
    m_sink = [this](const QString &title, const QString &text, RowId ticket) {
        showInTray(title, text, ticket);
    };
    connect(&m_store, &TicketStore::changed, this, &AssignmentNotifier::onChanged);
}

void AssignmentNotifier::onChanged(const QList<RowId> &ids)
{
    if (!m_me)
        return;
    // Bulk changes (imports, syncs of thousands of tickets) are not read ticket by ticket.
    constexpr int kMaxLooked = 200;
    int looked = 0;
    for (RowId id : ids) {
        if (++looked > kMaxLooked)
            break;
        auto events = m_store.events(id);
        if (!events)
            continue;
        const Event *newest = nullptr;
        for (const Event &e : *events)
            if (e.kind == EventKind::Assignee)
                newest = &e;
        if (!newest || newest->newValue.toLongLong() != m_me || m_announced.contains(newest->id))
            continue;
        m_announced.insert(newest->id);
        if (newest->actorKind == AuthorKind::Agent && newest->actorId == m_me)
            continue; // he did it himself
        auto t = m_store.ticket(id);
        if (!t)
            continue;
        m_sink(tr("Ticket #%1 assigned to you").arg(t->number),
               t->requesterName.isEmpty() ? t->subject
                                          : tr("%1 — %2").arg(t->requesterName, t->subject),
               id);
    }
}

void AssignmentNotifier::showInTray(const QString &title, const QString &text, RowId ticket)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_trayTicket)
                Q_EMIT openTicketRequested(m_trayTicket);
        });
        m_tray->show();
    }
    m_trayTicket = ticket;
    m_tray->showMessage(title, text, QSystemTrayIcon::Information, 8000);
}

} // namespace hd
