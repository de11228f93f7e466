// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ticketlistview.h"

#include <QEvent>
#include <QHeaderView>

namespace hd {

TicketListView::TicketListView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setShowGrid(false);
    setWordWrap(false);
    setAlternatingRowColors(true);
    setCornerButtonEnabled(false);
    setTabKeyNavigation(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    updateRowHeight();
}

void TicketListView::updateRowHeight()
{
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
}

void TicketListView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateRowHeight();
    QTableView::changeEvent(event);
}

QModelIndex TicketListView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers)
{
    // In a list of rows, Home and End mean the first and the last row (a table's default is
    // the first and last column).
    if (action == MoveHome || action == MoveEnd)
        modifiers |= Qt::ControlModifier;
    return QTableView::moveCursor(action, modifiers);
}

} // namespace hd
