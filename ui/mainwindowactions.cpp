// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: ticket work beyond the list — the detail pane, new ticket, import (menu and drag
// and drop), merge, split, bulk edits with undo, keyboard shortcuts and assignment notices.
#include "core/base/settings.h"
#include "core/storage/attachmentstore.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/drafts.h"
#include "core/storage/macros.h"
#include "core/storage/ticketstore.h"
#include "ui/assignmentnotifier.h"
#include "ui/bulkedit.h"
#include "ui/composer.h"
#include "ui/filterbar.h"
#include "ui/importdialog.h"
#include "ui/macroeditor.h"
#include "ui/mainwindow.h"
#include "ui/mergesplitdialogs.h"
#include "ui/newticketdialog.h"
#include "ui/ticketdetail.h"
#include "ui/ticketlistmodel.h"
#include "ui/ticketlistview.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QStatusBar>
#include <QUndoStack>

#include <algorithm>

namespace hd {

namespace {

constexpr int kMaxBulkSelection = 5000;

QAction *makeAction(QObject *parent, const char *name, const QKeySequence &keys = {})
{
    auto *a = new QAction(parent);
    a->setObjectName(QString::fromLatin1(name));
    if (!keys.isEmpty())
        a->setShortcut(keys);
    return a;
}

} // namespace

void MainWindow::ensureAgent()
{
    // On a server's replica: the signed-in agent, once the feed brought the row. Otherwise
    // (a standalone database) this desktop works as the first active agent.
    m_agent = 0;
    if (m_sync) {
        auto id = m_database.scalar(QStringLiteral("SELECT id FROM agents WHERE uuid = ?"),
                                    {m_settings.value(keys::serverAgentUuid)});
        m_agent = id ? id->toLongLong() : 0;
        return;
    }
    if (auto agents = m_directory->agents())
        for (const Agent &a : *agents)
            if (a.active) {
                m_agent = a.id;
                break;
            }
}

void MainWindow::buildTicketActions()
{
    setAcceptDrops(true);
    m_undo = new QUndoStack(this);
    m_undo->setUndoLimit(50);
    // Own actions rather than QUndoStack::createUndoAction(), whose "Undo"/"Redo" prefix is
    // fixed when created and would stay in the old language after a live switch.
    m_undoAction = makeAction(this, "actionUndo", QKeySequence::Undo);
    m_undoAction->setEnabled(false);
    connect(m_undoAction, &QAction::triggered, m_undo, &QUndoStack::undo);
    connect(m_undo, &QUndoStack::canUndoChanged, m_undoAction, &QAction::setEnabled);
    connect(m_undo, &QUndoStack::undoTextChanged, this, &MainWindow::retranslateTicketActions);
    m_redoAction = makeAction(this, "actionRedo", QKeySequence::Redo);
    m_redoAction->setEnabled(false);
    connect(m_redoAction, &QAction::triggered, m_undo, &QUndoStack::redo);
    connect(m_undo, &QUndoStack::canRedoChanged, m_redoAction, &QAction::setEnabled);
    connect(m_undo, &QUndoStack::redoTextChanged, this, &MainWindow::retranslateTicketActions);

    m_import = makeAction(this, "actionImport", QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_import, &QAction::triggered, this, [this] { importFile(); });
    m_nextTicket = makeAction(this, "actionNextTicket", QKeySequence(Qt::ALT | Qt::Key_Down));
    connect(m_nextTicket, &QAction::triggered, this, [this] { stepTicket(1); });
    m_prevTicket = makeAction(this, "actionPreviousTicket", QKeySequence(Qt::ALT | Qt::Key_Up));
    connect(m_prevTicket, &QAction::triggered, this, [this] { stepTicket(-1); });
    m_reply = makeAction(this, "actionReply", QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_reply, &QAction::triggered, this, [this] { compose(false); });
    m_note = makeAction(this, "actionNote", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_note, &QAction::triggered, this, [this] { compose(true); });
    m_assignToMe
        = makeAction(this, "actionAssignToMe", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(m_assignToMe, &QAction::triggered, this,
            [this] { bulkEdit({BulkChange::Assign{m_agent}}); });
    m_solve = makeAction(this, "actionSolve", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_solve, &QAction::triggered, this,
            [this] { bulkEdit({BulkChange::SetStatus{TicketStatus::Solved}}); });
    m_search = makeAction(this, "actionSearch", QKeySequence::Find);
    connect(m_search, &QAction::triggered, this, [this] {
        if (auto *text = m_filterBar->findChild<QLineEdit *>(QStringLiteral("filterText"))) {
            text->setFocus(Qt::ShortcutFocusReason);
            text->selectAll();
        }
    });
    m_merge = makeAction(this, "actionMerge", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(m_merge, &QAction::triggered, this, &MainWindow::mergeSelected);
    m_split = makeAction(this, "actionSplit");
    connect(m_split, &QAction::triggered, this, &MainWindow::splitCurrent);
    m_macrosAction = makeAction(this, "actionMacros");
    connect(m_macrosAction, &QAction::triggered, this, [this] {
        if (!m_agent || !m_macros) {
            showError(
                tr("There is no agent to act as yet; load demo data or import tickets first."));
            return;
        }
        MacroEditor editor(*m_macros, m_agent, this);
        editor.exec();
    });
}

void MainWindow::retranslateTicketActions()
{
    m_editMenu->setTitle(tr("&Edit"));
    m_ticketMenu->setTitle(tr("&Ticket"));
    m_import->setText(tr("&Import Chats…"));
    m_undoAction->setText(m_undo->undoText().isEmpty() ? tr("&Undo")
                                                       : tr("&Undo %1").arg(m_undo->undoText()));
    m_redoAction->setText(m_undo->redoText().isEmpty() ? tr("&Redo")
                                                       : tr("&Redo %1").arg(m_undo->redoText()));
    m_nextTicket->setText(tr("&Next Ticket"));
    m_prevTicket->setText(tr("&Previous Ticket"));
    m_reply->setText(tr("&Reply to Customer"));
    m_note->setText(tr("Internal &Note"));
    m_assignToMe->setText(tr("&Assign to Me"));
    m_solve->setText(tr("&Solve"));
    m_search->setText(tr("&Search Tickets"));
    m_merge->setText(tr("&Merge into…"));
    m_split->setText(tr("S&plit…"));
    m_macrosAction->setText(tr("&Canned Responses…"));
}

void MainWindow::buildDetail()
{
    if (!m_attachments) {
        m_attachments = std::make_unique<AttachmentStore>(
            QFileInfo(m_database.path()).absolutePath() + QStringLiteral("/attachments"));
        m_drafts = std::make_unique<Drafts>(m_database, m_clock);
        m_macros = std::make_unique<Macros>(m_database, m_clock);
        m_notifier = new AssignmentNotifier(*m_store, m_agent, this);
        connect(m_notifier, &AssignmentNotifier::openTicketRequested, this,
                [this](RowId id) { selectTicket(id); });
        connect(this, &MainWindow::currentTicketChanged, this, [this](RowId id) {
            if (m_detail)
                m_detail->setTicket(id);
        });
    }
    m_notifier->setAgent(m_agent);
    setCurrentAgent(m_agent);
    if (!m_agent) { // an empty database: nobody to write as yet
        m_detail = nullptr;
        setDetailWidget(nullptr);
        return;
    }
    m_detail = new TicketDetail(*m_store, *m_directory, *m_attachments, *m_drafts, *m_macros,
                                m_clock, m_agent);
    connect(m_detail, &TicketDetail::openTicketRequested, this, [this](RowId id) {
        if (!selectTicket(id))
            m_detail->setTicket(id); // not in this view: show it anyway
    });
    setDetailWidget(m_detail);
    m_detail->setTicket(m_currentTicket);
}

QList<RowId> MainWindow::selectedTickets() const
{
    QModelIndexList rows = m_ticketList->selectionModel()->selectedRows(0);
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<RowId> ids;
    for (const QModelIndex &i : std::as_const(rows))
        if (const RowId id = i.data(TicketListModel::TicketIdRole).toLongLong())
            ids << id;
    if (ids.isEmpty() && m_currentTicket)
        ids << m_currentTicket;
    return ids;
}

int MainWindow::bulkEdit(const BulkChange &change)
{
    if (!m_agent) {
        showError(tr("There is no agent to act as yet; load demo data or import tickets first."));
        return 0;
    }
    const QList<RowId> ids = selectedTickets();
    if (ids.size() > kMaxBulkSelection) {
        showError(tr("Select at most %L1 tickets for one change.").arg(kMaxBulkSelection));
        return 0;
    }
    auto cmd = BulkEditCommand::apply(*m_store, ids, change, Actor::agent(m_agent));
    if (!cmd) {
        showError(cmd.errorMessage());
        return 0;
    }
    const BulkOutcome outcome = (*cmd)->outcome();
    if (outcome.undoable)
        m_undo->push(cmd->release());
    QString message = tr("%n ticket(s) changed.", nullptr, int(outcome.changed.size()));
    if (!outcome.skipped.isEmpty())
        message += QLatin1Char(' ')
            + tr("%n skipped: %1", nullptr, int(outcome.skipped.size()))
                  .arg(outcome.skipped.first().second);
    statusBar()->showMessage(message, 10000);
    return int(outcome.changed.size());
}

void MainWindow::newTicket()
{
    if (!m_agent) {
        showError(tr("There is no agent to act as yet; load demo data or import tickets first."));
        return;
    }
    NewTicketDialog dialog(*m_store, *m_directory, m_agent, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const RowId id = dialog.createdTicket();
    if (!selectTicket(id) && m_detail)
        m_detail->setTicket(id);
}

void MainWindow::importFile(const QString &path)
{
    auto *dialog = new ImportDialog(m_database, m_clock, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty())
        dialog->setPath(path);
    // The import writes through its own connection: re-read everything once it is done.
    connect(dialog, &ImportDialog::imported, this, [this] {
        if (!m_agent) {
            ensureAgent();
            buildDetail();
        }
        refresh();
    });
    dialog->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (ImportDialog::canImport(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = ImportDialog::importablePaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    if (paths.size() > 1)
        statusBar()->showMessage(
            tr("One file at a time: importing %1 first.").arg(QFileInfo(paths.first()).fileName()),
            10000);
    importFile(paths.first());
}

void MainWindow::mergeSelected()
{
    const QList<RowId> ids = selectedTickets();
    if (ids.isEmpty() || !m_agent)
        return;
    MergeDialog dialog(*m_store, ids, m_agent, this);
    if (dialog.exec() == QDialog::Accepted)
        selectTicket(dialog.target());
}

void MainWindow::splitCurrent()
{
    if (!m_currentTicket || !m_agent)
        return;
    SplitDialog dialog(*m_store, m_currentTicket, m_agent, this);
    if (dialog.exec() == QDialog::Accepted && !selectTicket(dialog.createdTicket()) && m_detail)
        m_detail->setTicket(dialog.createdTicket());
}

void MainWindow::stepTicket(int delta)
{
    const int rows = m_ticketModel->rowCount();
    if (rows == 0)
        return;
    const int current = m_ticketList->currentIndex().row();
    const int next = std::clamp(current < 0 ? 0 : current + delta, 0, rows - 1);
    const QModelIndex index = m_ticketModel->index(next, 0);
    m_ticketList->setCurrentIndex(index);
    m_ticketList->scrollTo(index);
}

void MainWindow::compose(bool internal)
{
    if (!m_detail || !m_currentTicket)
        return;
    Composer *composer = m_detail->composer();
    composer->setAudience(internal ? Visibility::Internal : Visibility::Public);
    if (auto *editor = composer->findChild<QWidget *>(QStringLiteral("composerEditor")))
        editor->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::listContextMenu(const QPoint &at)
{
    if (!m_agent || selectedTickets().isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(m_assignToMe);
    QMenu *assign = menu.addMenu(tr("Assign to"));
    assign->addAction(tr("(unassigned)"), this, [this] { bulkEdit({BulkChange::Assign{0}}); });
    if (auto agents = m_directory->agents())
        for (const Agent &a : *agents)
            if (a.active)
                assign->addAction(a.name, this,
                                  [this, id = a.id] { bulkEdit({BulkChange::Assign{id}}); });
    QMenu *status = menu.addMenu(tr("Status"));
    for (TicketStatus s : kAllStatuses)
        status->addAction(displayName(s), this,
                          [this, s] { bulkEdit({BulkChange::SetStatus{s}}); });
    QMenu *priority = menu.addMenu(tr("Priority"));
    for (Priority p : kAllPriorities)
        priority->addAction(displayName(p), this,
                            [this, p] { bulkEdit({BulkChange::SetPriority{p}}); });
    menu.addAction(tr("Add Tags…"), this, [this] {
        const QString tags
            = QInputDialog::getText(this, tr("Add Tags"), tr("Tags (comma-separated):"));
        if (!tags.trimmed().isEmpty())
            bulkEdit({BulkChange::EditTags{tags.split(QLatin1Char(','), Qt::SkipEmptyParts), {}}});
    });
    menu.addAction(tr("Remove Tags…"), this, [this] {
        const QString tags
            = QInputDialog::getText(this, tr("Remove Tags"), tr("Tags (comma-separated):"));
        if (!tags.trimmed().isEmpty())
            bulkEdit({BulkChange::EditTags{{}, tags.split(QLatin1Char(','), Qt::SkipEmptyParts)}});
    });
    menu.addSeparator();
    menu.addAction(m_merge);
    menu.addAction(m_split);
    menu.exec(m_ticketList->viewport()->mapToGlobal(at));
}

} // namespace hd
