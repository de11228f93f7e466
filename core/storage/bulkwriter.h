// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QStringView>

#include <memory>
#include <vector>

namespace hd {

/// Appends s as UTF-8 (what QStringView::toUtf8() gives), fast for ASCII and Hangul.
void appendUtf8(QStringView s, QByteArray *out);

/// Rows for one INSERT statement, built on any thread and written by BulkInserter: typed cells
/// (NULL, integer, text) with all text kept as UTF-8 in one buffer, so that building a row
/// allocates nothing per value and writing it converts nothing.
class RowBuffer
{
public:
    explicit RowBuffer(int columns = 1)
        : m_columns(columns)
    { }

    [[nodiscard]] int columns() const { return m_columns; }
    [[nodiscard]] qsizetype rows() const { return qsizetype(m_cells.size()) / m_columns; }
    [[nodiscard]] bool isEmpty() const { return m_cells.empty(); }
    void reserve(qsizetype rows, qsizetype textBytes)
    {
        m_cells.reserve(size_t(rows * m_columns));
        m_text.reserve(textBytes);
    }
    void clear()
    {
        m_cells.clear();
        m_text.clear();
    }

    void null() { m_cells.push_back({0, 0, Cell::Null}); }
    void integer(qint64 v) { m_cells.push_back({v, 0, Cell::Integer}); }
    void integerOrNull(qint64 v) { v > 0 ? integer(v) : null(); }
    /// Text; a null QString is written as '' (only null() writes NULL), as Database::exec does.
    void text(QStringView s);
    void utf8(QByteArrayView s)
    {
        beginText();
        m_text.append(s.data(), s.size());
        endText();
    }
    /// A text cell written in pieces: beginText(), append UTF-8 to buffer(), endText().
    void beginText() { m_textStart = m_text.size(); }
    QByteArray &buffer() { return m_text; }
    void endText()
    {
        m_cells.push_back({m_textStart, qint32(m_text.size() - m_textStart), Cell::Text});
    }
    /// Adds delta to the integer cells of a column (ids known only when the rows are written).
    void addToColumn(int column, qint64 delta);

    struct Cell
    {
        enum Type : quint8 { Null, Integer, Text };
        qint64 value; ///< the integer, or the offset of the text in the buffer
        qint32 length; ///< text length in bytes
        Type type;
    };
    [[nodiscard]] const Cell &cell(qsizetype row, int column) const
    {
        return m_cells[size_t(row * m_columns + column)];
    }
    [[nodiscard]] const char *textData(const Cell &c) const { return m_text.constData() + c.value; }

private:
    int m_columns;
    std::vector<Cell> m_cells;
    QByteArray m_text;
    qint64 m_textStart = 0;
};

/// Writes RowBuffers into tables of the calling thread's connection, inside the caller's
/// transaction. When the connection's SQLite library is the one this program links (checked at
/// run time: the driver plugin must resolve SQLite's functions to the very same code), rows go
/// through SQLite's C API with one reused prepared statement per table: no QVariant, no Qt
/// statement bookkeeping per value. Otherwise (another platform, a Qt build with its own copy
/// of SQLite) the same rows go through Qt SQL as multi-row INSERTs; the result is identical.
class BulkInserter
{
public:
    explicit BulkInserter(QSqlDatabase connection);
    ~BulkInserter();
    BulkInserter(const BulkInserter &) = delete;
    BulkInserter &operator=(const BulkInserter &) = delete;

    /// Whether rows go through SQLite's C API.
    [[nodiscard]] bool direct() const { return m_handle != nullptr; }
    /// Writes every row: `head` is "INSERT INTO t(a, b, ...)", one column per RowBuffer column.
    /// rowsPerStatement > 1 writes several rows per statement, which saves most of the
    /// per-statement cost. Use it with "INSERT OR FAIL": SQLite then needs no statement journal,
    /// which a plain multi-row INSERT (or any INSERT into a table with triggers) opens, together
    /// with a savepoint in every virtual table written in the transaction (FTS5 then writes out
    /// the terms it holds in memory).
    Result<void> insert(const QString &head, const RowBuffer &rows, int rowsPerStatement = 1);

    /// Whether `connection` can be written through SQLite's C API (see the class comment). The
    /// environment variable HELPDESK_SQLITE_QT=1 forces the Qt path (tests of the fallback).
    static bool directAvailable(const QSqlDatabase &connection);

private:
    struct Statement;
    Result<void> insertDirect(const QString &head, const RowBuffer &rows, int rowsPerStatement);
    void *statement(const QString &head, int columns, int rows, QString *error);
    Result<void> insertQt(const QString &head, const RowBuffer &rows);

    QSqlDatabase m_db;
    void *m_handle = nullptr; // sqlite3*
    QHash<QString, std::shared_ptr<Statement>> m_statements; ///< by head and rows per statement
};

} // namespace hd
