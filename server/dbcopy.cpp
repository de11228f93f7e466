// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/dbcopy.h"

#include "core/base/clock.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/schema.h"
#include "core/storage/searchindex.h"
#include "server/feedschema.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace hd::server {

namespace {

/// The core's tables in the order the migrations make them (referenced before referencing),
/// without the ones rebuilt after the copy.
QStringList coreTables()
{
    static const QRegularExpression create(QStringLiteral("^\\s*CREATE\\s+TABLE\\s+(\\w+)"),
                                           QRegularExpression::CaseInsensitiveOption);
    QStringList out;
    for (const auto &version : schema::migrations())
        for (const char *stmt : version)
            if (const auto m = create.match(QString::fromUtf8(stmt)); m.hasMatch())
                out << m.captured(1);
    out.removeAll(QStringLiteral("ticket_counts")); // kept by the tickets' triggers
    return out;
}

Result<QStringList> columnsOf(Database &db, const QString &table)
{
    auto q = db.isPostgres()
        ? db.exec(QStringLiteral("SELECT column_name FROM information_schema.columns WHERE "
                                 "table_schema = current_schema() AND table_name = ? AND "
                                 "is_generated = 'NEVER' ORDER BY ordinal_position"),
                  {table})
        : db.exec(QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"), {table});
    if (!q)
        return q.error();
    QStringList out;
    while (q->next())
        out << q->value(0).toString();
    return out;
}

/// Copies one table in batches of multi-row INSERTs; the rows copied.
Result<qint64> copyTable(Database &from, Database &to, const QString &table)
{
    auto columns = columnsOf(from, table);
    if (!columns)
        return columns.error();
    if (columns->isEmpty())
        return Error{
            ErrorCode::Storage,
            QCoreApplication::translate("hd::server::DbCopy", "The source has no table %1.")
                .arg(table)};
    const int width = int(columns->size());
    // PostgreSQL takes at most 65535 parameters per statement.
    const int batch = qMax(1, qMin(500, 60000 / width));
    const QString row
        = QLatin1Char('(') + QStringList(width, QStringLiteral("?")).join(u',') + QLatin1Char(')');
    const QString insert
        = QStringLiteral("INSERT INTO %1(%2) %3VALUES ")
              .arg(table, columns->join(QLatin1Char(',')),
                   // The feed's seq is GENERATED ALWAYS on PostgreSQL: copied values are forced.
                   to.isPostgres() && table == QLatin1String("changes")
                       ? QStringLiteral("OVERRIDING SYSTEM VALUE ")
                       : QString());
    auto rows = from.exec(QStringLiteral("SELECT %1 FROM %2").arg(columns->join(u','), table));
    if (!rows)
        return rows.error();
    qint64 copied = 0;
    QVariantList args;
    int pending = 0;
    const auto flush = [&]() -> Result<void> {
        if (pending == 0)
            return {};
        auto q = to.exec(insert + QStringList(pending, row).join(u','), args);
        if (!q)
            return q.error();
        copied += pending;
        args.clear();
        pending = 0;
        return {};
    };
    while (rows->next()) {
        for (int i = 0; i < width; ++i) {
            const QVariant v = rows->value(i);
            args << (v.isNull() ? QVariant() : v); // a null string must stay NULL, not ''
        }
        if (++pending == batch)
            if (auto f = flush(); !f)
                return f.error();
    }
    rows->finish();
    if (auto f = flush(); !f)
        return f.error();
    return copied;
}

/// PostgreSQL: the identity of table.column draws values above the copied ones.
Result<void> moveSequencePast(Database &to, const QString &table, const QString &column)
{
    auto q = to.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', '%2'), (SELECT "
                                    "coalesce(max(%2), 0) + 1 FROM %1), false)")
                         .arg(table, column));
    return q ? Result<void>() : Result<void>(q.error());
}

Result<void> requireEmpty(Database &to)
{
    for (const char *table : {"tickets", "agents", "customers"}) {
        auto n = to.scalar(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table));
        if (!n)
            return n.error();
        if (n->toLongLong() > 0)
            return Error{ErrorCode::Conflict,
                         QCoreApplication::translate(
                             "hd::server::DbCopy",
                             "The target database is not empty (its table %1 has rows); copy into "
                             "a new database.")
                             .arg(QLatin1String(table))};
    }
    return {};
}

} // namespace

Result<CopyReport> copyDatabase(Database &from, Database &to,
                                const std::function<void(const QString &, qint64)> &progress)
{
    if (from.schemaVersion() != to.schemaVersion())
        return Error{
            ErrorCode::Storage,
            QCoreApplication::translate("hd::server::DbCopy",
                                        "The databases have different schema versions (%1 and "
                                        "%2); open both with this version first.")
                .arg(from.schemaVersion())
                .arg(to.schemaVersion())};
    CopyReport report;
    auto copied = to.transaction([&]() -> Result<void> {
        if (auto e = requireEmpty(to); !e)
            return e;
        if (auto d = to.execScript({to.isPostgres() ? QStringLiteral("SET CONSTRAINTS ALL DEFERRED")
                                                    : QStringLiteral("PRAGMA defer_foreign_keys = "
                                                                     "ON")});
            !d)
            return d.error();
        // Whatever the target's first start made (the default SLA policy, the counters).
        for (const QString &table : coreTables()) {
            if (auto del = to.exec(QStringLiteral("DELETE FROM ") + table); !del)
                return del.error();
        }
        const auto copyAll = [&](const QStringList &tables) -> Result<void> {
            for (const QString &table : tables) {
                auto n = copyTable(from, to, table);
                if (!n)
                    return n.error();
                report.tables.append({table, *n});
                report.rows += *n;
                if (progress)
                    progress(table, *n);
            }
            return {};
        };
        auto feed = from.hasTable(QStringLiteral("applied_ops"));
        if (!feed)
            return feed.error();
        if (auto c = copyAll(coreTables()); !c)
            return c;
        if (to.isPostgres())
            for (const QString &table : schema::tablesWithId())
                if (auto m = moveSequencePast(to, table, QStringLiteral("id")); !m)
                    return m;
        if (auto r = SearchIndex(to).rebuildAll(); !r)
            return r;
        if (auto r = Directory(to, SystemClock::instance()).rebuildCustomerSearch(); !r)
            return r;
        // The change feed keeps its seqs, so the desktops' cursors stay valid, and the answers
        // already given to pushes stay known. A source without a feed gets one made from the
        // copied rows.
        if (*feed) {
            if (auto t = to.execScript(feedschema::tables(to)); !t)
                return t;
            if (auto c = copyAll({QStringLiteral("changes"), QStringLiteral("applied_ops")}); !c)
                return c;
            if (to.isPostgres())
                if (auto m = moveSequencePast(to, QStringLiteral("changes"), QStringLiteral("seq"));
                    !m)
                    return m;
        }
        if (auto f = feedschema::install(to); !f)
            return f;
        return {};
    });
    if (!copied)
        return copied.error();
    return report;
}

} // namespace hd::server
