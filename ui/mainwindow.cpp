// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include "core/base/clock.h"
#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/storage/attachmentstore.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/drafts.h"
#include "core/storage/macros.h"
#include "core/storage/ticketstore.h"
#include "sync/tokenstore.h"
#include "ui/aboutdialog.h"
#include "ui/demodata.h"
#include "ui/filterbar.h"
#include "ui/savedviewsnavigator.h"
#include "ui/shortcutsdialog.h"
#include "ui/syncstatuswidget.h"
#include "ui/ticketlistmodel.h"
#include "ui/ticketlistview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace hd {

MainWindow::MainWindow(Settings &settings, Language &language, Database &database, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_language(language)
    , m_database(database)
    , m_clock(SystemClock::instance())
    , m_store(std::make_unique<TicketStore>(database, m_clock))
    , m_directory(std::make_unique<Directory>(database, m_clock))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/helpdesk.svg")));
    ensureAgent();
    buildActions();
    buildTicketActions();
    buildReportActions();
    buildSyncActions();
    buildMenus();
    buildCentral();
    buildDetail();
    buildStatusBar();
    retranslateUi();
    restoreLayout();
    connect(m_navigator, &SavedViewsNavigator::viewSelected, this, &MainWindow::applyView);
    connect(m_navigator, &SavedViewsNavigator::errorOccurred, this, &MainWindow::showError);
    connect(m_filterBar, &FilterBar::filterChanged, this, &MainWindow::applyFilter);
    connect(m_filterBar, &FilterBar::saveRequested, this, &MainWindow::saveView);
    connect(m_ticketModel, &TicketListModel::countKnown, m_navigator,
            &SavedViewsNavigator::setCurrentCount);
    connect(m_ticketModel, &TicketListModel::loadFailed, this, &MainWindow::showError);
    // Changes refresh the rows at once and the counts a moment later (a burst counts once).
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(250);
    connect(&m_countsTimer, &QTimer::timeout, m_navigator, &SavedViewsNavigator::refreshCounts);
    connect(m_store.get(), &TicketStore::changed, this, [this](const QList<RowId> &ids) {
        m_ticketModel->ticketsChanged(ids);
        m_countsTimer.start();
    });
    reloadDirectory();
    applyView();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    m_newTicket = new QAction(this);
    m_newTicket->setObjectName(QStringLiteral("actionNewTicket"));
    m_newTicket->setShortcut(QKeySequence::New);
    connect(m_newTicket, &QAction::triggered, this, &MainWindow::newTicket);

    m_quit = new QAction(this);
    m_quit->setObjectName(QStringLiteral("actionQuit"));
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    m_langGroup = new QActionGroup(this);
    m_langKo = new QAction(m_langGroup);
    m_langKo->setObjectName(QStringLiteral("actionLanguageKo"));
    m_langKo->setCheckable(true);
    m_langKo->setData(QStringLiteral("ko"));
    m_langEn = new QAction(m_langGroup);
    m_langEn->setObjectName(QStringLiteral("actionLanguageEn"));
    m_langEn->setCheckable(true);
    m_langEn->setData(QStringLiteral("en"));
    connect(m_langGroup, &QActionGroup::triggered, this,
            [this](QAction *a) { switchLanguage(a->data().toString()); });

    m_about = new QAction(this);
    m_about->setObjectName(QStringLiteral("actionAbout"));
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);

    m_shortcuts = new QAction(this);
    m_shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    m_shortcuts->setShortcut(QKeySequence(Qt::Key_F1));
    connect(m_shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("menuFile"));
    m_fileMenu->addAction(m_newTicket);
    m_fileMenu->addAction(m_import);
    m_fileMenu->addSeparator();
    for (QAction *a : {m_connectAction, m_syncNowAction, m_signOutAction})
        m_fileMenu->addAction(a);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->setObjectName(QStringLiteral("menuEdit"));
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addAction(m_redoAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_search);

    m_ticketMenu = menuBar()->addMenu(QString());
    m_ticketMenu->setObjectName(QStringLiteral("menuTicket"));
    for (QAction *a : {m_nextTicket, m_prevTicket, m_reply, m_note, m_assignToMe, m_solve})
        m_ticketMenu->addAction(a);
    m_ticketMenu->addSeparator();
    m_ticketMenu->addAction(m_merge);
    m_ticketMenu->addAction(m_split);
    m_ticketMenu->addSeparator();
    m_ticketMenu->addAction(m_macrosAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("menuView"));
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("menuLanguage"));
    m_languageMenu->addAction(m_langKo);
    m_languageMenu->addAction(m_langEn);

    m_reportsMenu = menuBar()->addMenu(QString());
    m_reportsMenu->setObjectName(QStringLiteral("menuReports"));
    m_reportsMenu->addAction(m_dashboardAction);
    m_reportsMenu->addAction(m_scheduledExportsAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("menuHelp"));
    m_helpMenu->addAction(m_shortcuts);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_about);
}

