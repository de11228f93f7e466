// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/reporting/report.h"

#include <QCoreApplication>
#include <QString>

#include <array>
#include <optional>

namespace hd::dashboard {

/// Whether a change is good news: an increase of solved tickets is, of backlog is not.
enum class Sentiment { Neutral, Good, Bad };

/// The dashboard's headline figures in order (tiles, PDF).
enum class Tile { Created, Solved, Backlog, FirstResponse, Resolution, Sla, Reopens, Csat };
inline constexpr int kTileCount = 8;

/// What a headline tile shows.
struct TileText
{
    QString title;
    QString value;
    QString change; ///< against the previous period; may be empty
    Sentiment sentiment = Sentiment::Neutral;
    QString detail; ///< a longer explanation (tooltip)
};

/// The texts of every headline figure of a report, in Tile order.
[[nodiscard]] std::array<TileText, kTileCount> tileTexts(const reporting::Report &r);

/// Display texts of dashboard figures, in the current QLocale and language.
class Format
{
    Q_DECLARE_TR_FUNCTIONS(hd::dashboard::Format)
public:
    /// "45 min", "3 h 20 min", "2.5 days"; "–" for no value.
    static QString duration(std::optional<qint64> secs);
    /// "93.4%"; "–" for no value.
    static QString percent(std::optional<double> share);
    static QString count(qint64 n);
    /// Change of a count or duration against the previous period: "▲ 12% vs previous period",
    /// "no change", or "" when there is nothing to compare with.
    static QString change(double current, double previous);
    /// Change of a share in percentage points: "▼ 2.1 pp vs previous period".
    static QString pointsChange(std::optional<double> current, std::optional<double> previous);
};

} // namespace hd::dashboard
