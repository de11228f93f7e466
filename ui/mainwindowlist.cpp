// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the navigator, the filter bar and the ticket list working together.
#include "core/base/settings.h"
#include "ui/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/savedviewsnavigator.h"
#include "ui/ticketlistmodel.h"
#include "ui/ticketlistview.h"

#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QStatusBar>

namespace hd {

namespace {
/// Header layouts (visible columns, order, widths) are kept per view.
QByteArray headerKey(const QString &viewKey)
{
    return QByteArray("ui/ticketListHeader/") + viewKey.toUtf8();
}
} // namespace

void MainWindow::applyView()
{
    saveHeaderState();
    const SavedViewsNavigator::View v = m_navigator->current();
    m_viewKey = v.key;
    m_filterBar->setFilter(v.filter);
    // The header's saved state carries a sort indicator: the view's sort wins, and sorting is
    // off meanwhile so that restoring does not sort the list once more.
    m_ticketList->setSortingEnabled(false);
    m_ticketModel->setQuery(v.filter, v.sort);
    const bool restored = restoreHeaderState();
    QHeaderView *header = m_ticketList->horizontalHeader();
    if (!restored && !v.columns.isEmpty()) {
        // A saved view lists its columns in order; others are hidden. Once the list was shown
        // here, its header's own state (widths too) is kept instead.
        for (int c = 0; c < TicketListModel::ColumnCount; ++c)
            header->setSectionHidden(c, !v.columns.contains(SortColumn(c)));
        for (int i = 0; i < v.columns.size(); ++i)
            header->moveSection(header->visualIndex(int(v.columns[i])), i);
    }
    header->setSortIndicator(int(v.sort.column),
                             v.sort.descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    m_ticketList->setSortingEnabled(true);
}

void MainWindow::applyFilter(const TicketFilter &filter)
{
    m_ticketModel->setQuery(filter, m_ticketModel->ticketSort());
}

void MainWindow::saveView(const TicketFilter &filter)
{
    const QString name = m_navigator->askName(tr("Save View"), QString());
    if (name.trimmed().isEmpty())
        return;
    QList<SortColumn> columns;
    const QHeaderView *header = m_ticketList->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns << SortColumn(logical);
    }
    if (columns.size() == TicketListModel::ColumnCount)
        columns.clear(); // all of them: the default set
    saveHeaderState();
    auto saved = m_navigator->saveView(name, filter, m_ticketModel->ticketSort(), columns);
    if (!saved)
        showError(saved.errorMessage());
}

void MainWindow::saveHeaderState()
{
    if (m_viewKey.isEmpty())
        return;
    const QByteArray key = headerKey(m_viewKey);
    m_settings.setValue(SettingKey<QByteArray>{key.constData(), QByteArray()},
                        m_ticketList->horizontalHeader()->saveState());
}

bool MainWindow::restoreHeaderState()
{
    const QByteArray key = headerKey(m_viewKey);
    const QByteArray state
        = m_settings.value(SettingKey<QByteArray>{key.constData(), QByteArray()});
    QHeaderView *header = m_ticketList->horizontalHeader();
    if (!state.isEmpty() && header->restoreState(state))
        return true;
    for (int c = 0; c < TicketListModel::ColumnCount; ++c) {
        header->setSectionHidden(c, false);
        header->moveSection(header->visualIndex(c), c);
    }
    return false;
}

void MainWindow::updateCurrentTicket()
{
    const QModelIndex current = m_ticketList->currentIndex();
    // Reads the row if needed; a far row read later arrives with dataChanged (then again here).
    const RowId id = current.isValid()
        ? m_ticketModel->data(current.siblingAtColumn(0), TicketListModel::TicketIdRole)
              .toLongLong()
        : 0;
    if (id == m_currentTicket)
        return;
    m_currentTicket = id;
    Q_EMIT currentTicketChanged(id);
}

bool MainWindow::selectTicket(RowId id)
{
    const int row = m_ticketModel->findRow(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_ticketModel->index(row, 0);
    m_ticketList->setCurrentIndex(index);
    m_ticketList->scrollTo(index);
    return true;
}

void MainWindow::setCurrentAgent(RowId agentId)
{
    m_navigator->setCurrentAgent(agentId);
}

void MainWindow::setDetailWidget(QWidget *widget)
{
    if (m_detailWidget == widget)
        return;
    delete m_detailWidget;
    m_detailWidget = widget;
    if (widget) {
        widget->setParent(m_detailArea);
        m_detailArea->layout()->addWidget(widget);
        widget->show();
    }
    m_detailPlaceholder->setVisible(!widget);
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10000);
}

} // namespace hd
