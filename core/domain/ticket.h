// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/enums.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace hd {

/// Row ids are the local database's integer keys (joins, full-text rowids); uuids are the
/// identities every replica shares (made by whoever creates the record) and that sync uses.
using RowId = qint64;

struct Team
{
    RowId id = 0;
    QString uuid;
    QString name;
};

struct Agent
{
    RowId id = 0;
    QString uuid;
    QString name;
    QString email;
    AgentRole role = AgentRole::Agent;
    QStringList skills; ///< category or product names the agent is good at
    QStringList languages; ///< ISO 639-1 codes
    int capacity = 20; ///< active tickets the agent can hold
    RowId teamId = 0;
    bool active = true;
};

/// A customer's address on one channel: an email address, a Kakao nickname, a phone number.
struct CustomerIdentity
{
    Channel channel = Channel::Email;
    QString handle;
};

struct Customer
{
    RowId id = 0;
    QString uuid;
    QString name;
    QString email;
    QString phone;
    QString language;
    QList<CustomerIdentity> identities;
    QDateTime createdAt;
};

struct Category
{
    RowId id = 0;
    QString name;
    RowId parentId = 0;
};

struct Ticket
{
    RowId id = 0;
    QString uuid;
    qint64 number = 0;
    QString subject;
    QString description;
    Channel channel = Channel::Web;
    Direction direction = Direction::Inbound;
    TicketStatus status = TicketStatus::New;
    Priority priority = Priority::Normal;
    RowId categoryId = 0;
    QString categoryName;
    QStringList tags;
    RowId requesterId = 0;
    QString requesterName;
    RowId assigneeId = 0;
    QString assigneeName;
    RowId teamId = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime firstResponseAt;
    QDateTime solvedAt;
    QDateTime closedAt;
    QDateTime firstResponseDue; ///< null when met or no target
    QDateTime resolutionDue; ///< null when met, paused or no target
    QDateTime slaPausedSince; ///< set while pending
    RowId slaPolicyId = 0;
    QString externalRef;
    int csat = 0; ///< 0 = not rated, else 1..5
    RowId mergedInto = 0;
    RowId splitFrom = 0;
    RowId followUpOf = 0;
    bool archived = false;

    /// Whether an SLA clock has passed its due time at `now`.
    [[nodiscard]] bool slaBreached(const QDateTime &now) const
    {
        return (firstResponseDue.isValid() && firstResponseDue < now)
            || (resolutionDue.isValid() && resolutionDue < now);
    }
};

struct AttachmentRef
{
    QString sha256;
    QString fileName;
    QString mediaType;
    qint64 size = 0;
};

struct Message
{
    RowId id = 0;
    QString uuid;
    RowId ticketId = 0;
    AuthorKind authorKind = AuthorKind::Customer;
    RowId authorAgentId = 0;
    RowId authorCustomerId = 0;
    QString authorName;
    Visibility visibility = Visibility::Public;
    QString body;
    QString bodyHtml; ///< sanitized rich text, may be empty
    QDateTime createdAt;
    QList<AttachmentRef> attachments;
};

struct Event
{
    RowId id = 0;
    RowId ticketId = 0;
    EventKind kind = EventKind::Created;
    AuthorKind actorKind = AuthorKind::System;
    RowId actorId = 0; ///< agent id for agents, customer id for customers, 0 otherwise
    QDateTime at;
    QString oldValue;
    QString newValue;
};

/// Who performs an operation; every event records it.
struct Actor
{
    AuthorKind kind = AuthorKind::System;
    RowId id = 0;

    static Actor system() { return {AuthorKind::System, 0}; }
    static Actor agent(RowId id) { return {AuthorKind::Agent, id}; }
    static Actor customer(RowId id) { return {AuthorKind::Customer, id}; }
};

} // namespace hd
