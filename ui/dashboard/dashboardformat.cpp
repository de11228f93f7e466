// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboard/dashboardformat.h"

#include <QLocale>

#include <cmath>

namespace hd::dashboard {

QString Format::duration(std::optional<qint64> secs)
{
    if (!secs)
        return QStringLiteral("–");
    const QLocale l;
    const qint64 s = qMax<qint64>(0, *secs);
    if (s < 3600)
        return tr("%1 min").arg(l.toString((s + 30) / 60));
    if (s < 48 * 3600) {
        const qint64 minutes = (s + 30) / 60;
        return tr("%1 h %2 min").arg(l.toString(minutes / 60), l.toString(minutes % 60));
    }
    return tr("%1 days").arg(l.toString(double(s) / 86400.0, 'f', 1));
}

QString Format::percent(std::optional<double> share)
{
    if (!share)
        return QStringLiteral("–");
    return tr("%1%").arg(QLocale().toString(*share * 100.0, 'f', 1));
}

QString Format::count(qint64 n)
{
    return QLocale().toString(n);
}

QString Format::change(double current, double previous)
{
    if (previous <= 0)
        return current > 0 ? tr("new this period") : QString();
    const double pct = (current - previous) / previous * 100.0;
    if (std::abs(pct) < 0.5)
        return tr("no change vs previous period");
    const QString arrow = pct > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ ");
    return tr("%1 vs previous period")
        .arg(arrow + tr("%1%").arg(QLocale().toString(std::abs(pct), 'f', 0)));
}

QString Format::pointsChange(std::optional<double> current, std::optional<double> previous)
{
    if (!current || !previous)
        return QString();
    const double points = (*current - *previous) * 100.0;
    if (std::abs(points) < 0.05)
        return tr("no change vs previous period");
    const QString arrow = points > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ ");
    return tr("%1 vs previous period")
        .arg(arrow + tr("%1 pp").arg(QLocale().toString(std::abs(points), 'f', 1)));
}

namespace {
Sentiment sentimentOf(double current, double previous, bool upIsGood)
{
    if (current == previous)
        return Sentiment::Neutral;
    return (current > previous) == upIsGood ? Sentiment::Good : Sentiment::Bad;
}

TileText countText(const QString &title, qint64 cur, qint64 prev, std::optional<bool> upIsGood)
{
    return {title,
            Format::count(cur),
            Format::change(double(cur), double(prev)),
            upIsGood ? sentimentOf(double(cur), double(prev), *upIsGood) : Sentiment::Neutral,
            {}};
}

TileText durationText(const QString &title, const reporting::DurationStats &cur,
                      const reporting::DurationStats &prev)
{
    const bool both = cur.count && prev.count;
    return {title,
            Format::duration(cur.count ? std::optional<qint64>(cur.median) : std::nullopt),
            both ? Format::change(double(cur.median), double(prev.median)) : QString(),
            both ? sentimentOf(double(cur.median), double(prev.median), false) : Sentiment::Neutral,
            {}};
}

TileText shareText(const QString &title, std::optional<double> cur, std::optional<double> prev,
                   bool upIsGood)
{
    return {title,
            Format::percent(cur),
            Format::pointsChange(cur, prev),
            cur && prev ? sentimentOf(*cur, *prev, upIsGood) : Sentiment::Neutral,
            {}};
}
} // namespace

std::array<TileText, kTileCount> tileTexts(const reporting::Report &r)
{
    const reporting::Kpis &c = r.current;
    const reporting::Kpis &p = r.previous;
    std::array<TileText, kTileCount> t{
        countText(Format::tr("Created"), c.created, p.created, std::nullopt),
        countText(Format::tr("Solved"), c.solved, p.solved, true),
        countText(Format::tr("Backlog"), c.backlogEnd, p.backlogEnd, false),
        durationText(Format::tr("First response"), c.firstResponseBusiness,
                     p.firstResponseBusiness),
        durationText(Format::tr("Resolution"), c.resolutionBusiness, p.resolutionBusiness),
        shareText(Format::tr("SLA compliance"), c.slaCompliance(), p.slaCompliance(), true),
        shareText(Format::tr("Reopened"), c.reopenRate(), p.reopenRate(), false),
        shareText(Format::tr("Satisfaction (CSAT)"), c.csatScore(), p.csatScore(), true),
    };
    t[size_t(Tile::Created)].detail = Format::tr("%1 inbound, %2 outbound")
                                          .arg(Format::count(c.inbound), Format::count(c.outbound));
    t[size_t(Tile::FirstResponse)].detail
        = Format::tr("Median in business hours. Mean %1; in calendar time: median %2")
              .arg(Format::duration(c.firstResponseBusiness.count ? std::optional<qint64>(
                                        qint64(c.firstResponseBusiness.mean()))
                                                                  : std::nullopt),
                   Format::duration(c.firstResponse.count
                                        ? std::optional<qint64>(c.firstResponse.median)
                                        : std::nullopt));
    t[size_t(Tile::Resolution)].detail
        = Format::tr("Median in business hours. Mean %1; in calendar time: median %2")
              .arg(Format::duration(c.resolutionBusiness.count
                                        ? std::optional<qint64>(qint64(c.resolutionBusiness.mean()))
                                        : std::nullopt),
                   Format::duration(c.resolution.count ? std::optional<qint64>(c.resolution.median)
                                                       : std::nullopt));
    t[size_t(Tile::Csat)].detail
        = Format::tr("%1 of the resolved tickets were rated (%2 ratings)")
              .arg(Format::percent(c.csatResponseRate()), Format::count(c.csatResponses));
    return t;
}

} // namespace hd::dashboard
