// SPDX-License-Identifier: GPL-3.0-or-later
// Scheduled report exports: a due schedule writes its last complete period once, with the
// report's figures; folders that cannot take the file fail and are tried again; the dialog
// edits the list in the settings.
#include "support/storefixture.h"

#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/demo/seeder.h"
#include "core/reporting/report.h"
#include "core/reporting/reportformat.h"
#include "core/reporting/schedule.h"
#include "ui/dashboard/scheduledexports.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace hd;
using namespace hd::reporting;

class TestScheduledExports : public QObject
{
    Q_OBJECT

    StoreFixture m_data;
    Language m_language;
    QTemporaryDir m_settingsDir;
    int m_settingsCount = 0;

    std::unique_ptr<Settings> freshSettings()
    {
        return std::make_unique<Settings>(
            m_settingsDir.filePath(QStringLiteral("s%1.ini").arg(++m_settingsCount)));
    }

    static void save(Settings &settings, const QList<ExportSchedule> &list)
    {
        settings.setValue(keys::reportSchedules, schedulesToJson(list));
    }

    static QList<ExportSchedule> saved(Settings &settings)
    {
        auto r = schedulesFromJson(settings.value(keys::reportSchedules));
        if (!r)
            qWarning() << r.errorMessage();
        return r ? *r : QList<ExportSchedule>{};
    }

    struct Run
    {
        QStringList exported;
        QStringList failed;
    };

    static Run run(ScheduledExporter &exporter)
    {
        QSignalSpy done(&exporter, &ScheduledExporter::finished);
        QSignalSpy exported(&exporter, &ScheduledExporter::exported);
        QSignalSpy failed(&exporter, &ScheduledExporter::failed);
        exporter.runDue();
        if (done.isEmpty() && !done.wait(120000))
            return {{}, {QStringLiteral("no finished() signal")}};
        Run r;
        for (const auto &args : exported)
            r.exported << args.at(0).toString();
        for (const auto &args : failed)
            r.failed << args.at(0).toString();
        return r;
    }

    static QStringList files(const QString &folder)
    {
        return QDir(folder).entryList(QDir::Files, QDir::Name);
    }