void MainWindow::buildCentral()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));

    m_navigator = new SavedViewsNavigator(m_database, m_splitter);
    // No agent is signed in before sync exists, so the team view is the useful start.
    m_navigator->selectBuiltIn(SavedViewsNavigator::AllOpen);

    auto *listPane = new QWidget(m_splitter);
    listPane->setObjectName(QStringLiteral("listPane"));
    m_filterBar = new FilterBar(listPane);
    // The bar's controls must not set the window's minimum width: at 1280 px with the detail
    // open they would push the window wider than the screen. Narrow panes clip the last ones.
    m_filterBar->setMinimumSize(1, 1);
    m_ticketModel = new TicketListModel(m_database, m_clock, this);
    m_ticketList = new TicketListView(listPane);
    m_ticketList->setObjectName(QStringLiteral("ticketList"));
    m_ticketList->setModel(m_ticketModel);
    QHeaderView *header = m_ticketList->horizontalHeader();
    header->setSortIndicator(int(SortColumn::Updated), Qt::DescendingOrder);
    header->resizeSection(TicketListModel::Subject, 320);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &at) {
        // Which columns show: one checkable entry per column.
        QMenu menu(this);
        for (int c = 0; c < TicketListModel::ColumnCount; ++c) {
            QAction *a = menu.addAction(TicketListModel::columnTitle(c));
            a->setCheckable(true);
            a->setChecked(!header->isSectionHidden(c));
            a->setEnabled(c != TicketListModel::Subject);
            connect(a, &QAction::toggled, header,
                    [header, c](bool on) { header->setSectionHidden(c, !on); });
        }
        menu.exec(header->mapToGlobal(at));
    });
    m_ticketList->setSortingEnabled(true);
    m_ticketList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_ticketList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_ticketList, &QWidget::customContextMenuRequested, this, &MainWindow::listContextMenu);
    connect(m_ticketList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::updateCurrentTicket);
    connect(m_ticketModel, &QAbstractItemModel::modelReset, this, &MainWindow::updateCurrentTicket);
    connect(m_ticketModel, &QAbstractItemModel::layoutChanged, this,
            &MainWindow::updateCurrentTicket);
    connect(m_ticketModel, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &first, const QModelIndex &last) {
                const int row = m_ticketList->currentIndex().row();
                if (row >= first.row() && row <= last.row())
                    updateCurrentTicket();
            });
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(0);
    listLayout->addWidget(m_filterBar);
    listLayout->addWidget(m_ticketList, 1);

    m_detailArea = new QWidget(m_splitter);
    m_detailArea->setObjectName(QStringLiteral("detailArea"));
    m_detailPlaceholder = new QLabel(m_detailArea);
    m_detailPlaceholder->setObjectName(QStringLiteral("ticketDetail"));
    m_detailPlaceholder->setAlignment(Qt::AlignCenter);
    m_detailPlaceholder->setWordWrap(true);
    m_detailPlaceholder->setMargin(24);
    auto *detailLayout = new QVBoxLayout(m_detailArea);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detailPlaceholder);

    m_splitter->addWidget(m_navigator);
    m_splitter->addWidget(listPane);
    m_splitter->addWidget(m_detailArea);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setSizes({200, 640, 440});
    setCentralWidget(m_splitter);
}

