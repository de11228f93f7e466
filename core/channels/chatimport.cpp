// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/chatimport.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/channels/chatbulk.h"
#include "core/channels/chatrows.h"
#include "core/channels/chatuuid.h"
#include "core/storage/database.h"
#include "core/storage/directory.h"
#include "core/storage/searchindex.h"
#include "core/storage/ticketstore.h"
#include "core/workflow/slaservice.h"

#include <QHash>
#include <QSet>

#include <array>
#include <vector>

namespace hd::chat {

namespace {
constexpr int kSessionsPerTransaction = 200;
} // namespace

ChatImporter::ChatImporter(TicketStore &store, Directory &directory)
    : m_store(store)
    , m_directory(directory)
{ }

QString ChatImporter::messageUuid(Channel channel, const QString &room, const ChatRecord &r,
                                  int occurrence)
{
    char uuid[ChatUuids::kLength];
    ChatUuids(channel, room)
        .message(r.at.toMSecsSinceEpoch(), r.sender.toUtf8(), r.text.toUtf8(), occurrence, uuid);
    return QString::fromLatin1(uuid, ChatUuids::kLength);
}

Result<ChatImportSummary> ChatImporter::import(const ParsedChat &chat,
                                               const ChatImportOptions &options,
                                               const std::function<bool(qint64, qint64)> &progress)
{
    if (options.room.trimmed().isEmpty())
        return Error{ErrorCode::InvalidArgument,
                     tr("The conversation needs a name to be imported.")};
    // Bulk imports write past TicketStore, so nothing of them would reach the outbox of a
    // replica (and their ticket numbers would collide with the server's).
    if (m_store.journal())
        return Error{ErrorCode::InvalidArgument,
                     tr("This database is a replica of a team server: import chats on the "
                        "server (helpdesk-cli --db <server database> import ...), so that every "
                        "desktop gets them.")};
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
    std::vector<bool> covered(size_t(chat.records.size()), false);
    for (const Session &s : sessions)
        for (int i : s.records)
            covered[size_t(i)] = true;
    for (int i = 0; i < chat.records.size(); ++i)
        if (!covered[size_t(i)])
            summary.problems << ParseProblem{
                chat.records[i].firstLine, chat.records[i].text.left(200),
                tr("A system line outside any conversation; no ticket to keep it in.")};

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

    QList<QString> uuids; // message identities per record, for the careful path
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
            t.subject = detail::subjectOf(chat.records, s);
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

    const auto cancelled = [&](int done) {
        return Error{ErrorCode::Conflict,
                     tr("The import was cancelled after %1 of %2 conversations; "
                        "importing the file again continues it.")
                         .arg(done)
                         .arg(sessions.size())};
    };

    // First import of a room (the common case): no message can exist yet, so conversations are
    // written in bulk (chatbulk.h), with the same result as the careful path below (tested).
    auto roomKnown = db.scalar(
        QStringLiteral("SELECT 1 FROM tickets WHERE external_ref = ? LIMIT 1"), {externalRef});
    if (!roomKnown)
        return roomKnown.error();
    if (roomKnown->isNull() && !sessions.isEmpty()) {
        detail::NewRoom room;
        room.chat = &chat;
        room.sessions = &sessions;
        room.options = &options;
        room.gapSeconds = so.gapSeconds;
        room.savedAt = savedAt;
        room.externalRef = externalRef;
        room.fallbackSubject = tr("Conversation on %1").arg(displayName(options.channel));
        // Everyone in the room, in the order the conversations name them.
        std::array<const QChar *, 16> known{}; // senders met last, by their shared string data
        auto people = m_store.batch([&]() -> Result<void> {
            for (const Session &s : sessions) {
                if (!s.requester.isEmpty() && !room.requesters.contains(s.requester)) {
                    auto c = customerFor(s.requester);
                    if (!c)
                        return c.error();
                    room.requesters.insert(s.requester, *c);
                }
                if (!s.assignee.isEmpty() && !room.assignees.contains(s.assignee)) {
                    auto a = agentFor(s.assignee);
                    if (!a)
                        return a.error();
                    room.assignees.insert(s.assignee, *a);
                }
                for (int i : s.records) {
                    const ChatRecord &r = chat.records[i];
                    const QChar *data = r.sender.constData();
                    const size_t slot = (quintptr(data) >> 4) % known.size();
                    if (r.kind != RecordKind::Message || known[slot] == data)
                        continue;
                    if (!room.authors.contains(r.sender)) {
                        auto author = authorOf(r);
                        if (!author)
                            return author.error();
                        room.authors.insert(r.sender,
                                            {author->kind, author->agent, author->customer});
                    }
                    known[slot] = data;
                }
            }
            return {};
        });
        if (!people)
            return people.error();
        int written = 0;
        if (auto r = detail::importNewRoom(m_store, room, summary, progress, &written); !r)
            return r.error();
        if (written < sessions.size())
            return cancelled(written);
        qCInfo(lcChannels) << "imported" << options.room << summary.ticketsCreated << "tickets"
                           << summary.messagesAdded << "messages";
        return summary;
    }

    // Stable identities: identical (time, sender, text) records are told apart by occurrence.
    {
        ChatUuids ids(options.channel, options.room);
        QHash<QString, int> seen;
        uuids.resize(chat.records.size());
        char uuid[ChatUuids::kLength];
        for (int i = 0; i < chat.records.size(); ++i) {
            const ChatRecord &r = chat.records[i];
            const QString key = QString::number(r.at.toMSecsSinceEpoch()) + QLatin1Char('\x1f')
                + r.sender + QLatin1Char('\x1f') + r.text;
            ids.message(r.at.toMSecsSinceEpoch(), r.sender.toUtf8(), r.text.toUtf8(), seen[key]++,
                        uuid);
            uuids[i] = QString::fromLatin1(uuid, ChatUuids::kLength);
        }
    }
    for (int start = 0; start < sessions.size(); start += kSessionsPerTransaction) {
        const int end = qMin(int(sessions.size()), start + kSessionsPerTransaction);
        auto r = m_store.batch([&]() -> Result<void> {
            for (int i = start; i < end; ++i)
                if (auto s = importSession(i); !s)
                    return s;
            return {};
        });
        if (!r)
            return r.error();
        if (progress && !progress(end, sessions.size()))
            return cancelled(end);
    }
    qCInfo(lcChannels) << "imported" << options.room << summary.ticketsCreated << "tickets"
                       << summary.messagesAdded << "messages";
    return summary;
}

} // namespace hd::chat
