// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/domain/ticket.h"

#include <QJsonValue>
#include <QObject>

#include <functional>
#include <optional>

namespace hd {

class Clock;
class Database;
class OpJournal;
struct JournalOp;
class SearchIndex;
class SlaService;

/// What it takes to open a ticket. Unset times default to the clock's now.
struct NewTicket
{
    QString uuid; ///< empty = make one
    QString subject;
    QString body; ///< the first message; empty = no message
    Channel channel = Channel::Web;
    Direction direction = Direction::Inbound;
    Priority priority = Priority::Normal;
    RowId categoryId = 0;
    RowId requesterId = 0;
    RowId assigneeId = 0;
    RowId teamId = 0;
    QStringList tags;
    QString externalRef;
    QDateTime createdAt;
    RowId followUpOf = 0; ///< a closed ticket this one follows up
    Actor actor = Actor::system();
    QString messageUuid; ///< the first message's uuid; empty = make one
};

/// A message to add to a ticket.
struct NewMessage
{
    QString uuid;
    AuthorKind authorKind = AuthorKind::Agent;
    RowId authorId = 0; ///< agent or customer id
    Visibility visibility = Visibility::Public;
    QString body;
    QString bodyHtml;
    QDateTime createdAt;
    QList<AttachmentRef> attachments; ///< already in the attachment store
};

/// Tickets, their messages and their history. Every change runs in one transaction that also
/// writes its Event rows and keeps the search index and SLA clocks in step. Emits changed()
/// after each committed change, so views can refresh the affected rows.
class TicketStore : public QObject
{
    Q_OBJECT
public:
    TicketStore(Database &db, const Clock &clock, QObject *parent = nullptr);
    ~TicketStore() override;

    [[nodiscard]] Database &database() { return m_db; }
    [[nodiscard]] SearchIndex &searchIndex() { return *m_search; }
    [[nodiscard]] SlaService &sla() { return *m_sla; }
    [[nodiscard]] const Clock &clock() const { return m_clock; }

    /// A replica that syncs records every change as an operation in the journal, in the change's
    /// transaction, and numbers the tickets it creates provisionally (negative numbers, until
    /// the server's number arrives). nullptr (the default) records nothing.
    void setJournal(OpJournal *journal) { m_journal = journal; }
    [[nodiscard]] OpJournal *journal() const { return m_journal; }

    /// The uuid of row id of table (agents, customers, teams, tickets) — how operations and the
    /// change feed name rows across databases; null for 0 or a row that does not exist.
    static Result<QJsonValue> uuidOf(Database &db, const char *table, RowId id);

    Result<Ticket> create(const NewTicket &t);
    Result<Ticket> ticket(RowId id);
    /// By number ("1234" or "#1234") or uuid.
    Result<Ticket> find(const QString &key);

    Result<QList<Message>> messages(RowId ticketId, bool includeInternal = true);
    Result<Message> message(RowId messageId);
    Result<QList<Event>> events(RowId ticketId);

    Result<Message> addMessage(RowId ticketId, const NewMessage &m);

    /// `at` (default now) lets importers record when a change happened in the source system.
    Result<void> transition(RowId ticketId, TicketStatus to, const Actor &actor,
                            const QDateTime &at = {});
    Result<void> assign(RowId ticketId, RowId agentId, const Actor &actor,
                        const QDateTime &at = {}); ///< 0 = unassign
    Result<void> setPriority(RowId ticketId, Priority p, const Actor &actor);
    Result<void> setCategory(RowId ticketId, RowId categoryId, const Actor &actor);
    Result<void> setTeam(RowId ticketId, RowId teamId, const Actor &actor);
    Result<void> setTags(RowId ticketId, QStringList tags, const Actor &actor);
    Result<void> setSubject(RowId ticketId, const QString &subject, const Actor &actor);
    Result<void> rate(RowId ticketId, int csat, const Actor &actor);

    /// Moves every message (and its attachments) of source into target, closes source with a
    /// link to target; both histories record it.
    Result<void> merge(RowId sourceId, RowId targetId, const Actor &actor);
    /// The chosen messages become a new ticket linked to this one. Returns the new ticket.
    /// newUuid: the new ticket's uuid (a replayed operation keeps the client's); empty = make one.
    Result<Ticket> split(RowId ticketId, const QList<RowId> &messageIds, const Actor &actor,
                         const QString &newUuid = {});
    /// Marks closed tickets closed before `closedBefore` as archived; returns how many.
    Result<int> archiveClosedBefore(const QDateTime &closedBefore, const Actor &actor);

    /// Runs fn in one transaction (bulk work: imports, seeding); changed() is emitted once.
    Result<void> batch(const std::function<Result<void>()> &fn);

Q_SIGNALS:
    /// Ticket rows whose data changed (created, edited, merged...).
    void changed(const QList<hd::RowId> &ticketIds);

private:
    friend class TicketMutation;
    Result<void> writeEvent(RowId ticketId, EventKind kind, const Actor &actor, const QDateTime &at,
                            const QVariant &oldValue, const QVariant &newValue);
    Result<void> touch(RowId ticketId, const QDateTime &at);
    Result<void> applyStatus(const Ticket &t, TicketStatus to, const Actor &actor,
                             const QDateTime &at);
    Result<void> updateField(RowId ticketId, const char *column, EventKind kind,
                             const QVariant &oldValue, const QVariant &newValue, const Actor &actor,
                             const JournalOp &op);
    /// Writes op to the journal, if any and not muted (operations nested in another one).
    Result<void> record(const JournalOp &op);
    /// The uuid of row id in table (agents, customers, teams, tickets), null for 0.
    Result<QJsonValue> uuidOf(const char *table, RowId id) { return uuidOf(m_db, table, id); }
    Result<QJsonValue> categoryName(RowId id);
    Result<void> recordCreate(const QString &uuid, const QString &subject,
                              const QString &messageUuid, const NewTicket &in);
    Result<void> recordMessage(const QString &ticketUuid, const Message &m);
    Result<void> recordTags(const QString &ticketUuid, const QStringList &before,
                            const QStringList &after);
    Result<qint64> nextNumber();
    void notify(QList<RowId> ids);
    Result<void> inTransaction(QList<RowId> ids, const std::function<Result<void>()> &fn);

    Database &m_db;
    const Clock &m_clock;
    std::unique_ptr<SearchIndex> m_search;
    std::unique_ptr<SlaService> m_sla;
    int m_batchDepth = 0;
    QList<RowId> m_pendingNotify;
    OpJournal *m_journal = nullptr;
    int m_journalMuted = 0;
};

} // namespace hd
