// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/savedviewsnavigator.h"

#include "core/storage/database.h"

#include <QContextMenuEvent>
#include <QDropEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>

namespace hd {

namespace {
std::optional<std::optional<QString>> g_nextName;
std::optional<bool> g_nextConfirmation;
constexpr int kViewIdRole = Qt::UserRole + 1;
} // namespace

void SavedViewsNavigator::setNextName(std::optional<QString> name)
{
    g_nextName = name;
}

void SavedViewsNavigator::setNextConfirmation(std::optional<bool> yes)
{
    g_nextConfirmation = yes;
}

SavedViewsNavigator::SavedViewsNavigator(Database &db, QWidget *parent)
    : QTreeWidget(parent)
    , m_db(db)
    , m_query(std::make_unique<TicketQuery>(db))
    , m_views(std::make_unique<SavedViews>(db))
{
    setObjectName(QStringLiteral("navigator"));
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setColumnCount(2);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setDragDropMode(QAbstractItemView::InternalMove);
    setDefaultDropAction(Qt::MoveAction);
    for (int i = 0; i < BuiltInCount; ++i) {
        auto *item = new QTreeWidgetItem(this);
        item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    connect(this, &QTreeWidget::currentItemChanged, this, [this] {
        if (!m_rebuilding)
            Q_EMIT viewSelected();
    });
    retranslateUi();
    reload();
}

SavedViewsNavigator::~SavedViewsNavigator() = default;

TicketFilter SavedViewsNavigator::builtInFilter(int view, RowId me)
{
    switch (view) {
    case MyTickets:
        return TicketQuery::myTickets(me > 0 ? me : -1); // nobody signed in: no tickets
    case Unassigned:
        return TicketQuery::unassigned();
    case Pending:
        return TicketQuery::withStatus(TicketStatus::Pending);
    case Solved:
        return TicketQuery::withStatus(TicketStatus::Solved);
    case Closed:
        return TicketQuery::withStatus(TicketStatus::Closed);
    case Archived:
        return TicketQuery::archivedView();
    default:
        return TicketQuery::allOpen();
    }
}

void SavedViewsNavigator::setCurrentAgent(RowId agentId)
{
    m_me = agentId;
    reload();
    Q_EMIT viewSelected();
}

SavedViewsNavigator::View SavedViewsNavigator::current() const
{
    View v;
    const QTreeWidgetItem *item = currentItem();
    const int index = item ? indexOfTopLevelItem(const_cast<QTreeWidgetItem *>(item)) : AllOpen;
    if (index >= 0 && index < BuiltInCount) {
        v.builtIn = index;
        v.key = QStringLiteral("builtin/%1").arg(index);
        v.name = item ? item->text(0) : QString();
        v.filter = builtInFilter(index, m_me);
        return v;
    }
    const RowId id = item->data(0, kViewIdRole).toLongLong();
    for (const SavedView &s : m_saved) {
        if (s.id == id) {
            v.key = QStringLiteral("view/") + s.uuid;
            v.savedViewId = s.id;
            v.name = s.name;
            v.filter = s.filter;
            v.sort = s.sort;
            v.columns = s.columns;
        }
    }
    return v;
}

RowId SavedViewsNavigator::currentSavedViewId() const
{
    return currentItem() ? currentItem()->data(0, kViewIdRole).toLongLong() : 0;
}

void SavedViewsNavigator::selectBuiltIn(int view)
{
    setCurrentItem(topLevelItem(qBound(0, view, BuiltInCount - 1)));
}

void SavedViewsNavigator::selectSavedView(RowId id)
{
    for (int i = BuiltInCount; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->data(0, kViewIdRole).toLongLong() == id)
            setCurrentItem(topLevelItem(i));
}

void SavedViewsNavigator::reload()
{
    auto saved = m_views->list(m_me > 0 ? m_me : 0);
    if (!saved) {
        Q_EMIT errorOccurred(saved.errorMessage());
        return;
    }
    m_saved = *saved;
    rebuildSavedItems();
    refreshCounts();
}

void SavedViewsNavigator::rebuildSavedItems()
{
    const RowId selected = currentSavedViewId();
    m_rebuilding = true;
    while (topLevelItemCount() > BuiltInCount)
        delete takeTopLevelItem(BuiltInCount);
    QTreeWidgetItem *again = nullptr;
    for (const SavedView &v : std::as_const(m_saved)) {
        auto *item = new QTreeWidgetItem(this, {v.name});
        item->setData(0, kViewIdRole, v.id);
        item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled
                       | Qt::ItemNeverHasChildren);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(0, v.name);
        if (v.id == selected)
            again = item;
    }
    if (!currentItem() || (selected && !again))
        setCurrentItem(topLevelItem(AllOpen));
    else if (again)
        setCurrentItem(again);
    m_rebuilding = false;
    if (selected && !again)
        Q_EMIT viewSelected(); // the selected view is gone
}

void SavedViewsNavigator::refreshCounts()
{
    const QLocale locale;
    const auto counts = m_query->viewCounts(m_me > 0 ? m_me : 0);
    if (!counts)
        Q_EMIT errorOccurred(counts.errorMessage());
    const ViewCounts c = counts ? *counts : ViewCounts{};
    const qint64 n[BuiltInCount]
        = {c.mine, c.unassigned, c.allOpen, c.pending, c.solved, c.closed, c.archived};
    for (int i = 0; i < BuiltInCount; ++i)
        topLevelItem(i)->setText(1, locale.toString(n[i]));
    for (int i = BuiltInCount; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = topLevelItem(i);
        const RowId id = item->data(0, kViewIdRole).toLongLong();
        const auto view = std::find_if(m_saved.cbegin(), m_saved.cend(),
                                       [id](const SavedView &v) { return v.id == id; });
        std::optional<qint64> count;
        // Text views are left out: their hits would displace the list's (one set per connection).
        if (view != m_saved.cend() && view->filter.text.trimmed().isEmpty())
            if (auto q = m_query->quickCount(view->filter); q && *q)
                count = **q;
        if (!count && m_lastCounts.contains(id))
            count = m_lastCounts.value(id);
        item->setText(1, count ? locale.toString(*count) : QStringLiteral("…"));
    }
}

void SavedViewsNavigator::setCurrentCount(qint64 count)
{
    const RowId id = currentSavedViewId();
    if (!id)
        return;
    m_lastCounts.insert(id, count);
    currentItem()->setText(1, QLocale().toString(count));
}

Result<SavedView> SavedViewsNavigator::saveView(const QString &name, const TicketFilter &filter,
                                                const TicketSort &sort,
                                                const QList<SortColumn> &columns)
{
    auto v = m_views->create(m_me > 0 ? m_me : 0, name, filter, sort, columns);
    if (!v)
        return v;
    reload();
    selectSavedView(v->id);
    return v;
}

Result<void> SavedViewsNavigator::renameView(RowId id, const QString &name)
{
    auto r = m_views->rename(id, name);
    if (r)
        reload();
    return r;
}

Result<void> SavedViewsNavigator::removeView(RowId id)
{
    auto r = m_views->remove(id);
    m_lastCounts.remove(id);
    if (r)
        reload();
    return r;
}

Result<void> SavedViewsNavigator::moveView(RowId id, int delta)
{
    int at = -1;
    for (int i = 0; i < m_saved.size(); ++i)
        if (m_saved[i].id == id)
            at = i;
    if (at < 0)
        return Error{ErrorCode::NotFound, SavedViews::tr("No saved view with id %1.").arg(id)};
    auto r = m_views->move(id, qBound(0, at + delta, int(m_saved.size()) - 1));
    if (r)
        reload();
    return r;
}

QString SavedViewsNavigator::askName(const QString &title, const QString &initial)
{
    if (g_nextName) {
        const QString name = g_nextName->value_or(QString());
        g_nextName.reset();
        return name;
    }
    bool ok = false;
    const QString name
        = QInputDialog::getText(this, title, tr("Name:"), QLineEdit::Normal, initial, &ok);
    return ok ? name : QString();
}

void SavedViewsNavigator::report(const Result<void> &r)
{
    if (!r)
        Q_EMIT errorOccurred(r.errorMessage());
}

void SavedViewsNavigator::dropEvent(QDropEvent *event)
{
    QTreeWidget::dropEvent(event);
    // Whatever the drop did, the saved views take the order they now have on screen and go
    // back after the built-in views.
    QList<RowId> order;
    std::function<void(QTreeWidgetItem *)> walk = [&](QTreeWidgetItem *item) {
        if (const RowId id = item->data(0, kViewIdRole).toLongLong())
            order << id;
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i));
    };
    for (int i = 0; i < topLevelItemCount(); ++i)
        walk(topLevelItem(i));
    for (int i = 0; i < order.size(); ++i)
        if (auto r = m_views->move(order[i], i); !r) {
            report(r);
            break;
        }
    reload();
}

