// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/dashboard/dashboardformat.h"

#include <QFrame>

class QLabel;

namespace hd {

/// A headline figure of the dashboard: its name, its value and its change against the previous
/// period. Clicking it (or Enter/Space while focused) emits activated(): the dashboard then
/// opens the tickets behind it.
class KpiTile : public QFrame
{
    Q_OBJECT
public:
    using Sentiment = dashboard::Sentiment;

    explicit KpiTile(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setValue(const QString &value);
    /// The change line under the value ("▲ 12% vs previous period"), coloured by sentiment.
    void setChange(const QString &text, Sentiment sentiment);
    [[nodiscard]] QString title() const;
    [[nodiscard]] QString value() const;
    [[nodiscard]] QString change() const;

Q_SIGNALS:
    void activated();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QLabel *m_title;
    QLabel *m_value;
    QLabel *m_change;
};

} // namespace hd
