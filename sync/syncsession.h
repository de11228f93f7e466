// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"
#include "sync/syncclient.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace hd {
class Clock;
class Database;
class OpJournal;
} // namespace hd

namespace hd::sync {

class FeedNotifier;
class Outbox;

/// Background sync of a replica for the desktop: a SyncClient on a worker thread with its own
/// Outbox, SearchIndex and QNetworkAccessManager on the same Database (which gives the worker
/// its own connection). The GUI's TicketStore records into journal(), an Outbox on the GUI
/// thread, so every edit lands in the outbox in its own transaction.
///
/// Rounds run at start(), about a second after the last local change (localChange()), every
/// 30 seconds, and when the server's WebSocket (FeedNotifier) says the feed moved. Backoff after
/// failures is SyncClient's. The object itself lives on the GUI thread; its signals arrive there.
class SyncSession : public QObject
{
    Q_OBJECT
public:
    SyncSession(Database &db, const Clock &clock, QObject *parent = nullptr);
    /// Stops the round in flight and the worker thread (waits for it: at most one answer's
    /// handling, since the network reply is aborted first).
    ~SyncSession() override;

    /// The journal for the GUI's TicketStore::setJournal().
    [[nodiscard]] OpJournal *journal() const;
    /// Starts the worker (once) and a first round.
    void start(const QUrl &server, const QString &token);
    /// Intervals (tests shorten them).
    void setIntervals(int debounceMs, int periodicMs);
    void setRetryBase(double seconds);

    [[nodiscard]] SyncClient::State state() const { return m_state; }
    [[nodiscard]] bool started() const { return m_context != nullptr; }
    [[nodiscard]] QString lastError() const { return m_lastError; }
    /// The stored feed cursor (0: the replica never synced).
    [[nodiscard]] qint64 storedCursor() const;
    /// The replica's first full sync has not finished yet (cursor 0, or cancelled midway).
    [[nodiscard]] bool initialSyncPending() const;
    [[nodiscard]] bool paused() const { return m_paused; }
    /// Operations waiting in the outbox; refused changes and notices not dismissed.
    [[nodiscard]] int pending() const;
    struct Rejections
    {
        int refused = 0; ///< operations the server refused
        int notices = 0; ///< "overwrote" notices
    };
    [[nodiscard]] Rejections rejections() const;
    static Rejections rejections(Database &db);

    /// The file a server's replica lives in for one agent, in the data folder:
    /// replicas/<host>_<port>_<agent uuid>.sqlite.
    static QString replicaPath(const QString &dataDir, const QUrl &server,
                               const QString &agentUuid);

public Q_SLOTS:
    /// A round now; also resumes automatic rounds after cancel().
    void syncNow();
    /// A local edit: a round a moment later (a burst of edits makes one round).
    void localChange();
    /// The server's feed moved to seq (the notifier): pull unless already there.
    void feedMoved(qint64 seq);
    /// Stops the round in flight (the initial sync's Cancel) and pauses the automatic rounds
    /// until syncNow(); the next round continues from the stored cursor.
    void cancel();
    void setToken(const QString &token);

Q_SIGNALS:
    void stateChanged(hd::sync::SyncClient::State state);
    void pendingChanged(int operations);
    void rejectionsChanged();
    void progress(qint64 cursor, qint64 head);
    /// Tickets the worker changed in the database; the GUI re-reads them.
    void ticketsChanged(const QList<hd::RowId> &ticketIds);
    void synced();

private:
    void autoSync();
    void onState(SyncClient::State state, const QString &error);
    void onPending(int operations);
    template<typename F>
    void onWorker(F &&f);

    struct Worker;
    Database &m_db;
    const Clock &m_clock;
    std::unique_ptr<Outbox> m_journal;
    QThread m_thread;
    QObject *m_context = nullptr; ///< lives on m_thread
    Worker *m_worker = nullptr; ///< made and deleted on m_thread
    SyncClient::State m_state = SyncClient::State::Idle;
    QString m_lastError;
    QUrl m_server;
    qint64 m_head = 0;
    double m_retryBase = 1.0;
    bool m_paused = false;
    QTimer m_debounce;
    QTimer m_periodic;
    std::unique_ptr<FeedNotifier> m_notifier; ///< the server's WebSocket: feedMoved() on news
};

} // namespace hd::sync
