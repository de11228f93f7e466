// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/chatrows.h"

#include "core/storage/searchtext.h"

namespace hd::chat::detail {

namespace {

QByteArray utf8(const QString &s)
{
    return s.toUtf8();
}

/// FNV-1a over the identity key of a record before its occurrence: time, sender and text as
/// the careful path joins them ("<ms>\x1f<sender>\x1f<text>").
quint64 sameKeyHash(qint64 ms, const ChatRecord &r)
{
    quint64 h = 14695981039346656037ULL ^ quint64(ms);
    const auto mix = [&h](char16_t u) {
        h = (h ^ u) * 1099511628211ULL;
    };
    for (const QChar c : r.sender)
        mix(c.unicode());
    mix(0x1f);
    for (const QChar c : r.text)
        mix(c.unicode());
    return h;
}

bool sameKey(const ChatRecord &a, const ChatRecord &b)
{
    if (a.at.toMSecsSinceEpoch() != b.at.toMSecsSinceEpoch()
        || a.sender.size() + a.text.size() != b.sender.size() + b.text.size())
        return false;
    // Compare "<sender>\x1f<text>" without building it.
    const QString joinedA = a.sender + QChar(0x1f) + a.text;
    return joinedA == QString(b.sender + QChar(0x1f) + b.text);
}

void integerOrNull(RowBuffer &b, const QDateTime &t)
{
    if (t.isValid())
        b.integer(t.toMSecsSinceEpoch());
    else
        b.null();
}

} // namespace

QString subjectOf(const QList<ChatRecord> &records, const Session &s)
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

const QString &RoomChunk::ticketsHead()
{
    static const QString head = QStringLiteral(
        "INSERT OR FAIL INTO tickets(id, uuid, number, subject, description, channel, direction, "
        "status, "
        "priority, requester_id, assignee_id, created_at, updated_at, first_response_at, "
        "solved_at, closed_at, external_ref, requester_sort, assignee_sort)");
    return head;
}

const QString &RoomChunk::messagesHead()
{
    static const QString head = QStringLiteral(
        "INSERT OR FAIL INTO messages(uuid, ticket_id, author_kind, author_agent_id, "
        "author_customer_id, visibility, body, created_at)");
    return head;
}

const QString &RoomChunk::eventsHead()
{
    static const QString head = QStringLiteral("INSERT OR FAIL INTO events(ticket_id, kind, "
                                               "actor_kind, actor_id, at, old_value, new_value)");
    return head;
}

const QString &RoomChunk::searchHead()
{
    static const QString head = QStringLiteral("INSERT INTO ticket_search(rowid, pub, internal)");
    return head;
}

RoomRowBuilder::RoomRowBuilder(const NewRoom &room)
    : m_room(room)
    , m_uuids(room.options->channel, room.options->room)
    , m_occurrence(size_t(room.chat->records.size()), 0)
    , m_kind{utf8(wireName(AuthorKind::System)), utf8(wireName(AuthorKind::Agent)),
             utf8(wireName(AuthorKind::Customer))}
    , m_visibility{utf8(wireName(Visibility::Public)), utf8(wireName(Visibility::Internal))}
    , m_status{"new", "assigned", "solved", "closed"}
    , m_event{utf8(wireName(EventKind::Created)), utf8(wireName(EventKind::Assignee)),
              utf8(wireName(EventKind::Status))}
    , m_system(utf8(wireName(AuthorKind::System)))
    , m_channel(utf8(wireName(room.options->channel)))
    , m_externalRef(utf8(room.externalRef))
{ }

const RoomRowBuilder::Sender &RoomRowBuilder::sender(const QString &name)
{
    // Parsers share one string per sender: remember senders by their string data.
    const auto key = quintptr(name.constData());
    Sender &s = m_senders[(key >> 4) % m_senders.size()];
    if (s.data != key || s.size != name.size()) {
        s.data = key;
        s.size = name.size();
        s.utf8 = name.toUtf8();
        s.author = m_room.authors.value(name);
    }
    return s;
}

int RoomRowBuilder::occurrence(int record)
{
    // Identical (time, sender, text) records are told apart by how many came before them in the
    // export, so the count runs over the records in file order, whatever order they are built in.
    const QList<ChatRecord> &records = m_room.chat->records;
    for (; m_counted <= record; ++m_counted) {
        const ChatRecord &r = records[m_counted];
        const qint64 ms = r.at.toMSecsSinceEpoch();
        const quint64 h = sameKeyHash(ms, r);
        auto it = m_seen.find(h);
        if (it == m_seen.end()) {
            m_seen.insert(h, Seen{m_counted, 1});
            m_occurrence[size_t(m_counted)] = 0;
        } else if (sameKey(records[it->first], r)) {
            m_occurrence[size_t(m_counted)] = it->count++;
        } else { // another key with the same 64-bit hash
            const QString exact
                = QString::number(ms) + QChar(0x1f) + r.sender + QChar(0x1f) + r.text;
            m_occurrence[size_t(m_counted)] = m_collided[exact]++;
        }
    }
    return m_occurrence[size_t(record)];
}

RoomChunk RoomRowBuilder::build(int fromSession, int toSession)
{
    RoomChunk c;
    qsizetype records = 0;
    for (int i = fromSession; i < toSession; ++i)
        records += (*m_room.sessions)[i].records.size();
    const qsizetype tickets = toSession - fromSession;
    c.messages.reserve(records, records * 160);
    c.tickets.reserve(tickets, tickets * 200);
    c.events.reserve(tickets * 4, tickets * 40);
    c.search.reserve(tickets, records * 120);
    for (int i = fromSession; i < toSession; ++i)
        session(i, i - fromSession, c);
    c.ticketCount = int(tickets);
    return c;
}

void RoomRowBuilder::session(int index, int local, RoomChunk &c)
{
    const QList<ChatRecord> &records = m_room.chat->records;
    const Session &s = (*m_room.sessions)[index];
    const ChatImportOptions &options = *m_room.options;
    const bool last = index == m_room.sessions->size() - 1;
    const bool over = !last || s.lastAt.secsTo(m_room.savedAt) > m_room.gapSeconds;
    const RowId requester = s.requester.isEmpty() ? 0 : m_room.requesters.value(s.requester);
    const RowId assignee = s.assignee.isEmpty() ? 0 : m_room.assignees.value(s.assignee);
    QString subject = subjectOf(records, s);
    if (subject.isEmpty())
        subject = m_room.fallbackSubject;

    // Messages, and the search document (subject and public messages | internal notes).
    m_pub.clear();
    m_internal.clear();
    appendSearchTokens(subject, &m_pub);
    char firstUuid[ChatUuids::kLength] = {};
    char uuid[ChatUuids::kLength];
    QString description;
    bool haveDescription = false;
    for (int k = 0; k < s.records.size(); ++k) {
        const int i = s.records[k];
        const ChatRecord &r = records[i];
        const Sender &from = sender(r.sender);
        m_text.clear();
        appendUtf8(r.text, &m_text);
        m_uuids.message(r.at.toMSecsSinceEpoch(), from.utf8, m_text, occurrence(i), uuid);
        if (k == 0)
            memcpy(firstUuid, uuid, sizeof uuid);
        const bool systemLine = r.kind != RecordKind::Message;
        const Author author = systemLine ? Author{} : from.author;
        c.messages.utf8(QByteArrayView(uuid, sizeof uuid));
        c.messages.integer(local);
        c.messages.utf8(m_kind[int(author.kind == AuthorKind::Agent)
                               + 2 * int(author.kind == AuthorKind::Customer)]);
        c.messages.integerOrNull(author.agent);
        c.messages.integerOrNull(author.customer);
        c.messages.utf8(m_visibility[systemLine ? 1 : 0]);
        if (systemLine && !r.sender.isEmpty()) {
            // System lines keep their sender in the body: "<sender>: <text>".
            c.messages.beginText();
            c.messages.buffer().append(from.utf8).append(": ").append(m_text);
            c.messages.endText();
            appendSearchTokens(QString(r.sender + QStringLiteral(": ") + r.text), &m_internal);
        } else {
            c.messages.utf8(m_text);
            appendSearchTokens(r.text, systemLine ? &m_internal : &m_pub);
        }
        integerOrNull(c.messages, r.at);
        if (systemLine) {
            ++c.systemEvents;
        } else {
            ++c.messagesAdded;
            if (!haveDescription) {
                description = r.text.left(2000);
                haveDescription = true;
            }
        }
    }

    const int status = over ? 3 : (assignee ? 1 : 0);
    c.tickets.integer(local);
    m_uuids.ticket(QByteArrayView(firstUuid, sizeof firstUuid), uuid);
    c.tickets.utf8(QByteArrayView(uuid, sizeof uuid));
    c.tickets.integer(local);
    c.tickets.text(subject);
    c.tickets.text(description);
    c.tickets.utf8(m_channel);
    c.tickets.text(wireName(s.direction));
    c.tickets.utf8(m_status[status]);
    c.tickets.integer(int(Priority::Normal));
    c.tickets.integerOrNull(requester);
    c.tickets.integerOrNull(assignee);
    integerOrNull(c.tickets, s.createdAt);
    integerOrNull(c.tickets, s.lastAt);
    integerOrNull(c.tickets, s.firstResponseAt);
    for (int k = 0; k < 2; ++k) // solved_at, closed_at
        over ? integerOrNull(c.tickets, s.lastAt) : c.tickets.null();
    c.tickets.utf8(m_externalRef);
    c.tickets.text(options.senderNames.value(s.requester, s.requester).toLower());
    c.tickets.text(assignee ? options.senderNames.value(s.assignee, s.assignee).toLower()
                            : QString());

    // The same history the careful path writes: created, assignment, solved, closed.
    auto event = [&](int kind, const QDateTime &at, int oldStatus, int newStatus) {
        c.events.integer(local);
        c.events.utf8(m_event[kind]);
        c.events.utf8(m_system);
        c.events.null();
        integerOrNull(c.events, at);
        oldStatus < 0 ? c.events.null() : c.events.utf8(m_status[oldStatus]);
        if (kind == 1)
            c.events.integer(assignee); // stored as text by the column's affinity
        else
            c.events.utf8(m_status[newStatus]);
    };
    int now = 0;
    event(0, s.createdAt, -1, now);
    if (assignee) {
        const QDateTime at = s.firstResponseAt.isValid() ? s.firstResponseAt : s.createdAt;
        event(1, at, -1, -1);
        event(2, at, now, 1);
        now = 1;
    }
    if (over) {
        event(2, s.lastAt, now, 2);
        event(2, s.lastAt, 2, 3);
    } else {
        c.stillOpen << local;
    }

    c.search.integer(local);
    c.search.utf8(m_pub);
    c.search.utf8(m_internal);
}

} // namespace hd::chat::detail
