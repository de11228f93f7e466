// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/chatimport.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/storage/batchinsert.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/searchindex.h"
#include "core/storage/ticketstore.h"
#include "core/workflow/slaservice.h"

#include <QHash>
#include <QSet>
#include <QUuid>

namespace hd::chat {

namespace {
// Namespace of the helpdesk's name-based (version 5) UUIDs for imported chat messages.
const QUuid kChatNamespace(QStringLiteral("{6f1c2a3e-8b7d-4c55-9a0e-3d2b1f6e4c71}"));
constexpr int kSessionsPerTransaction = 200;

QString subjectFrom(const QList<ChatRecord> &records, const Session &s)
{
    QString text;
    for (int i : s.records) {
        const ChatRecord &r = records[i];
        if (r.kind == RecordKind::Message && !r.text.trimmed().isEmpty()) {
            text = r.text;
            break;
        }
    }
    text = text.section(QLatin1Char('\n'), 0, 0).simplified();
    if (text.size() > 80)
        text = text.left(79) + QChar(0x2026);
    return text;
}
} // namespace

ChatImporter::ChatImporter(TicketStore &store, Directory &directory)
    : m_store(store)
    , m_directory(directory)
{ }

QString ChatImporter::messageUuid(Channel channel, const QString &room, const ChatRecord &r,
                                  int occurrence)
{
    const QString key = wireName(channel) + QLatin1Char('\x1f') + room + QLatin1Char('\x1f')
        + QString::number(r.at.toMSecsSinceEpoch()) + QLatin1Char('\x1f') + r.sender
        + QLatin1Char('\x1f') + r.text + QLatin1Char('\x1f') + QString::number(occurrence);
    return QUuid::createUuidV5(kChatNamespace, key).toString(QUuid::WithoutBraces);
}

Result<ChatImportSummary> ChatImporter::import(const ParsedChat &chat,
                                               const ChatImportOptions &options,
                                               const std::function<bool(qint64, qint64)> &progress)
{
    if (options.room.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     tr("The conversation needs a name to be imported.")};
    Database &db = m_store.database();
    ChatImportSummary summary;
    summary.linesRead = chat.totalLines;
    summary.headerLines = chat.headerLines;
    summary.problems = chat.problems;

    SessionizerOptions so = options.sessions;
    for (const QString &a : options.agents)
        so.businessSenders.insert(a.trimmed());
    const QList<Session> sessions = sessionize(chat.records, so);

    // System lines outside every conversation (a file with no message at all) cannot become a
    // ticket; they are reported, not dropped.
    QSet<int> covered;
    for (const Session &s : sessions)
        for (int i : s.records)
            covered.insert(i);
    for (int i = 0; i < chat.records.size(); ++i)
        if (!covered.contains(i))
            summary.problems << ParseProblem{
                chat.records[i].firstLine, chat.records[i].text.left(200),
                tr("A system line outside any conversation; no ticket to keep it in.")};

    // Stable identities: identical (time, sender, text) records are told apart by occurrence.
    QList<QString> uuids(chat.records.size());
    QHash<QString, int> seen;
    for (int i = 0; i < chat.records.size(); ++i) {
        const ChatRecord &r = chat.records[i];
        const QString key = QString::number(r.at.toMSecsSinceEpoch()) + QLatin1Char('\x1f')
            + r.sender + QLatin1Char('\x1f') + r.text;
        uuids[i] = messageUuid(options.channel, options.room, r, seen[key]++);
    }

    // People: agents by name (created when missing), the exporting user as the channel account,
    // customers by their name on this channel.
    QHash<QString, RowId> agentIds, customerIds;
    QHash<QString, RowId> agentBySender; // per sender as written, so the hot path is one lookup
    auto agentFor = [&](const QString &name) -> Result<RowId> {
        if (auto it = agentBySender.constFind(name); it != agentBySender.constEnd())
            return *it;
        const bool me = SessionizerOptions::exportingUserNames().contains(name);
        const QString agentName = me ? tr("%1 channel account").arg(displayName(options.channel))
                                     : options.senderNames.value(name, name);
        if (auto it = agentIds.constFind(agentName); it != agentIds.constEnd()) {
            agentBySender.insert(name, *it);
            return *it;
        }
        auto found = m_directory.findAgent(agentName);
        if (!found && found.errorCode() != ErrorCode::NotFound)
            return found.error();
        if (!found) {
            Agent a;
            a.name = agentName;
            found = m_directory.addAgent(a);
            if (!found)
                return found.error();
        }
        agentIds.insert(agentName, found->id);
        agentBySender.insert(name, found->id);
        return found->id;
    };
    auto customerFor = [&](const QString &name) -> Result<RowId> {
        if (auto it = customerIds.constFind(name); it != customerIds.constEnd())
            return *it;
        auto c = m_directory.ensureCustomer(options.channel, name,
                                            options.senderNames.value(name, name));
        if (!c)
            return c.error();
        customerIds.insert(name, c->id);
        return c->id;
    };

    // Who wrote a record, as the schema sees it; system lines keep their sender in the body.
    struct Authored
    {
        AuthorKind kind = AuthorKind::System;
        RowId agent = 0;
        RowId customer = 0;
        QString body;
    };
    auto authorOf = [&](const ChatRecord &r) -> Result<Authored> {
        if (r.kind != RecordKind::Message)
            return Authored{AuthorKind::System, 0, 0,
                            r.sender.isEmpty() ? r.text
                                               : QString(r.sender + QStringLiteral(": ") + r.text)};
        if (so.isBusiness(r.sender)) {
            auto a = agentFor(r.sender);
            if (!a)
                return a.error();
            return Authored{AuthorKind::Agent, *a, 0, r.text};
        }
        auto c = customerFor(r.sender);
        if (!c)
            return c.error();
        return Authored{AuthorKind::Customer, 0, *c, r.text};
    };

    const QString externalRef = wireName(options.channel) + QLatin1Char(':') + options.room;
    const QDateTime savedAt = options.savedAt.isValid() ? options.savedAt : m_store.clock().now();
    const Actor system = Actor::system();

    // A conversation that paused longer than the gap is over: solve and close its ticket at its
    // last message (a closed ticket stays as it is).
    auto solveAndClose = [&](RowId ticketId, const QDateTime &at) -> Result<void> {
        auto t = m_store.ticket(ticketId);
        if (!t)
            return t.error();
        if (t->status == TicketStatus::Closed)
            return {};
        if (t->status != TicketStatus::Solved)
            if (auto r = m_store.transition(ticketId, TicketStatus::Solved, system, at); !r)
                return r;
        return m_store.transition(ticketId, TicketStatus::Closed, system, at);
    };

    auto importSession = [&](int index) -> Result<void> {
        const Session &s = sessions[index];
        // Which of its messages exist already, and in which ticket?
        QSet<QString> existing;
        RowId ticketId = 0;
        for (int start = 0; start < s.records.size(); start += 400) {
            QStringList marks;
            QVariantList args;
            for (int k = start; k < qMin(int(s.records.size()), start + 400); ++k) {
                marks << QStringLiteral("?");
                args << uuids[s.records[k]];
            }
            auto q = db.exec(QStringLiteral("SELECT uuid, ticket_id FROM messages WHERE uuid IN (")
                                 + marks.join(QLatin1Char(',')) + QLatin1Char(')'),
                             args);
            if (!q)
                return q.error();
            while (q->next()) {
                existing.insert(q->value(0).toString());
                if (!ticketId)
                    ticketId = q->value(1).toLongLong();
            }
            q->finish();
        }
        const bool nothingNew = existing.size() == s.records.size();
        const bool last = index == sessions.size() - 1;
        const bool over = !last || s.lastAt.secsTo(savedAt) > so.gapSeconds;
        if (nothingNew) {
            summary.messagesSkipped += int(existing.size());
            // A conversation left open by an earlier import is over once a later one started.
            return over ? solveAndClose(ticketId, s.lastAt) : Result<void>();
        }
        RowId requester = 0;
        if (!s.requester.isEmpty()) {
            auto c = customerFor(s.requester);
            if (!c)
                return c.error();
            requester = *c;
        }
        if (!ticketId) {
            NewTicket t;
            t.subject = subjectFrom(chat.records, s);
            if (t.subject.isEmpty())
                t.subject = tr("Conversation on %1").arg(displayName(options.channel));
            t.channel = options.channel;
            t.direction = s.direction;
            t.requesterId = requester;
            t.createdAt = s.createdAt;
            t.externalRef = externalRef;
            t.actor = system;
            auto made = m_store.create(t);
            if (!made)
                return made.error();
            ticketId = made->id;
            ++summary.ticketsCreated;
        } else {
            ++summary.ticketsContinued;
        }
        auto ticket = m_store.ticket(ticketId);
        if (!ticket)
            return ticket.error();
        if (ticket->status == TicketStatus::Closed)
            return Error{
                ErrorCode::Conflict,
                tr("Ticket #%1 is closed; the new messages of its conversation were not added.")
                    .arg(ticket->number)};

        // Messages go in as one batch; the search document is rebuilt once.
        auto added = m_store.searchIndex().reindexTicket(ticketId, [&]() -> Result<void> {
            for (int i : s.records) {
                if (existing.contains(uuids[i])) {
                    ++summary.messagesSkipped;
                    continue;
                }
                auto author = authorOf(chat.records[i]);
                if (!author)
                    return author.error();
                const auto &[kind, agent, customer, body] = *author;
                const bool systemLine = kind == AuthorKind::System;
                auto q = db.exec(
                    QStringLiteral(
                        "INSERT INTO messages(uuid, ticket_id, author_kind, author_agent_id, "
                        "author_customer_id, visibility, body, created_at) VALUES "
                        "(?,?,?,?,?,?,?,?)"),
                    {uuids[i], ticketId, wireName(kind), Database::idOrNull(agent),
                     Database::idOrNull(customer),
                     wireName(systemLine ? Visibility::Internal : Visibility::Public), body,
                     Database::toDb(chat.records[i].at)});
                if (!q)
                    return q.error();
                if (systemLine)
                    ++summary.systemEvents;
                else
                    ++summary.messagesAdded;
            }
            return {};
        });
        if (!added)
            return added;

        if (!ticket->firstResponseAt.isValid() && s.firstResponseAt.isValid()) {
            if (auto q
                = db.exec(QStringLiteral("UPDATE tickets SET first_response_at = ? WHERE id = ?"),
                          {Database::toDb(s.firstResponseAt), ticketId});
                !q)
                return q.error();
        }
        if (auto q = db.exec(
                QStringLiteral("UPDATE tickets SET updated_at = max(updated_at, ?) WHERE id = ?"),
                {Database::toDb(s.lastAt), ticketId});
            !q)
            return q.error();
        if (!s.assignee.isEmpty() && !ticket->assigneeId) {
            auto a = agentFor(s.assignee);
            if (!a)
                return a.error();
            const QDateTime at = s.firstResponseAt.isValid() ? s.firstResponseAt : s.createdAt;
            if (auto r = m_store.assign(ticketId, *a, system, at); !r)
                return r;
        }
        // The last conversation stays open when the export is more recent than the gap.
        if (over)
            if (auto r = solveAndClose(ticketId, s.lastAt); !r)
                return r;
        summary.ticketIds << ticketId;
        return m_store.sla().refresh(ticketId);
    };

    // First import of a room (the common case): no message can exist yet, so conversations are
    // written in bulk, as rows computed in memory with multi-row inserts, instead of one
    // TicketStore call per change. The result is the same as the careful path above (tested).
    auto roomKnown = db.scalar(
        QStringLiteral("SELECT 1 FROM tickets WHERE external_ref = ? LIMIT 1"), {externalRef});
    if (!roomKnown)
        return roomKnown.error();
    const bool bulk = roomKnown->isNull();
    QSqlDatabase conn = db.connection();
    auto importBulk = [&](int from, int to) -> Result<void> {
        auto ids = db.scalar(QStringLiteral("SELECT coalesce(max(id), 0) FROM tickets"));
        auto numbers = db.scalar(QStringLiteral(
            "SELECT max(coalesce((SELECT value FROM counters WHERE name = "
            "'ticket_number'), 0), coalesce((SELECT max(number) FROM tickets), 0))"));
        if (!ids || !numbers)
            return Error{ErrorCode::Storage, tr("Cannot read the ticket counters.")};
        RowId nextId = ids->toLongLong() + 1;
        qint64 nextNumber = numbers->toLongLong() + 1;
        BatchInsert tickets(
            conn,
            QStringLiteral("INSERT INTO tickets(id, uuid, number, subject, description, channel, "
                           "direction, status, priority, requester_id, assignee_id, created_at, "
                           "updated_at, first_response_at, solved_at, closed_at, external_ref, "
                           "requester_sort, assignee_sort) VALUES"),
            19, 20);
        BatchInsert messages(
            conn,
            QStringLiteral("INSERT INTO messages(uuid, ticket_id, author_kind, author_agent_id, "
                           "author_customer_id, visibility, body, created_at) VALUES"),
            8, 50);
        BatchInsert events(
            conn,
            QStringLiteral(
                "INSERT INTO events(ticket_id, kind, actor_kind, actor_id, at, old_value, "
                "new_value) VALUES"),
            7, 50);
        BatchInsert search(
            conn, QStringLiteral("INSERT INTO ticket_search(rowid, pub, internal) VALUES"), 3, 20);
        // Tickets reach SQLite before the rows that refer to them.
        const auto parentsFirst = [&tickets] {
            return tickets.flush();
        };
        messages.beforeFlush = parentsFirst;
        events.beforeFlush = parentsFirst;
        QList<RowId> stillOpen;
        auto check = [](BatchInsert &b, const QVariantList &row) -> Result<void> {
            if (b.add(row))
                return {};
            return Error{ErrorCode::Storage, b.error};
        };
        for (int index = from; index < to; ++index) {
            const Session &s = sessions[index];
            const RowId id = nextId++;
            const qint64 number = nextNumber++;
            RowId requester = 0, assignee = 0;
            if (!s.requester.isEmpty()) {
                auto c = customerFor(s.requester);
                if (!c)
                    return c.error();
                requester = *c;
            }
            if (!s.assignee.isEmpty()) {
                auto a = agentFor(s.assignee);
                if (!a)
                    return a.error();
                assignee = *a;
            }
            QString subject = subjectFrom(chat.records, s);
            if (subject.isEmpty())
                subject = tr("Conversation on %1").arg(displayName(options.channel));
            const bool last = index == sessions.size() - 1;
            const bool over = !last || s.lastAt.secsTo(savedAt) > so.gapSeconds;
            const QString finalStatus = over
                ? QStringLiteral("closed")
                : (assignee ? QStringLiteral("assigned") : QStringLiteral("new"));
            QString description;
            for (int i : s.records)
                if (chat.records[i].kind == RecordKind::Message) {
                    description = chat.records[i].text.left(2000);
                    break;
                }
            if (auto e = check(
                    tickets,
                    {id,
                     QUuid::createUuidV5(kChatNamespace, uuids[s.records.first()])
                         .toString(QUuid::WithoutBraces),
                     number, subject, description, wireName(options.channel), wireName(s.direction),
                     finalStatus, int(Priority::Normal), Database::idOrNull(requester),
                     Database::idOrNull(assignee), Database::toDb(s.createdAt),
                     Database::toDb(s.lastAt), Database::toDb(s.firstResponseAt),
                     over ? Database::toDb(s.lastAt) : QVariant(),
                     over ? Database::toDb(s.lastAt) : QVariant(), externalRef,
                     options.senderNames.value(s.requester, s.requester).toLower(),
                     assignee ? options.senderNames.value(s.assignee, s.assignee).toLower()
                              : QString()});
                !e)
                return e;
            QStringList pub, internal;
            for (int i : s.records) {
                auto author = authorOf(chat.records[i]);
                if (!author)
                    return author.error();
                const auto &[kind, agent, customer, body] = *author;
                const bool systemLine = kind == AuthorKind::System;
                (systemLine ? internal : pub) << body;
                if (auto e
                    = check(messages,
                            {uuids[i], id, wireName(kind), Database::idOrNull(agent),
                             Database::idOrNull(customer),
                             wireName(systemLine ? Visibility::Internal : Visibility::Public), body,
                             Database::toDb(chat.records[i].at)});
                    !e)
                    return e;
                if (systemLine)
                    ++summary.systemEvents;
                else
                    ++summary.messagesAdded;
            }
            // The same history the careful path writes: created, assignment, solved, closed.
            QString status = QStringLiteral("new");
            auto event
                = [&](EventKind k, const QDateTime &at, const QVariant &o, const QVariant &n) {
                      return check(events,
                                   {id, wireName(k), wireName(AuthorKind::System), QVariant(),
                                    Database::toDb(at), o, n});
                  };
            if (auto e = event(EventKind::Created, s.createdAt, {}, status); !e)
                return e;
            if (assignee) {
                const QDateTime at = s.firstResponseAt.isValid() ? s.firstResponseAt : s.createdAt;
                if (auto e = event(EventKind::Assignee, at, {}, assignee); !e)
                    return e;
                if (auto e = event(EventKind::Status, at, status, QStringLiteral("assigned")); !e)
                    return e;
                status = QStringLiteral("assigned");
            }
            if (over) {
                if (auto e = event(EventKind::Status, s.lastAt, status, QStringLiteral("solved"));
                    !e)
                    return e;
                if (auto e = event(EventKind::Status, s.lastAt, QStringLiteral("solved"),
                                   QStringLiteral("closed"));
                    !e)
                    return e;
                status = QStringLiteral("closed");
            } else {
                stillOpen << id;
            }
            const SearchIndex::Doc doc = SearchIndex::analyze(subject, pub, internal);
            if (auto e = check(search, {id, doc.pub, doc.internal}); !e)
                return e;
            ++summary.ticketsCreated;
            summary.ticketIds << id;
        }
        // Tickets first: messages and events refer to them.
        for (BatchInsert *b : {&tickets, &messages, &events, &search})
            if (!b->flush())
                return Error{ErrorCode::Storage, b->error};
        if (auto q = db.exec(
                QStringLiteral("INSERT INTO counters(name, value) VALUES ('ticket_number', ?) "
                               "ON CONFLICT(name) DO UPDATE SET value = excluded.value"),
                {nextNumber - 1});
            !q)
            return q.error();
        for (RowId id : stillOpen)
            if (auto r = m_store.sla().refresh(id); !r)
                return r;
        return {};
    };

    const int perTransaction = bulk ? 5000 : kSessionsPerTransaction;
    for (int start = 0; start < sessions.size(); start += perTransaction) {
        const int end = qMin(int(sessions.size()), start + perTransaction);
        auto r = m_store.batch([&]() -> Result<void> {
            if (bulk)
                return importBulk(start, end);
            for (int i = start; i < end; ++i)
                if (auto s = importSession(i); !s)
                    return s;
            return {};
        });
        if (!r)
            return r.error();
        if (progress && !progress(end, sessions.size()))
            return Error{ErrorCode::Conflict,
                         tr("The import was cancelled after %1 of %2 conversations; "
                            "importing the file again continues it.")
                             .arg(end)
                             .arg(sessions.size())};
    }
    qCInfo(lcChannels) << "imported" << options.room << summary.ticketsCreated << "tickets"
                       << summary.messagesAdded << "messages";
    return summary;
}

} // namespace hd::chat
