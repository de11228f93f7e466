// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/chatbulk.h"

#include "core/base/logging.h"
#include "core/channels/chatrows.h"
#include "core/storage/database.h"
#include "core/storage/deferredindexes.h"
#include "core/storage/ticketstore.h"
#include "core/workflow/slaservice.h"

#include <QElapsedTimer>
#include <QScopeGuard>

#include <atomic>
#include <future>
#include <optional>

namespace hd::chat::detail {

namespace {

constexpr int kSessionsPerChunk = 1000; // rows built ahead on the second thread
constexpr int kSessionsPerCommit = 5000; // in WAL mode, as the careful path
// Search documents are written at the end of each transaction, after every ticket, message and
// event of it: FTS5 writes out what it holds in memory whenever a statement with a statement
// journal starts after it (a plain multi-row INSERT, or one into tickets, which has triggers),
// so any such statement between documents would cut the index into small segments merged again
// and again. Keeping them costs memory: about 110 MB more at 1M lines (RSS 770 MB, not 660).
// Rows per INSERT OR FAIL statement (see RoomChunk).
constexpr int kTicketsPerStatement = 64;
constexpr int kMessagesPerStatement = 32;
constexpr int kEventsPerStatement = 64;
constexpr qint64 kBulkCacheKiB = 1048576; // page cache while writing in bulk
// FTS5 keeps new postings in memory up to this size before writing a segment (default 1 MiB):
// fewer, larger segments and no merging of small ones while millions of tokens go in.
constexpr qint64 kBulkFtsHash = 64 << 20;
constexpr qint64 kDefaultFtsHash = 1 << 20;

/// The connection's settings for the import, restored when it ends (see importNewRoom()).
class BulkMode
{
public:
    explicit BulkMode(Database &db)
        : m_db(db)
    {
        if (db.inTransaction())
            return; // the caller's transaction: pragmas cannot change, nothing to restore
        auto fk = db.scalar(QStringLiteral("PRAGMA foreign_keys"));
        auto cache = db.scalar(QStringLiteral("PRAGMA cache_size"));
        auto sync = db.scalar(QStringLiteral("PRAGMA synchronous"));
        auto journal = db.scalar(QStringLiteral("PRAGMA journal_mode"));
        if (!fk || !cache || !sync || !journal)
            return;
        m_fk = fk->toInt();
        m_cache = cache->toLongLong();
        m_sync = sync->toInt();
        m_journal = journal->toString();
        m_set = true;
        // Rows are consistent by construction (tickets and people exist before anything refers
        // to them); checking each message's three references would cost a quarter of the time.
        set(QStringLiteral("PRAGMA foreign_keys=OFF"));
        set(QStringLiteral("PRAGMA cache_size=%1").arg(-kBulkCacheKiB));
        auto used = db.scalar(QStringLiteral(
            "SELECT EXISTS(SELECT 1 FROM tickets) OR EXISTS(SELECT 1 FROM messages)"));
        if (!used || used->toBool())
            return;
        // SQLite leaves WAL mode only when this is the one connection to the file: not worth
        // asking (and logging the refusal) while other threads of this program have one open.
        if (db.connectionCount() > 1)
            return;
        auto mode = db.scalar(QStringLiteral("PRAGMA journal_mode=TRUNCATE"));
        m_exclusive
            = mode && mode->toString().compare(QLatin1String("truncate"), Qt::CaseInsensitive) == 0;
        if (m_exclusive)
            set(QStringLiteral("PRAGMA synchronous=OFF"));
    }

    ~BulkMode()
    {
        if (!m_set)
            return;
        if (m_exclusive) {
            set(QStringLiteral("PRAGMA journal_mode=%1").arg(m_journal));
            set(QStringLiteral("PRAGMA synchronous=%1").arg(m_sync));
        }
        set(QStringLiteral("PRAGMA cache_size=%1").arg(m_cache));
        set(QStringLiteral("PRAGMA foreign_keys=%1").arg(m_fk));
    }

    [[nodiscard]] bool exclusive() const { return m_exclusive; }

private:
    void set(const QString &pragma)
    {
        if (auto r = m_db.scalar(pragma); !r)
            qCWarning(lcChannels) << "bulk import:" << pragma << r.errorMessage();
    }

