// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/reporting/spikes.h"

#include "core/base/clock.h"
#include "core/reporting/facts.h"
#include "core/reporting/rollups.h"
#include "core/reporting/ticketids.h"
#include "core/storage/database.h"

#include <QMap>

#include <cmath>

namespace hd::reporting {

QString wireName(SpikeDimension d)
{
    switch (d) {
    case SpikeDimension::Category:
        return QStringLiteral("category");
    case SpikeDimension::Channel:
        return QStringLiteral("channel");
    case SpikeDimension::Tag:
        return QStringLiteral("tag");
    }
    return {};
}

Baseline ewmaBaseline(const QList<qint64> &values, double alpha)
{
    Baseline b;
    if (values.isEmpty()) {
        b.sigma = 1;
        return b;
    }
    double mean = double(values.first());
    double var = 0;
    for (qsizetype i = 1; i < values.size(); ++i) {
        const double diff = double(values[i]) - mean;
        mean += alpha * diff;
        var = (1 - alpha) * (var + alpha * diff * diff);
    }
    b.expected = mean;
    b.sigma = std::max(std::sqrt(var), std::sqrt(std::max(mean, 1.0)));
    return b;
}

Result<QList<SpikeAlert>> SpikeDetector::detectToday(const Clock &clock, const QTimeZone &zone)
{
    return detect(clock.now().toTimeZone(zone).date());
}

Result<QList<SpikeAlert>> SpikeDetector::detect(QDate date)
{
    const qint64 today = DayMapper::dayOfDate(date);
    const qint64 first = today - 7LL * m_options.weeks;
    // series[(dimension, key)][week back] = count; index 0 = today.
    QMap<std::pair<int, QString>, QList<qint64>> series;
    auto put = [&](SpikeDimension d, const QString &key, qint64 day, qint64 n) {
        if ((today - day) % 7 != 0)
            return;
        QList<qint64> &s = series[{int(d), key}];
        if (s.isEmpty())
            s.resize(m_options.weeks + 1, 0);
        s[(today - day) / 7] += n;
    };
    for (const auto &[dim, spike] : {std::pair{Dim::Category, SpikeDimension::Category},
                                     std::pair{Dim::Channel, SpikeDimension::Channel}}) {
        auto q = m_db.exec(QStringLiteral("SELECT key, day, created FROM report_dim WHERE dim = ? "
                                          "AND day BETWEEN ? AND ?"),
                           {int(dim), first, today});
        if (!q)
            return q.error();
        while (q->next())
            put(spike, q->value(0).toString(), q->value(1).toLongLong(), q->value(2).toLongLong());
    }
    auto tags = m_db.exec(QStringLiteral("SELECT tag, day, created FROM report_daily_tag WHERE day "
                                         "BETWEEN ? AND ?"),
                          {first, today});
    if (!tags)
        return tags.error();
    while (tags->next())
        put(SpikeDimension::Tag, tags->value(0).toString(), tags->value(1).toLongLong(),
            tags->value(2).toLongLong());
    tags->finish();

    QList<SpikeAlert> alerts;
    for (auto it = series.begin(); it != series.end(); ++it) {
        const QList<qint64> &s = it.value();
        const qint64 count = s[0];
        if (count < m_options.minCount)
            continue;
        QList<qint64> history(s.rbegin(), s.rend() - 1); // oldest first, without today
        const Baseline b = ewmaBaseline(history, m_options.alpha);
        if (double(count) <= b.expected + m_options.k * b.sigma)
            continue;
        SpikeAlert a;
        a.dimension = SpikeDimension(it.key().first);
        a.key = it.key().second;
        a.day = date;
        a.count = count;
        a.expected = b.expected;
        a.sigma = b.sigma;
        alerts << a;
    }
    for (SpikeAlert &a : alerts) {
        if (a.dimension == SpikeDimension::Tag) {
            a.name = a.key;
            auto q = m_db.exec(QStringLiteral("SELECT f.ticket_id FROM ticket_facts f, "
                                              "json_each(f.tags) t WHERE f.created_day = ? AND "
                                              "f.merged = 0 AND t.value = ? ORDER BY f.ticket_id"),
                               {today, a.key});
            if (!q)
                return q.error();
            while (q->next())
                a.ticketIds << q->value(0).toLongLong();
            continue;
        }
        ReportFilter f;
        if (a.dimension == SpikeDimension::Category) {
            f.categoryId = a.key.toLongLong();
            auto n = m_db.scalar(QStringLiteral("SELECT name FROM categories WHERE id = ?"),
                                 {a.key.toLongLong()});
            if (!n)
                return n.error();
            a.name = n->isNull() ? tr("(no category)") : n->toString();
        } else {
            f.channel = parseChannel(a.key);
            a.name = f.channel ? displayName(*f.channel) : a.key;
        }
        auto ids = ticketIds(m_db, f, Figure::Created, date, date);
        if (!ids)
            return ids.error();
        a.ticketIds = *ids;
    }
    std::sort(alerts.begin(), alerts.end(), [](const SpikeAlert &x, const SpikeAlert &y) {
        const double ex = (double(x.count) - x.expected) / x.sigma;
        const double ey = (double(y.count) - y.expected) / y.sigma;
        return ex != ey ? ex > ey : x.key < y.key;
    });
    return alerts;
}

} // namespace hd::reporting
