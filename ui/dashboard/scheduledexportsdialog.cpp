// SPDX-License-Identifier: GPL-3.0-or-later
// ScheduledExportsDialog: Reports > Scheduled Exports… (the exporter is in scheduledexports.cpp).
#include "core/base/settings.h"
#include "ui/dashboard/scheduledexports.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hd {

using namespace reporting;

ScheduledExportsDialog::ScheduledExportsDialog(Settings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("scheduledExportsDialog"));
    setWindowTitle(tr("Scheduled Exports"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Reports are saved into a folder after each complete period: daily exports cover "
           "yesterday, weekly ones last week (Monday to Sunday), monthly ones last month. "
           "Helpdesk must be running; after a longer pause only the last complete period is "
           "saved."),
        this);
    intro->setObjectName(QStringLiteral("introLabel"));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("scheduleTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Frequency"), tr("Format"), tr("Folder"), tr("Last period saved")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(FolderColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(FrequencyColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(FormatColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LastColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_table);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(QStringLiteral("addScheduleButton"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeScheduleButton"));
    m_choose = new QPushButton(tr("&Choose Folder…"), this);
    m_choose->setObjectName(QStringLiteral("chooseFolderButton"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_choose);
    buttons->addStretch();
    layout->addLayout(buttons);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c02b2b"));
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    layout->addWidget(m_buttons);

    connect(m_add, &QPushButton::clicked, this, &ScheduledExportsDialog::addSchedule);
    connect(m_remove, &QPushButton::clicked, this, &ScheduledExportsDialog::removeSchedule);
    connect(m_choose, &QPushButton::clicked, this, &ScheduledExportsDialog::chooseFolder);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ScheduledExportsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ScheduledExportsDialog::reject);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            &ScheduledExportsDialog::updateButtons);

    auto loaded = schedulesFromJson(m_settings.value(keys::reportSchedules));
    if (!loaded)
        showError(loaded.errorMessage() + QLatin1Char(' ')
                  + tr("OK replaces the saved list with this one."));
    else
        for (const ExportSchedule &s : std::as_const(*loaded))
            addRow(s);
    if (m_table->rowCount())
        m_table->selectRow(0);
    updateButtons();
    resize(760, 360);
}

void ScheduledExportsDialog::addRow(const ExportSchedule &s)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_loaded.append(s);

    auto *frequency = new QComboBox(m_table);
    frequency->setObjectName(QStringLiteral("frequencyBox"));
    frequency->addItem(tr("Daily"), int(Frequency::Daily));
    frequency->addItem(tr("Weekly"), int(Frequency::Weekly));
    frequency->addItem(tr("Monthly"), int(Frequency::Monthly));
    frequency->setCurrentIndex(frequency->findData(int(s.frequency)));
    m_table->setCellWidget(row, FrequencyColumn, frequency);

    auto *format = new QComboBox(m_table);
    format->setObjectName(QStringLiteral("formatBox"));
    format->addItem(tr("CSV"), int(ExportSchedule::Csv));
    format->addItem(tr("PDF (A4)"), int(ExportSchedule::PdfA4));
    format->addItem(tr("PDF (Letter)"), int(ExportSchedule::PdfLetter));
    format->setCurrentIndex(format->findData(int(s.format)));
    m_table->setCellWidget(row, FormatColumn, format);

    m_table->setItem(row, FolderColumn, new QTableWidgetItem(QDir::toNativeSeparators(s.folder)));
    // The period that ended on lastExportedTo, e.g. "2024-12-30 – 2025-01-05".
    QString lastText = tr("Never");
    if (s.lastExportedTo.isValid()) {
        const Period p = lastCompletePeriod(s.frequency, s.lastExportedTo.addDays(1));
        lastText = tr("%1 – %2").arg(QLocale().toString(p.from, QLocale::ShortFormat),
                                     QLocale().toString(p.to, QLocale::ShortFormat));
    }
    auto *last = new QTableWidgetItem(lastText);
    last->setFlags(last->flags() & ~Qt::ItemIsEditable);
    m_table->setItem(row, LastColumn, last);
}

QComboBox *ScheduledExportsDialog::frequencyBox(int row) const
{
    return qobject_cast<QComboBox *>(m_table->cellWidget(row, FrequencyColumn));
}

QComboBox *ScheduledExportsDialog::formatBox(int row) const
{
    return qobject_cast<QComboBox *>(m_table->cellWidget(row, FormatColumn));
}

void ScheduledExportsDialog::setFolder(int row, const QString &folder)
{
    if (QTableWidgetItem *item = m_table->item(row, FolderColumn))
        item->setText(QDir::toNativeSeparators(folder));
}

QString ScheduledExportsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QList<ExportSchedule> ScheduledExportsDialog::schedules() const
{
    QList<ExportSchedule> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const ExportSchedule &before = m_loaded.at(row);
        ExportSchedule s = before;
        s.frequency = Frequency(frequencyBox(row)->currentData().toInt());
        s.format = ExportSchedule::Format(formatBox(row)->currentData().toInt());
        s.folder = QDir::fromNativeSeparators(m_table->item(row, FolderColumn)->text().trimmed());
        // Another frequency, format or folder makes a new export: its last period is due.
        if (s.frequency != before.frequency || s.format != before.format
            || s.folder != before.folder)
            s.lastExportedTo = QDate();
        out.append(s);
    }
    return out;
}

