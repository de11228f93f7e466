// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <optional>

namespace hd {

class Database;

enum class SortColumn {
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
};

/// What a ticket list shows: every filter is optional and they combine with AND.
struct TicketFilter
{
    QList<TicketStatus> statuses; ///< empty = any
    std::optional<bool> archived; ///< unset = both; only closed tickets are ever archived
    QList<Priority> priorities;
    QList<RowId> categoryIds;
    std::optional<RowId> assigneeId; ///< 0 = unassigned
    QList<RowId> teamIds;
    QList<Channel> channels;
    std::optional<Direction> direction;
    QStringList tags; ///< all of them
    RowId requesterId = 0;
    QList<RowId> ids; ///< only these tickets (empty = any): e.g. the tickets behind a report figure
    QDateTime createdFrom, createdTo; ///< [from, to)
    QDateTime updatedFrom, updatedTo;
    QString text; ///< full-text query (Korean-capable), see searchtext.h

    QJsonObject toJson() const;
    static Result<TicketFilter> fromJson(const QJsonObject &o);
};

struct TicketSort
{
    SortColumn column = SortColumn::Updated;
    bool descending = true;
    static std::optional<SortColumn> parseColumn(QStringView name);
    static QString columnName(SortColumn c);
};

/// Position in a list: the sort key and id of the last row seen.
struct Cursor
{
    QVariant key;
    RowId id = 0;
    [[nodiscard]] bool isValid() const { return id != 0; }
};

struct TicketListRow
{
    RowId id = 0;
    qint64 number = 0;
    QString subject;
    QString requesterName;
    TicketStatus status = TicketStatus::New;
    Priority priority = Priority::Normal;
    QString categoryName;
    QString assigneeName;
    Channel channel = Channel::Web;
    Direction direction = Direction::Inbound;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime slaDue; ///< null when no clock runs
    Cursor cursor; ///< this row's position, to continue after it
};

/// A list row as JSON (wire names, ISO-8601 UTC times); without the row id, which only local
/// tools show.
QJsonObject toJson(const TicketListRow &r);

struct TicketPage
{
    QList<TicketListRow> rows;
    bool atEnd = false; ///< no rows after these
};

/// Navigator counts of the built-in views, read from the trigger-maintained ticket_counts.
struct ViewCounts
{
    qint64 mine = 0, unassigned = 0, allOpen = 0, pending = 0, solved = 0, closed = 0, archived = 0;
};

/// Ticket lists as queries: keyset pagination on indexed columns (never OFFSET), statuses split
/// into per-status index scans merged with UNION ALL (the planner otherwise sorts the whole
/// table for status IN (...)), counts from indexes. Each call runs its statements to the end,
/// so no read cursor is held between pages.
class TicketQuery
{
    Q_DECLARE_TR_FUNCTIONS(hd::TicketQuery)

public:
    explicit TicketQuery(Database &db);

    /// Rows after `after` in the given order (the first page when after is invalid).
    Result<TicketPage> page(const TicketFilter &filter, const TicketSort &sort,
                            const Cursor &after = {}, int limit = 50);
    /// The last `limit` rows, in list order (for "jump to end").
    Result<TicketPage> lastPage(const TicketFilter &filter, const TicketSort &sort, int limit = 50);
    Result<qint64> count(const TicketFilter &filter);
    /// count() when it is cheap (a few ms at a million tickets): filters of status, archived and
    /// assignee (summed from ticket_counts), one more indexed condition (priority, created
    /// range), or a text with few hits. Empty when counting would scan; count() elsewhere.
    Result<std::optional<qint64>> quickCount(const TicketFilter &filter);
    Result<ViewCounts> viewCounts(RowId me);

    /// Work a text filter can do ahead of its list: reads up to `hits` more of the text's hits
    /// (lists test rows against them at 0.2 µs instead of a full-text query at about 10 µs).
    /// True once all are read, or when the filter has no text.
    Result<bool> preloadText(const TicketFilter &filter, qint64 hits);

    // Random access for list views that show every row of a long list (the ticket list model).
    /// `limit` rows starting `skip` rows after `after` (after the start when invalid), in list
    /// order. The branches are merged in index order inside SQLite, which steps over the skipped
    /// rows: the cost grows with skip (at a million tickets about 35 ns per row skipped for one
    /// branch, 250 ns for seven), so callers skip from the nearest known position.
    Result<TicketPage> pageAt(const TicketFilter &filter, const TicketSort &sort,
                              const Cursor &after, qint64 skip, int limit);
    /// The `limit` rows that end `skip` rows before `before` (before the end of the list when
    /// invalid), in list order; atEnd means no rows before them.
    Result<TicketPage> pageBefore(const TicketFilter &filter, const TicketSort &sort,
                                  const Cursor &before, qint64 skip, int limit);
    /// The ticket's row as the list shows it (its cursor holds the sort key), or empty when the
    /// ticket does not pass the filter.
    Result<std::optional<TicketListRow>> row(const TicketFilter &filter, const TicketSort &sort,
                                             RowId id);
    /// How many rows come after `after` (in the whole list when invalid), counting at most
    /// `maxScan`: empty when there are more.
    Result<std::optional<qint64>> countAfter(const TicketFilter &filter, const TicketSort &sort,
                                             const Cursor &after, qint64 maxScan);
    /// How many rows come before `at` in the list of `total` rows, counting at most `maxScan`
    /// rows from either end (from the start only when total is -1, unknown); empty when farther
    /// than that.
    Result<std::optional<qint64>> rankOf(const TicketFilter &filter, const TicketSort &sort,
                                         const Cursor &at, qint64 total, qint64 maxScan);

    /// True when lists in this order are read from a list index (updated, created, priority,
    /// SLA due): a page costs its rows. Other orders sort the whole list for every page.
    static bool hasListIndex(SortColumn column);

    /// Test seam: text filters with up to this many hits read the hits and sort them, larger
    /// ones scan the list in order (default 20,000; 0 restores it).
    static void setDriveFromHitsMax(qint64 hits);

    /// The built-in views of the navigator.
    static TicketFilter myTickets(RowId me);
    static TicketFilter unassigned();
    static TicketFilter allOpen();
    static TicketFilter withStatus(TicketStatus s);
    static TicketFilter archivedView();

private:
    Result<TicketPage> run(const TicketFilter &filter, const TicketSort &sort, const Cursor &after,
                           int limit);
    Result<TicketPage> seek(const TicketFilter &filter, const TicketSort &sort, const Cursor &after,
                            qint64 skip, int limit);
    Database &m_db;
};

} // namespace hd
