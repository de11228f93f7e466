// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/syncsession.h"

#include "core/base/clock.h"
#include "core/storage/attachmentstore.h"
#include "core/storage/database.h"
#include "core/storage/searchindex.h"
#include "sync/feednotifier.h"
#include "sync/replica.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>

namespace hd::sync {

/// Everything that runs on the worker thread; made and deleted there.
struct SyncSession::Worker
{
    Worker(Database &db, const Clock &clock)
        : attachments(QFileInfo(db.path()).absolutePath() + QStringLiteral("/attachments"))
        , search(db)
        , outbox(db, clock)
        , client(db, search, outbox, network)
    {
        client.setAttachmentStore(&attachments);
    }
    /// The desktop's own store (the main window's: "attachments" next to the database).
    AttachmentStore attachments;
    SearchIndex search;
    Outbox outbox;
    QNetworkAccessManager network;
    SyncClient client;
};

SyncSession::SyncSession(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_journal(std::make_unique<Outbox>(db, clock))
{
    m_thread.setObjectName(QStringLiteral("sync"));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(1000);
    connect(&m_debounce, &QTimer::timeout, this, &SyncSession::autoSync);
    m_periodic.setInterval(30'000);
    connect(&m_periodic, &QTimer::timeout, this, &SyncSession::autoSync);
}

SyncSession::~SyncSession()
{
    m_debounce.stop();
    m_periodic.stop();
    if (!m_context)
        return;
    QMetaObject::invokeMethod(m_context, [this] {
        if (m_worker)
            m_worker->client.cancel(); // aborts the request in flight while all is alive
        delete m_worker;
        m_worker = nullptr;
        QThread::currentThread()->quit();
    });
    m_thread.wait();
    delete m_context;
}

OpJournal *SyncSession::journal() const
{
    return m_journal.get();
}

QString SyncSession::replicaPath(const QString &dataDir, const QUrl &server,
                                 const QString &agentUuid)
{
    const int port = server.port(server.scheme() == QLatin1String("https") ? 443 : 80);
    QString host = server.host();
    host.replace(QLatin1Char(':'), QLatin1Char('-')); // IPv6 literals
    return QDir(dataDir).filePath(
        QStringLiteral("replicas/%1_%2_%3.sqlite").arg(host).arg(port).arg(agentUuid));
}

template<typename F>
void SyncSession::onWorker(F &&f)
{
    if (!m_context)
        return;
    QMetaObject::invokeMethod(m_context, [this, f = std::forward<F>(f)] {
        if (m_worker)
            f(*m_worker);
    });
}

void SyncSession::setIntervals(int debounceMs, int periodicMs)
{
    m_debounce.setInterval(debounceMs);
    m_periodic.setInterval(periodicMs);
}

void SyncSession::setRetryBase(double seconds)
{
    m_retryBase = seconds;
    onWorker([seconds](Worker &w) { w.client.setRetryBase(seconds); });
}

void SyncSession::start(const QUrl &server, const QString &token)
{
    if (m_context) {
        setToken(token);
        return;
    }
    m_server = server;
    m_notifier = std::make_unique<FeedNotifier>();
    connect(m_notifier.get(), &FeedNotifier::moved, this, &SyncSession::feedMoved);
    m_notifier->start(server, token);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    const double retryBase = m_retryBase;
    QMetaObject::invokeMethod(m_context, [this, server, token, retryBase] {
        m_worker = new Worker(m_db, m_clock);
        SyncClient *c = &m_worker->client;
        c->setRetryBase(retryBase);
        c->setServer(server, token);
        // Forwarded to the GUI thread (queued: this object lives there).
        connect(c, &SyncClient::stateChanged, c, [this, c](SyncClient::State s) {
            const QString error = c->lastError();
            QMetaObject::invokeMethod(this, [this, s, error] { onState(s, error); });
        });
        connect(c, &SyncClient::pendingChanged, this, &SyncSession::onPending);
        connect(c, &SyncClient::progress, this, [this](qint64 cursor, qint64 head) {
            m_head = head;
            Q_EMIT progress(cursor, head);
        });
        connect(c, &SyncClient::ticketsChanged, this, &SyncSession::ticketsChanged);
        connect(c, &SyncClient::rejectionsChanged, this, &SyncSession::rejectionsChanged);
        connect(c, &SyncClient::synced, this, &SyncSession::synced);
        c->syncNow();
    });
    m_periodic.start();
}

bool SyncSession::initialSyncPending() const
{
    // The client marks the search index stale from the first page of a cursor-0 sync until
    // that round ends.
    auto stale = replica::state(m_db, QStringLiteral("search_stale"));
    return storedCursor() == 0 || (stale && *stale == QLatin1String("1"));
}

void SyncSession::setToken(const QString &token)
{
    if (m_notifier)
        m_notifier->start(m_server, token);
    onWorker([server = m_server, token](Worker &w) {
        w.client.setServer(server, token);
        w.client.syncNow();
    });
}

void SyncSession::syncNow()
{
    m_paused = false;
    autoSync();
}

void SyncSession::autoSync()
{
    m_debounce.stop();
    if (m_paused)
        return;
    onWorker([](Worker &w) { w.client.syncNow(); });
}

void SyncSession::localChange()
{
    onPending(pending());
    m_debounce.start();
}

void SyncSession::feedMoved(qint64 seq)
{
    if (seq > 0 && seq <= m_head && m_state == SyncClient::State::Idle && pending() == 0)
        return; // already there
    autoSync();
}

void SyncSession::cancel()
{
    m_paused = true;
    m_debounce.stop();
    onWorker([](Worker &w) { w.client.cancel(); });
}

void SyncSession::onState(SyncClient::State state, const QString &error)
{
    m_state = state;
    m_lastError = error;
    Q_EMIT stateChanged(state);
}

void SyncSession::onPending(int operations)
{
    Q_EMIT pendingChanged(operations);
}

qint64 SyncSession::storedCursor() const
{
    auto c = replica::state(m_db, QStringLiteral("cursor"));
    return c ? c->toLongLong() : 0;
}

int SyncSession::pending() const
{
    auto n = m_journal->count();
    return n ? *n : 0;
}

SyncSession::Rejections SyncSession::rejections() const
{
    return rejections(m_db);
}

SyncSession::Rejections SyncSession::rejections(Database &db)
{
    Rejections r;
    auto q = db.exec(QStringLiteral("SELECT code = 'overwrote', count(*) FROM sync_rejections "
                                    "WHERE dismissed = 0 GROUP BY 1"));
    while (q && q->next())
        (q->value(0).toBool() ? r.notices : r.refused) = q->value(1).toInt();
    return r;
}

} // namespace hd::sync
