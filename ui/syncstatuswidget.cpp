// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/syncstatuswidget.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace hd {

SyncStatusWidget::SyncStatusWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("syncStatus"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("syncState"));
    m_badge = new QToolButton(this);
    m_badge->setObjectName(QStringLiteral("syncRejections"));
    m_badge->setAutoRaise(true);
    m_badge->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_badge->setStyleSheet(QStringLiteral("QToolButton { color: #b3261e; font-weight: bold; }"));
    connect(m_badge, &QToolButton::clicked, this, &SyncStatusWidget::badgeClicked);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_state);
    layout->addWidget(m_badge);
    refreshTexts();
}

void SyncStatusWidget::setMode(Mode mode, const QString &lastError)
{
    m_mode = mode;
    m_error = lastError;
    refreshTexts();
}

void SyncStatusWidget::setPending(int operations)
{
    m_pending = operations;
    refreshTexts();
}

void SyncStatusWidget::setRejections(int refused, int notices)
{
    m_refused = refused;
    m_notices = notices;
    refreshTexts();
}

QString SyncStatusWidget::stateText() const
{
    QString s;
    switch (m_mode) {
    case Mode::SignedOut:
        return tr("Signed out");
    case Mode::SignInAgain:
        s = tr("Signed out by the server: sign in again");
        break;
    case Mode::Online:
        s = tr("Online");
        break;
    case Mode::Offline:
        s = tr("Offline");
        break;
    case Mode::Syncing:
        s = tr("Syncing…");
        break;
    }
    if (m_pending > 0)
        s = tr("%1 · %n change(s) waiting", nullptr, m_pending).arg(s);
    return s;
}

QString SyncStatusWidget::stateToolTip() const
{
    switch (m_mode) {
    case Mode::SignedOut:
        return tr("Not connected to a server: File → Connect to Server…");
    case Mode::Offline:
    case Mode::SignInAgain:
        return m_error.isEmpty() ? QString() : tr("Last error: %1").arg(m_error);
    case Mode::Online:
        return tr("Up to date with the server.");
    case Mode::Syncing:
        return tr("Sending your changes and fetching the team's.");
    }
    return {};
}

QString SyncStatusWidget::badgeText() const
{
    if (m_refused > 0 && m_notices > 0)
        return tr("%n change(s) refused", nullptr, m_refused) + QStringLiteral(" · ")
            + tr("%n notice(s)", nullptr, m_notices);
    if (m_refused > 0)
        return tr("%n change(s) refused", nullptr, m_refused);
    if (m_notices > 0)
        return tr("%n notice(s)", nullptr, m_notices);
    return {};
}

void SyncStatusWidget::refreshTexts()
{
    m_state->setText(stateText());
    m_state->setToolTip(stateToolTip());
    const QString badge = badgeText();
    m_badge->setText(badge);
    m_badge->setToolTip(tr("Show what the server refused or overwrote"));
    m_badge->setVisible(!badge.isEmpty());
}

void SyncStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refreshTexts();
    QWidget::changeEvent(event);
}

} // namespace hd
