// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>

#include <optional>

namespace hd {

class Clock;
class Database;
class TicketStore;

/// What a macro does to the ticket besides writing text; applied when its message is sent.
struct MacroActions
{
    std::optional<TicketStatus> status;
    std::optional<Priority> priority;
    QStringList addTags;

    [[nodiscard]] bool isEmpty() const { return !status && !priority && addTags.isEmpty(); }
    friend bool operator==(const MacroActions &, const MacroActions &) = default;
};

/// A canned response. The body may hold placeholders, see Macros::expand().
struct Macro
{
    RowId id = 0;
    QString uuid;
    RowId ownerAgentId = 0; ///< 0 = shared by every agent
    QString title;
    QString body;
    Visibility visibility = Visibility::Public; ///< the audience the macro is written for
    MacroActions actions;
    QDateTime createdAt;
    QDateTime updatedAt;
};

/// A macro's body with its placeholders filled in.
struct MacroExpansion
{
    QString text;
    /// Known placeholders without a value (e.g. a ticket without requester) and no default:
    /// they stay in the text as written ("{{requester.name}}") so the agent sees what to fill in.
    QStringList missing;
    /// Placeholders this version does not know (typos); also left as written.
    QStringList unknown;
};

/// Canned responses (macros): create, edit, list, delete, and expansion of their placeholders.
///
/// Placeholders are `{{name}}` or `{{name|default}}` (spaces inside the braces are ignored):
/// requester.name, requester.email, requester.phone, ticket.number, ticket.subject,
/// ticket.status, ticket.priority, ticket.category, agent.name, agent.email. A value that is
/// empty counts as missing; then the default is used when given.
class Macros
{
    Q_DECLARE_TR_FUNCTIONS(hd::Macros)
public:
    static constexpr int kMaxTitleChars = 200;
    static constexpr int kMaxBodyChars = 100'000;

    Macros(Database &db, const Clock &clock);

    Result<Macro> create(Macro macro);
    /// Saves title, body, visibility, actions and owner of an existing macro.
    Result<Macro> update(const Macro &macro);
    Result<void> remove(RowId macroId);
    Result<Macro> macro(RowId macroId);
    /// The shared macros and those of `agentId` (0 = shared only), by title.
    Result<QList<Macro>> list(RowId agentId);

    /// Fills in a macro's placeholders. `customer` and `agent` may be default-constructed
    /// (unknown); their placeholders then count as missing.
    [[nodiscard]] static MacroExpansion expand(const Macro &macro, const Ticket &ticket,
                                               const Agent &agent, const Customer &customer);
    /// The same for any text.
    [[nodiscard]] static MacroExpansion expandText(const QString &text, const Ticket &ticket,
                                                   const Agent &agent, const Customer &customer);
    /// Placeholder names expandText() knows.
    [[nodiscard]] static QStringList placeholderNames();

    /// Applies a macro's actions to a ticket as `actor`: tags are added, priority set, and the
    /// status changed when the workflow allows it (a ticket already in that status is left as
    /// it is). Stops at the first failure and returns it.
    static Result<void> applyActions(TicketStore &store, RowId ticketId,
                                     const MacroActions &actions, const Actor &actor);

private:
    Result<void> validate(const Macro &macro) const;
    Database &m_db;
    const Clock &m_clock;
};

} // namespace hd
