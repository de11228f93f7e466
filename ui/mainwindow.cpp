// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/storage/database.h"
#include "core/storage/ticketquery.h"
#include "ui/aboutdialog.h"
#include "ui/demodata.h"
#include "ui/shortcutsdialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTreeView>
#include <QTreeWidget>

namespace hd {

namespace {
// Navigator entries in display order; their labels are set in retranslateUi().
enum NavigatorView { MyTickets, Unassigned, AllOpen, Pending, Solved, Closed, Archived, ViewCount };
} // namespace

MainWindow::MainWindow(Settings &settings, Language &language, Database &database, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_language(language)
    , m_database(database)
    , m_query(std::make_unique<TicketQuery>(database))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/helpdesk.svg")));
    buildActions();
    buildMenus();
    buildCentral();
    buildStatusBar();
    retranslateUi();
    restoreLayout();
    connect(m_navigator, &QTreeWidget::currentItemChanged, this, [this] { refreshList(); });
    refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    m_newTicket = new QAction(this);
    m_newTicket->setObjectName(QStringLiteral("actionNewTicket"));
    m_newTicket->setShortcut(QKeySequence::New);
    m_newTicket->setEnabled(false); // enabled once the ticket store is attached

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
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("menuView"));
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("menuLanguage"));
    m_languageMenu->addAction(m_langKo);
    m_languageMenu->addAction(m_langEn);

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

    m_navigator = new QTreeWidget(m_splitter);
    m_navigator->setObjectName(QStringLiteral("navigator"));
    m_navigator->setHeaderHidden(true);
    m_navigator->setRootIsDecorated(false);
    m_navigator->setColumnCount(2);
    m_navigator->header()->setStretchLastSection(false);
    m_navigator->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_navigator->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    for (int i = 0; i < ViewCount; ++i)
        new QTreeWidgetItem(m_navigator);
    // No agent is signed in before sync exists, so the team view is the useful start.
    m_navigator->setCurrentItem(m_navigator->topLevelItem(AllOpen));

    m_ticketModel = new QStandardItemModel(0, 12, this);
    m_ticketList = new QTreeView(m_splitter);
    m_ticketList->setObjectName(QStringLiteral("ticketList"));
    m_ticketList->setModel(m_ticketModel);
    m_ticketList->setRootIsDecorated(false);
    m_ticketList->setUniformRowHeights(true);
    m_ticketList->setSortingEnabled(false);
    m_ticketList->header()->setStretchLastSection(false);

    m_detailPlaceholder = new QLabel(m_splitter);
    m_detailPlaceholder->setObjectName(QStringLiteral("ticketDetail"));
    m_detailPlaceholder->setAlignment(Qt::AlignCenter);
    m_detailPlaceholder->setWordWrap(true);
    m_detailPlaceholder->setMargin(24);

    m_splitter->addWidget(m_navigator);
    m_splitter->addWidget(m_ticketList);
    m_splitter->addWidget(m_detailPlaceholder);
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

    const QString views[ViewCount]
        = {tr("My tickets"), tr("Unassigned"), tr("All open"), tr("Pending"),
           tr("Solved"),     tr("Closed"),     tr("Archived")};
    const auto counts = m_query->viewCounts(0);
    const qint64 n[ViewCount] = {counts ? counts->mine : 0,    counts ? counts->unassigned : 0,
                                 counts ? counts->allOpen : 0, counts ? counts->pending : 0,
                                 counts ? counts->solved : 0,  counts ? counts->closed : 0,
                                 counts ? counts->archived : 0};
    const QLocale locale;
    for (int i = 0; i < ViewCount; ++i) {
        m_navigator->topLevelItem(i)->setText(0, views[i]);
        m_navigator->topLevelItem(i)->setText(1, locale.toString(n[i]));
        m_navigator->topLevelItem(i)->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }

    const QStringList columns = {tr("Number"),    tr("Subject"),  tr("Requester"), tr("Status"),
                                 tr("Priority"),  tr("Category"), tr("Assignee"),  tr("Channel"),
                                 tr("Direction"), tr("Created"),  tr("Updated"),   tr("SLA due")};
    m_ticketModel->setHorizontalHeaderLabels(columns);

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
    m_databaseLabel->setText(tr("Local database"));
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

void MainWindow::refresh()
{
    retranslateUi(); // counts live in the navigator labels
    refreshList();
    Q_EMIT refreshed();
}

// Interim list: the first 200 rows of the selected view, read through the core's query object.
// The agent workspace replaces this with a keyset-paged model over the whole view.
void MainWindow::refreshList()
{
    const int view = m_navigator->indexOfTopLevelItem(m_navigator->currentItem());
    TicketFilter filter;
    switch (view) {
    case MyTickets:
        filter = TicketQuery::myTickets(-1);
        break;
    case Unassigned:
        filter = TicketQuery::unassigned();
        break;
    case Pending:
        filter = TicketQuery::withStatus(TicketStatus::Pending);
        break;
    case Solved:
        filter = TicketQuery::withStatus(TicketStatus::Solved);
        break;
    case Closed:
        filter = TicketQuery::withStatus(TicketStatus::Closed);
        break;
    case Archived:
        filter = TicketQuery::archivedView();
        break;
    default:
        filter = TicketQuery::allOpen();
        break;
    }
    m_ticketModel->removeRows(0, m_ticketModel->rowCount());
    const auto page = m_query->page(filter, TicketSort{}, {}, 200);
    if (!page)
        return;
    const QLocale locale;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const TicketListRow &r : page->rows) {
        QList<QStandardItem *> items;
        auto add = [&](const QString &text) {
            auto *item = new QStandardItem(text);
            item->setEditable(false);
            items << item;
        };
        add(QStringLiteral("#") + QString::number(r.number)); // an identifier: no digit grouping
        add(r.subject);
        add(r.requesterName);
        add(displayName(r.status));
        add(displayName(r.priority));
        add(r.categoryName);
        add(r.assigneeName);
        add(displayName(r.channel));
        add(displayName(r.direction));
        add(locale.toString(r.createdAt.toLocalTime(), QLocale::ShortFormat));
        add(locale.toString(r.updatedAt.toLocalTime(), QLocale::ShortFormat));
        add(r.slaDue.isValid() ? locale.toString(r.slaDue.toLocalTime(), QLocale::ShortFormat)
                               : QString());
        if (r.slaDue.isValid() && r.slaDue < now)
            items.last()->setForeground(QColor(0xc5, 0x22, 0x1f));
        m_ticketModel->appendRow(items);
    }
    m_ticketList->resizeColumnToContents(0);
    m_ticketList->setColumnWidth(1, 320);
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
    m_settings.setValue(keys::mainWindowGeometry, saveGeometry());
    m_settings.setValue(keys::mainWindowState, saveState());
    m_settings.setValue(keys::mainSplitterState, m_splitter->saveState());
    event->accept();
}

} // namespace hd
