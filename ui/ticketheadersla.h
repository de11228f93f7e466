// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/sla.h"

#include <QWidget>

class QLabel;

namespace hd {

/// The two SLA clocks of a ticket (first response, resolution): due time, time left or overdue,
/// met, or paused while the ticket waits on the customer. Colour and words both carry the state.
class SlaClocksView : public QWidget
{
    Q_OBJECT
public:
    explicit SlaClocksView(QWidget *parent = nullptr);

    void setState(const SlaState &state, const QDateTime &now);
    void clear();

    /// "2 h 10 min", "3 d 4 h", "45 min", "less than a minute", in the UI language.
    static QString formatDuration(qint64 seconds);
    /// One clock as a sentence, e.g. "First response: due 14:30 (2 h 10 min left)".
    static QString describe(const QString &name, const SlaClock &clock, const QDateTime &now);

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    QLabel *m_firstResponse = nullptr;
    QLabel *m_resolution = nullptr;
    SlaState m_state;
    QDateTime m_now;
    bool m_hasState = false;
};

} // namespace hd