void MainWindow::buildStatusBar()
{
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionState"));
    m_databaseLabel = new QLabel(this);
    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    statusBar()->addWidget(m_connectionLabel);
    statusBar()->addWidget(m_syncStatus);
    m_syncStatus->hide(); // until attachSync(): a standalone database has no server
    statusBar()->addPermanentWidget(m_databaseLabel);
}

void MainWindow::setConnectionState(ConnectionState state, int pendingChanges)
{
    m_connection = state;
    m_pending = pendingChanges;
    retranslateUi();
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Helpdesk"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_newTicket->setText(tr("&New Ticket…"));
    m_quit->setText(tr("&Quit"));
    m_langKo->setText(tr("Korean"));
    m_langEn->setText(tr("English"));
    m_langKo->setChecked(m_language.current() == QLatin1String("ko"));
    m_langEn->setChecked(m_language.current() == QLatin1String("en"));
    m_about->setText(tr("&About Helpdesk"));
    m_shortcuts->setText(tr("&Keyboard Shortcuts"));
    retranslateTicketActions();
    retranslateReportActions();
    retranslateSyncActions();

    m_navigator->retranslateUi();
    m_ticketModel->retranslate();

    m_detailPlaceholder->setText(tr("Select a ticket to see its conversation."));

    QString state;
    switch (m_connection) {
    case ConnectionState::Offline:
        state = tr("Offline: working on the local database");
        break;
    case ConnectionState::Connecting:
        state = tr("Connecting…");
        break;
    case ConnectionState::Online:
        state = tr("Online");
        break;
    case ConnectionState::Syncing:
        state = tr("Syncing: %n change(s) waiting", nullptr, m_pending);
        break;
    }
    m_connectionLabel->setText(state);
    m_databaseLabel->setText(m_sync ? m_server.host() : tr("Local database"));
    m_databaseLabel->setToolTip(QDir::toNativeSeparators(m_database.path()));
}

void MainWindow::offerDemoData()
{
    DemoData::offer(this, m_database, m_settings, [this](bool loaded) {
        if (loaded)
            refresh();
    });
}

void MainWindow::loadDemoData()
{
    DemoData::load(this, m_database, [this](bool) { refresh(); });
}

void MainWindow::reloadDirectory()
{
    const auto agents = m_directory->agents();
    const auto teams = m_directory->teams();
    const auto categories = m_directory->categories();
    if (agents && teams && categories)
        m_filterBar->setChoices(*agents, *teams, *categories);
    else
        showError(!agents      ? agents.errorMessage()
                      : !teams ? teams.errorMessage()
                               : categories.errorMessage());
}

void MainWindow::refresh()
{
    retranslateUi();
    reloadDirectory();
    if (!m_agent) { // demo data or an import brought the first agents
        ensureAgent();
        if (m_agent)
            buildDetail();
    }
    m_navigator->reload(); // and its counts
    m_ticketModel->refresh();
    Q_EMIT refreshed();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::switchLanguage(const QString &code)
{
    if (code == m_language.current())
        return;
    if (m_language.apply(code))
        m_settings.setValue(keys::language, code);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(this);
    QList<QAction *> actions;
    for (QMenu *menu : {m_fileMenu, m_editMenu, m_ticketMenu, m_helpMenu})
        for (QAction *a : menu->actions())
            if (!a->isSeparator() && !a->menu())
                actions << a;
    dialog.setActions(actions);
    dialog.exec();
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings.value(keys::mainWindowGeometry);
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    restoreState(m_settings.value(keys::mainWindowState));
    const QByteArray split = m_settings.value(keys::mainSplitterState);
    if (!split.isEmpty())
        m_splitter->restoreState(split);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveHeaderState();
    m_settings.setValue(keys::mainWindowGeometry, saveGeometry());
    m_settings.setValue(keys::mainWindowState, saveState());
    m_settings.setValue(keys::mainSplitterState, m_splitter->saveState());
    event->accept();
}

} // namespace hd
