// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reporting/facts.h"

#include <QHash>

namespace hd {
class Database;
}

namespace hd::reporting {

/// The SLA policies tickets are measured with, read from sla_policies (the default one for
/// tickets without a policy; SlaService's built-in default when the table has none).
class PolicyCache
{
public:
    explicit PolicyCache(Database &db)
        : m_db(db)
    { }
    Result<SlaPolicy> policy(RowId policyId);
    /// A digest of every stored policy: when it changes, business times must be recomputed.
    static Result<QString> fingerprint(Database &db);

private:
    Database &m_db;
    QHash<RowId, SlaPolicy> m_cache;
};

/// Facts inputs of the given tickets, read from tickets, ticket_tags and status events. Tickets
/// that no longer exist are left out. The second member is each ticket's sla_policy_id.
struct LoadedInput
{
    FactsInput input;
    RowId policyId = 0;
};
Result<QList<LoadedInput>> loadInputs(Database &db, const QList<RowId> &ticketIds);

/// Facts rows of ticket_facts.
Result<QHash<RowId, TicketFacts>> loadFacts(Database &db, const QList<RowId> &ticketIds);
Result<void> deleteFacts(Database &db, const QList<RowId> &ticketIds);
Result<void> insertFacts(Database &db, const QList<TicketFacts> &facts);

/// Days as stored in solve_days / reopen_days: a JSON array ("[20000,20003]").
QString daysText(const QList<qint64> &days);
QList<qint64> daysFromText(const QString &text);
/// Tags as stored in ticket_facts.tags: a JSON array of strings.
QString tagsText(const QStringList &tags);
QStringList tagsFromText(const QString &text);

/// A JSON array of ids, for "IN (SELECT value FROM json_each(?))".
QString idsJson(const QList<RowId> &ids);

} // namespace hd::reporting
