// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QJsonObject>
#include <QString>

namespace hd {

/// One local change as an operation for the server (docs/sync.md "Operations and the outbox"):
/// intent, not a row image. People and tickets are named by uuid, categories by name.
struct JournalOp
{
    QString kind; ///< create_ticket, add_message, set_status, assign, ...
    QString ticketUuid; ///< the ticket it is about
    QJsonObject payload;
    QJsonObject base; ///< what the agent saw of the changed field (empty when nothing to compare)
};

/// Where TicketStore writes the operations of a replica that syncs with a server. record() runs
/// inside the change's own transaction, so an operation is kept exactly when its change is;
/// a failing record() rolls the change back. A store without a journal (a standalone desktop,
/// the server itself) records nothing.
class OpJournal
{
public:
    virtual ~OpJournal() = default;
    virtual Result<void> record(const JournalOp &op) = 0;
};

} // namespace hd
