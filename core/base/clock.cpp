// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/clock.h"

namespace hd {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

SystemClock &SystemClock::instance()
{
    static SystemClock clock;
    return clock;
}

ManualClock::ManualClock(QDateTime start)
{
    set(start);
}

void ManualClock::set(const QDateTime &t)
{
    m_now = t.toUTC();
}

} // namespace hd