    QDate today() const
    {
        return m_data.clock.now().toTimeZone(QTimeZone::systemTimeZone()).date();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_language.apply(QStringLiteral("en")));
        QVERIFY(m_data.seedDemo(2000));
        // Monday 2025-01-06 09:00 UTC is a Monday in every time zone from UTC-9 to UTC+14.
        QCOMPARE(today(), QDate(2025, 1, 6));
    }

    void weeklyCsvWritesLastWeekOnce()
    {
        QTemporaryDir out;
        auto settings = freshSettings();
        const auto schedule
            = ExportSchedule::create(Frequency::Weekly, ExportSchedule::Csv, out.path());
        save(*settings, {schedule});
        ScheduledExporter exporter(*m_data.db, m_data.clock, *settings);

        // Last week: Monday 2024-12-30 to Sunday 2025-01-05 (across the new year).
        Run r = run(exporter);
        QCOMPARE(r.failed, QStringList());
        const QString name = QStringLiteral("helpdesk-report-weekly-2024-12-30_2025-01-05.csv");
        QCOMPARE(r.exported, QStringList{out.filePath(name)});
        QCOMPARE(files(out.path()), QStringList{name});
        QCOMPARE(saved(*settings).value(0).lastExportedTo, QDate(2025, 1, 5));

        // The file is the report of that week, daily buckets, UTF-8 with a byte order mark.
        ReportQuery q;
        q.from = QDate(2024, 12, 30);
        q.to = QDate(2025, 1, 5);
        q.granularity = Granularity::Day;
        auto expected = ReportBuilder(*m_data.db).build(q);
        QVERIFY2(expected.ok(), qPrintable(expected.errorMessage()));
        QFile file(out.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray data = file.readAll();
        QVERIFY(data.startsWith("\xEF\xBB\xBF"));
        QCOMPARE(data, "\xEF\xBB\xBF" + toCsv(*expected).toUtf8());
        QCOMPARE(expected->trend.size(), 7);
        // Its created figure is the number of tickets created that week, counted here directly.
        const QTimeZone zone = QTimeZone::systemTimeZone();
        const qint64 created
            = m_data.db
                  ->scalar(QStringLiteral("SELECT count(*) FROM tickets WHERE created_at >= ? "
                                          "AND created_at < ?"),
                           {q.from.startOfDay(zone).toMSecsSinceEpoch(),
                            q.to.addDays(1).startOfDay(zone).toMSecsSinceEpoch()})
                  ->toLongLong();
        QVERIFY(created > 0);
        const QByteArray line
            = "\ncurrent,2024-12-30,2025-01-05,,,created," + QByteArray::number(created) + '\n';
        QVERIFY2(data.contains(line), data.left(400).constData());

        // Again the same week: nothing to do.
        r = run(exporter);
        QCOMPARE(r.exported, QStringList());
        QCOMPARE(r.failed, QStringList());
        QCOMPARE(files(out.path()).size(), 1);

        // A week later: the next week.
        m_data.clock.advanceSecs(7 * 86400);
        r = run(exporter);
        QCOMPARE(r.failed, QStringList());
        const QString next = QStringLiteral("helpdesk-report-weekly-2025-01-06_2025-01-12.csv");
        QCOMPARE(r.exported, QStringList{out.filePath(next)});
        QCOMPARE(files(out.path()), (QStringList{name, next}));
        QCOMPARE(saved(*settings).value(0).lastExportedTo, QDate(2025, 1, 12));

        // Three weeks away: only the last complete week is written, not the two before it.
        m_data.clock.advanceSecs(21 * 86400);
        r = run(exporter);
        const QString last = QStringLiteral("helpdesk-report-weekly-2025-01-27_2025-02-02.csv");
        QCOMPARE(r.exported, QStringList{out.filePath(last)});
        QCOMPARE(files(out.path()).size(), 3);
        QCOMPARE(saved(*settings).value(0).lastExportedTo, QDate(2025, 2, 2));
        m_data.clock.advanceSecs(-28 * 86400);
        QCOMPARE(today(), QDate(2025, 1, 6));
    }

    void unusableFolderFailsAndIsRetried()
    {
        QTemporaryDir base;
        const QString missing = base.filePath(QStringLiteral("missing"));
        const QString plainFile = base.filePath(QStringLiteral("file.txt"));
        {
            QFile f(plainFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        // A folder nobody may write into (root may write anywhere, but not into /proc).
        QString readOnly = base.filePath(QStringLiteral("readonly"));
        QVERIFY(QDir().mkpath(readOnly));
        QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::ExeOwner));
#ifdef Q_OS_UNIX
        if (::geteuid() == 0)
            readOnly = QStringLiteral("/proc");
#endif

        for (const QString &folder : {missing, plainFile, readOnly}) {
            auto settings = freshSettings();
            save(*settings,
                 {ExportSchedule::create(Frequency::Daily, ExportSchedule::Csv, folder)});
            ScheduledExporter exporter(*m_data.db, m_data.clock, *settings);
            const Run r = run(exporter);
            QCOMPARE(r.exported, QStringList());
            QCOMPARE(r.failed.size(), 1);
            QVERIFY2(r.failed[0].contains(QDir::toNativeSeparators(folder)),
                     qPrintable(r.failed[0]));
            QVERIFY(!saved(*settings).value(0).lastExportedTo.isValid());
        }
        QCOMPARE(files(base.path()), QStringList{QStringLiteral("file.txt")});
        QCOMPARE(QDir(readOnly).entryList({QStringLiteral("helpdesk-report-*")}, QDir::Files),
                 QStringList());

        // The folder appears: the next run writes yesterday's report.
        auto settings = freshSettings();
        save(*settings, {ExportSchedule::create(Frequency::Daily, ExportSchedule::Csv, missing)});
        ScheduledExporter exporter(*m_data.db, m_data.clock, *settings);
        QCOMPARE(run(exporter).failed.size(), 1);
        QVERIFY(QDir().mkpath(missing));
        const Run r = run(exporter);
        QCOMPARE(r.failed, QStringList());
        QCOMPARE(files(missing),
                 QStringList{QStringLiteral("helpdesk-report-daily-2025-01-05_2025-01-05.csv")});
        QCOMPARE(saved(*settings).value(0).lastExportedTo, QDate(2025, 1, 5));
    }

    void malformedSettingsFail()
    {
        auto settings = freshSettings();
        settings->setValue(keys::reportSchedules, QStringLiteral("[{\"id\":"));
        ScheduledExporter exporter(*m_data.db, m_data.clock, *settings);
        const Run r = run(exporter);
        QCOMPARE(r.exported, QStringList());
        QCOMPARE(r.failed.size(), 1);
        QVERIFY2(r.failed[0].contains(QStringLiteral("not valid JSON")), qPrintable(r.failed[0]));
    }

    void pdfSchedules()
    {
        QTemporaryDir out;
        auto settings = freshSettings();
        save(*settings,
             {ExportSchedule::create(Frequency::Monthly, ExportSchedule::PdfA4, out.path()),
              ExportSchedule::create(Frequency::Weekly, ExportSchedule::PdfLetter, out.path())});
        ScheduledExporter exporter(*m_data.db, m_data.clock, *settings);
        const Run r = run(exporter);
        QCOMPARE(r.failed, QStringList());
        QCOMPARE(r.exported.size(), 2);
        // December 2024 on A4 (595 x 842 pt), last week on Letter (612 x 792 pt).
        const QString monthly = QStringLiteral("helpdesk-report-monthly-2024-12-01_2024-12-31.pdf");
        const QString weekly = QStringLiteral("helpdesk-report-weekly-2024-12-30_2025-01-05.pdf");
        QCOMPARE(files(out.path()), (QStringList{monthly, weekly}));
        for (const auto &[name, box] : {std::pair{monthly, QByteArray("/MediaBox [0 0 595")},
                                        std::pair{weekly, QByteArray("/MediaBox [0 0 612")}}) {
            QFile file(out.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray pdf = file.readAll();
            QVERIFY(pdf.startsWith("%PDF-"));
            QVERIFY(pdf.trimmed().endsWith("%%EOF"));
            QVERIFY2(pdf.contains(box), qPrintable(name));
            QVERIFY(pdf.size() > 10000);
        }
        const auto list = saved(*settings);
        QCOMPARE(list.value(0).lastExportedTo, QDate(2024, 12, 31));
        QCOMPARE(list.value(1).lastExportedTo, QDate(2025, 1, 5));
    }

    void dialogEditsTheList()
    {
        QTemporaryDir out;
        auto settings = freshSettings();
        auto ok = [](ScheduledExportsDialog &d) {
            d.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
                ->button(QDialogButtonBox::Ok)
                ->click();
        };
        {
            ScheduledExportsDialog dialog(*settings);
            auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("scheduleTable"));
            QVERIFY(table);
            QCOMPARE(table->rowCount(), 0);
            dialog.findChild<QPushButton *>(QStringLiteral("addScheduleButton"))->click();
            dialog.findChild<QPushButton *>(QStringLiteral("addScheduleButton"))->click();
            QCOMPARE(table->rowCount(), 2);
            QCOMPARE(dialog.frequencyBox(0)->currentData().toInt(), int(Frequency::Weekly));
            dialog.frequencyBox(0)->setCurrentIndex(2);
            dialog.formatBox(0)->setCurrentIndex(1);
            dialog.setFolder(0, out.path());
            // The second row's folder does not exist: OK refuses and says why.
            dialog.setFolder(1, out.filePath(QStringLiteral("nowhere")));
            ok(dialog);
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
            QVERIFY2(dialog.errorText().contains(QStringLiteral("Row 2")),
                     qPrintable(dialog.errorText()));
            QVERIFY(dialog.errorText().contains(QStringLiteral("does not exist")));
            QCOMPARE(settings->value(keys::reportSchedules), QString());
            // Removing it lets OK save the first one.
            table->selectRow(1);
            dialog.findChild<QPushButton *>(QStringLiteral("removeScheduleButton"))->click();
            QCOMPARE(table->rowCount(), 1);
            ok(dialog);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        auto list = saved(*settings);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].frequency, Frequency::Monthly);
        QCOMPARE(list[0].format, ExportSchedule::PdfA4);
        QCOMPARE(list[0].folder, out.path());
        QCOMPARE(list[0].id.size(), 36);

        // A period saved meanwhile is kept by an unchanged schedule; removing empties the list.
        list[0].lastExportedTo = QDate(2024, 12, 31);
        save(*settings, list);
        {
            ScheduledExportsDialog dialog(*settings);
            QCOMPARE(dialog.table()->rowCount(), 1);
            QCOMPARE(dialog.schedules(), list);
            // December, the month that ended on the 31st.
            QCOMPARE(dialog.table()->item(0, ScheduledExportsDialog::LastColumn)->text(),
                     QLocale().toString(QDate(2024, 12, 1), QLocale::ShortFormat)
                         + QStringLiteral(" – ")
                         + QLocale().toString(QDate(2024, 12, 31), QLocale::ShortFormat));
            ok(dialog);
            QCOMPARE(saved(*settings), list);
        }
        {
            ScheduledExportsDialog dialog(*settings);
            dialog.formatBox(0)->setCurrentIndex(0); // another format: a new export
            QVERIFY(!dialog.schedules().value(0).lastExportedTo.isValid());
            dialog.table()->selectRow(0);
            dialog.findChild<QPushButton *>(QStringLiteral("removeScheduleButton"))->click();
            QCOMPARE(dialog.table()->rowCount(), 0);
            ok(dialog);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QCOMPARE(settings->value(keys::reportSchedules), QStringLiteral("[]"));
    }
};

QTEST_MAIN(TestScheduledExports)
#include "tst_scheduledexports.moc"
