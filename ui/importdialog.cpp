// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/importdialog.h"

#include "core/base/clock.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/ticketstore.h"
#include "ui/importdialogjob.h"
#include "ui/importdialogsummary.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace hd {

namespace {
std::function<void(qint64, qint64)> g_workerHook;
} // namespace

std::function<void(qint64, qint64)> &importDialogWorkerHook()
{
    return g_workerHook;
}

ImportDialog::ImportDialog(Database &db, const Clock &clock, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("importDialog"));
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    auto *setup = new QWidget(m_pages);
    buildSetupPage(setup);
    m_pages->addWidget(setup);

    auto *progressPage = new QWidget(m_pages);
    auto *progressLayout = new QVBoxLayout(progressPage);
    m_progressLabel = new QLabel(progressPage);
    m_progressLabel->setObjectName(QStringLiteral("importProgressLabel"));
    m_progress = new QProgressBar(progressPage);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    progressLayout->addStretch();
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_progress);
    progressLayout->addStretch();
    m_pages->addWidget(progressPage);

    m_summary = new ImportSummaryPage(m_pages);
    m_pages->addWidget(m_summary);
    layout->addWidget(m_pages, 1);

    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(this);
    m_start->setObjectName(QStringLiteral("importStart"));
    m_start->setDefault(true);
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("importCancel"));
    m_close = new QPushButton(this);
    m_close->setObjectName(QStringLiteral("importClose"));
    buttons->addStretch();
    for (QPushButton *b : {m_start, m_cancel, m_close})
        buttons->addWidget(b);
    layout->addLayout(buttons);
    connect(m_start, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, &ImportDialog::reject);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);

    resize(660, 580);
    retranslateUi();
    setPage(Page::Setup);
}

ImportDialog::~ImportDialog()
{
    // Cancel and wait here, while the members the jobs report to still exist.
    delete m_importJob.data();
    delete m_previewJob.data();
}

void ImportDialog::buildSetupPage(QWidget *page)
{
    auto *form = new QFormLayout(page);
    auto label = [page](const char *name) {
        auto *l = new QLabel(page);
        l->setObjectName(QLatin1String(name));
        return l;
    };
    m_pathLabel = label("importPathLabel");
    m_path = new QLineEdit(page);
    m_path->setObjectName(QStringLiteral("importPath"));
    m_browse = new QPushButton(page);
    m_browse->setObjectName(QStringLiteral("importBrowse"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    form->addRow(m_pathLabel, pathRow);

    m_kindLabel = label("importKindLabel");
    m_kind = new QComboBox(page);
    m_kind->setObjectName(QStringLiteral("importKind"));
    for (chat::ImportKind k : {chat::ImportKind::Auto, chat::ImportKind::Kakao,
                               chat::ImportKind::ChannelTalk, chat::ImportKind::Csv})
        m_kind->addItem(QString(), int(k));
    form->addRow(m_kindLabel, m_kind);

    m_mappingLabel = label("importMappingLabel");
    m_mapping = new QLineEdit(page);
    m_mapping->setObjectName(QStringLiteral("importMapping"));
    form->addRow(m_mappingLabel, m_mapping);

    m_gapLabel = label("importGapLabel");
    m_gap = new QSpinBox(page);
    m_gap->setObjectName(QStringLiteral("importGap"));
    m_gap->setRange(1, 7 * 24 * 60);
    m_gap->setValue(30);
    form->addRow(m_gapLabel, m_gap);

    m_zoneLabel = label("importTimeZoneLabel");
    m_zone = new QComboBox(page);
    m_zone->setObjectName(QStringLiteral("importTimeZone"));
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id), id);
    const QByteArray systemZone = QTimeZone::systemTimeZoneId();
    if (m_zone->findData(systemZone) < 0) // e.g. "UTC" where the list says "Etc/UTC"
        m_zone->insertItem(0, QString::fromUtf8(systemZone), systemZone);
    m_zone->setCurrentIndex(m_zone->findData(systemZone));
    form->addRow(m_zoneLabel, m_zone);

    m_roomLabel = label("importRoomLabel");
    m_room = new QLineEdit(page);
    m_room->setObjectName(QStringLiteral("importRoom"));
    form->addRow(m_roomLabel, m_room);

    m_agentsLabel = label("importAgentsLabel");
    m_agentsLabel->setWordWrap(true);
    m_agents = new QListWidget(page);
    m_agents->setObjectName(QStringLiteral("importAgents"));
    form->addRow(m_agentsLabel);
    form->addRow(m_agents);

    m_status = label("importStatus");
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_status);

    connect(m_browse, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        if (path() != m_previewedPath)
            startPreview();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ImportDialog::startPreview);
    connect(m_mapping, &QLineEdit::editingFinished, this, &ImportDialog::startPreview);
    connect(m_mapping, &QLineEdit::textEdited, this, [this] { m_mappingGuessed = false; });
}

void ImportDialog::setPath(const QString &path)
{
    m_path->setText(path);
    startPreview();
}

QString ImportDialog::path() const
{
    return m_path->text().trimmed();
}

QStringList ImportDialog::importablePaths(const QMimeData *mime)
{
    QStringList out;
    if (!mime || !mime->hasUrls())
        return out;
    // Judged by name only: a stat() of a dragged network path could block the GUI thread.
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString file = url.toLocalFile();
        const QString suffix = QFileInfo(file).suffix().toLower();
        if (suffix == QLatin1String("txt") || suffix == QLatin1String("csv")
            || suffix == QLatin1String("json") || suffix == QLatin1String("jsonl"))
            out << file;
    }
    return out;
}

bool ImportDialog::canImport(const QMimeData *mime)
{
    return !importablePaths(mime).isEmpty();
}

void ImportDialog::setWorkerProgressHook(std::function<void(qint64, qint64)> hook)
{
    g_workerHook = std::move(hook);
}

void ImportDialog::reject()
{
    if (m_importJob) { // stop between transactions; the summary page follows
        m_importJob->cancel();
        m_cancel->setEnabled(false);
        m_cancel->setText(tr("Cancelling…"));
        return;
    }
    if (m_previewJob)
        m_previewJob->cancel();
    QDialog::reject();
}

void ImportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ImportDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_pages->currentIndex() == int(Page::Setup) && canImport(event->mimeData()))
        event->acceptProposedAction();
}

void ImportDialog::dropEvent(QDropEvent *event)
{
    const QStringList files = importablePaths(event->mimeData());
    if (files.isEmpty() || m_pages->currentIndex() != int(Page::Setup))
        return;
    event->acceptProposedAction();
    setPath(files.first());
}

void ImportDialog::browse()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Import a chat export"), QFileInfo(path()).absolutePath(),
        tr("Chat exports (*.txt *.csv *.json *.jsonl);;All files (*)"));
    if (!file.isEmpty())
        setPath(file);
}

chat::ImportKind ImportDialog::chosenKind() const
{
    return chat::ImportKind(m_kind->currentData().toInt());
}

std::optional<chat::CsvMapping> ImportDialog::chosenMapping(QString *error) const
{
    const QString spec = m_mapping->text().trimmed();
    if (spec.isEmpty() || chosenKind() == chat::ImportKind::Kakao
        || chosenKind() == chat::ImportKind::ChannelTalk)
        return std::nullopt;
    auto m = chat::CsvMapping::parse(spec);
    if (!m) {
        *error = m.errorMessage();
        return std::nullopt;
    }
    return *m;
}

void ImportDialog::setPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
    if (page == Page::Summary)
        m_close->setDefault(true);
    updateButtons();
}

} // namespace hd
