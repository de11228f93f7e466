// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QCoreApplication>
#include <QDateTime>

#include <functional>

namespace hd {

class Database;

struct SeedOptions
{
    qint64 tickets = 1000;
    quint32 seed = 42;
    QDateTime end; ///< newest ticket time; the clock's now when unset
    int years = 3; ///< how far back the oldest ticket goes
    /// "ko" or "en" for data in one language (the GUI's demo data follows the UI), empty for a
    /// Korean/English mix (60/40) as in a Korean company serving foreign customers.
    QString language;
    /// Called every few thousand tickets; return false to cancel (nothing is kept of the
    /// unfinished chunk; finished chunks stay).
    std::function<bool(qint64 done, qint64 total)> progress;
};

struct SeedReport
{
    qint64 tickets = 0;
    qint64 messages = 0;
    qint64 events = 0;
    qint64 customers = 0;
    qint64 agents = 0;
    qint64 milliseconds = 0;
    bool cancelled = false;
};

/// Makes realistic demo data: Korean and English conversations over several years with growth,
/// weekday and hour-of-day shape, agents, customers, teams and categories, a status mix like a
/// real helpdesk's (older tickets closed), events for every change, SLA due times, CSAT and the
/// search index. Deterministic for a seed. Writes in chunks of 10,000 tickets, each one
/// transaction, while a second thread generates the next chunk. Large seeds into an empty
/// database run in bulk mode: no rollback journal and list indexes rebuilt once at the end (a
/// seed that fails there leaves a database to delete; an existing database is never seeded so).
class Seeder
{
    Q_DECLARE_TR_FUNCTIONS(hd::Seeder)
public:
    Seeder(Database &db, QDateTime now);
    Result<SeedReport> run(const SeedOptions &options);

private:
    Database &m_db;
    QDateTime m_now;
};

} // namespace hd
