// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/bulkedit.h"

#include "core/domain/workflow.h"
#include "core/storage/ticketstore.h"

namespace hd {

namespace {

template<class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};

QStringList editedTags(QStringList tags, const BulkChange::EditTags &e)
{
    tags << e.add;
    for (const QString &t : e.remove)
        tags.removeAll(t.trimmed().toLower());
    return tags;
}

} // namespace

BulkEditCommand::BulkEditCommand(TicketStore &store, BulkChange change, Actor actor)
    : m_store(store)
    , m_change(std::move(change))
    , m_actor(actor)
{ }

Result<std::unique_ptr<BulkEditCommand>> BulkEditCommand::apply(TicketStore &store,
                                                                const QList<RowId> &tickets,
                                                                const BulkChange &change,
                                                                const Actor &actor)
{
    std::unique_ptr<BulkEditCommand> cmd(new BulkEditCommand(store, change, actor));
    for (RowId id : tickets) {
        auto t = store.ticket(id);
        if (!t) {
            cmd->m_outcome.skipped.append({id, t.errorMessage()});
            continue;
        }
        if (auto why = cmd->whyNot(*t)) {
            cmd->m_outcome.skipped.append({id, *why});
            continue;
        }
        cmd->m_before.append({t->id, t->status, t->assigneeId, t->priority, t->tags});
        cmd->m_outcome.changed << id;
    }
    if (cmd->m_before.isEmpty())
        return Error{ErrorCode::Conflict,
                     cmd->m_outcome.skipped.isEmpty()
                         ? tr("No tickets are selected.")
                         : tr("None of the selected tickets can take this change: %1")
                               .arg(cmd->m_outcome.skipped.first().second)};
    if (auto r = cmd->applyChange(); !r)
        return r.error();

    const int n = int(cmd->m_before.size());
    bool undoable = true;
    std::visit(Overloaded{[&](const BulkChange::Assign &) {
                              cmd->setText(tr("Assign %n ticket(s)", nullptr, n));
                          },
                          [&](const BulkChange::SetStatus &s) {
                              cmd->setText(tr("Change the status of %n ticket(s)", nullptr, n));
                              // Closing is final, and some statuses cannot be returned to (solved
                              // never goes back to new or pending): such changes are not undoable.
                              for (const Before &b : std::as_const(cmd->m_before))
                                  undoable = undoable && workflow::isAllowed(s.to, b.status);
                          },
                          [&](const BulkChange::SetPriority &) {
                              cmd->setText(tr("Change the priority of %n ticket(s)", nullptr, n));
                          },
                          [&](const BulkChange::EditTags &) {
                              cmd->setText(tr("Edit the tags of %n ticket(s)", nullptr, n));
                          }},
               change.change);
    cmd->m_outcome.undoable = undoable;
    return cmd;
}

std::optional<QString> BulkEditCommand::whyNot(const Ticket &t) const
{
    if (t.status == TicketStatus::Closed)
        return tr("Ticket #%1 is closed.").arg(t.number);
    return std::visit(
        Overloaded{[&](const BulkChange::Assign &a) -> std::optional<QString> {
                       if (a.agentId == t.assigneeId)
                           return tr("Ticket #%1 already has this assignee.").arg(t.number);
                       return std::nullopt;
                   },
                   [&](const BulkChange::SetStatus &s) -> std::optional<QString> {
                       if (auto r = workflow::checkTransition(t.status, s.to); !r)
                           return tr("Ticket #%1: %2").arg(t.number).arg(r.errorMessage());
                       return std::nullopt;
                   },
                   [&](const BulkChange::SetPriority &p) -> std::optional<QString> {
                       if (p.to == t.priority)
                           return tr("Ticket #%1 already has this priority.").arg(t.number);
                       return std::nullopt;
                   },
                   [&](const BulkChange::EditTags &) -> std::optional<QString> {
                       return std::nullopt;
                   }},
        m_change.change);
}

Result<void> BulkEditCommand::applyChange()
{
    return m_store.batch([this]() -> Result<void> {
        for (const Before &b : std::as_const(m_before)) {
            Result<void> r = std::visit(
                Overloaded{[&](const BulkChange::Assign &a) {
                               return m_store.assign(b.id, a.agentId, m_actor);
                           },
                           [&](const BulkChange::SetStatus &s) {
                               return m_store.transition(b.id, s.to, m_actor);
                           },
                           [&](const BulkChange::SetPriority &p) {
                               return m_store.setPriority(b.id, p.to, m_actor);
                           },
                           [&](const BulkChange::EditTags &e) {
                               return m_store.setTags(b.id, editedTags(b.tags, e), m_actor);
                           }},
                m_change.change);
            if (!r)
                return r;
        }
        return {};
    });
}

Result<void> BulkEditCommand::restore()
{
    return m_store.batch([this]() -> Result<void> {
        for (const Before &b : std::as_const(m_before)) {
            Result<void> r;
            if (std::holds_alternative<BulkChange::Assign>(m_change.change)) {
                r = m_store.assign(b.id, b.assigneeId, m_actor);
                // Assigning moves new/open to assigned; put the status back where it was.
                if (r) {
                    auto now = m_store.ticket(b.id);
                    if (now && now->status != b.status
                        && workflow::isAllowed(now->status, b.status))
                        r = m_store.transition(b.id, b.status, m_actor);
                }
            } else if (std::holds_alternative<BulkChange::SetStatus>(m_change.change)) {
                r = m_store.transition(b.id, b.status, m_actor);
            } else if (std::holds_alternative<BulkChange::SetPriority>(m_change.change)) {
                r = m_store.setPriority(b.id, b.priority, m_actor);
            } else {
                r = m_store.setTags(b.id, b.tags, m_actor);
            }
            if (!r)
                return r;
        }
        return {};
    });
}

void BulkEditCommand::redo()
{
    if (m_firstRedo) { // apply() already did the work
        m_firstRedo = false;
        return;
    }
    auto r = applyChange();
    m_lastError = r ? QString() : r.errorMessage();
}

void BulkEditCommand::undo()
{
    auto r = restore();
    m_lastError = r ? QString() : r.errorMessage();
}

} // namespace hd
