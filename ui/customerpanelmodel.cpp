// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/customerpanelmodel.h"

#include "core/storage/database.h"

#include <QColor>
#include <QLocale>

namespace hd {

CustomerTicketsModel::CustomerTicketsModel(Database &db, QObject *parent)
    : QAbstractListModel(parent)
    , m_db(db)
{ }

int CustomerTicketsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant CustomerTicketsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TicketListRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QString(data(index, TitleRole).toString() + u'\n'
                       + data(index, DetailRole).toString());
    case TitleRole:
        return QStringLiteral("#%1 %2").arg(QString::number(r.number), r.subject);
    case DetailRole:
        return QStringLiteral("%1 · %2").arg(
            displayName(r.status),
            QLocale().toString(r.createdAt.toLocalTime().date(), QLocale::ShortFormat));
    case Qt::ToolTipRole:
        return QStringLiteral("#%1 %2").arg(QString::number(r.number), r.subject);
    case Qt::ForegroundRole:
        return isActive(r.status) ? QVariant() : QVariant(QColor(0x71, 0x80, 0x96));
    case TicketIdRole:
        return r.id;
    case StatusRole:
        return int(r.status);
    case NumberRole:
        return r.number;
    default:
        return {};
    }
}

bool CustomerTicketsModel::contains(RowId ticketId) const
{
    for (const TicketListRow &r : m_rows)
        if (r.id == ticketId)
            return true;
    return false;
}

Result<QList<TicketListRow>> CustomerTicketsModel::load()
{
    QList<TicketListRow> out;
    if (!m_customer)
        return out;
    TicketFilter filter;
    filter.requesterId = m_customer;
    TicketQuery query(m_db);
    auto page = query.page(filter, {SortColumn::Created, true}, {}, kLimit + 1);
    if (!page)
        return page.error();
    for (const TicketListRow &r : page->rows)
        if (r.id != m_except && out.size() < kLimit)
            out << r;
    return out;
}

Result<void> CustomerTicketsModel::setCustomer(RowId customerId, RowId exceptTicket)
{
    beginResetModel();
    m_customer = customerId;
    m_except = exceptTicket;
    auto rows = load();
    m_rows = rows ? *rows : QList<TicketListRow>();
    endResetModel();
    return rows ? Result<void>() : Result<void>(rows.error());
}

Result<void> CustomerTicketsModel::refresh()
{
    auto rows = load();
    if (!rows)
        return rows.error();
    bool sameIds = rows->size() == m_rows.size();
    for (qsizetype i = 0; sameIds && i < rows->size(); ++i)
        sameIds = rows->at(i).id == m_rows[i].id;
    if (!sameIds) { // a new or merged ticket: a different list
        beginResetModel();
        m_rows = *rows;
        endResetModel();
        return {};
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        const TicketListRow &n = rows->at(i);
        TicketListRow &o = m_rows[i];
        if (n.subject != o.subject || n.status != o.status || n.createdAt != o.createdAt) {
            o = n;
            Q_EMIT dataChanged(index(i), index(i));
        }
    }
    return {};
}

} // namespace hd
