// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/storage/ticketquerytext.h"

#include "core/storage/database.h"
#include "core/storage/ticketquery.h"

#include <QHash>
#include <QRegularExpression>
#include <QSqlDatabase>

#include <atomic>

namespace hd {

namespace {
std::atomic<qint64> g_driveFromHitsMax{20000};
}

void TicketQuery::setDriveFromHitsMax(qint64 hits)
{
    g_driveFromHitsMax = hits > 0 ? hits : 20000;
}

namespace detail {

qint64 driveFromHitsMax()
{
    return g_driveFromHitsMax.load();
}

namespace {

/// A prefix spelled out as more words than this has no probe form.
constexpr int kMaxExpansions = 32;

/// What temp.hd_text_hits holds on one connection, and the state of the data it came from.
struct Loaded
{
    QString fts;
    qint64 dataVersion = -1; ///< PRAGMA data_version: changes when another connection commits
    qint64 changes = -1; ///< total_changes(): changes when this connection writes
    qint64 rows = 0; ///< rows in the table (guards against a rolled-back transaction)
    qint64 hits = -1; ///< full-text count (a lower bound unless hitsExact), -1 until counted
    bool hitsExact = false;
    qint64 lastId = 0; ///< hits are read in rowid order: every hit up to here is in the table
    bool complete = false;
    bool probeKnown = false;
    QString probe;
};

// Connections are per thread (Database), and so are temp tables: keyed by connection name.
thread_local QHash<QString, Loaded> t_loaded;

struct Fingerprint
{
    qint64 dataVersion = -1, changes = -1, rows = -1;
};

Result<Fingerprint> fingerprint(Database &db)
{
    auto q = db.exec(
        QStringLiteral("SELECT (SELECT data_version FROM pragma_data_version), total_changes(), "
                       "(SELECT count(*) FROM temp.hd_text_hits)"));
    if (!q)
        return q.error();
    Fingerprint f;
    if (q->next())
        f = {q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toLongLong()};
    q->finish();
    return f;
}

Result<void> remember(Database &db, Loaded &l)
{
    auto f = fingerprint(db);
    if (!f)
        return f.error();
    l.dataVersion = f->dataVersion;
    l.changes = f->changes;
    l.rows = f->rows;
    return {};
}

/// The state of fts on this connection, emptied when it is about another text or stale.
Result<Loaded *> stateFor(Database &db, const QString &fts)
{
    const QString connection = db.connection().connectionName();
    auto it = t_loaded.find(connection);
    if (it == t_loaded.end()) {
        auto created = db.exec(
            QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS hd_text_hits(id INTEGER PRIMARY KEY)"));
        if (!created)
            return created.error();
        created->finish();
        it = t_loaded.insert(connection, Loaded{});
    }
    auto now = fingerprint(db);
    if (!now)
        return now.error();
    if (it->fts == fts && it->dataVersion == now->dataVersion && it->changes == now->changes
        && it->rows == now->rows)
        return &*it;
    if (auto d = db.exec(QStringLiteral("DELETE FROM temp.hd_text_hits")); !d)
        return d.error();
    *it = Loaded{};
    it->fts = fts;
    if (auto r = remember(db, *it); !r)
        return r.error();
    return &*it;
}

QString quoted(const QString &term)
{
    return QLatin1Char('"') + QString(term).replace(QLatin1Char('"'), QStringLiteral("\"\""))
        + QLatin1Char('"');
}

/// fts with every prefix of two or more characters ("refund"*) spelled out as the words the
/// index holds ("refund" OR "refunded"): FTS5 merges all of a prefix's postings for every
/// query, which is too slow to repeat per row. Empty when there is no such form.
Result<QString> probeForm(Database &db, const QString &fts)
{
    static const QRegularExpression prefix(QStringLiteral("\"((?:[^\"]|\"\")*)\"\\*"));
    QString out;
    qsizetype done = 0;
    bool vocab = false;
    for (auto it = prefix.globalMatch(fts); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString term = m.captured(1).replace(QStringLiteral("\"\""), QStringLiteral("\""));
        if (term.contains(QLatin1Char(' ')))
            return QString(); // a phrase ending in a prefix
        if (term.size() < 2)
            continue; // one-character prefixes have their own index (prefix='1')
        if (!vocab) {
            auto v = db.exec(QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS "
                                            "temp.hd_search_vocab USING fts5vocab(main, "
                                            "ticket_search, 'row')"));
            if (!v)
                return v.error();
            v->finish();
            vocab = true;
        }
        auto q = db.exec(QStringLiteral("SELECT term FROM temp.hd_search_vocab WHERE term >= ? "
                                        "AND term < ? LIMIT ")
                             + QString::number(kMaxExpansions + 1),
                         {term, QString(term + QString::fromUcs4(U"\U0010FFFF"))});
        if (!q)
            return q.error();
        QStringList words;
        while (q->next())
            words << quoted(q->value(0).toString());
        q->finish();
        if (words.size() > kMaxExpansions)
            return QString();
        out += fts.mid(done, m.capturedStart() - done);
        out += words.isEmpty()
            ? quoted(term)
            : QLatin1Char('(') + words.join(QStringLiteral(" OR ")) + QLatin1Char(')');
        done = m.capturedEnd();
    }
    out += fts.mid(done);
    return out;
}

/// Reads up to `limit` (all when < 0) more hits into the table.
Result<void> loadRows(Database &db, Loaded &l, qint64 limit)
{
    const QString expr = l.probe.isEmpty() ? l.fts : l.probe;
    QString sql = QStringLiteral("INSERT INTO temp.hd_text_hits(id) SELECT rowid FROM "
                                 "ticket_search WHERE ticket_search MATCH ? AND rowid > ? "
                                 "ORDER BY rowid");
    if (limit >= 0)
        sql += QStringLiteral(" LIMIT ") + QString::number(limit);
    auto ins = db.exec(sql, {expr, l.lastId});
    if (!ins)
        return ins.error();
    const qint64 added = ins->numRowsAffected();
    ins->finish();
    auto last = db.scalar(QStringLiteral("SELECT coalesce(max(id), 0) FROM temp.hd_text_hits"));
    if (!last)
        return last.error();
    l.lastId = last->toLongLong();
    l.complete = limit < 0 || added < limit;
    if (auto r = remember(db, l); !r)
        return r;
    if (l.complete) {
        l.hits = l.rows;
        l.hitsExact = true;
    }
    return {};
}

Result<void> ensureProbe(Database &db, Loaded &l)
{
    if (l.probeKnown)
        return {};
    auto p = probeForm(db, l.fts);
    if (!p)
        return p.error();
    l.probe = *p;
    l.probeKnown = true;
    return remember(db, l); // the vocabulary table is a schema change, not a write
}

/// Counts the hits up to just past driveFromHitsMax(): enough to choose how to read the list
/// (an exact count of a broad text would cost as much as reading its hits).
Result<void> ensureCounted(Database &db, Loaded &l)
{
    if (l.hits >= 0)
        return {};
    const qint64 cap = driveFromHitsMax() + 1;
    auto n = db.scalar(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM ticket_search WHERE "
                                      "ticket_search MATCH ? LIMIT ")
                           + QString::number(cap) + QLatin1Char(')'),
                       {l.probe.isEmpty() ? l.fts : l.probe});
    if (!n)
        return n.error();
    l.hits = n->toLongLong();
    l.hitsExact = l.hits < cap;
    return {};
}

} // namespace

Result<TextState> textState(Database &db, const QString &fts, bool needHitSet)
{
    auto state = stateFor(db, fts);
    if (!state)
        return state.error();
    Loaded &l = **state;
    if (auto r = ensureProbe(db, l); !r)
        return r.error();
    if (auto r = ensureCounted(db, l); !r)
        return r.error();
    if (!l.complete && !needHitSet && l.hits > driveFromHitsMax() && !l.probe.isEmpty())
        return TextState{l.hits, l.hitsExact, false, l.probe};
    if (!l.complete)
        if (auto r = loadRows(db, l, -1); !r)
            return r.error();
    return TextState{l.hits, true, true, {}};
}

Result<bool> loadTextHitsStep(Database &db, const QString &fts, qint64 rows)
{
    auto state = stateFor(db, fts);
    if (!state)
        return state.error();
    Loaded &l = **state;
    if (l.complete)
        return true;
    if (auto r = ensureProbe(db, l); !r)
        return r.error();
    if (auto r = loadRows(db, l, qMax<qint64>(1, rows)); !r)
        return r.error();
    return l.complete;
}

} // namespace detail
} // namespace hd
