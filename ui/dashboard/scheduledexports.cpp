// SPDX-License-Identifier: GPL-3.0-or-later
// ScheduledExporter: the scheduled report exports (the dialog is in scheduledexportsdialog.cpp).
#include "ui/dashboard/scheduledexports.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/settings.h"
#include "core/reporting/reportformat.h"
#include "core/reporting/rollups.h"
#include "ui/dashboard/dashboardpdf.h"
#include "ui/importdialogjob.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimeZone>

#include <memory>

namespace hd {

using namespace reporting;

namespace {

/// One due schedule: its report, or why it could not be computed.
struct Item
{
    ExportSchedule schedule;
    ReportQuery query;
    Report report;
    QString error;
};

/// Writes the report file; an empty string on success, else the message.
QString writeReport(const ExportSchedule &s, const Report &report, const QString &path)
{
    if (s.format == ExportSchedule::Csv) {
        auto saved = saveCsv(report, path);
        return saved ? QString() : saved.errorMessage();
    }
    // Volume alerts are about today, not the exported period: none are listed.
    auto written = DashboardPdf::write(report, nullptr, path,
                                       s.format == ExportSchedule::PdfLetter ? QPageSize::Letter
                                                                             : QPageSize::A4);
    return written ? QString() : written.errorMessage();
}

} // namespace

ScheduledExporter::ScheduledExporter(Database &db, const Clock &clock, Settings &settings,
                                     QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_settings(settings)
{
    connect(&m_timer, &QTimer::timeout, this, &ScheduledExporter::runDue);
}

ScheduledExporter::~ScheduledExporter() = default;

void ScheduledExporter::start(int firstDelayMs, int intervalMs)
{
    QTimer::singleShot(firstDelayMs, this, &ScheduledExporter::runDue);
    m_timer.start(intervalMs);
}

QString ScheduledExporter::folderProblem(const QString &folder)
{
    const QString shown = QDir::toNativeSeparators(folder);
    if (folder.trimmed().isEmpty())
        return tr("No folder is chosen.");
    const QFileInfo info(folder);
    if (!info.exists())
        return tr("The folder '%1' does not exist.").arg(shown);
    if (!info.isDir())
        return tr("'%1' is not a folder.").arg(shown);
    if (!info.isWritable())
        return tr("The folder '%1' is not writable.").arg(shown);
    return {};
}

void ScheduledExporter::runDue()
{
    if (m_job)
        return;
    auto schedules = schedulesFromJson(m_settings.value(keys::reportSchedules));
    if (!schedules) {
        Q_EMIT failed(schedules.errorMessage());
        Q_EMIT finished();
        return;
    }
    const QDate today = m_clock.now().toTimeZone(QTimeZone::systemTimeZone()).date();
    auto items = std::make_shared<QList<Item>>();
    for (const ExportSchedule &s : std::as_const(*schedules)) {
        if (!isDue(s, today))
            continue;
        // A folder that cannot take the file fails now (and again on the next run) without
        // computing a report for nothing.
        if (const QString problem = folderProblem(s.folder); !problem.isEmpty()) {
            qCWarning(lcUi) << "scheduled export:" << problem;
            Q_EMIT failed(tr("Scheduled report not saved: %1").arg(problem));
            continue;
        }
        items->append(Item{s, exportQuery(s, today), {}, {}});
    }
    if (items->isEmpty()) {
        Q_EMIT finished();
        return;
    }

    m_job = new ImportJob(this);
    ImportJob *job = m_job;
    auto refreshError = std::make_shared<QString>();
    connect(job, &ImportJob::finished, this, [this, job, items, refreshError] {
        job->deleteLater();
        m_job = nullptr;
        if (job->isCancelled()) {
            Q_EMIT finished();
            return;
        }
        for (const Item &item : std::as_const(*items)) {
            const QString error = !refreshError->isEmpty() ? *refreshError : item.error;
            if (!error.isEmpty()) {
                qCWarning(lcUi) << "scheduled export:" << error;
                Q_EMIT failed(tr("Scheduled report not computed: %1").arg(error));
                continue;
            }
            const QString path
                = QDir(item.schedule.folder)
                      .filePath(fileName(item.schedule, item.query.from, item.query.to));
            if (const QString problem = writeReport(item.schedule, item.report, path);
                !problem.isEmpty()) {
                qCWarning(lcUi) << "scheduled export:" << problem;
                Q_EMIT failed(tr("Scheduled report not saved: %1").arg(problem));
                continue;
            }
            markExported(item.schedule, item.query.to);
            Q_EMIT exported(path);
        }
        Q_EMIT finished();
    });
    Database &db = m_db;
    job->start([&db, items, refreshError, job] {
        auto refreshed
            = ReportEngine(db, QTimeZone::systemTimeZone()).refresh([job](qint64, qint64) {
                  return !job->isCancelled();
              });
        if (!refreshed) {
            *refreshError = refreshed.errorMessage();
            return;
        }
        if (refreshed->cancelled)
            return;
        for (Item &item : *items) {
            auto report = ReportBuilder(db).build(item.query);
            if (report)
                item.report = std::move(*report);
            else
                item.error = report.errorMessage();
        }
    });
}

void ScheduledExporter::markExported(const ExportSchedule &done, QDate to)
{
    // Read the list again: the dialog may have changed it while the reports were computed (a
    // schedule given another frequency, format or folder meanwhile is still due).
    auto schedules = schedulesFromJson(m_settings.value(keys::reportSchedules));
    if (!schedules)
        return;
    QList<ExportSchedule> list = *schedules;
    for (ExportSchedule &s : list)
        if (s.id == done.id && s.frequency == done.frequency && s.format == done.format
            && s.folder == done.folder && (!s.lastExportedTo.isValid() || s.lastExportedTo < to))
            s.lastExportedTo = to;
    m_settings.setValue(keys::reportSchedules, schedulesToJson(list));
    m_settings.sync();
}

} // namespace hd
