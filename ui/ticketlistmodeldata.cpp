// SPDX-License-Identifier: GPL-3.0-or-later
// TicketListModel: what a row shows (display texts, tooltips, colours, sort keys, headers).
#include "core/base/clock.h"
#include "ui/ticketlistmodel.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QLocale>

namespace hd {

namespace {
const QColor kBreached(0xc5, 0x22, 0x1f);
} // namespace

QVariant TicketListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::ForegroundRole:
    case Qt::TextAlignmentRole:
    case TicketIdRole:
    case SortKeyRole:
    case LoadedRole:
        break;
    default:
        return {};
    }
    const TicketListRow *r = rowAt(index.row());
    if (role == LoadedRole)
        return r != nullptr;
    if (role == TicketIdRole)
        return r ? r->id : RowId(0);
    if (!r)
        return {};
    const int column = index.column();
    const bool breached = r->slaDue.isValid() && r->slaDue <= m_clock.now();
    switch (role) {
    case Qt::DisplayRole:
        return display(*r, column);
    case SortKeyRole:
        return sortKey(*r, column);
    case Qt::ForegroundRole:
        if (column == SlaDue && breached)
            return QBrush(kBreached);
        return {};
    case Qt::TextAlignmentRole:
        if (column == Number)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ToolTipRole: {
        const QLocale locale;
        auto longDate = [&](const QDateTime &t) {
            return locale.toString(t.toLocalTime(), QLocale::LongFormat);
        };
        switch (column) {
        case Created:
            return longDate(r->createdAt);
        case Updated:
            return longDate(r->updatedAt);
        case SlaDue:
            if (!r->slaDue.isValid())
                return tr("No SLA clock is running.");
            return breached ? tr("Overdue since %1").arg(longDate(r->slaDue))
                            : tr("Due %1").arg(longDate(r->slaDue));
        default:
            return display(*r, column);
        }
    }
    default:
        return {};
    }
}

QVariant TicketListModel::display(const TicketListRow &r, int column) const
{
    const QLocale locale;
    switch (column) {
    case Number:
        return QString(QStringLiteral("#") + QString::number(r.number)); // an id: no grouping
    case Subject:
        return r.subject;
    case Requester:
        return r.requesterName;
    case Status:
        return displayName(r.status);
    case Priority:
        return displayName(r.priority);
    case Category:
        return r.categoryName;
    case Assignee:
        return r.assigneeName;
    case Channel:
        return displayName(r.channel);
    case Direction:
        return displayName(r.direction);
    case Created:
        return locale.toString(r.createdAt.toLocalTime(), QLocale::ShortFormat);
    case Updated:
        return locale.toString(r.updatedAt.toLocalTime(), QLocale::ShortFormat);
    case SlaDue:
        return r.slaDue.isValid() ? locale.toString(r.slaDue.toLocalTime(), QLocale::ShortFormat)
                                  : QString();
    default:
        return {};
    }
}

QVariant TicketListModel::sortKey(const TicketListRow &r, int column) const
{
    switch (column) {
    case Number:
        return r.number;
    case Subject:
        return r.subject;
    case Requester:
        return r.requesterName;
    case Status:
        return int(r.status);
    case Priority:
        return int(r.priority);
    case Category:
        return r.categoryName;
    case Assignee:
        return r.assigneeName;
    case Channel:
        return wireName(r.channel);
    case Direction:
        return wireName(r.direction);
    case Created:
        return r.createdAt;
    case Updated:
        return r.updatedAt;
    case SlaDue:
        return r.slaDue.isValid() ? QVariant(r.slaDue) : QVariant();
    default:
        return {};
    }
}

QString TicketListModel::columnTitle(int column)
{
    // The main window's strings (the list began there).
    static const char *const titles[ColumnCount] = {
        QT_TRANSLATE_NOOP("hd::MainWindow", "Number"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Subject"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Requester"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Status"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Priority"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Category"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Assignee"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Channel"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Direction"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Created"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "Updated"),
        QT_TRANSLATE_NOOP("hd::MainWindow", "SLA due"),
    };
    if (column < 0 || column >= ColumnCount)
        return {};
    return QCoreApplication::translate("hd::MainWindow", titles[column]);
}

QVariant TicketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0
        && section < ColumnCount)
        return columnTitle(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

void TicketListModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ToolTipRole});
}

} // namespace hd
