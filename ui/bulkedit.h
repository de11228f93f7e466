// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <memory>
#include <variant>

namespace hd {

class TicketStore;

/// One change applied to many tickets at once from the list's multi-selection.
struct BulkChange
{
    struct Assign
    {
        RowId agentId = 0; ///< 0 = unassign
    };
    struct SetStatus
    {
        TicketStatus to = TicketStatus::Open;
    };
    struct SetPriority
    {
        Priority to = Priority::Normal;
    };
    struct EditTags
    {
        QStringList add, remove;
    };
    std::variant<Assign, SetStatus, SetPriority, EditTags> change;
};

/// What a bulk change did: tickets it could not touch are listed with the reason (a closed
/// ticket cannot be assigned, solved cannot go back to new...), the rest changed together.
struct BulkOutcome
{
    QList<RowId> changed;
    QList<QPair<RowId, QString>> skipped;
    bool undoable = false;
};

/// An undoable bulk change. redo() applies the change to every ticket it may apply to, in one
/// transaction; undo() puts back each ticket's previous assignee, status, priority and tags in
/// one transaction. A change that cannot be walked back (closing: closed is final) is applied
/// but not offered for undo.
class BulkEditCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(hd::BulkEditCommand)
public:
    /// Reads the tickets' current state, decides which ones the change applies to and applies
    /// it. Returns the command (to push on a QUndoStack when outcome().undoable) or an error
    /// when nothing could be written.
    static Result<std::unique_ptr<BulkEditCommand>> apply(TicketStore &store,
                                                          const QList<RowId> &tickets,
                                                          const BulkChange &change,
                                                          const Actor &actor);

    [[nodiscard]] const BulkOutcome &outcome() const { return m_outcome; }
    /// The error of the last undo/redo, empty when it worked.
    [[nodiscard]] QString lastError() const { return m_lastError; }

    void redo() override;
    void undo() override;

private:
    struct Before
    {
        RowId id = 0;
        TicketStatus status = TicketStatus::New;
        RowId assigneeId = 0;
        Priority priority = Priority::Normal;
        QStringList tags;
    };
    BulkEditCommand(TicketStore &store, BulkChange change, Actor actor);
    Result<void> applyChange();
    Result<void> restore();
    std::optional<QString> whyNot(const Ticket &t) const;

    TicketStore &m_store;
    BulkChange m_change;
    Actor m_actor;
    QList<Before> m_before;
    BulkOutcome m_outcome;
    bool m_firstRedo = true;
    QString m_lastError;
};

} // namespace hd