    Database &m_db;
    bool m_set = false;
    bool m_exclusive = false;
    int m_fk = 1;
    qint64 m_cache = 0;
    int m_sync = 1;
    QString m_journal;
};

/// CPU time of the calling thread (wall time where there is no such clock): the import shares
/// the machine, and CPU time shows the work itself.
class CpuTimer
{
public:
    void start() { m_start = now(); }
    [[nodiscard]] qint64 nsecsElapsed() const { return now() - m_start; }

private:
    static qint64 now()
    {
#if defined(Q_OS_UNIX)
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
#else
        static QElapsedTimer wall;
        if (!wall.isValid())
            wall.start();
        return wall.nsecsElapsed();
#endif
    }
    qint64 m_start = 0;
};

Result<void> setFtsHash(Database &db, qint64 bytes)
{
    auto q = db.exec(QStringLiteral("INSERT INTO ticket_search(ticket_search, rank) VALUES "
                                    "('hashsize', ?)"),
                     {bytes});
    return q ? Result<void>() : Result<void>(q.error());
}

} // namespace

Result<void> importNewRoom(TicketStore &store, const NewRoom &room, ChatImportSummary &summary,
                           const std::function<bool(qint64, qint64)> &progress, int *written)
{
    Database &db = store.database();
    const int total = int(room.sessions->size());
    *written = 0;
    if (total == 0)
        return {};
    BulkMode mode(db);
    auto previousHash
        = db.scalar(QStringLiteral("SELECT v FROM ticket_search_config WHERE k = 'hashsize'"));
    const qint64 ftsHash
        = previousHash && !previousHash->isNull() ? previousHash->toLongLong() : kDefaultFtsHash;
    RoomRowBuilder builder(room);
    // Where the time goes (logged at the end): building rows on the second thread, waiting for
    // them, and writing each table.
    std::atomic<qint64> buildNs{0};
    qint64 waitNs = 0, slaNs = 0, commitNs = 0, indexNs = 0;
    std::array<qint64, 4> writeNs{};
    auto build = [&builder, &buildNs, total](int from) {
        return std::async(std::launch::async, [&builder, &buildNs, from, total] {
            CpuTimer t;
            t.start();
            RoomChunk c = builder.build(from, qMin(total, from + kSessionsPerChunk));
            buildNs += t.nsecsElapsed();
            return c;
        });
    };
    CpuTimer timer;
    QElapsedTimer waited;
    std::future<RoomChunk> next = build(0);
    auto waitForBuilder = qScopeGuard([&next] {
        if (next.valid())
            next.wait();
    });
    BulkInserter inserter(db.connection());
    const int perCommit = mode.exclusive() ? total : kSessionsPerCommit;
    bool cancelled = false;
    int done = 0;
    while (done < total && !cancelled) {
        const int commitEnd = qMin(total, done + perCommit);
        ChatImportSummary committed; // what this transaction adds to the summary
        CpuTimer transaction;
        transaction.start();
        qint64 bodyNs = 0;
        auto r = store.batch([&]() -> Result<void> {
            auto ids = db.scalar(QStringLiteral("SELECT coalesce(max(id), 0) FROM tickets"));
            auto numbers = db.scalar(QStringLiteral(
                "SELECT max(coalesce((SELECT value FROM counters WHERE name = "
                "'ticket_number'), 0), coalesce((SELECT max(number) FROM tickets), 0))"));
            if (!ids)
                return ids.error();
            if (!numbers)
                return numbers.error();
            RowId nextId = ids->toLongLong() + 1;
            qint64 nextNumber = numbers->toLongLong() + 1;
            if (auto h = setFtsHash(db, kBulkFtsHash); !h)
                return h;
            // Into empty tables (the exclusive mode): the tickets' many indexes are built once at
            // the end, and the navigator counts in one pass instead of a trigger per ticket.
            // (Messages and events arrive in index order already: rebuilding theirs costs more.)
            std::optional<DeferredIndexes> deferred;
            if (mode.exclusive()) {
                auto d = DeferredIndexes::drop(db, {QStringLiteral("tickets")},
                                               {QStringLiteral("tickets_count_insert")});
                if (!d)
                    return d.error();
                deferred = std::move(*d);
            }
            int doneHere = done;
            QList<RowBuffer> documents;
            auto writeDocuments = [&]() -> Result<void> {
                timer.start();
                for (const RowBuffer &d : std::as_const(documents))
                    if (auto w = inserter.insert(RoomChunk::searchHead(), d); !w)
                        return w;
                writeNs[3] += timer.nsecsElapsed();
                documents.clear();
                return {};
            };
            while (doneHere < commitEnd) {
                waited.start();
                RoomChunk c = next.get();
                waitNs += waited.nsecsElapsed();
                const int chunkEnd = qMin(total, doneHere + kSessionsPerChunk);
                if (chunkEnd < total)
                    next = build(chunkEnd);
                c.tickets.addToColumn(RoomChunk::TicketId, nextId);
                c.tickets.addToColumn(RoomChunk::TicketNumber, nextNumber);
                c.messages.addToColumn(RoomChunk::MessageTicket, nextId);
                c.events.addToColumn(RoomChunk::EventTicket, nextId);
                c.search.addToColumn(RoomChunk::DocId, nextId);
                // Tickets first: messages and events refer to them.
                const std::array<std::pair<const QString *, const RowBuffer *>, 3> tables{
                    {{&RoomChunk::ticketsHead(), &c.tickets},
                     {&RoomChunk::messagesHead(), &c.messages},
                     {&RoomChunk::eventsHead(), &c.events}}};
                constexpr std::array<int, 3> perStatement{
                    kTicketsPerStatement, kMessagesPerStatement, kEventsPerStatement};
                for (size_t t = 0; t < tables.size(); ++t) {
                    timer.start();
                    if (auto w
                        = inserter.insert(*tables[t].first, *tables[t].second, perStatement[t]);
                        !w)
                        return w;
                    writeNs[t] += timer.nsecsElapsed();
                }
                documents << std::move(c.search);
                timer.start();
                for (int local : std::as_const(c.stillOpen))
                    if (auto s = store.sla().refresh(nextId + local); !s)
                        return s;
                slaNs += timer.nsecsElapsed();
                for (int k = 0; k < c.ticketCount; ++k)
                    committed.ticketIds << nextId + k;
                committed.ticketsCreated += c.ticketCount;
                committed.messagesAdded += c.messagesAdded;
                committed.systemEvents += c.systemEvents;
                nextId += c.ticketCount;
                nextNumber += c.ticketCount;
                doneHere = chunkEnd;
                if (progress && !progress(doneHere, total)) {
                    cancelled = true; // what is written so far is committed, as between commits
                    break;
                }
            }
            if (auto w = writeDocuments(); !w)
                return w;
            if (deferred) {
                timer.start();
                if (auto restored = deferred->restore(db); !restored)
                    return restored;
                auto counts = db.exec(QStringLiteral(
                    "INSERT INTO ticket_counts(status, archived, assignee_id, n) "
                    "SELECT status, archived, coalesce(assignee_id, 0), count(*) FROM tickets "
                    "GROUP BY 1, 2, 3 ON CONFLICT(status, archived, assignee_id) "
                    "DO UPDATE SET n = n + excluded.n"));
                if (!counts)
                    return counts.error();
                indexNs += timer.nsecsElapsed();
            }
            if (auto h = setFtsHash(db, ftsHash); !h)
                return h;
            if (auto q = db.exec(
                    QStringLiteral("INSERT INTO counters(name, value) VALUES ('ticket_number', ?) "
                                   "ON CONFLICT(name) DO UPDATE SET value = excluded.value"),
                    {nextNumber - 1});
                !q)
                return q.error();
            done = doneHere;
            bodyNs = transaction.nsecsElapsed();
            return {};
        });
        commitNs += transaction.nsecsElapsed() - bodyNs;
        if (!r)
            return r;
        summary.ticketIds << committed.ticketIds;
        summary.ticketsCreated += committed.ticketsCreated;
        summary.messagesAdded += committed.messagesAdded;
        summary.systemEvents += committed.systemEvents;
    }
    *written = done;
    constexpr qint64 ms = 1000000;
    qCInfo(lcChannels) << "bulk import:" << (mode.exclusive() ? "exclusive" : "wal")
                       << (inserter.direct() ? "direct" : "qt") << done << "conversations;"
                       << "CPU ms building rows" << buildNs / ms << "writing tickets"
                       << writeNs[0] / ms << "messages" << writeNs[1] / ms << "events"
                       << writeNs[2] / ms << "search" << writeNs[3] / ms << "indexes"
                       << indexNs / ms << "sla" << slaNs / ms << "commit" << commitNs / ms
                       << "; wall ms waiting for rows" << waitNs / ms;
    return {};
}

} // namespace hd::chat::detail
