// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ticketlistcache.h"

#include <algorithm>

namespace hd {

TicketListCache::TicketListCache(TicketQuery &query)
    : m_query(query)
{ }

void TicketListCache::reset(const TicketFilter &filter, const TicketSort &sort)
{
    m_filter = filter;
    m_sort = sort;
    m_total = -1;
    m_pages.clear();
    m_positions.clear();
    m_anchors.clear();
    m_frontier = -1;
    m_frontierCursor = {};
}

const TicketListCache::Page *TicketListCache::pageOf(qint64 pos) const
{
    const auto it = m_pages.constFind(pos / kPageSize);
    if (it == m_pages.cend() || pos < it->first || pos >= it->first + it->rows.size())
        return nullptr;
    return &*it;
}

const TicketListRow *TicketListCache::row(qint64 pos)
{
    const auto it = m_pages.find(pos / kPageSize);
    if (it == m_pages.end() || pos < it->first || pos >= it->first + it->rows.size())
        return nullptr;
    it->used = ++m_clock;
    return &it->rows.at(pos - it->first);
}

bool TicketListCache::isLoaded(qint64 pos) const
{
    return pageOf(pos) != nullptr;
}

RowId TicketListCache::idAt(qint64 pos) const
{
    const Page *p = pageOf(pos);
    return p ? p->rows.at(pos - p->first).id : 0;
}

qint64 TicketListCache::positionOf(RowId id) const
{
    return m_positions.value(id, -1);
}

bool TicketListCache::replace(qint64 pos, const TicketListRow &row)
{
    const auto it = m_pages.find(pos / kPageSize);
    if (it == m_pages.end() || pos < it->first || pos >= it->first + it->rows.size())
        return false;
    TicketListRow &old = it->rows[pos - it->first];
    if (old.id != row.id)
        return false;
    old = row;
    return true;
}

namespace {
enum class From { Start, Below, Above, End };
}

qint64 TicketListCache::distance(qint64 pos) const
{
    if (isLoaded(pos))
        return 0;
    const qint64 start = pos / kPageSize * kPageSize;
    const qint64 end = m_total >= 0 ? qMin(start + kPageSize, m_total) : start + kPageSize;
    qint64 best = start;
    auto above = m_anchors.lowerBound(start);
    if (above != m_anchors.cbegin())
        best = qMin(best, start - std::prev(above).key() - 1);
    if (auto it = m_anchors.lowerBound(end); it != m_anchors.cend())
        best = qMin(best, it.key() - end);
    if (m_total >= 0)
        best = qMin(best, m_total - end);
    return qMax<qint64>(0, best);
}

Result<void> TicketListCache::load(qint64 pos)
{
    const qint64 index = pos / kPageSize;
    const qint64 start = index * kPageSize;
    const qint64 end = m_total >= 0 ? qMin(start + kPageSize, m_total) : start + kPageSize;
    if (end <= start)
        return {};
    const int limit = int(end - start);

    // The nearest known position: the start, an anchor below or above, or the end.
    From from = From::Start;
    qint64 skip = start;
    Cursor cursor;
    auto above = m_anchors.lowerBound(start);
    if (above != m_anchors.cbegin()) {
        const auto below = std::prev(above);
        if (start - below.key() - 1 < skip) {
            from = From::Below;
            skip = start - below.key() - 1;
            cursor = below.value();
        }
    }
    if (auto it = m_anchors.lowerBound(end); it != m_anchors.cend() && it.key() - end < skip) {
        from = From::Above;
        skip = it.key() - end;
        cursor = it.value();
    }
    if (m_total >= 0 && m_total - end < skip) {
        from = From::End;
        skip = m_total - end;
        cursor = {};
    }

    const bool forward = from == From::Start || from == From::Below;
    auto page = forward ? m_query.pageAt(m_filter, m_sort, cursor, skip, limit)
                        : m_query.pageBefore(m_filter, m_sort, cursor, skip, limit);
    if (!page)
        return page.error();

    Page p;
    p.rows = std::move(page->rows);
    // Read backwards, a short page ends at `end`: the list has fewer rows than counted.
    p.first = forward ? start : end - p.rows.size();
    p.used = ++m_clock;
    if (const auto old = m_pages.constFind(index); old != m_pages.cend())
        for (const TicketListRow &r : old->rows)
            m_positions.remove(r.id);
    for (qsizetype i = 0; i < p.rows.size(); ++i)
        m_positions.insert(p.rows[i].id, p.first + i);
    if (!p.rows.isEmpty()) {
        addAnchor(p.first, p.rows.first().cursor);
        addAnchor(p.first + p.rows.size() - 1, p.rows.last().cursor);
    }
    m_pages.insert(index, std::move(p));
    evict();
    return {};
}

void TicketListCache::addAnchor(qint64 pos, const Cursor &c)
{
    if (m_anchors.size() >= kMaxAnchors) {
        // Thin out evenly: keep every other anchor.
        bool drop = false;
        for (auto it = m_anchors.begin(); it != m_anchors.end();) {
            if (drop && it.key() != m_frontier)
                it = m_anchors.erase(it);
            else
                ++it;
            drop = !drop;
        }
    }
    m_anchors.insert(pos, c);
}

void TicketListCache::evict()
{
    while (m_pages.size() > kMaxPages) {
        qint64 oldest = -1;
        quint64 used = std::numeric_limits<quint64>::max();
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (it.value().used < used) {
                used = it.value().used;
                oldest = it.key();
            }
        }
        for (const TicketListRow &r : m_pages.value(oldest).rows)
            m_positions.remove(r.id);
        m_pages.remove(oldest);
    }
}

Result<std::optional<qint64>> TicketListCache::walk(qint64 hop)
{
    hop = qMax<qint64>(1, hop);
    auto page = m_query.pageAt(m_filter, m_sort, m_frontierCursor, hop - 1, 1);
    if (!page)
        return page.error();
    if (!page->rows.isEmpty()) {
        m_frontier += hop;
        m_frontierCursor = page->rows.first().cursor;
        addAnchor(m_frontier, m_frontierCursor);
        return std::optional<qint64>();
    }
    // Fewer than hop rows remain after the frontier.
    auto rest = m_query.countAfter(m_filter, m_sort, m_frontierCursor, hop);
    if (!rest)
        return rest.error();
    return std::optional<qint64>(m_frontier + 1 + rest->value_or(0));
}

} // namespace hd
