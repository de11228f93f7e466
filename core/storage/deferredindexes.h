// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QStringList>

namespace hd {

class Database;

/// Secondary indexes (and chosen triggers) of some tables dropped for a bulk load into empty
/// tables and made again from their own SQL afterwards: building an index once from the loaded
/// rows costs less than keeping it up to date row by row. Both steps run inside the caller's
/// transaction, so a failed load rolls the drop back too. UNIQUE and PRIMARY KEY constraints
/// stay (their automatic indexes have no SQL to rebuild from).
class DeferredIndexes
{
public:
    /// Drops every index with SQL on `tables`, and the triggers named in `triggers` (the caller
    /// makes up for what they would have done to the loaded rows).
    static Result<DeferredIndexes> drop(Database &db, const QStringList &tables,
                                        const QStringList &triggers);
    /// Creates them again.
    Result<void> restore(Database &db);

private:
    QStringList m_sql; ///< CREATE statements, in the order read
};

} // namespace hd
