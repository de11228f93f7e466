// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QTimeZone>

namespace hd {

/// The one way core reads the time. Everything that needs "now" takes a Clock& so tests,
/// benchmarks and replays can run on a time of their choosing.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Current instant, always in UTC.
    [[nodiscard]] virtual QDateTime now() const = 0;
};

/// The wall clock.
class SystemClock final : public Clock
{
public:
    [[nodiscard]] QDateTime now() const override;
    /// A process-wide instance for main()s; library code takes a Clock& instead.
    static SystemClock &instance();
};

/// A clock that only moves when told to. Used by tests and by simulations (seeding data).
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start
                         = QDateTime(QDate(2025, 1, 6), QTime(9, 0), QTimeZone::utc()));
    [[nodiscard]] QDateTime now() const override { return m_now; }
    void set(const QDateTime &t);
    void advanceSecs(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    void advanceMSecs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};

} // namespace hd