void ScheduledExportsDialog::addSchedule()
{
    const int rows = m_table->rowCount();
    QString folder = rows
        ? QDir::fromNativeSeparators(m_table->item(rows - 1, FolderColumn)->text().trimmed())
        : QString();
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    addRow(ExportSchedule::create(Frequency::Weekly, ExportSchedule::Csv, folder));
    m_table->selectRow(rows);
    updateButtons();
}

void ScheduledExportsDialog::removeSchedule()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_table->rowCount())
        return;
    m_table->removeRow(row);
    m_loaded.removeAt(row);
    if (m_table->rowCount())
        m_table->selectRow(qMin(row, m_table->rowCount() - 1));
    updateButtons();
}

void ScheduledExportsDialog::chooseFolder()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    const QString current = QDir::fromNativeSeparators(m_table->item(row, FolderColumn)->text());
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Folder for Scheduled Reports"), current);
    if (!folder.isEmpty())
        setFolder(row, folder);
}

void ScheduledExportsDialog::updateButtons()
{
    const bool selected = m_table->currentRow() >= 0 && m_table->rowCount() > 0;
    m_remove->setEnabled(selected);
    m_choose->setEnabled(selected);
}

void ScheduledExportsDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ScheduledExportsDialog::accept()
{
    QList<ExportSchedule> list = schedules();
    for (int row = 0; row < list.size(); ++row)
        if (const QString problem = ScheduledExporter::folderProblem(list[row].folder);
            !problem.isEmpty()) {
            showError(tr("Row %1: %2").arg(row + 1).arg(problem));
            m_table->selectRow(row);
            return;
        }
    // The exporter may have saved a period while the dialog was open: keep the later date of
    // an unchanged schedule.
    if (auto saved = schedulesFromJson(m_settings.value(keys::reportSchedules)))
        for (ExportSchedule &s : list)
            for (const ExportSchedule &o : std::as_const(*saved))
                if (o.id == s.id && o.frequency == s.frequency && o.format == s.format
                    && o.folder == s.folder && o.lastExportedTo.isValid()
                    && (!s.lastExportedTo.isValid() || s.lastExportedTo < o.lastExportedTo))
                    s.lastExportedTo = o.lastExportedTo;
    m_settings.setValue(keys::reportSchedules, schedulesToJson(list));
    m_settings.sync();
    showError(QString());
    QDialog::accept();
}

} // namespace hd
