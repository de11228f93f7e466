// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/storage/savedviews.h"
#include "core/storage/ticketquery.h"

#include <QHash>
#include <QTreeWidget>

#include <memory>
#include <optional>

namespace hd {

class Database;

/// The navigator: the built-in views (My tickets, Unassigned, All open, Pending, Solved,
/// Closed, Archived) and then the agent's own saved views, each with its ticket count. Saved
/// views are made from a filter (saveView) and renamed, deleted and reordered here: by drag and
/// drop or from the context menu (rename, move up, move down, delete).
class SavedViewsNavigator : public QTreeWidget
{
    Q_OBJECT
public:
    enum BuiltIn {
        MyTickets,
        Unassigned,
        AllOpen,
        Pending,
        Solved,
        Closed,
        Archived,
        BuiltInCount
    };

    /// What the selected entry shows.
    struct View
    {
        QString key; ///< stable: "builtin/<n>" or "view/<uuid>" (settings per view)
        int builtIn = -1;
        RowId savedViewId = 0;
        QString name;
        TicketFilter filter;
        TicketSort sort;
        QList<SortColumn> columns; ///< empty: the default columns
    };

    explicit SavedViewsNavigator(Database &db, QWidget *parent = nullptr);
    ~SavedViewsNavigator() override;

    /// The signed-in agent: whose "My tickets" and saved views these are (0 = nobody).
    void setCurrentAgent(RowId agentId);
    [[nodiscard]] View current() const;
    [[nodiscard]] RowId currentSavedViewId() const;
    void selectBuiltIn(int view);
    void selectSavedView(RowId id);

    /// Re-reads the saved views and every count.
    void reload();
    /// Re-reads the counts: built-in views from ticket_counts, saved views when their count is
    /// cheap (TicketQuery::quickCount); others keep the count last reported by setCount().
    void refreshCounts();
    /// The count of the selected saved view as the list found it.
    void setCurrentCount(qint64 count);

    Result<SavedView> saveView(const QString &name, const TicketFilter &filter,
                               const TicketSort &sort, const QList<SortColumn> &columns);
    Result<void> renameView(RowId id, const QString &name);
    Result<void> removeView(RowId id);
    /// Moves a saved view delta places up (negative) or down.
    Result<void> moveView(RowId id, int delta);

    /// Asks for a view name (test hook: the next answer, std::nullopt = cancel).
    QString askName(const QString &title, const QString &initial);
    static void setNextName(std::optional<QString> name);
    static void setNextConfirmation(std::optional<bool> yes);

    void retranslateUi();

Q_SIGNALS:
    /// The selected entry changed (see current()).
    void viewSelected();
    void errorOccurred(const QString &message);

protected:
    void dropEvent(QDropEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void rebuildSavedItems();
    void report(const Result<void> &r);
    static TicketFilter builtInFilter(int view, RowId me);

    Database &m_db;
    std::unique_ptr<TicketQuery> m_query;
    std::unique_ptr<SavedViews> m_views;
    RowId m_me = 0;
    QList<SavedView> m_saved;
    QHash<RowId, qint64> m_lastCounts; ///< counts reported by the list, for expensive views
    bool m_rebuilding = false;
};

} // namespace hd
