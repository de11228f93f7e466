// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/testdatabase.h"

#include "core/base/clock.h"
#include "core/demo/seeder.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"
#include "core/workflow/slaservice.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

/// A fresh database in a temporary folder with a manual clock (Monday 2025-01-06 09:00 UTC),
/// a directory and a ticket store. Helpers fail the test on any error.
struct StoreFixture
{
    /// Where the database lives: always SQLite, or the server's database (PostgreSQL in a
    /// test's _pg variant, see support/testdatabase.h).
    enum class Backend { SQLite, Server };

    QTemporaryDir dir;
    hd::ManualClock clock{QDateTime(QDate(2025, 1, 6), QTime(9, 0), QTimeZone::utc())};
    testdb::PostgresDatabase pg; ///< before db: dropped after db closed
    std::unique_ptr<hd::Database> db;
    std::unique_ptr<hd::Directory> directory;
    std::unique_ptr<hd::TicketStore> store;

    explicit StoreFixture(Backend backend = Backend::SQLite)
    {
        if (backend == Backend::Server) {
            db = testdb::openServerDatabase(dir.filePath("test.sqlite"), &pg);
        } else {
            auto opened = hd::Database::open(dir.filePath("test.sqlite"));
            if (!opened)
                qFatal("cannot open test database: %s", qPrintable(opened.errorMessage()));
            db = std::move(opened).value();
        }
        directory = std::make_unique<hd::Directory>(*db, clock);
        store = std::make_unique<hd::TicketStore>(*db, clock);
        // A 24/7 policy keeps SLA arithmetic out of tests that are not about SLAs.
        hd::SlaPolicy p(QStringLiteral("always"), QStringLiteral("Always"),
                        hd::BusinessCalendar::always());
        p.setTargets(hd::SlaPriority::Normal, {3600, 8 * 3600});
        p.setTargets(hd::SlaPriority::Urgent, {900, 3600});
        p.setTargets(hd::SlaPriority::High, {1800, 4 * 3600});
        p.setTargets(hd::SlaPriority::Low, {4 * 3600, 24 * 3600});
        if (!store->sla().setDefaultPolicy(p))
            qFatal("cannot set SLA policy");
    }

    hd::Agent agent(const QString &name)
    {
        hd::Agent a;
        a.name = name;
        a.email = name.toLower() + "@example.com";
        auto r = directory->addAgent(a);
        if (!r)
            qFatal("addAgent: %s", qPrintable(r.errorMessage()));
        return *r;
    }

    hd::Customer customer(const QString &name)
    {
        auto r = directory->ensureCustomer(hd::Channel::Email, name.toLower() + "@customer.test",
                                           name);
        if (!r)
            qFatal("ensureCustomer: %s", qPrintable(r.errorMessage()));
        return *r;
    }

    /// Demo data (core/demo/seeder.h): `tickets` over the year before the clock's now.
    bool seedDemo(qint64 tickets)
    {
        hd::SeedOptions o;
        o.tickets = tickets;
        o.years = 1;
        o.end = clock.now();
        return hd::Seeder(*db, clock.now()).run(o).ok();
    }

    hd::Ticket ticket(const QString &subject, const QString &body = QString(),
                      hd::RowId requester = 0)
    {
        hd::NewTicket t;
        t.subject = subject;
        t.body = body;
        t.requesterId = requester;
        auto r = store->create(t);
        if (!r)
            qFatal("create: %s", qPrintable(r.errorMessage()));
        return *r;
    }

    hd::Message reply(hd::RowId ticket, hd::RowId agent, const QString &body,
                      hd::Visibility v = hd::Visibility::Public)
    {
        hd::NewMessage m;
        m.authorKind = hd::AuthorKind::Agent;
        m.authorId = agent;
        m.visibility = v;
        m.body = body;
        auto r = store->addMessage(ticket, m);
        if (!r)
            qFatal("reply: %s", qPrintable(r.errorMessage()));
        return *r;
    }

    hd::Message customerWrites(hd::RowId ticket, hd::RowId customer, const QString &body)
    {
        hd::NewMessage m;
        m.authorKind = hd::AuthorKind::Customer;
        m.authorId = customer;
        m.body = body;
        auto r = store->addMessage(ticket, m);
        if (!r)
            qFatal("customer message: %s", qPrintable(r.errorMessage()));
        return *r;
    }

    qint64 count(const char *table)
    {
        return db->scalar(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table))
            ->toLongLong();
    }
};
