// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/cli.h"
#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/domain/ticket.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"
#include "sync/replica.h"

#include <memory>

namespace hd::cli {

/// The opened database and the core objects a command works with.
struct Session
{
    std::unique_ptr<Database> db;
    std::unique_ptr<Directory> directory;
    std::unique_ptr<TicketStore> store;
    /// A replica of a server (a database with sync tables) records every change here.
    std::unique_ptr<sync::Outbox> outbox;
    const Clock &clock = SystemClock::instance();

    /// Opens the database named by --db (or the settings, or the data folder).
    static Result<std::unique_ptr<Session>> open(const QCommandLineParser &parser);
    /// The agent named by --as, else the first agent; makes a "helpdesk-cli" admin when there
    /// is no agent at all.
    Result<Agent> actingAgent(const QCommandLineParser &parser);
    Result<Ticket> ticket(const QString &key) { return store->find(key); }
};

/// Parses ctx.arguments with the common options plus `options`; prints --help. Returns false
/// (with rc set) when the command should stop.
bool parse(Context &ctx, QCommandLineParser &parser, const QList<QCommandLineOption> &options,
           const QString &positional, int minPositional, int maxPositional, int *rc);

int failWith(Context &ctx, const Error &e);
bool wantsJson(const QCommandLineParser &p);

} // namespace hd::cli
