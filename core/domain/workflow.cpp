// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/workflow.h"

#include <QCoreApplication>

namespace hd::workflow {

namespace {
using S = TicketStatus;

struct Rule
{
    S from;
    std::initializer_list<S> to;
};

// clang-format off
const Rule kRules[] = {
    {S::New,      {S::Open, S::Assigned, S::Solved}},
    {S::Open,     {S::Assigned, S::Pending, S::Solved}},
    {S::Assigned, {S::Open, S::Pending, S::Solved}},
    {S::Pending,  {S::Open, S::Assigned, S::Solved}},
    {S::Solved,   {S::Open, S::Assigned, S::Closed}},
    {S::Closed,   {}},
};
// clang-format on
} // namespace

bool isAllowed(TicketStatus from, TicketStatus to)
{
    for (const Rule &r : kRules)
        if (r.from == from)
            return std::find(r.to.begin(), r.to.end(), to) != r.to.end();
    return false;
}

QList<TicketStatus> allowedTargets(TicketStatus from)
{
    for (const Rule &r : kRules)
        if (r.from == from)
            return QList<TicketStatus>(r.to.begin(), r.to.end());
    return {};
}

Result<void> checkTransition(TicketStatus from, TicketStatus to)
{
    if (isAllowed(from, to))
        return {};
    QString message;
    if (from == to)
        message = QCoreApplication::translate("hd::Workflow", "The ticket is already %1 (%2).")
                      .arg(wireName(from), displayName(from));
    else if (from == TicketStatus::Closed)
        message = QCoreApplication::translate(
                      "hd::Workflow",
                      "Cannot change status from closed to %1: closed tickets are final; "
                      "create a follow-up ticket instead.")
                      .arg(wireName(to));
    else
        message = QCoreApplication::translate("hd::Workflow",
                                              "Cannot change status from %1 to %2; allowed from "
                                              "%1: %3.")
                      .arg(wireName(from), wireName(to), [&] {
                          QStringList names;
                          for (S s : allowedTargets(from))
                              names << wireName(s);
                          return names.join(QStringLiteral(", "));
                      }());
    return Result<void>::failure(ErrorCode::Conflict, message);
}

std::optional<TicketStatus> statusAfterCustomerReply(TicketStatus current, bool hasAssignee)
{
    switch (current) {
    case S::Closed:
        return std::nullopt;
    case S::Solved:
    case S::Pending:
        return hasAssignee ? S::Assigned : S::Open;
    case S::New:
    case S::Open:
    case S::Assigned:
        return current;
    }
    return current;
}

TicketStatus statusAfterAssignment(TicketStatus current, bool hasAssignee)
{
    if (hasAssignee && (current == S::New || current == S::Open))
        return S::Assigned;
    if (!hasAssignee && current == S::Assigned)
        return S::Open;
    return current;
}

} // namespace hd::workflow
