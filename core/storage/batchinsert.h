// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <map>
#include <memory>

namespace hd {

/// Multi-row INSERT statements: one statement per `rowsPerStatement` rows saves most of the
/// per-statement cost of Qt SQL and SQLite when writing millions of small rows.
class BatchInsert final
{
public:
    BatchInsert(QSqlDatabase db, QString head, int columns, int rowsPerStatement)
        : m_db(std::move(db))
        , m_head(std::move(head))
        , m_columns(columns)
        , m_rows(rowsPerStatement)
    { }

    bool add(const QVariantList &row)
    {
        m_pending << row;
        return m_pending.size() < m_rows || flush();
    }

    /// Runs before each flush (e.g. to flush the parent table's batch first, so that foreign
    /// keys hold at every statement).
    std::function<bool()> beforeFlush;

    bool flush()
    {
        if (m_pending.isEmpty())
            return true;
        if (beforeFlush && !beforeFlush())
            return false;
        QSqlQuery &q = statement(int(m_pending.size()));
        int i = 0;
        for (const QVariantList &row : std::as_const(m_pending))
            for (const QVariant &v : row) {
                if (v.typeId() == QMetaType::QString && v.toString().isNull())
                    q.bindValue(i++, QStringLiteral(""));
                else
                    q.bindValue(i++, v);
            }
        m_pending.clear();
        if (!q.exec()) {
            error = q.lastError().text();
            return false;
        }
        return true;
    }

    QString error;

private:
    QSqlQuery &statement(int rows)
    {
        auto it = m_statements.find(rows);
        if (it != m_statements.end())
            return *it->second;
        const QString one = QLatin1Char('(')
            + QStringList(m_columns, QStringLiteral("?")).join(QLatin1Char(',')) + QLatin1Char(')');
        auto q = std::make_unique<QSqlQuery>(m_db);
        q->prepare(m_head + QLatin1Char(' ') + QStringList(rows, one).join(QLatin1Char(',')));
        return *m_statements.emplace(rows, std::move(q)).first->second;
    }

    QSqlDatabase m_db;
    QString m_head;
    int m_columns;
    int m_rows;
    QList<QVariantList> m_pending;
    std::map<int, std::unique_ptr<QSqlQuery>> m_statements;
};

} // namespace hd
