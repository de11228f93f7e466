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
    Result<ViewCounts> viewCounts(RowId me);

    /// The built-in views of the navigator.
    static TicketFilter myTickets(RowId me);
    static TicketFilter unassigned();
    static TicketFilter allOpen();
    static TicketFilter withStatus(TicketStatus s);
    static TicketFilter archivedView();

private:
    Result<TicketPage> run(const TicketFilter &filter, const TicketSort &sort, const Cursor &after,
                           int limit);
    Database &m_db;
};

} // namespace hd
