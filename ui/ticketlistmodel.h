// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/storage/ticketquery.h"
#include "ui/ticketlistcache.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QList>
#include <QTimer>

#include <memory>

namespace hd {

class Clock;
class Database;

/// A ticket list of any length as a table: one row per ticket of a TicketFilter, in the order
/// of a TicketSort, read page by page through TicketQuery (keyset pagination, never the whole
/// list). rowCount() is the list's count when it is cheap to know (TicketQuery::quickCount);
/// otherwise the rows grow while a walk over the list, in slices of a few milliseconds on
/// idle time, counts them and leaves anchors behind, so that any position can later be read
/// by stepping over a few thousand rows at most.
///
/// Rows a view asks for are read synchronously when that is cheap (next to a loaded page or
/// an anchor); far jumps (dragging the scroll bar) answer with empty rows first and read the
/// pages the view last asked for once it paused (debounced), then emit dataChanged.
///
/// refresh() re-reads the list while keeping persistent indexes (a view's selection and
/// current row) on the same tickets; ticketsChanged() updates rows in place when their place
/// in the order did not change.
class TicketListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    /// Columns, in the order of SortColumn.
    enum Column {
        Number,
        Subject,
        Requester,
        Status,
        Priority,
        Category,
        Assignee,
        Channel,
        Direction,
        Created,
        Updated,
        SlaDue,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        TicketIdRole = Qt::UserRole + 1, ///< RowId (qint64), 0 while the row is not loaded
        SortKeyRole, ///< the raw value the column sorts by
        LoadedRole, ///< bool: false for a row still being read
    };

    TicketListModel(Database &db, const Clock &clock, QObject *parent = nullptr);
    ~TicketListModel() override;

    /// Shows another list (resets the model).
    void setQuery(const TicketFilter &filter, const TicketSort &sort);
    [[nodiscard]] const TicketFilter &filter() const { return m_filter; }
    [[nodiscard]] const TicketSort &ticketSort() const { return m_sort; }
    /// True once rowCount() is the list's exact count (not still growing).
    [[nodiscard]] bool isCountExact() const { return m_countExact; }
    /// True while the walk over the list (counting, placing anchors) goes on.
    [[nodiscard]] bool isWalking() const { return m_walkTimer.isActive(); }

    /// Re-reads the list (count and rows) keeping persistent indexes on their tickets.
    void refresh();
    /// Tickets whose data changed (connect TicketStore::changed): loaded rows whose position
    /// did not change are updated in place; anything else refreshes (coalesced).
    void ticketsChanged(const QList<hd::RowId> &ids);

    /// The ticket at row, 0 when that row is not loaded.
    [[nodiscard]] RowId idAt(int row) const;
    /// The row of a loaded ticket, -1 when it is not loaded.
    [[nodiscard]] int rowOf(RowId id) const;
    /// The row of a ticket anywhere in the list (asks the database when it is not loaded), -1
    /// when it is not in the list.
    int findRow(RowId id);
    /// Reads the rows first..last now (tests, benchmarks, keyboard jumps).
    bool fetchRows(int first, int last);
    [[nodiscard]] bool isRowLoaded(int row) const;
    /// Rows a read inside data() may step over; farther reads wait until the view pauses.
    /// -1 (the default): as many as about 8 ms allow, measured while walking the list.
    void setSyncSkipLimit(qint64 rows) { m_syncSkipLimit = rows; }
    /// Header and display texts follow the current language.
    void retranslate();

    // QAbstractItemModel
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static QString columnTitle(int column);

Q_SIGNALS:
    /// The list's rows are all counted (rowCount() is exact).
    void countKnown(qint64 count);
    /// A read failed; the message is for the user.
    void loadFailed(const QString &message);

private:
    const TicketListRow *rowAt(int row) const;
    QVariant display(const TicketListRow &r, int column) const;
    QVariant sortKey(const TicketListRow &r, int column) const;
    void requestLater(qint64 row) const;
    void loadWanted();
    void walkStep();
    void startWalk();
    void setRowCount(qint64 rows);
    void relayout(QAbstractItemModel::LayoutChangeHint hint, const TicketSort &sort);
    int locate(RowId id, const TicketSort &sort, qint64 total);
    void reportError(const QString &message);

    const Clock &m_clock;
    std::unique_ptr<TicketQuery> m_query;
    // data() is const but reads pages: the cache is the model's memory, not its state.
    mutable TicketListCache m_cache;
    TicketFilter m_filter;
    TicketSort m_sort;
    int m_rows = 0;
    bool m_countExact = false;
    bool m_frozen = false; ///< during a relayout: rows are not read
    mutable bool m_failed = false; ///< a read failed: none until the next query or refresh
    mutable QList<qint64> m_wanted; ///< pages asked for while far away, most recent last
    mutable QTimer m_wantTimer;
    QTimer m_walkTimer;
    QTimer m_refreshTimer;
    qint64 m_hop = 20000;
    bool m_textReady = true; ///< the text filter's hits are read (see TicketQuery::preloadText)
    qint64 m_preloadRows = 20000;
    double m_nsPerRow = 300; ///< measured cost of stepping over a row, for sync/defer choices
    qint64 m_syncSkipLimit = -1;
};

} // namespace hd
