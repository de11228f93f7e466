// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: sign-in, sign-out and background sync (docs/sync.md) — the File menu's Connect to
// Server… / Sync Now / Sign Out, the status bar's sync state with pending changes and refused
// changes, the first sync's progress, and refreshing what the worker thread changed.
#include "core/base/settings.h"
#include "core/storage/ticketstore.h"
#include "sync/syncsession.h"
#include "sync/tokenstore.h"
#include "ui/initialsyncdialog.h"
#include "ui/mainwindow.h"
#include "ui/rejectionsdialog.h"
#include "ui/savedviewsnavigator.h"
#include "ui/signindialog.h"
#include "ui/syncstatuswidget.h"
#include "ui/ticketdetail.h"
#include "ui/ticketlistmodel.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace hd {

namespace {
/// A first sync sends thousands of ids; past this many the list re-reads itself once instead.
constexpr int kManyTickets = 200;
} // namespace

void MainWindow::buildSyncActions()
{
    m_tokens = std::make_unique<sync::TokenStore>(QFileInfo(m_settings.fileName()).absolutePath());
    m_tokens->setKeychainEnabled(qEnvironmentVariableIsEmpty("HELPDESK_NO_KEYCHAIN"));
    m_connectAction = new QAction(this);
    m_connectAction->setObjectName(QStringLiteral("actionConnect"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::openSignIn);
    m_syncNowAction = new QAction(this);
    m_syncNowAction->setObjectName(QStringLiteral("actionSyncNow"));
    m_syncNowAction->setShortcut(QKeySequence(Qt::Key_F5 | Qt::SHIFT));
    m_syncNowAction->setEnabled(false);
    m_signOutAction = new QAction(this);
    m_signOutAction->setObjectName(QStringLiteral("actionSignOut"));
    m_signOutAction->setEnabled(false);
    connect(m_signOutAction, &QAction::triggered, this, &MainWindow::signOut);
    m_syncStatus = new SyncStatusWidget(this);
    connect(m_syncStatus, &SyncStatusWidget::badgeClicked, this, &MainWindow::showRejections);
}

void MainWindow::retranslateSyncActions()
{
    m_connectAction->setText(m_sync ? tr("&Connect to Another Server…")
                                    : tr("&Connect to Server…"));
    m_syncNowAction->setText(tr("S&ync Now"));
    m_signOutAction->setText(tr("Sign &Out"));
}

void MainWindow::attachSync(sync::SyncSession *session, const QUrl &server)
{
    m_sync = session;
    m_server = server;
    m_store->setJournal(session->journal());
    m_connectionLabel->hide();
    m_syncStatus->show();
    m_syncStatus->setMode(SyncStatusWidget::Mode::Syncing);
    m_syncNowAction->setEnabled(true);
    m_signOutAction->setEnabled(true);
    connect(m_syncNowAction, &QAction::triggered, session, &sync::SyncSession::syncNow);
    connect(m_store.get(), &TicketStore::changed, session, [this] {
        if (!m_applyingRemote)
            m_sync->localChange();
    });
    connect(session, &sync::SyncSession::stateChanged, this, &MainWindow::updateSyncStatus);
    connect(session, &sync::SyncSession::pendingChanged, this, &MainWindow::updateSyncStatus);
    connect(session, &sync::SyncSession::rejectionsChanged, this, &MainWindow::updateSyncStatus);
    connect(session, &sync::SyncSession::ticketsChanged, this, &MainWindow::remoteTicketsChanged);
    connect(session, &sync::SyncSession::synced, this, &MainWindow::syncFinished);
    ensureAgent();
    buildDetail();
    updateSyncStatus();
    retranslateUi();
}

void MainWindow::startSync()
{
    if (!m_sync)
        return;
    const QString account
        = SignInDialog::account(m_server, m_settings.value(keys::serverAgentUuid));
    connect(
        m_tokens.get(), &sync::TokenStore::loaded, this,
        [this](const QString &token) {
            m_token = token;
            if (token.isEmpty()) {
                m_syncStatus->setMode(
                    SyncStatusWidget::Mode::SignInAgain,
                    tr("This computer has no stored sign-in for %1.").arg(m_server.host()));
                return;
            }
            if (m_sync->initialSyncPending()) {
                auto *dialog = new InitialSyncDialog(*m_sync, m_server.host(), this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &QDialog::finished, this, [this] { refresh(); });
                dialog->show();
            }
            m_sync->start(m_server, token);
        },
        Qt::SingleShotConnection);
    m_tokens->load(account);
}

void MainWindow::updateSyncStatus()
{
    if (!m_sync)
        return;
    using Mode = SyncStatusWidget::Mode;
    switch (m_sync->state()) {
    case sync::SyncClient::State::Idle:
        if (m_sync->started())
            m_syncStatus->setMode(m_sync->paused() ? Mode::Offline : Mode::Online,
                                  m_sync->paused() ? tr("Sync paused: File → Sync Now resumes it.")
                                                   : QString());
        break;
    case sync::SyncClient::State::Syncing:
        m_syncStatus->setMode(Mode::Syncing);
        break;
    case sync::SyncClient::State::Offline:
        m_syncStatus->setMode(Mode::Offline, m_sync->lastError());
        break;
    case sync::SyncClient::State::Unauthorized:
        m_syncStatus->setMode(Mode::SignInAgain, m_sync->lastError());
        break;
    }
    m_syncStatus->setPending(m_sync->pending());
    const auto r = m_sync->rejections();
    m_syncStatus->setRejections(r.refused, r.notices);
    if (m_rejections)
        m_rejections->reload();
}

void MainWindow::remoteTicketsChanged(const QList<RowId> &ids)
{
    // TicketStore::changed is what the list, the detail, the composer and the assignment
    // notices follow; the worker's changes go the same way (not counted as local edits).
    m_applyingRemote = true;
    if (ids.size() > kManyTickets) {
        m_ticketModel->refresh();
        m_countsTimer.start();
    } else {
        Q_EMIT m_store->changed(ids);
    }
    m_applyingRemote = false;
}

void MainWindow::syncFinished()
{
    updateSyncStatus();
    reloadDirectory(); // agents, teams and categories come through the feed too
    m_countsTimer.start();
    if (!m_agent) { // the first sync brought the signed-in agent's row
        ensureAgent();
        if (m_agent)
            refresh(), buildDetail();
    }
}

void MainWindow::openSignIn()
{
    auto *dialog = new SignInDialog(m_settings, *m_tokens, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        // The desktop now works on that server's replica: main() opens it.
        Q_EMIT restartRequested();
    });
    dialog->open();
}

