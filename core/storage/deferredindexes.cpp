// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/deferredindexes.h"

#include "core/storage/database.h"

namespace hd {

Result<DeferredIndexes> DeferredIndexes::drop(Database &db, const QStringList &tables,
                                              const QStringList &triggers)
{
    DeferredIndexes d;
    QStringList drops;
    auto q = db.exec(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                    "WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
                                    "ORDER BY rowid"));
    if (!q)
        return q.error();
    while (q->next()) {
        const QString type = q->value(0).toString();
        const QString name = q->value(1).toString();
        const bool index = type == QLatin1String("index");
        if (!tables.contains(q->value(2).toString()) || (!index && !triggers.contains(name)))
            continue;
        d.m_sql << q->value(3).toString();
        drops << (index ? QStringLiteral("DROP INDEX \"%1\"")
                        : QStringLiteral("DROP TRIGGER \"%1\""))
                     .arg(name);
    }
    q->finish();
    for (const QString &sql : std::as_const(drops))
        if (auto r = db.exec(sql); !r)
            return r.error();
    return d;
}

Result<void> DeferredIndexes::restore(Database &db)
{
    for (const QString &sql : std::as_const(m_sql))
        if (auto r = db.exec(sql); !r)
            return r.error();
    m_sql.clear();
    return {};
}

} // namespace hd
