// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ticketheadersla.h"

#include "ui/ticketdetailwidgets.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace hd {

namespace {
QString when(const QDateTime &at, const QDateTime &now)
{
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    if (local.date() == now.toLocalTime().date())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

const char *colorOf(SlaClockStatus s, qint64 remaining)
{
    switch (s) {
    case SlaClockStatus::Breached:
        return "#c53030";
    case SlaClockStatus::Met:
        return "#2f855a";
    case SlaClockStatus::Paused:
    case SlaClockStatus::None:
        return "#718096";
    case SlaClockStatus::Running:
        break;
    }
    return remaining < 3600 ? "#c05621" : "#2d3748";
}
} // namespace

SlaClocksView::SlaClocksView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("slaClocks"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    m_firstResponse = new QLabel(this);
    m_firstResponse->setObjectName(QStringLiteral("slaFirstResponse"));
    m_resolution = new QLabel(this);
    m_resolution->setObjectName(QStringLiteral("slaResolution"));
    for (QLabel *l : {m_firstResponse, m_resolution}) {
        l->setWordWrap(true);
        l->setTextFormat(Qt::PlainText);
        makeWrapping(l);
        layout->addWidget(l, 1);
    }
}

QString SlaClocksView::formatDuration(qint64 seconds)
{
    const QLocale l;
    const qint64 s = qAbs(seconds);
    if (s < 60)
        return tr("less than a minute");
    const qint64 minutes = s / 60;
    if (minutes < 60)
        return tr("%1 min").arg(l.toString(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return minutes % 60 ? tr("%1 h %2 min").arg(l.toString(hours), l.toString(minutes % 60))
                            : tr("%1 h").arg(l.toString(hours));
    const qint64 days = hours / 24;
    return hours % 24 ? tr("%1 d %2 h").arg(l.toString(days), l.toString(hours % 24))
                      : tr("%1 d").arg(l.toString(days));
}

QString SlaClocksView::describe(const QString &name, const SlaClock &c, const QDateTime &now)
{
    switch (c.status) {
    case SlaClockStatus::None:
        return tr("%1: no target").arg(name);
    case SlaClockStatus::Running:
        if (!c.dueAt.isValid())
            return tr("%1: %2 left").arg(name, formatDuration(c.remainingSecs));
        return tr("%1: due %2 (%3 left)")
            .arg(name, when(c.dueAt, now), formatDuration(c.remainingSecs));
    case SlaClockStatus::Paused:
        return tr("%1: paused while waiting on the customer (%2 left)")
            .arg(name, formatDuration(c.remainingSecs));
    case SlaClockStatus::Met:
        return tr("%1: met %2").arg(name, when(c.stoppedAt, now));
    case SlaClockStatus::Breached:
        if (c.stoppedAt.isValid())
            return tr("%1: missed by %2 (due %3)")
                .arg(name, formatDuration(c.remainingSecs), when(c.dueAt, now));
        return tr("%1: overdue by %2 (was due %3)")
            .arg(name, formatDuration(c.remainingSecs), when(c.dueAt, now));
    }
    return name;
}

void SlaClocksView::setState(const SlaState &state, const QDateTime &now)
{
    m_state = state;
    m_now = now;
    m_hasState = true;
    render();
}

void SlaClocksView::clear()
{
    m_hasState = false;
    render();
}

void SlaClocksView::render()
{
    if (!m_hasState) {
        m_firstResponse->clear();
        m_resolution->clear();
        return;
    }
    const auto show = [this](QLabel *label, const QString &name, const SlaClock &c) {
        label->setText(describe(name, c, m_now));
        label->setStyleSheet(QStringLiteral("color: %1;%2")
                                 .arg(QLatin1String(colorOf(c.status, c.remainingSecs)),
                                      c.status == SlaClockStatus::Breached
                                          ? QStringLiteral(" font-weight: bold;")
                                          : QString()));
        label->setProperty("clockStatus", int(c.status));
        label->setToolTip(c.targetSecs
                              ? tr("Target: %1 of business time").arg(formatDuration(*c.targetSecs))
                              : QString());
    };
    show(m_firstResponse, tr("First response"), m_state.firstResponse);
    show(m_resolution, tr("Resolution"), m_state.resolution);
}

void SlaClocksView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        render();
    QWidget::changeEvent(event);
}

} // namespace hd