void MainWindow::signOut()
{
    if (!m_sync)
        return;
    const int pending = m_sync->pending();
    QMessageBox ask(QMessageBox::Question, tr("Sign Out"),
                    tr("Sign out of %1?").arg(m_server.host()), QMessageBox::Yes | QMessageBox::No,
                    this);
    ask.setInformativeText(
        pending > 0 ? tr("%n change(s) have not reached the server yet. They stay in this "
                         "computer's copy and are sent when you sign in again.",
                         nullptr, pending)
                    : tr("Helpdesk then opens the local database."));
    if (ask.exec() != QMessageBox::Yes)
        return;
    const QString account
        = SignInDialog::account(m_server, m_settings.value(keys::serverAgentUuid));
    m_settings.reset(keys::serverAgentUuid);
    m_settings.reset(keys::serverAgentName);
    m_settings.sync();
    m_signOutAction->setEnabled(false);
    // Revoke the token on the server (best effort: offline, it expires), forget it here, then
    // reopen on the local database. Nothing here waits on the GUI thread.
    auto *network = new QNetworkAccessManager(this);
    QNetworkReply *reply = SignInDialog::signOut(*network, m_server, m_token);
    auto done = std::make_shared<bool>(false);
    const auto finish = [this, account, done] {
        if (std::exchange(*done, true))
            return;
        connect(m_tokens.get(), &sync::TokenStore::removed, this, &MainWindow::restartRequested,
                Qt::SingleShotConnection);
        m_tokens->remove(account);
    };
    connect(reply, &QNetworkReply::finished, this, finish);
    QTimer::singleShot(5000, this, finish);
}

void MainWindow::showRejections()
{
    if (!m_rejections) {
        m_rejections = new RejectionsDialog(m_database, this);
        m_rejections->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_rejections, &RejectionsDialog::dismissed, this, &MainWindow::updateSyncStatus);
        connect(m_rejections, &RejectionsDialog::openTicket, this, [this](RowId id) {
            if (!selectTicket(id) && m_detail)
                m_detail->setTicket(id);
        });
    }
    m_rejections->reload();
    m_rejections->show();
    m_rejections->raise();
}

} // namespace hd
