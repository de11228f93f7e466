// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboard/kpitile.h"

#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

namespace hd {

KpiTile::KpiTile(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_value(new QLabel(this))
    , m_change(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_value->setFont(big);
    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_title->setWordWrap(true);
    m_change->setWordWrap(true);
    QFont small = m_change->font();
    small.setPointSizeF(qMax(7.0, small.pointSizeF() - 1));
    m_change->setFont(small);
    m_title->setFont(small);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
    setMinimumWidth(130);
}

void KpiTile::setTitle(const QString &title)
{
    m_title->setText(title);
    setAccessibleName(title);
}

void KpiTile::setValue(const QString &value)
{
    m_value->setText(value);
    setAccessibleDescription(value + QLatin1Char(' ') + m_change->text());
}

void KpiTile::setChange(const QString &text, Sentiment sentiment)
{
    m_change->setText(text);
    QPalette p = palette();
    const QColor color = sentiment == Sentiment::Good ? QColor(0x1b, 0x7f, 0x3b)
        : sentiment == Sentiment::Bad                 ? QColor(0xc0, 0x2b, 0x2b)
                                                      : p.color(QPalette::PlaceholderText);
    QPalette changePalette = m_change->palette();
    changePalette.setColor(QPalette::WindowText, color);
    m_change->setPalette(changePalette);
    setAccessibleDescription(m_value->text() + QLatin1Char(' ') + text);
}

QString KpiTile::title() const
{
    return m_title->text();
}

QString KpiTile::value() const
{
    return m_value->text();
}

QString KpiTile::change() const
{
    return m_change->text();
}

void KpiTile::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT activated();
    QFrame::mouseReleaseEvent(event);
}

void KpiTile::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
        || event->key() == Qt::Key_Space) {
        Q_EMIT activated();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace hd
