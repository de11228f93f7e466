// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace hd {
class Database;
class Directory;
class TicketStore;
} // namespace hd

namespace hd::server {

/// Why an operation was refused: a code of docs/sync.md ("invalid", "not_found", ...) and a
/// message for the agent. An empty code means the operation was applied.
struct Rejection
{
    QString code;
    QString message;
};

/// What an applied operation did, for its answer (docs/sync.md "Push: at most once").
struct PushEffect
{
    /// The tickets whose newest feed seq is the operation's seq (the operation's own ticket, or
    /// the ticket a message was redirected to, and the other ticket of a merge or split).
    QStringList ticketUuids;
    QString messageUuid; ///< a message the operation made, if any
    /// Notices for the answer besides result and seq: `overwrote {field, value, by, at}`,
    /// `redirected {ticket_uuid}`.
    QJsonObject notices;
};

/// The operation kinds of a push (docs/sync.md "Operations"), validated field by field and
/// applied through TicketStore, so the core workflow decides what is allowed.
class PushOps
{
    Q_DECLARE_TR_FUNCTIONS(hd::server::PushOps)

public:
    static constexpr int kMaxTags = 50;
    static constexpr int kMaxTagChars = 50;
    static constexpr int kMaxSubjectChars = 500;
    static constexpr int kMaxNameChars = 200;
    static constexpr int kMaxEmailChars = 254;

    PushOps(Database &db, TicketStore &store, Directory &directory);

    static constexpr int kMaxBodyChars = 1'000'000;
    static constexpr int kMaxHtmlChars = 4'000'000;
    static constexpr int kMaxAttachments = 100;
    static constexpr int kMaxSplitMessages = 1000;

    /// Applies one operation for `agent` inside the caller's transaction. A Rejection with a
    /// code when refused (the caller must roll back whatever was written); an Error only when
    /// the database failed. `base` is what the agent saw of the changed field ({field: value});
    /// `effect` receives what an applied operation did.
    Result<Rejection> apply(const Agent &agent, const QString &ticketUuid, const QString &kind,
                            const QJsonObject &payload, const QJsonObject &base,
                            PushEffect *effect);

    static bool isUuid(const QString &s);

private:
    // pushops.cpp: tickets and messages.
    Result<Rejection> createTicket(const Agent &agent, const QString &uuid, const QJsonObject &p,
                                   PushEffect *effect);
    /// payload.requester as a customer id: found by uuid, else by email, else created.
    Result<Rejection> requester(const QJsonObject &p, RowId *customerId);
    Result<Rejection> addMessage(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                 PushEffect *effect);
    /// payload.attachments as references to files the server has; `unsupported` otherwise.
    Result<Rejection> attachments(const QJsonObject &p, QList<AttachmentRef> *out);

    // pushfieldops.cpp: fields, tags, merge, split and archive.
    Result<Rejection> setStatus(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                const QJsonObject &base, PushEffect *effect);
    Result<Rejection> assign(const Agent &agent, const Ticket &t, const QJsonObject &p,
                             const QJsonObject &base, PushEffect *effect);
    Result<Rejection> setPriority(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                  const QJsonObject &base, PushEffect *effect);
    Result<Rejection> setCategory(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                  const QJsonObject &base, PushEffect *effect);
    Result<Rejection> setTeam(const Agent &agent, const Ticket &t, const QJsonObject &p,
                              const QJsonObject &base, PushEffect *effect);
    Result<Rejection> setSubject(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                 const QJsonObject &base, PushEffect *effect);
    Result<Rejection> rate(const Agent &agent, const Ticket &t, const QJsonObject &p);
    Result<Rejection> changeTags(const Agent &agent, const Ticket &t, const QJsonObject &p,
                                 bool add);
    Result<Rejection> merge(const Agent &agent, const Ticket &t, const QJsonObject &p,
                            PushEffect *effect);
    Result<Rejection> split(const Agent &agent, const Ticket &t, const QJsonObject &p,
                            PushEffect *effect);
    Result<Rejection> archive(const Agent &agent, const Ticket &t);

    /// The `overwrote` notice of changing `field` of t from `current` to `next` when base names
    /// another value than current (computed before the change: the last event of `eventKind`
    /// says by whom and when); an empty object otherwise.
    Result<QJsonObject> overwrote(const Ticket &t, const QJsonObject &base, const QString &field,
                                  EventKind eventKind, const QJsonValue &current,
                                  const QJsonValue &next);
    /// r as the answer of a field change; on success the overwrote notice joins the effect.
    Result<Rejection> withNotice(const Result<void> &r, const QJsonObject &notice,
                                 const QString &field, PushEffect *effect);

    Database &m_db;
    TicketStore &m_store;
    Directory &m_directory;
};

} // namespace hd::server
