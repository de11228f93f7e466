// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/reporting/schedule.h"

#include <QDialog>
#include <QObject>
#include <QTimer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace hd {

class Clock;
class Database;
class ImportJob;
class Settings;

/// Writes the scheduled report exports (setting reports/schedules) that are due: brings the
/// report figures up to date and builds the reports on a worker thread, then on the GUI thread
/// writes each file atomically into its folder (CSV in UTF-8 with a byte order mark, or a PDF
/// as the dashboard's), and only then records the period as exported. A folder that is missing
/// or not writable fails the schedule with a message; it stays due and is tried again on the
/// next run. After a pause longer than a period (the application was closed for a week) only
/// the last complete period is written, not every one missed. Report days are local dates of
/// the system time zone, as in the dashboard and the command line.
class ScheduledExporter : public QObject
{
    Q_OBJECT
public:
    ScheduledExporter(Database &db, const Clock &clock, Settings &settings,
                      QObject *parent = nullptr);
    ~ScheduledExporter() override;

    /// Runs after `firstDelayMs`, then every `intervalMs`.
    void start(int firstDelayMs, int intervalMs);
    /// Exports every due schedule (unless a run is going on). Returns at once; finished()
    /// follows, after exported()/failed() for each due schedule.
    void runDue();
    [[nodiscard]] bool isRunning() const { return m_job != nullptr; }
    /// Why reports cannot be written into `folder` (missing, not a folder, not writable);
    /// empty when they can.
    [[nodiscard]] static QString folderProblem(const QString &folder);

Q_SIGNALS:
    void exported(const QString &path);
    void failed(const QString &message);
    /// A run ended (also when nothing was due).
    void finished();

private:
    void markExported(const reporting::ExportSchedule &done, QDate to);

    Database &m_db;
    const Clock &m_clock;
    Settings &m_settings;
    QTimer m_timer;
    ImportJob *m_job = nullptr;
};

/// Reports > Scheduled Exports…: a table of the scheduled exports (frequency, format, folder,
/// last period written). OK checks every folder (it must exist and be writable) and saves the
/// list into the settings; a schedule whose frequency, format or folder changed counts as new
/// (its last complete period is written on the next run).
class ScheduledExportsDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { FrequencyColumn, FormatColumn, FolderColumn, LastColumn, ColumnCount };

    explicit ScheduledExportsDialog(Settings &settings, QWidget *parent = nullptr);

    /// The schedules as the table shows them now.
    [[nodiscard]] QList<reporting::ExportSchedule> schedules() const;
    [[nodiscard]] QTableWidget *table() const { return m_table; }
    /// The combo boxes and folder of a row (tests).
    [[nodiscard]] QComboBox *frequencyBox(int row) const;
    [[nodiscard]] QComboBox *formatBox(int row) const;
    void setFolder(int row, const QString &folder);
    /// The validation message shown, empty when none.
    [[nodiscard]] QString errorText() const;

    /// Saves into the settings when every folder is usable; otherwise shows why and stays.
    void accept() override;

private:
    void addRow(const reporting::ExportSchedule &s);
    void addSchedule();
    void removeSchedule();
    void chooseFolder();
    void updateButtons();
    void showError(const QString &message);

    Settings &m_settings;
    QList<reporting::ExportSchedule> m_loaded; ///< per row, as loaded or added
    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_choose = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace hd
