// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/initialsyncdialog.h"

#include "sync/syncsession.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace hd {

InitialSyncDialog::InitialSyncDialog(sync::SyncSession &session, const QString &server,
                                     QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_server(server)
{
    setObjectName(QStringLiteral("initialSyncDialog"));
    setModal(false);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("initialSyncProgress"));
    m_bar->setRange(0, 0); // busy until the first page names the head
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("initialSyncStatus"));
    m_status->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    m_button = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_button->setObjectName(QStringLiteral("initialSyncCancel"));
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_cancelled)
            close();
        else
            cancelSync();
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(480);
    connect(&session, &sync::SyncSession::progress, this, &InitialSyncDialog::setProgress);
    connect(&session, &sync::SyncSession::ticketsChanged, this, &InitialSyncDialog::addTickets);
    connect(&session, &sync::SyncSession::synced, this, [this] {
        if (!m_cancelled)
            accept();
    });
    retranslateUi();
}

int InitialSyncDialog::percent() const
{
    return m_head > 0 ? int(qBound<qint64>(qint64(0), m_cursor * 100 / m_head, qint64(100))) : 0;
}

QString InitialSyncDialog::statusText() const
{
    const QString so = tr("%Ln ticket(s) so far", nullptr, int(qMin<qint64>(m_tickets, INT_MAX)));
    if (m_cancelled)
        return tr("Cancelled at %1%. The %Ln ticket(s) downloaded stay on this computer; File → "
                  "Sync Now, or the next start, continues from there.",
                  nullptr, int(qMin<qint64>(m_tickets, INT_MAX)))
            .arg(percent());
    return m_head > 0 ? tr("%1% · %2").arg(percent()).arg(so) : tr("Asking the server…");
}

void InitialSyncDialog::retranslateUi()
{
    setWindowTitle(tr("First Sync"));
    m_intro->setText(
        tr("Downloading the team's tickets from %1. You can keep working meanwhile. If you "
           "cancel, what has arrived stays and the next sync continues from there.")
            .arg(m_server));
    m_button->setText(m_cancelled ? tr("Close") : tr("Cancel"));
    m_status->setText(statusText());
}

void InitialSyncDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void InitialSyncDialog::setProgress(qint64 cursor, qint64 head)
{
    m_cursor = cursor;
    m_head = head;
    if (head > 0) {
        m_bar->setRange(0, 100);
        m_bar->setValue(percent());
    }
    m_status->setText(statusText());
}

void InitialSyncDialog::addTickets(const QList<RowId> &ids)
{
    m_tickets += ids.size();
    m_status->setText(statusText());
}

void InitialSyncDialog::cancelSync()
{
    m_cancelled = true;
    m_session.cancel();
    if (m_head == 0)
        m_bar->setRange(0, 100);
    retranslateUi();
}

} // namespace hd
