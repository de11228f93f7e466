// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channels/fileimport.h"
#include "core/domain/ticket.h"

#include <QDialog>
#include <QPointer>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMimeData;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace hd {

class Clock;
class Database;
class ImportJob;
class ImportSummaryPage;

/// File > Import… and files dropped on the main window: imports a KakaoTalk, ChannelTalk or CSV
/// chat export. The file is read on a worker thread (kind, format and senders, so the user can
/// tick who is on the business side), then imported on a worker thread with its own database
/// connection behind a progress bar whose Cancel stops between transactions; a summary page
/// lists the numbers and every line that could not be read. The GUI thread never waits on I/O.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    /// db and clock must outlive the dialog (a running import holds neither: it opens its own
    /// connection to db's file).
    ImportDialog(Database &db, const Clock &clock, QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// Fills in the file and starts reading it.
    void setPath(const QString &path);
    [[nodiscard]] QString path() const;

    /// Drops the main window can take: local .txt, .csv, .json or .jsonl files.
    static bool canImport(const QMimeData *mime);
    static QStringList importablePaths(const QMimeData *mime);

    /// Test hook: runs on the worker thread at each progress report of the import (phase
    /// Importing), before the cancel request is read. Empty to remove.
    static void setWorkerProgressHook(std::function<void(qint64 done, qint64 total)> hook);

Q_SIGNALS:
    /// An import ended (also when cancelled): the tickets it created or continued.
    void imported(const QList<hd::RowId> &ticketIds);

public Q_SLOTS:
    void reject() override;

protected:
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    enum class Page { Setup, Progress, Summary };
    void buildSetupPage(QWidget *page);
    void retranslateUi();
    void browse();
    void startPreview();
    void previewFinished();
    void startImport();
    void importFinished();
    void showProgress(int phase, qint64 done, qint64 total);
    void fillAgents();
    void setPage(Page page);
    void updateButtons();
    void updateStatus();
    [[nodiscard]] chat::ImportKind chosenKind() const;
    [[nodiscard]] std::optional<chat::CsvMapping> chosenMapping(QString *error) const;

    Database &m_db;
    const Clock &m_clock;
    QStackedWidget *m_pages = nullptr;
    // Setup
    QLabel *m_pathLabel = nullptr, *m_kindLabel = nullptr, *m_mappingLabel = nullptr,
           *m_gapLabel = nullptr, *m_zoneLabel = nullptr, *m_roomLabel = nullptr,
           *m_agentsLabel = nullptr, *m_status = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_mapping = nullptr;
    QSpinBox *m_gap = nullptr;
    QComboBox *m_zone = nullptr;
    QLineEdit *m_room = nullptr;
    QListWidget *m_agents = nullptr;
    // Progress
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    ImportSummaryPage *m_summary = nullptr;
    QPushButton *m_start = nullptr, *m_cancel = nullptr, *m_close = nullptr;

    QPointer<ImportJob> m_previewJob;
    QPointer<ImportJob> m_importJob;
    bool m_previewAgain = false;
    std::shared_ptr<std::optional<Result<chat::FilePreview>>> m_previewResult;
    std::shared_ptr<std::optional<Result<chat::FileImportResult>>> m_importResult;
    std::optional<chat::FilePreview> m_preview;
    QString m_previewedPath;
    bool m_mappingGuessed = false; ///< the CSV columns field holds a guess, not the user's words
    QString m_error; ///< why the file cannot be imported (shown in the status line)
};

} // namespace hd
