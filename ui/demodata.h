// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include <functional>
#include <optional>

class QWidget;

namespace hd {

class Database;
class Settings;

/// On the first start with an empty database, offers to load demo data so a newcomer sees a
/// living workspace. Seeding runs on a worker thread (its own database connection) behind a
/// cancellable progress dialog; the GUI thread never waits on it.
class DemoData
{
    Q_DECLARE_TR_FUNCTIONS(hd::DemoData)
public:
    static constexpr qint64 kTickets = 3000;

    /// Asks (once per installation) when the database has no tickets. done(loaded) runs on the
    /// GUI thread when the offer is settled.
    static void offer(QWidget *parent, Database &db, Settings &settings,
                      std::function<void(bool)> done);
    /// Loads demo data without asking (--demo-data).
    static void load(QWidget *parent, Database &db, std::function<void(bool)> done);

    /// Test and automation hook: the answer the next offer gets without showing the question.
    static void setNextAnswer(std::optional<bool> answer);
};

} // namespace hd
