// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QThread>

namespace hd {
class Database;
} // namespace hd

namespace hd::server {

/// Moves SQLite's WAL checkpoints off the request thread. By default the connection whose
/// commit crosses 1000 WAL pages copies them back into the database file and syncs it, and the
/// request behind that commit (and every request queued behind it) waits ~100-200 ms on a large
/// base. The server turns automatic checkpoints off on its request connection and this thread
/// runs a PASSIVE checkpoint on its own connection every intervalMs: it never blocks writers or
/// readers, and the WAL stays small.
class WalCheckpointer
{
public:
    explicit WalCheckpointer(Database &db, int intervalMs = 500);
    ~WalCheckpointer();
    /// Turns the calling thread's automatic checkpoints off and starts the thread.
    void start();

private:
    Database &m_db;
    int m_intervalMs;
    QThread m_thread;
};

} // namespace hd::server
