// SPDX-License-Identifier: GPL-3.0-or-later
// ImportDialog: reading the file, importing it, and the texts of the dialog.
#include "core/base/clock.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"
#include "ui/importdialog.h"
#include "ui/importdialogjob.h"
#include "ui/importdialogsummary.h"

#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimeZone>

#include <algorithm>
#include <limits>

namespace hd {

namespace {
constexpr int kKeyRole = Qt::UserRole;

QString mappingSpec(const chat::CsvMapping &m)
{
    QStringList parts;
    for (const auto &[key, column] :
         {std::pair{"time", m.time}, std::pair{"sender", m.sender}, std::pair{"text", m.text},
          std::pair{"conversation", m.conversation}, std::pair{"role", m.role}})
        if (!column.isEmpty())
            parts << QString(QLatin1String(key) + QLatin1Char('=') + column);
    return parts.join(QLatin1Char(','));
}

int clampToInt(qint64 v)
{
    return int(std::clamp<qint64>(v, 0, std::numeric_limits<int>::max()));
}
} // namespace

void ImportDialog::startPreview()
{
    if (m_previewJob) { // read again once the running read has stopped
        m_previewJob->cancel();
        m_previewAgain = true;
        return;
    }
    m_preview.reset();
    m_error.clear();
    if (m_mappingGuessed && path() != m_previewedPath) { // another file: guess its columns anew
        m_mapping->clear();
        m_mappingGuessed = false;
    }
    m_previewedPath = path();
    QString mappingError;
    const auto mapping = chosenMapping(&mappingError);
    if (!mappingError.isEmpty())
        m_error = mappingError;
    if (m_previewedPath.isEmpty() || !m_error.isEmpty()) {
        fillAgents();
        updateStatus();
        updateButtons();
        return;
    }
    auto result = std::make_shared<std::optional<Result<chat::FilePreview>>>();
    m_previewResult = result;
    auto *job = new ImportJob(this);
    m_previewJob = job;
    connect(job, &ImportJob::progressed, this, [this](int, qint64 done, qint64 total) {
        if (total > 0)
            m_status->setText(tr("Reading %1… %2%")
                                  .arg(QFileInfo(m_previewedPath).fileName(),
                                       QString::number(done * 100 / total)));
    });
    connect(job, &ImportJob::finished, this, &ImportDialog::previewFinished);
    const QString file = m_previewedPath;
    const chat::ImportKind kind = chosenKind();
    job->start([job, result, file, kind, mapping] {
        *result = chat::previewFile(
            file, kind, mapping,
            [job](chat::ImportPhase phase, qint64 done, qint64 total) {
                job->report(int(phase), done, total);
            },
            job->cancelFlag());
    });
    updateStatus();
    updateButtons();
}

void ImportDialog::previewFinished()
{
    m_previewJob->deleteLater();
    m_previewJob = nullptr;
    if (m_previewAgain) {
        m_previewAgain = false;
        startPreview();
        return;
    }
    const auto &r = *m_previewResult;
    if (r && r->ok()) {
        m_preview = r->value();
        if (m_preview->csvMapping && m_mapping->text().trimmed().isEmpty()) {
            m_mapping->setText(mappingSpec(*m_preview->csvMapping));
            m_mappingGuessed = true;
        }
    } else if (r && !r->ok() && r->errorCode() != ErrorCode::Conflict) {
        m_error = r->errorMessage();
    }
    fillAgents();
    updateStatus();
    updateButtons();
}

void ImportDialog::fillAgents()
{
    QSet<QString> ticked;
    for (int i = 0; i < m_agents->count(); ++i)
        if (m_agents->item(i)->checkState() == Qt::Checked)
            ticked.insert(m_agents->item(i)->data(kKeyRole).toString());
    m_agents->clear();
    if (!m_preview)
        return;
    const QLocale locale;
    for (const chat::PreviewSender &s : std::as_const(m_preview->senders)) {
        auto *item = new QListWidgetItem(
            tr("%1 (messages: %2)").arg(s.name, locale.toString(s.messages)), m_agents);
        item->setData(kKeyRole, s.key);
        if (s.business) {
            // The exporting user, ChannelTalk managers and bots, CSV rows marked as agents.
            item->setFlags(Qt::ItemIsEnabled);
            item->setCheckState(Qt::Checked);
            item->setToolTip(tr("Always on the business side."));
        } else {
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
            item->setCheckState(ticked.contains(s.key) ? Qt::Checked : Qt::Unchecked);
            if (s.name != s.key)
                item->setToolTip(s.key);
        }
    }
    m_room->setPlaceholderText(
        m_preview->roomTitle.isEmpty()
            ? tr("Default: the file name")
            : tr("Default: the export's title, %1").arg(m_preview->roomTitle));
}

void ImportDialog::startImport()
{
    if (!m_preview || m_previewJob || m_importJob)
        return;
    chat::FileImportRequest request;
    request.kind = m_preview->kind;
    request.path = m_previewedPath;
    request.gapSeconds = qint64(m_gap->value()) * 60;
    for (int i = 0; i < m_agents->count(); ++i) {
        const QListWidgetItem *item = m_agents->item(i);
        if ((item->flags() & Qt::ItemIsUserCheckable) && item->checkState() == Qt::Checked)
            request.agents << item->data(kKeyRole).toString();
    }
    request.zone = QTimeZone(m_zone->currentData().toByteArray());
    request.room = m_room->text().trimmed();
    request.csvMapping = m_preview->csvMapping;

    auto result = std::make_shared<std::optional<Result<chat::FileImportResult>>>();
    m_importResult = result;
    auto *job = new ImportJob(this);
    m_importJob = job;
    connect(job, &ImportJob::progressed, this, &ImportDialog::showProgress);
    connect(job, &ImportJob::finished, this, &ImportDialog::importFinished);
    const QString dbPath = m_db.path();
    const Clock *clock = &m_clock;
    std::function<void(qint64, qint64)> hook = importDialogWorkerHook();
    job->start([job, result, request, dbPath, clock, hook] {
        // A connection of this thread's own, closed when the thread's work ends.
        auto db = Database::open(dbPath);
        if (!db) {
            result->emplace(db.error());
            return;
        }
        Directory directory(**db, *clock);
        TicketStore store(**db, *clock);
        *result = chat::importFile(
            store, directory, *clock, request,
            [job, &hook](chat::ImportPhase phase, qint64 done, qint64 total) {
                if (phase == chat::ImportPhase::Importing && hook)
                    hook(done, total);
                job->report(int(phase), done, total);
            },
            job->cancelFlag());
    });
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Reading %1…").arg(QFileInfo(request.path).fileName()));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setEnabled(true);
    setPage(Page::Progress);
}

void ImportDialog::showProgress(int phase, qint64 done, qint64 total)
{
    if (!m_importJob)
        return;
    const QLocale locale;
    m_progressLabel->setText(phase == int(chat::ImportPhase::Reading)
                                 ? tr("Reading the file: line %1 of %2")
                                       .arg(locale.toString(done), locale.toString(total))
                                 : tr("Importing conversations: %1 of %2")
                                       .arg(locale.toString(done), locale.toString(total)));
    m_progress->setRange(0, qMax(1, clampToInt(total)));
    m_progress->setValue(total > 0 ? clampToInt(done) : 1);
}

void ImportDialog::importFinished()
{
    m_importJob->deleteLater();
    m_importJob = nullptr;
    const auto &r = *m_importResult;
    if (!r || !r->ok()) {
        m_error = r ? r->errorMessage() : tr("The import stopped unexpectedly.");
        setPage(Page::Setup);
        updateStatus();
        return;
    }
    m_summary->setResult(QFileInfo(m_previewedPath).fileName(), r->value());
    setPage(Page::Summary);
    Q_EMIT imported(r->value().summary.ticketIds);
}

void ImportDialog::updateButtons()
{
    const auto page = Page(m_pages->currentIndex());
    m_start->setVisible(page == Page::Setup);
    m_start->setEnabled(m_preview.has_value() && !m_previewJob && m_error.isEmpty());
    m_cancel->setVisible(page != Page::Summary);
    m_close->setVisible(page == Page::Summary);
    m_mapping->setEnabled(chosenKind() == chat::ImportKind::Csv
                          || (m_preview && m_preview->kind == chat::ImportKind::Csv));
}

void ImportDialog::updateStatus()
{
    QString text;
    if (m_previewJob) {
        text = tr("Reading %1…").arg(QFileInfo(m_previewedPath).fileName());
    } else if (!m_error.isEmpty()) {
        text = m_error;
    } else if (m_preview) {
        const QLocale l;
        text = tr("%1 · lines: %2 · messages: %3 · conversations: %4 · unreadable lines: %5")
                   .arg(m_preview->format, l.toString(m_preview->lines),
                        l.toString(m_preview->messages), l.toString(m_preview->conversations),
                        l.toString(m_preview->problems));
    } else {
        text = tr("Choose a KakaoTalk, ChannelTalk or CSV export, or drop it here.");
    }
    m_status->setText(text);
    m_status->setStyleSheet(m_error.isEmpty() || m_previewJob ? QString()
                                                              : QStringLiteral("color: #c0392b;"));
}

void ImportDialog::retranslateUi()
{
    setWindowTitle(tr("Import a chat"));
    m_pathLabel->setText(tr("&File:"));
    m_pathLabel->setBuddy(m_path);
    m_path->setPlaceholderText(tr("A KakaoTalk .txt or .csv, a ChannelTalk .json, or a CSV file"));
    m_browse->setText(tr("&Browse…"));
    m_kindLabel->setText(tr("&Kind:"));
    m_kindLabel->setBuddy(m_kind);
    const QStringList kinds{tr("Detect from the content"), tr("KakaoTalk"), tr("ChannelTalk"),
                            tr("CSV")};
    for (int i = 0; i < kinds.size(); ++i)
        m_kind->setItemText(i, kinds[i]);
    m_mappingLabel->setText(tr("CSV &columns:"));
    m_mappingLabel->setBuddy(m_mapping);
    m_mapping->setPlaceholderText(
        tr("time=Date,sender=User,text=Message (guessed from the header)"));
    m_gapLabel->setText(tr("New ticket after a &pause of:"));
    m_gapLabel->setBuddy(m_gap);
    m_gap->setSuffix(tr(" min"));
    m_zoneLabel->setText(tr("&Time zone of the export:"));
    m_zoneLabel->setBuddy(m_zone);
    m_roomLabel->setText(tr("Conversation &name:"));
    m_roomLabel->setBuddy(m_room);
    m_agentsLabel->setText(tr("Who answers for the business? Tick the agents among the senders; "
                              "everyone else is a customer."));
    m_start->setText(tr("&Import"));
    if (!m_importJob)
        m_cancel->setText(tr("Cancel"));
    m_close->setText(tr("Close"));
    fillAgents();
    updateStatus();
}

} // namespace hd
