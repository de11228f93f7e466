// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/router.h"

#include <QCoreApplication>

#include <memory>

namespace hd {
class Clock;
class Database;
class TicketStore;
} // namespace hd

namespace hd::server {

class LoginLimiter;

/// The API's handlers (accounts, sign-in, read-only tickets) and their place in the route table.
class Api
{
    Q_DECLARE_TR_FUNCTIONS(hd::server::Api)

public:
    static constexpr int kMaxPageSize = 200;

    Api(Database &db, const Clock &clock, Accounts &accounts, LoginLimiter &limiter);
    ~Api();

    void registerRoutes(Router &router);

private:
    Response login(const Call &c);
    Response logout(const Call &c);
    Response me(const Call &c);
    Response listAgents(const Call &c);
    Response createAgent(const Call &c);
    Response listTickets(const Call &c);
    Response ticket(const Call &c);
    Response openApi(const Call &c);

    Database &m_db;
    const Clock &m_clock;
    Accounts &m_accounts;
    LoginLimiter &m_limiter;
    std::unique_ptr<TicketStore> m_tickets;
};

} // namespace hd::server
