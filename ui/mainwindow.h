// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QSplitter;
class QUndoStack;

namespace hd {

class AssignmentNotifier;
class RejectionsDialog;
class SyncStatusWidget;
namespace sync {
class SyncSession;
class TokenStore;
} // namespace sync
class DashboardWindow;
class ScheduledExporter;
class SpikeWatcher;
namespace reporting {
struct SpikeAlert;
}
class AttachmentStore;
class Clock;
class Database;
class Drafts;
class Macros;
class TicketDetail;
struct BulkChange;
class Directory;
class FilterBar;
class Language;
class SavedViewsNavigator;
class Settings;
class TicketListModel;
class TicketListView;
class TicketStore;
struct TicketFilter;

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

    /// The store every change in this window goes through; its changed() updates the list and
    /// the counts.
    [[nodiscard]] TicketStore &ticketStore() { return *m_store; }
    [[nodiscard]] TicketListModel *ticketModel() const { return m_ticketModel; }
    /// The signed-in agent (0 = nobody): "My tickets" and the saved views are theirs.
    void setCurrentAgent(RowId agentId);
    /// The right-hand area; setDetailWidget() puts the ticket detail there (the window takes
    /// ownership; nullptr brings the placeholder back).
    [[nodiscard]] QWidget *detailArea() const { return m_detailArea; }
    void setDetailWidget(QWidget *widget);
    /// The ticket selected in the list, 0 when none.
    [[nodiscard]] RowId currentTicket() const { return m_currentTicket; }
    /// Selects a ticket of the list (and scrolls to it); false when it is not in the list.
    bool selectTicket(RowId id);
    /// The agent this desktop works as (until sign-in exists: the first agent, or one made from
    /// the system user name on an empty database).
    [[nodiscard]] RowId currentAgent() const { return m_agent; }
    [[nodiscard]] TicketDetail *ticketDetail() const { return m_detail; }
    [[nodiscard]] QUndoStack *undoStack() const { return m_undo; }
    /// Ticket ids of the list's selected rows, in list order.
    [[nodiscard]] QList<RowId> selectedTickets() const;
    /// Applies a change to the selected tickets (undoable where it can be walked back); tells
    /// the agent which tickets were skipped and why. Returns how many changed.
    int bulkEdit(const BulkChange &change);
    /// Opens the import dialog for a file (empty = let the agent pick one).
    void importFile(const QString &path = {});
    /// Opens (or raises) the dashboard window.
    DashboardWindow *openDashboard();
    /// Lists exactly these tickets (the ones behind a report figure) under a title.
    void showTickets(const QString &title, const QList<RowId> &ids);

    // mainwindowsync.cpp: sign-in and background sync (docs/sync.md)
    /// Works on a server's replica: the store records into the session's outbox, the status bar
    /// shows the session, worker changes refresh the list and detail. The window does not own
    /// the session; the session must outlive neither the window nor the database.
    void attachSync(sync::SyncSession *session, const QUrl &server);
    /// Starts the attached session with the stored token (asynchronous: keyring).
    void startSync();
    [[nodiscard]] sync::TokenStore &tokenStore() { return *m_tokens; }
    [[nodiscard]] SyncStatusWidget *syncStatus() const { return m_syncStatus; }
    void openSignIn();
    void signOut();
    void showRejections();

Q_SIGNALS:
    /// Emitted after refresh() re-read the counts and the list.
    void refreshed();
    /// The ticket selected in the list changed (0: none).
    void currentTicketChanged(hd::RowId ticketId);
    /// Sign-in or sign-out changed which database the desktop works on: main() opens the
    /// window again on the right one.
    void restartRequested();

protected:
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
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

    void reloadDirectory();
    void applyView();
    void applyFilter(const TicketFilter &filter);
    void saveView(const TicketFilter &filter);
    void updateCurrentTicket();
    void saveHeaderState();
    bool restoreHeaderState();
    void showError(const QString &message);

    // mainwindowactions.cpp: ticket work beyond the list
    void buildTicketActions();
    void retranslateTicketActions();
    void ensureAgent();
    void buildDetail();
    void newTicket();
    void mergeSelected();
    void splitCurrent();
    void stepTicket(int delta);
    void compose(bool internal);
    void listContextMenu(const QPoint &at);
    // mainwindowreports.cpp: the dashboard, volume alerts and scheduled exports
    void buildReportActions();
    void retranslateReportActions();
    void showSpikeAlerts(const QList<reporting::SpikeAlert> &alerts);
    void openScheduledExports();
    // mainwindowsync.cpp
    void buildSyncActions();
    void retranslateSyncActions();
    void updateSyncStatus();
    void remoteTicketsChanged(const QList<RowId> &ids);
    void syncFinished();

    Settings &m_settings;
    Language &m_language;
    Database &m_database;
    const Clock &m_clock;
    std::unique_ptr<TicketStore> m_store;
    std::unique_ptr<Directory> m_directory;
    QTimer m_countsTimer;
    QString m_viewKey; ///< the view whose header layout the list shows
    RowId m_currentTicket = 0;
    RowId m_agent = 0;
    std::unique_ptr<AttachmentStore> m_attachments;
    std::unique_ptr<Drafts> m_drafts;
    std::unique_ptr<Macros> m_macros;
    TicketDetail *m_detail = nullptr;
    QUndoStack *m_undo = nullptr;
    AssignmentNotifier *m_notifier = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_reportsMenu = nullptr;
    QAction *m_dashboardAction = nullptr;
    QPointer<DashboardWindow> m_dashboard;
    SpikeWatcher *m_spikes = nullptr;
    QAction *m_scheduledExportsAction = nullptr;
    ScheduledExporter *m_exporter = nullptr;
    QMenu *m_ticketMenu = nullptr;
    QAction *m_import = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_nextTicket = nullptr;
    QAction *m_prevTicket = nullptr;
    QAction *m_reply = nullptr;
    QAction *m_note = nullptr;
    QAction *m_assignToMe = nullptr;
    QAction *m_solve = nullptr;
    QAction *m_search = nullptr;
    QAction *m_merge = nullptr;
    QAction *m_split = nullptr;
    QAction *m_macrosAction = nullptr;
    std::unique_ptr<sync::TokenStore> m_tokens;
    sync::SyncSession *m_sync = nullptr;
    QUrl m_server;
    QString m_token;
    bool m_applyingRemote = false;
    SyncStatusWidget *m_syncStatus = nullptr;
    QPointer<RejectionsDialog> m_rejections;
    QAction *m_connectAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_syncNowAction = nullptr;
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
    SavedViewsNavigator *m_navigator = nullptr;
    FilterBar *m_filterBar = nullptr;
    TicketListView *m_ticketList = nullptr;
    TicketListModel *m_ticketModel = nullptr;
    QWidget *m_detailArea = nullptr;
    QWidget *m_detailWidget = nullptr;
    QLabel *m_detailPlaceholder = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_databaseLabel = nullptr;
};

} // namespace hd