void SavedViewsNavigator::contextMenuEvent(QContextMenuEvent *event)
{
    QTreeWidgetItem *item = itemAt(viewport()->mapFromGlobal(event->globalPos()));
    const RowId id = item ? item->data(0, kViewIdRole).toLongLong() : 0;
    if (!id)
        return;
    setCurrentItem(item);
    QMenu menu(this);
    QAction *rename = menu.addAction(tr("Rename…"));
    rename->setObjectName(QStringLiteral("actionViewRename"));
    QAction *up = menu.addAction(tr("Move Up"));
    up->setObjectName(QStringLiteral("actionViewMoveUp"));
    up->setEnabled(indexOfTopLevelItem(item) > BuiltInCount);
    QAction *down = menu.addAction(tr("Move Down"));
    down->setObjectName(QStringLiteral("actionViewMoveDown"));
    down->setEnabled(indexOfTopLevelItem(item) < topLevelItemCount() - 1);
    menu.addSeparator();
    QAction *remove = menu.addAction(tr("Delete View…"));
    remove->setObjectName(QStringLiteral("actionViewDelete"));
    QAction *chosen = menu.exec(event->globalPos());
    if (chosen == rename) {
        const QString name = askName(tr("Rename View"), item->text(0));
        if (!name.isEmpty())
            report(renameView(id, name));
    } else if (chosen == up || chosen == down) {
        report(moveView(id, chosen == up ? -1 : 1));
    } else if (chosen == remove) {
        bool yes = false;
        if (g_nextConfirmation) {
            yes = *g_nextConfirmation;
            g_nextConfirmation.reset();
        } else {
            yes = QMessageBox::question(
                      this, tr("Delete View"),
                      tr("Delete the view '%1'? Its tickets are not affected.").arg(item->text(0)))
                == QMessageBox::Yes;
        }
        if (yes)
            report(removeView(id));
    }
}

void SavedViewsNavigator::retranslateUi()
{
    // The built-in views' names are the main window's (they were there first).
    const char *names[BuiltInCount] = {QT_TRANSLATE_NOOP("hd::MainWindow", "My tickets"),
                                       QT_TRANSLATE_NOOP("hd::MainWindow", "Unassigned"),
                                       QT_TRANSLATE_NOOP("hd::MainWindow", "All open"),
                                       QT_TRANSLATE_NOOP("hd::MainWindow", "Pending"),
                                       QT_TRANSLATE_NOOP("hd::MainWindow", "Solved"),
                                       QT_TRANSLATE_NOOP("hd::MainWindow", "Closed"),
                                       QT_TRANSLATE_NOOP("hd::MainWindow", "Archived")};
    for (int i = 0; i < BuiltInCount; ++i)
        topLevelItem(i)->setText(0, QCoreApplication::translate("hd::MainWindow", names[i]));
    refreshCounts(); // numbers follow the locale
}

} // namespace hd
