// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/storage/ticketquery.h"

#include <QHash>
#include <QMap>

#include <optional>

namespace hd {

/// The rows of one ticket list that a view has looked at, in pages, and the positions known in
/// the list (anchors: a row's position and its keyset cursor). A page is read from the nearest
/// known position: by keyset right after or before a neighbouring page, by an offset from an
/// anchor or from either end otherwise. Memory stays bounded: at most kMaxPages pages (least
/// recently used go first) and kMaxAnchors anchors.
class TicketListCache
{
public:
    static constexpr int kPageSize = 100;
    static constexpr int kMaxPages = 96;
    static constexpr int kMaxAnchors = 20000;

    explicit TicketListCache(TicketQuery &query);

    /// Forgets every page and anchor and starts over on this list.
    void reset(const TicketFilter &filter, const TicketSort &sort);
    /// Rows in the list: -1 while unknown (then only the start of the list can be used to
    /// read from, and anchors).
    void setTotal(qint64 total) { m_total = total; }
    [[nodiscard]] qint64 total() const { return m_total; }

    /// The row at pos when its page is loaded (marks the page as recently used).
    const TicketListRow *row(qint64 pos);
    [[nodiscard]] bool isLoaded(qint64 pos) const;
    /// The page of pos was read (it may have ended before pos: the list is shorter).
    [[nodiscard]] bool isPageRead(qint64 pos) const { return m_pages.contains(pos / kPageSize); }
    /// Rows SQLite has to step over to read the page of pos: 0 next to a loaded page.
    [[nodiscard]] qint64 distance(qint64 pos) const;
    /// Reads the page holding pos. A short or empty page means the list ended there.
    Result<void> load(qint64 pos);

    /// Position of a loaded ticket, -1 when it is not in a loaded page.
    [[nodiscard]] qint64 positionOf(RowId id) const;
    /// Replaces a loaded row in place (same position).
    bool replace(qint64 pos, const TicketListRow &row);
    /// The loaded rows' ids by position (for keeping a selection over a refresh).
    [[nodiscard]] RowId idAt(qint64 pos) const;

    /// The farthest anchor from the start walked so far, -1 when none.
    [[nodiscard]] qint64 frontier() const { return m_frontier; }
    /// Steps `hop` rows past the frontier and records the row there as an anchor. Returns the
    /// list's total when the list ends before that (the walk is over), empty otherwise.
    Result<std::optional<qint64>> walk(qint64 hop);
    [[nodiscard]] int pageCount() const { return int(m_pages.size()); }
    [[nodiscard]] int anchorCount() const { return int(m_anchors.size()); }

private:
    struct Page
    {
        qint64 first = 0; ///< position of rows[0]
        QList<TicketListRow> rows;
        quint64 used = 0;
    };
    const Page *pageOf(qint64 pos) const;
    void addAnchor(qint64 pos, const Cursor &c);
    void evict();

    TicketQuery &m_query;
    TicketFilter m_filter;
    TicketSort m_sort;
    qint64 m_total = -1;
    QHash<qint64, Page> m_pages; ///< by page index
    QHash<RowId, qint64> m_positions; ///< loaded rows by id
    QMap<qint64, Cursor> m_anchors; ///< position -> the cursor of the row there
    qint64 m_frontier = -1;
    Cursor m_frontierCursor;
    quint64 m_clock = 0;
};

} // namespace hd
