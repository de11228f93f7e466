// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace hd {
class AttachmentStore;
class Clock;
class Database;
class SearchIndex;
} // namespace hd

namespace hd::sync {

class AttachmentTransfer;
class FeedApplier;
class Outbox;

/// The client's side of sync (docs/sync.md): pushes the outbox in order, records the answers
/// (applied operations leave the outbox, refused ones move to sync_rejections and their ticket
/// is re-taken from the server), then pulls the change feed page by page from the stored
/// cursor. Network failures retry with exponential backoff (1 s doubling to 60 s, with
/// jitter); 401 stops until a new token is set. All network I/O is asynchronous through the
/// injected QNetworkAccessManager (tests pass a faulty one), so the object may live on the GUI
/// thread or a worker thread; database work per page is one transaction.
class SyncClient : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Syncing, Offline, Unauthorized };
    Q_ENUM(State)

    SyncClient(Database &db, SearchIndex &search, Outbox &outbox, QNetworkAccessManager &network,
               QObject *parent = nullptr);
    ~SyncClient() override;

    /// The server's base URL (http://host:port) and the agent's token.
    void setServer(const QUrl &base, const QString &token);
    void setPageSize(int entries) { m_pageSize = entries; }
    void setPushBatch(int ops) { m_pushBatch = ops; }
    /// Seconds of the first retry delay (tests make it small); doubles up to 60 x that.
    void setRetryBase(double seconds) { m_retryBase = seconds; }
    /// The replica's attachment files: with a store, a batch's files are uploaded before the
    /// batch is pushed, and after each pull the files the replica's messages name but the store
    /// lacks are downloaded (at most setDownloadBudget() bytes a round). Without one, neither.
    void setAttachmentStore(AttachmentStore *store);
    void setDownloadBudget(qint64 bytes) { m_downloadBudget = bytes; }
    static constexpr qint64 kDefaultDownloadBudget = 50 * 1024 * 1024;

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] qint64 cursor() const { return m_cursor; }
    [[nodiscard]] qint64 head() const { return m_head; }
    [[nodiscard]] QString lastError() const { return m_lastError; }

public Q_SLOTS:
    /// Starts a round (push everything, then pull to the head) unless one runs; a request during
    /// a round runs another round after it (the feed may have moved meanwhile).
    void syncNow();
    /// Stops the round in flight; what was applied stays, the next round resumes from there.
    void cancel();

Q_SIGNALS:
    void stateChanged(hd::sync::SyncClient::State state);
    void pendingChanged(int operations);
    /// Pull progress: cursor of head.
    void progress(qint64 cursor, qint64 head);
    void ticketsChanged(const QList<hd::RowId> &ticketIds);
    /// Operations the server refused (or overwrote notices) were recorded.
    void rejectionsChanged();
    /// A round finished with the outbox empty and the replica at the feed's head.
    void synced();

private:
    void push();
    void post(const QJsonArray &list);
    /// Files the batch's add_message operations name, uploaded before it; false when none.
    bool uploadFirst(const QJsonArray &list);
    /// Downloads missing files of this replica's messages; false when there are none.
    bool downloadMissing();
    /// Ends the round on a failure and schedules the next one with backoff; stops on 401
    /// (status 0: not an HTTP answer, e.g. a local database error).
    void retryLater(int status, const QString &error);
    void refetchNext();
    void pull();
    void requestPage(qint64 after);
    void pullAnswered(QNetworkReply *reply);
    void applyPage(const QJsonObject &page, qint64 cursor, bool more, QPointer<QNetworkReply> next);
    /// Fetches missing attachment files first when `fetchFiles`.
    void finishRound(bool fetchFiles = true);
    /// A failed request: back off, or stop on 401. Returns true when it was a failure.
    bool failed(QNetworkReply *reply);
    void setState(State s);
    void reportPending();
    Result<void> recordAnswers(const QList<QJsonObject> &ops, const QJsonArray &results);
    QNetworkReply *send(const QByteArray &method, const QString &path, const QByteArray &body = {});

    Database &m_db;
    SearchIndex &m_search;
    Outbox &m_outbox;
    QNetworkAccessManager &m_network;
    std::unique_ptr<FeedApplier> m_applier;
    QUrl m_base;
    QString m_token;
    State m_state = State::Idle;
    bool m_running = false;
    bool m_again = false;
    int m_pageSize = 1000;
    int m_pushBatch = 500;
    double m_retryBase = 1.0;
    int m_failures = 0;
    qint64 m_cursor = 0;
    qint64 m_head = 0;
    bool m_bulk = false;
    QString m_lastError;
    QStringList m_refetch; ///< tickets to re-take after rejections
    QPointer<QNetworkReply> m_reply;
    bool m_applyPending = false; ///< a page waits to be applied (see pullAnswered())
    QPointer<QNetworkReply> m_stashed; ///< the next page's answer, when it came first
    QTimer m_retry;
    std::unique_ptr<AttachmentTransfer> m_transfer;
    qint64 m_downloadBudget = kDefaultDownloadBudget;
};

} // namespace hd::sync
