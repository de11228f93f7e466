// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QString>

#include <optional>

/// PostgreSQL support for Database: where the server's database is PostgreSQL, the core's
/// statements (written in SQLite's dialect) are rewritten once, when first prepared. Only the
/// forms the core uses are handled; see toPostgres(). Full-text search, the change feed's
/// triggers and pragmas are not rewritten: their callers branch on Database::dialect().
namespace hd::pg {

/// A libpq connection named by a URL: postgresql://[user[:password]@]host[:port]/dbname
/// [?key=value&...] (the query's keys become libpq connection options, e.g. sslmode).
struct ConnectionSpec
{
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString options; ///< libpq options, "key=value;key=value" as QPSQL wants them
    /// The URL without its password, for messages and logs.
    [[nodiscard]] QString displayName() const;
};

/// True for "postgresql://..." and "postgres://...".
[[nodiscard]] bool isUrl(const QString &spec);
/// The parts of a PostgreSQL URL; nullopt with *error set when it is not one.
[[nodiscard]] std::optional<ConnectionSpec> parseUrl(const QString &url, QString *error);

struct Statement
{
    QString sql;
    /// " RETURNING id" was appended (an INSERT into a table with an id column): the new row's
    /// id is read from the statement's result, PostgreSQL having no last-insert-rowid.
    bool returnsId = false;
};

/// Rewrites a statement of the core's SQLite dialect for PostgreSQL:
/// - INSERT OR IGNORE -> INSERT ... ON CONFLICT DO NOTHING
/// - scalar max(a, b, ...) / min(a, b, ...) -> GREATEST / LEAST (aggregates stay)
/// - group_concat(x, sep) -> string_agg(x, sep); group_concat(x) -> string_agg(x, ',')
/// - x COLLATE NOCASE -> lower(x); LIKE -> ILIKE (SQLite's LIKE ignores case)
/// - "a IS ?" / "a IS NOT ?" -> IS [NOT] DISTINCT FROM
/// - a unary plus before a column (SQLite's "don't use an index on this" hint) is dropped
/// - INSERT INTO t without RETURNING, t in idTables -> ... RETURNING id
/// Text inside quotes is never touched.
[[nodiscard]] Statement toPostgres(const QString &sql, const QSet<QString> &idTables);

/// The core's DDL (core/storage/schema.cpp) for PostgreSQL: INTEGER PRIMARY KEY -> identity
/// column, INTEGER -> BIGINT (times are milliseconds), WITHOUT ROWID dropped, foreign keys
/// DEFERRABLE (still checked per statement unless a transaction defers them). Statements with
/// no PostgreSQL form (triggers, virtual tables, data rewrites) give an empty string; schema.cpp
/// supplies their PostgreSQL counterparts.
[[nodiscard]] QString ddlToPostgres(const QString &sqliteDdl);

/// Tables whose DDL declares "id INTEGER PRIMARY KEY".
[[nodiscard]] QSet<QString> idTablesOf(const QStringList &ddl);

} // namespace hd::pg
