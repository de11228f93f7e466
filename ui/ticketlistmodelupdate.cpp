// SPDX-License-Identifier: GPL-3.0-or-later
// TicketListModel: sorting, refreshing and updating rows in place.
#include "ui/ticketlistmodel.h"

#include <QElapsedTimer>

namespace hd {

namespace {
/// Tickets whose new row a refresh looks up when they are not near their old row; persistent
/// indexes beyond lose their place.
constexpr int kMaxTracked = 32;
/// Pages a refresh reads at once to find the persistent indexes' tickets again.
constexpr int kMaxPagesReread = 4;
/// After this long a refresh stops looking for the persistent indexes' tickets.
constexpr qint64 kRelayoutBudgetMs = 60;
/// How far from either end a refresh counts to find a ticket's new row.
constexpr qint64 kMaxRankScan = 250000;
} // namespace

void TicketListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    const TicketSort s{SortColumn(column), order == Qt::DescendingOrder};
    if (s.column == m_sort.column && s.descending == m_sort.descending)
        return;
    relayout(QAbstractItemModel::VerticalSortHint, s);
}

void TicketListModel::refresh()
{
    relayout(QAbstractItemModel::NoLayoutChangeHint, m_sort);
}

int TicketListModel::locate(RowId id, const TicketSort &sort, qint64 total)
{
    auto r = m_query->row(m_filter, sort, id);
    if (!r || !*r)
        return -1;
    auto rank = m_query->rankOf(m_filter, sort, (*r)->cursor, total, kMaxRankScan);
    if (!rank || !*rank)
        return -1;
    return int(qMin<qint64>(**rank, std::numeric_limits<int>::max()));
}

int TicketListModel::findRow(RowId id)
{
    if (const int row = rowOf(id); row >= 0)
        return row;
    const int row = locate(id, m_sort, m_countExact ? m_rows : -1);
    return row < m_rows ? row : -1;
}

void TicketListModel::relayout(QAbstractItemModel::LayoutChangeHint hint, const TicketSort &sort)
{
    m_refreshTimer.stop();
    m_wantTimer.stop();
    m_wanted.clear();
    m_walkTimer.stop();
    std::optional<qint64> total;
    QString error;
    if (auto quick = m_query->quickCount(m_filter); !quick)
        error = quick.errorMessage();
    else
        total = *quick;

    // Rows are added before the layout change (a ticket may move into them) and removed after
    // it (so that the removal drops no persistent index that was moved up).
    m_frozen = true;
    if (total && *total > m_rows)
        setRowCount(*total);
    Q_EMIT layoutAboutToBeChanged({}, hint);
    const QModelIndexList from = persistentIndexList();
    // The tickets the persistent indexes are on, from the rows read so far.
    QHash<int, RowId> ids; // old row -> ticket (0: never read)
    QHash<qint64, int> pageVotes; // page of old rows -> persistent indexes on it
    for (const QModelIndex &i : from) {
        if (ids.contains(i.row()))
            continue;
        ids.insert(i.row(), m_cache.idAt(i.row()));
        ++pageVotes[i.row() / TicketListCache::kPageSize];
    }
    m_sort = sort;
    m_cache.reset(m_filter, m_sort);
    m_failed = false;
    m_countExact = total.has_value();
    if (total)
        m_cache.setTotal(*total);
    // Most tickets stay near where they were: read the pages they were on (the busiest few),
    // then look up the ones not found there.
    QList<std::pair<int, qint64>> pages;
    for (auto it = pageVotes.cbegin(); it != pageVotes.cend(); ++it)
        pages.append({it.value(), it.key()});
    std::sort(pages.begin(), pages.end(), std::greater<>());
    // Bounded in time too: on a long list sorted by a column without an index every read
    // sorts the whole list.
    QElapsedTimer spent;
    spent.start();
    for (qsizetype i = 0; i < qMin<qsizetype>(pages.size(), kMaxPagesReread); ++i) {
        if (spent.elapsed() > kRelayoutBudgetMs)
            break;
        if (auto r = m_cache.load(pages[i].second * TicketListCache::kPageSize); !r) {
            error = r.errorMessage();
            break;
        }
    }
    QHash<int, int> moved; // old row -> new row (-1: gone)
    int lookedUp = 0;
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        int to = -1;
        if (it.value() == 0) {
            if (!total || it.key() < *total)
                to = it.key(); // a row never read stays where it is
        } else if (const qint64 pos = m_cache.positionOf(it.value()); pos >= 0) {
            to = int(pos);
        } else if (lookedUp++ < kMaxTracked && spent.elapsed() <= kRelayoutBudgetMs) {
            to = locate(it.value(), m_sort, total ? *total : -1);
        }
        moved.insert(it.key(), to);
    }
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &i : from) {
        const int row = moved.value(i.row(), -1);
        to << (row >= 0 && row < m_rows ? index(row, i.column()) : QModelIndex());
    }
    changePersistentIndexList(from, to);
    m_frozen = false;
    Q_EMIT layoutChanged({}, hint);
    if (total && *total < m_rows)
        setRowCount(*total);
    if (!error.isEmpty())
        reportError(error);
    else if (total)
        Q_EMIT countKnown(*total);
    startWalk();
}

void TicketListModel::ticketsChanged(const QList<RowId> &ids)
{
    if (m_refreshTimer.isActive() || ids.isEmpty())
        return; // a refresh is on its way
    struct Update
    {
        qint64 pos;
        TicketListRow row;
    };
    QList<Update> updates;
    bool refreshNeeded = false;
    bool left = false; // a ticket not loaded that is not in the list (now)
    for (RowId id : ids) {
        const qint64 pos = m_cache.positionOf(id);
        auto fresh = m_query->row(m_filter, m_sort, id);
        if (!fresh) {
            refreshNeeded = true;
            break;
        }
        const TicketListRow *old = pos >= 0 ? m_cache.row(pos) : nullptr;
        if (old && *fresh && (*fresh)->cursor.key == old->cursor.key) {
            updates << Update{pos, **fresh};
        } else if (!old && !*fresh) {
            left = true;
        } else {
            refreshNeeded = true; // moved, joined or left the list
            break;
        }
    }
    if (!refreshNeeded && left) {
        // It may have been in a part of the list never read: the count tells.
        auto quick = m_query->quickCount(m_filter);
        refreshNeeded = !quick || !*quick || !m_countExact || **quick != m_rows;
    }
    if (refreshNeeded) {
        m_refreshTimer.start();
        return;
    }
    for (const Update &u : updates) {
        if (m_cache.replace(u.pos, u.row))
            Q_EMIT dataChanged(index(int(u.pos), 0), index(int(u.pos), ColumnCount - 1));
    }
}

} // namespace hd
