// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTableView>

namespace hd {

/// The ticket list's view: a table of uniform rows (a table view keeps no per-row state, so a
/// million rows cost nothing until shown), whole rows selected, Home and End going to the
/// first and last ticket, the columns movable and sortable.
class TicketListView : public QTableView
{
    Q_OBJECT
public:
    explicit TicketListView(QWidget *parent = nullptr);

protected:
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;
    void changeEvent(QEvent *event) override;

private:
    void updateRowHeight();
};

} // namespace hd
