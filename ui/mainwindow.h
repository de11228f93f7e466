// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QSplitter;
class QTreeView;
class QTreeWidget;
class QStandardItemModel;

namespace hd {

class Database;
class Language;
class Settings;
class TicketQuery;

/// The workspace shell: navigator of views | ticket list | ticket detail, with menus and a
/// status bar. Every user-visible string is set in retranslateUi(), which runs again on
/// QEvent::LanguageChange, so switching language needs no restart.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class ConnectionState { Offline, Connecting, Online, Syncing };
    Q_ENUM(ConnectionState)

    MainWindow(Settings &settings, Language &language, Database &database,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    void setConnectionState(ConnectionState state, int pendingChanges = 0);
    /// Offers demo data when the database is empty (first start); see DemoData.
    void offerDemoData();
    /// Loads demo data without asking.
    void loadDemoData();
    /// Re-reads the counts and the selected view.
    void refresh();

Q_SIGNALS:
    /// Emitted after refresh() re-read the counts and the list.
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildCentral();
    void buildStatusBar();
    void retranslateUi();
    void switchLanguage(const QString &code);
    void showAbout();
    void showShortcuts();
    void restoreLayout();

    void refreshList();

    Settings &m_settings;
    Language &m_language;
    Database &m_database;
    std::unique_ptr<TicketQuery> m_query;
    ConnectionState m_connection = ConnectionState::Offline;
    int m_pending = 0;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_newTicket = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_langKo = nullptr;
    QAction *m_langEn = nullptr;
    QActionGroup *m_langGroup = nullptr;
    QAction *m_about = nullptr;
    QAction *m_shortcuts = nullptr;

    QSplitter *m_splitter = nullptr;
    QTreeWidget *m_navigator = nullptr;
    QTreeView *m_ticketList = nullptr;
    QStandardItemModel *m_ticketModel = nullptr;
    QLabel *m_detailPlaceholder = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_databaseLabel = nullptr;
};

} // namespace hd
