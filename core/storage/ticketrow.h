// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QString>

namespace hd {
class Rows;
}

namespace hd::ticketrow {

/// The SELECT list and FROM clause that read a whole Ticket (with the names of its requester,
/// assignee and category). fromQuery() reads a row of it.
QString selectSql();
Ticket fromQuery(const Rows &q);

} // namespace hd::ticketrow
