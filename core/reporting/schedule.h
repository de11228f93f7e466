// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/reporting/reportquery.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace hd::reporting {

/// How often a scheduled export runs; each run covers the last complete period.
enum class Frequency { Daily, Weekly, Monthly };
[[nodiscard]] QString wireName(Frequency f); ///< "daily", "weekly", "monthly"
[[nodiscard]] std::optional<Frequency> parseFrequency(QStringView s);

/// A report a manager set up once to be written into a folder every day, week or month
/// (kept as JSON in the setting reports/schedules).
struct ExportSchedule
{
    Q_DECLARE_TR_FUNCTIONS(hd::reporting::ExportSchedule)
public:
    enum Format { Csv, PdfA4, PdfLetter };

    QString id; ///< uuid without braces
    Frequency frequency = Frequency::Weekly;
    Format format = Csv;
    QString folder;
    ReportFilter filter; ///< usually empty (every ticket)
    QDate lastExportedTo; ///< end of the last period written; null = never

    /// A new schedule with a fresh id.
    static ExportSchedule create(Frequency frequency, Format format, const QString &folder);
    bool operator==(const ExportSchedule &) const = default;
};
[[nodiscard]] QString wireName(ExportSchedule::Format f); ///< "csv", "pdf-a4", "pdf-letter"
[[nodiscard]] std::optional<ExportSchedule::Format> parseFormat(QStringView s);
[[nodiscard]] QString fileSuffix(ExportSchedule::Format f); ///< "csv" or "pdf"

/// A period of report days, both ends included.
struct Period
{
    QDate from;
    QDate to;
    bool operator==(const Period &) const = default;
};

/// The last period of `frequency` that ended before `today` (a local report day): yesterday;
/// the ISO week (Monday to Sunday) before the current one; the calendar month before the
/// current one.
[[nodiscard]] Period lastCompletePeriod(Frequency frequency, QDate today);

/// Due when the last complete period has not been written yet (lastExportedTo is null or
/// before its end). Periods missed meanwhile (the application was closed for a while) are not
/// caught up: only the last complete period is exported.
[[nodiscard]] bool isDue(const ExportSchedule &s, QDate today);

/// Trend buckets of the exported report: days for daily and weekly exports, weeks for monthly.
[[nodiscard]] Granularity exportGranularity(Frequency frequency);
/// The report of the last complete period as of `today`, with the schedule's filter.
[[nodiscard]] ReportQuery exportQuery(const ExportSchedule &s, QDate today);

/// "helpdesk-report-weekly-2026-11-23_2026-11-29.csv"; a filter adds its dimensions
/// ("-channel-email-team-3") so that schedules into one folder do not overwrite each other.
/// Always ASCII, never a path separator.
[[nodiscard]] QString fileName(const ExportSchedule &s, QDate from, QDate to);

/// A JSON array of schedule objects (compact).
[[nodiscard]] QString schedulesToJson(const QList<ExportSchedule> &schedules);
/// Reads schedulesToJson()'s output. An empty text is an empty list; anything malformed
/// (not JSON, not an array, a missing or unknown field, a bad date, a repeated id) is an
/// InvalidArgument error naming the problem.
[[nodiscard]] Result<QList<ExportSchedule>> schedulesFromJson(const QString &json);

} // namespace hd::reporting
