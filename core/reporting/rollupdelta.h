// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reporting/facts.h"

#include <QHash>

namespace hd {
class Database;
}

namespace hd::reporting {

/// Changes to the rollup tables from a batch of recomputed tickets: old facts are added with
/// sign -1, new ones with +1; apply() adds the sums to report_daily, report_dim and
/// report_daily_tag (rows are created as needed; rows that reach zero stay, as zeros).
class RollupDelta
{
public:
    void add(const TicketFacts &f, int sign);
    Result<void> apply(Database &db) const;

private:
    struct CubeKey
    {
        qint64 day;
        QString channel;
        QString direction;
        RowId category;
        int priority;
        RowId team;
        RowId assignee;
        bool operator==(const CubeKey &) const = default;
        friend size_t qHash(const CubeKey &k, size_t seed = 0)
        {
            return qHashMulti(seed, k.day, k.channel, k.direction, k.category, k.priority, k.team,
                              k.assignee);
        }
    };
    struct DimKey
    {
        int dim;
        QString key;
        qint64 day;
        bool operator==(const DimKey &) const = default;
        friend size_t qHash(const DimKey &k, size_t seed = 0)
        {
            return qHashMulti(seed, k.dim, k.key, k.day);
        }
    };
    QHash<CubeKey, Counters> m_cube;
    QHash<DimKey, Counters> m_dims;
    QHash<std::pair<qint64, QString>, qint64> m_tags;
};

} // namespace hd::reporting
