// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ticketlistmodel.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/storage/database.h"

namespace hd {

namespace {
constexpr int kPage = TicketListCache::kPageSize;
/// A page is read synchronously when SQLite steps over rows for at most this long.
constexpr double kSyncBudgetNs = 8e6;
/// Each step of the walk over the list aims at this much time.
constexpr double kWalkSliceNs = 6e6;
/// A walk step this slow even for the shortest hop means the order itself is expensive.
constexpr double kSlowStepNs = 60e6;
constexpr qint64 kMinHop = 1000;
/// Lists up to this long need no anchors: any page is a short step from an end.
constexpr qint64 kWalkAbove = 20000;
} // namespace

TicketListModel::TicketListModel(Database &db, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
    , m_query(std::make_unique<TicketQuery>(db))
    , m_cache(*m_query)
{
    m_wantTimer.setSingleShot(true);
    m_wantTimer.setInterval(40);
    connect(&m_wantTimer, &QTimer::timeout, this, &TicketListModel::loadWanted);
    m_walkTimer.setInterval(0);
    connect(&m_walkTimer, &QTimer::timeout, this, &TicketListModel::walkStep);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(30);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TicketListModel::refresh);
}

TicketListModel::~TicketListModel() = default;

void TicketListModel::reportError(const QString &message)
{
    qCWarning(lcUi) << "ticket list:" << message;
    Q_EMIT loadFailed(message);
}

void TicketListModel::setQuery(const TicketFilter &filter, const TicketSort &sort)
{
    beginResetModel();
    m_filter = filter;
    m_sort = sort;
    m_cache.reset(filter, sort);
    m_failed = false;
    m_wanted.clear();
    m_wantTimer.stop();
    m_walkTimer.stop();
    m_refreshTimer.stop();
    m_rows = 0;
    m_countExact = false;
    QString error;
    if (auto quick = m_query->quickCount(filter); !quick) {
        error = quick.errorMessage();
        m_countExact = true;
    } else if (*quick) {
        m_rows = int(qMin<qint64>(**quick, std::numeric_limits<int>::max()));
        m_countExact = true;
        m_cache.setTotal(m_rows);
    } else if (auto first = m_cache.load(0); !first) {
        error = first.errorMessage();
        m_countExact = true;
    } else {
        // Not cheap to count: show the first page, the walk counts the rest.
        while (m_rows < kPage && m_cache.isLoaded(m_rows))
            ++m_rows;
        if (m_rows < kPage) {
            m_countExact = true;
            m_cache.setTotal(m_rows);
        }
    }
    endResetModel();
    if (!error.isEmpty())
        reportError(error);
    else if (m_countExact)
        Q_EMIT countKnown(m_rows);
    startWalk();
}

void TicketListModel::startWalk()
{
    m_walkTimer.stop();
    m_textReady = m_filter.text.trimmed().isEmpty();
    // Anchors only help where stepping over rows is what a far read costs (an indexed order).
    const bool anchors = m_rows > kWalkAbove && TicketQuery::hasListIndex(m_sort.column);
    if (!m_countExact || anchors || !m_textReady)
        m_walkTimer.start();
}

void TicketListModel::walkStep()
{
    QElapsedTimer timer;
    timer.start();
    if (!m_textReady) {
        // First the text's hits, in slices: every later read tests rows against them.
        auto done = m_query->preloadText(m_filter, m_preloadRows);
        if (!done) {
            m_walkTimer.stop();
            reportError(done.errorMessage());
            return;
        }
        const double ns = double(qMax<qint64>(1, timer.nsecsElapsed()));
        m_preloadRows = qBound(qint64(2000), qint64(double(m_preloadRows) * kWalkSliceNs / ns),
                               qint64(1000000));
        m_textReady = *done;
        if (m_textReady && !m_countExact) {
            // A text alone is counted by now (its hits); other filters walk.
            if (auto quick = m_query->quickCount(m_filter); quick && *quick) {
                m_countExact = true;
                m_cache.setTotal(**quick);
                setRowCount(**quick);
                Q_EMIT countKnown(**quick);
            }
        }
        if (m_textReady && m_countExact
            && (m_rows <= kWalkAbove || !TicketQuery::hasListIndex(m_sort.column)))
            m_walkTimer.stop();
        return;
    }
    if (!TicketQuery::hasListIndex(m_sort.column)) {
        // Every step would sort the whole list: count it in one go instead.
        m_walkTimer.stop();
        if (m_countExact)
            return;
        auto n = m_query->count(m_filter);
        if (!n) {
            reportError(n.errorMessage());
            return;
        }
        m_countExact = true;
        m_cache.setTotal(*n);
        setRowCount(*n);
        Q_EMIT countKnown(*n);
        return;
    }
    const qint64 hop = m_hop;
    auto r = m_cache.walk(hop);
    if (!r) {
        m_walkTimer.stop();
        reportError(r.errorMessage());
        return;
    }
    const double ns = double(qMax<qint64>(1, timer.nsecsElapsed()));
    m_nsPerRow = qBound(10.0, ns / double(hop), 1e5);
    m_hop = qBound(kMinHop, qint64(double(hop) * kWalkSliceNs / ns), qint64(500000));
    if (!*r && ns > kSlowStepNs && hop <= kMinHop) {
        // Each step costs a whole sort (a long list sorted by a column without an index):
        // no anchors then, and a count in one go if the rows are not counted yet.
        m_walkTimer.stop();
        if (m_countExact)
            return;
        auto n = m_query->count(m_filter);
        if (!n) {
            reportError(n.errorMessage());
            return;
        }
        r = std::optional<qint64>(*n);
    }
    if (*r) {
        m_walkTimer.stop();
        const qint64 total = **r;
        m_cache.setTotal(total);
        const bool changed = !m_countExact || total != m_rows;
        m_countExact = true;
        setRowCount(total);
        if (changed)
            Q_EMIT countKnown(total);
    } else if (!m_countExact && m_cache.frontier() + 1 >= m_rows + m_rows / 4) {
        // Rows found so far show as the walk goes, in steps (each costs the view a relayout).
        setRowCount(m_cache.frontier() + 1);
    }
}

void TicketListModel::setRowCount(qint64 rows)
{
    const int n = int(qMin<qint64>(rows, std::numeric_limits<int>::max()));
    if (n > m_rows) {
        beginInsertRows({}, m_rows, n - 1);
        m_rows = n;
        endInsertRows();
    } else if (n < m_rows) {
        beginRemoveRows({}, n, m_rows - 1);
        m_rows = n;
        endRemoveRows();
    }
}

const TicketListRow *TicketListModel::rowAt(int row) const
{
    if (const TicketListRow *r = m_cache.row(row))
        return r;
    if (m_frozen || m_failed || m_cache.isPageRead(row))
        return nullptr; // relayout going on, a read failed, or the list ended early
    const qint64 limit
        = m_syncSkipLimit >= 0 ? m_syncSkipLimit : qint64(kSyncBudgetNs / m_nsPerRow);
    if (m_cache.distance(row) > limit) {
        requestLater(row);
        return nullptr;
    }
    if (auto loaded = m_cache.load(row); !loaded) {
        // Report once, outside data(); no more reads until the next refresh.
        m_failed = true;
        auto *self = const_cast<TicketListModel *>(this);
        QMetaObject::invokeMethod(
            self, [self, m = loaded.errorMessage()] { self->reportError(m); },
            Qt::QueuedConnection);
        return nullptr;
    }
    return m_cache.row(row);
}

void TicketListModel::requestLater(qint64 row) const
{
    const qint64 page = row / kPage;
    m_wanted.removeAll(page);
    m_wanted.append(page);
    if (m_wanted.size() > 8)
        m_wanted.removeFirst();
    m_wantTimer.start(); // restarts: waits until the view paused
}

void TicketListModel::loadWanted()
{
    // The pages the view asked for last are the ones on screen.
    const QList<qint64> pages = m_wanted.mid(qMax<qsizetype>(0, m_wanted.size() - 3));
    m_wanted.clear();
    for (auto it = pages.crbegin(); it != pages.crend(); ++it) {
        const qint64 first = *it * kPage;
        if (first >= m_rows || m_cache.isLoaded(first))
            continue;
        if (auto r = m_cache.load(first); !r) {
            reportError(r.errorMessage());
            return;
        }
        const int last = int(qMin<qint64>(first + kPage, m_rows) - 1);
        Q_EMIT dataChanged(index(int(first), 0), index(last, ColumnCount - 1));
    }
}

bool TicketListModel::fetchRows(int first, int last)
{
    first = qMax(0, first);
    last = qMin(last, m_rows - 1);
    for (int row = first; row <= last; row = (row / kPage + 1) * kPage) {
        if (m_cache.isLoaded(row))
            continue;
        if (auto r = m_cache.load(row); !r) {
            reportError(r.errorMessage());
            return false;
        }
        if (!m_cache.isLoaded(row))
            return false;
    }
    return true;
}

bool TicketListModel::isRowLoaded(int row) const
{
    return m_cache.isLoaded(row);
}

RowId TicketListModel::idAt(int row) const
{
    return m_cache.idAt(row);
}

int TicketListModel::rowOf(RowId id) const
{
    const qint64 pos = m_cache.positionOf(id);
    return pos >= 0 && pos < m_rows ? int(pos) : -1;
}

int TicketListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int TicketListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags TicketListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

} // namespace hd
