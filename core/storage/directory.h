// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>

namespace hd {

class Clock;
class Database;
class Rows;

/// People and groups: agents, customers (with per-channel identities), teams, categories.
class Directory
{
    Q_DECLARE_TR_FUNCTIONS(hd::Directory)

public:
    Directory(Database &db, const Clock &clock);

    Result<Agent> addAgent(Agent agent);
    Result<Agent> agent(RowId id);
    /// By id (digits), email or exact name.
    Result<Agent> findAgent(const QString &key);
    Result<QList<Agent>> agents();

    Result<Team> addTeam(const QString &name);
    Result<QList<Team>> teams();

    Result<Category> ensureCategory(const QString &name);
    Result<QList<Category>> categories();

    Result<Customer> addCustomer(Customer customer);
    Result<Customer> customer(RowId id);
    /// The customer who owns handle on channel (email addresses match case-insensitively).
    Result<Customer> findCustomerByIdentity(Channel channel, const QString &handle);
    /// Finds the customer by identity, or creates one named name (handle if empty).
    Result<Customer> ensureCustomer(Channel channel, const QString &handle, const QString &name);
    /// Links another channel identity to a customer (e.g. a Kakao nickname to an email customer).
    Result<void> addIdentity(RowId customerId, Channel channel, const QString &handle);
    /// Customers whose name, email or phone match a full-text query (Korean-aware), best first.
    Result<QList<Customer>> searchCustomers(const QString &text, int limit = 20);
    /// Drops and rebuilds the customers' search documents (after a database was copied).
    Result<void> rebuildCustomerSearch();
    /// Moves every identity and ticket of `from` to `into` and deletes `from`.
    Result<void> mergeCustomers(RowId from, RowId into);
    /// By id (digits), uuid, identity "channel:handle" ("chat_kakao:김철수"; "kakao" and
    /// "channeltalk" abbreviate the chat channels) or a bare email address.
    Result<Customer> findCustomer(const QString &key);
    /// Customers in id order after `afterId`, with their identities.
    Result<QList<Customer>> customers(int limit = 100, RowId afterId = 0);

    static QString normalizeHandle(Channel channel, const QString &handle);

private:
    /// The customers whose ids the first column of `ids` holds, in that order.
    Result<QList<Customer>> customersOf(Rows ids);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace hd
