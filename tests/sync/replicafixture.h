// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A desktop replica for sync tests: its own database with the sync tables, a TicketStore that
// records into the outbox, and a SyncClient talking to a server through a given network. And
// the state of a database as text, to compare replicas with the server.
#include "core/base/clock.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/searchindex.h"
#include "core/storage/ticketstore.h"
#include "sync/replica.h"
#include "sync/syncclient.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

struct ReplicaFixture
{
    QTemporaryDir dir;
    hd::ManualClock clock{QDateTime(QDate(2025, 1, 6), QTime(10, 0), QTimeZone::utc())};
    std::unique_ptr<hd::Database> db;
    std::unique_ptr<hd::TicketStore> store;
    std::unique_ptr<hd::sync::Outbox> outbox;
    std::unique_ptr<hd::sync::SyncClient> client;

    ReplicaFixture(QNetworkAccessManager &network, const QUrl &server, const QString &token,
                   QRandomGenerator *random = nullptr)
    {
        auto opened = hd::Database::open(dir.filePath("replica.sqlite"));
        if (!opened || !hd::sync::replica::install(**opened))
            qFatal("cannot open a replica");
        db = std::move(opened).value();
        store = std::make_unique<hd::TicketStore>(*db, clock);
        outbox = std::make_unique<hd::sync::Outbox>(*db, clock, random);
        store->setJournal(outbox.get());
        client
            = std::make_unique<hd::sync::SyncClient>(*db, store->searchIndex(), *outbox, network);
        client->setServer(server, token);
        client->setRetryBase(0.02);
    }

    /// One round to the end (retrying through failures); false when it did not end in time.
    bool sync(int timeoutMs = 60000)
    {
        QSignalSpy synced(client.get(), &hd::sync::SyncClient::synced);
        client->syncNow();
        return synced.wait(timeoutMs);
    }

    int pending() { return *outbox->count(); }

    /// The local id of the agent with this uuid (people arrive through the feed).
    hd::RowId agentId(const QString &uuid)
    {
        return db->scalar("SELECT id FROM agents WHERE uuid = ?", {uuid})->toLongLong();
    }

    hd::Ticket ticket(const QString &uuid) { return *store->find(uuid); }
};

/// Every ticket and message of a database as lines, people and links by uuid, sorted: two
/// databases with the same lines hold the same tickets.
inline QStringList contentOf(hd::Database &db)
{
    const auto must = [](hd::Result<hd::Rows> r) {
        if (!r)
            qFatal("contentOf: %s", qPrintable(r.errorMessage()));
        return *r;
    };
    QStringList out;
    auto t = must(db.exec(
        "SELECT t.uuid, t.number, t.subject, t.status, t.priority, coalesce(c.name, ''), "
        "coalesce(a.uuid, ''), coalesce(tm.uuid, ''), coalesce(r.uuid, ''), t.archived, "
        "coalesce(mi.uuid, ''), coalesce(t.csat, 0), t.channel, t.direction, "
        "(SELECT coalesce(group_concat(tag, ','), '') FROM (SELECT tag FROM ticket_tags "
        "WHERE ticket_id = t.id ORDER BY tag)), t.created_at, t.updated_at, "
        "coalesce(t.solved_at, 0), coalesce(t.closed_at, 0), coalesce(t.first_response_at, 0), "
        "coalesce(sf.uuid, '') FROM tickets t "
        "LEFT JOIN categories c ON c.id = t.category_id LEFT JOIN agents a ON a.id = t.assignee_id "
        "LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN customers r ON r.id = t.requester_id "
        "LEFT JOIN tickets mi ON mi.id = t.merged_into "
        "LEFT JOIN tickets sf ON sf.id = t.split_from"));
    while (t.next()) {
        QStringList f;
        for (int i = 0; i < 21; ++i)
            f << t.value(i).toString();
        out << "ticket " + f.join('|');
    }
    auto m
        = must(db.exec("SELECT m.uuid, t.uuid, m.author_kind, coalesce(a.uuid, ''), "
                       "coalesce(c.uuid, ''), m.visibility, m.body, m.created_at, "
                       "coalesce(mf.uuid, '') FROM messages m JOIN tickets t ON t.id = m.ticket_id "
                       "LEFT JOIN agents a ON a.id = m.author_agent_id "
                       "LEFT JOIN customers c ON c.id = m.author_customer_id "
                       "LEFT JOIN tickets mf ON mf.id = m.moved_from"));
    while (m.next()) {
        QStringList f;
        for (int i = 0; i < 9; ++i)
            f << m.value(i).toString();
        out << "message " + f.join('|');
    }
    // The history, with ids that differ between databases as uuids and names.
    auto e = must(db.exec(
        "SELECT t.uuid, e.kind, e.actor_kind, coalesce(CASE e.actor_kind WHEN 'agent' THEN "
        "(SELECT uuid FROM agents WHERE id = e.actor_id) WHEN 'customer' THEN (SELECT uuid FROM "
        "customers WHERE id = e.actor_id) END, ''), e.at, "
        "CASE e.kind WHEN 'assignee' THEN (SELECT uuid FROM agents WHERE id = CAST(e.old_value AS "
        "BIGINT)) "
        "WHEN 'team' THEN (SELECT uuid FROM teams WHERE id = CAST(e.old_value AS BIGINT)) "
        "WHEN 'category' THEN (SELECT name FROM categories WHERE id = CAST(e.old_value AS BIGINT)) "
        "WHEN 'first_response' THEN NULL ELSE e.old_value END, "
        "CASE e.kind WHEN 'assignee' THEN (SELECT uuid FROM agents WHERE id = CAST(e.new_value AS "
        "BIGINT)) "
        "WHEN 'team' THEN (SELECT uuid FROM teams WHERE id = CAST(e.new_value AS BIGINT)) "
        "WHEN 'category' THEN (SELECT name FROM categories WHERE id = CAST(e.new_value AS BIGINT)) "
        "WHEN 'first_response' THEN NULL ELSE e.new_value END "
        "FROM events e JOIN tickets t ON t.id = e.ticket_id"));
    while (e.next()) {
        QStringList f;
        for (int i = 0; i < 7; ++i)
            f << (e.value(i).isNull() ? QString("<null>") : e.value(i).toString());
        out << "event " + f.join('|');
    }
    out.sort();
    return out;
}

/// Lines present in one list only, for failure messages.
inline QString difference(const QStringList &a, const QStringList &b)
{
    QStringList out;
    for (const QString &l : a)
        if (!b.contains(l))
            out << "- " + l;
    for (const QString &l : b)
        if (!a.contains(l))
            out << "+ " + l;
    return out.mid(0, 12).join('\n');
}
