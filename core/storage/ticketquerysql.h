// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to TicketQuery: the SQL pieces its list, count and seek calls share.

#include "core/storage/ticketquery.h"

#include <QStringList>
#include <QVariantList>

namespace hd {

class Database;
class Rows;

namespace detail {

/// SQL expression a column sorts by. Indexed columns use the bare column so the list indexes
/// (status, archived, <column>, id) give rows in order without sorting.
QString sortExpr(SortColumn c);

struct Where
{
    QStringList clauses;
    QVariantList args;
    void add(const QString &clause, const QVariantList &a = {})
    {
        clauses << clause;
        args << a;
    }
    void prepend(const QString &clause, const QVariantList &a = {})
    {
        clauses.prepend(clause);
        args = a + args;
    }
    Where &operator<<(const Where &other)
    {
        clauses << other.clauses;
        args << other.args;
        return *this;
    }
    QString sql() const
    {
        return clauses.isEmpty()
            ? QString()
            : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
};

struct Branch
{
    TicketStatus status;
    int archived;
};

/// How a text filter reaches the list (see tickettexthits.h).
enum class TextMode {
    None,
    DriveFromHits, ///< few hits: read the hits, look their tickets up, sort them
    ProbeHits, ///< many hits: scan the list indexes in order, test each row against the hits
    ProbeFts, ///< many hits not read yet: scan in order, test each row with a full-text query
};

/// A filter made ready to run: its branches, its other conditions, and its text hits loaded.
struct ListSql
{
    QList<Branch> branches;
    bool allBranches = false; ///< every (status, archived): no condition on them needed
    Where common; ///< every filter but status/archived and text
    TextMode text = TextMode::None;
    qint64 textHits = 0; ///< at least this many (exact when textHitsExact)
    bool textHitsExact = true;
    QString probe; ///< ProbeFts: the expression to test rows with
    bool onlyText = false; ///< no filter besides the text
};

/// One ordered scan of the list: FROM ... WHERE ...
struct Arm
{
    QString from;
    Where where;
};

/// needHitSet: the text's hits must be read (for counting), never ProbeFts.
Result<ListSql> prepareList(Database &db, const TicketFilter &f, bool needHitSet = false);
/// The condition a single row passes the text filter with ("" when there is no text).
Where textCondition(const ListSql &l);
/// The scans whose merge is the list: one per branch in index order, or a single one over the
/// text hits (always when driveFromHits, e.g. for counting).
QList<Arm> arms(const ListSql &l, bool driveFromHits = false);
/// "(t.status = ? AND t.archived = ?) OR ..." for the branches, empty when all are included.
Where branchCondition(const ListSql &l);

extern const QString kRowColumns; ///< the TicketListRow columns, 13 of them, t = tickets
extern const QString kRowJoins;
/// Reads a row selected with kRowColumns followed by the sort key.
TicketListRow readRow(const Rows &q);

} // namespace detail
} // namespace hd
