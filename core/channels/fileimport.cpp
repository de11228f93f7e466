// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/channels/fileimport.h"

#include "core/base/clock.h"
#include "core/channels/fileimportread.h"
#include "core/channels/sessionizer.h"
#include "core/storage/database.h"
#include "core/storage/ticketstore.h"

#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace hd::chat {

using fileimport::isCancelled;
using fileimport::Loaded;

namespace {

void add(ChatImportSummary &total, const ChatImportSummary &s)
{
    total.ticketsCreated += s.ticketsCreated;
    total.ticketsContinued += s.ticketsContinued;
    total.messagesAdded += s.messagesAdded;
    total.messagesSkipped += s.messagesSkipped;
    total.systemEvents += s.systemEvents;
    total.problems << s.problems;
    total.ticketIds << s.ticketIds;
}

/// One call of ChatImporter: a conversation with its options, and how to add up its summary.
struct Job
{
    ParsedChat chat;
    ChatImportOptions options;
    enum class Sum { Whole, LinesAndHeader, Lines } sum = Sum::Whole;
    qint64 sessions = 0;
};

/// The conversations of a file in import order, as `helpdesk-cli import` has always cut them.
QList<Job> jobsFor(Loaded &loaded, const FileImportRequest &request, const Clock &clock,
                   ChatImportSummary &total)
{
    ChatImportOptions o;
    o.sessions.gapSeconds = request.gapSeconds;
    o.agents = request.agents;
    QList<Job> jobs;
    const QString fileName = QFileInfo(request.path).completeBaseName();
    if (loaded.kind == ImportKind::Kakao) {
        o.channel = Channel::ChatKakao;
        o.room = !request.room.isEmpty()
            ? request.room
            : (loaded.kakao.roomTitle.isEmpty() ? fileName : loaded.kakao.roomTitle);
        o.savedAt = loaded.kakao.savedAt;
        jobs.append(Job{std::move(loaded.kakao), o, Job::Sum::Whole});
    } else if (loaded.kind == ImportKind::Csv) {
        o.channel = request.csvChannel;
        const QString base = !request.room.isEmpty() ? request.room : fileName;
        for (CsvConversation &c : loaded.csv) {
            o.room = c.key.isEmpty() ? base : QString(base + QLatin1Char(':') + c.key);
            o.agents = request.agents + c.agents;
            o.savedAt = clock.now();
            jobs.append(Job{std::move(c.chat), o, Job::Sum::LinesAndHeader});
        }
    } else {
        const ChannelTalkExport &ct = loaded.channelTalk;
        o.channel = Channel::ChatChannelTalk;
        o.sessions.maxSessionSeconds = qint64(request.maxOpenHours * 3600);
        for (auto it = ct.people.cbegin(); it != ct.people.cend(); ++it) {
            o.senderNames.insert(it.key(), it->name.isEmpty() ? it.key() : it->name);
            if (it->kind != ChannelTalkPerson::Kind::User)
                o.sessions.businessSenders.insert(it.key());
        }
        total.problems = ct.problems;
        for (const ChannelTalkChat &c : ct.chats) {
            ParsedChat one;
            one.format = loaded.format;
            one.records = c.messages;
            one.totalLines = int(c.messages.size());
            // Senders known as managers or bots by now are on the business side from here on.
            for (int i = 0; i < c.messages.size(); ++i)
                if (c.senderKinds.value(i) != QLatin1String("user"))
                    o.sessions.businessSenders.insert(c.messages[i].sender);
            o.room = c.id;
            o.savedAt = c.closedAt.isValid() ? c.closedAt.addDays(365) : clock.now();
            jobs.append(Job{std::move(one), o, Job::Sum::Lines});
        }
    }
    for (Job &j : jobs)
        j.sessions = sessionize(j.chat.records, j.options.sessions).size();
    return jobs;
}

/// What a room holds: its tickets carry "<channel>:<room>" as external reference.
struct RoomCounts
{
    qint64 tickets = 0;
    RowId maxId = 0;
    qint64 messages = 0;
    qint64 system = 0;
};

QString roomRef(const ChatImportOptions &o)
{
    return wireName(o.channel) + QLatin1Char(':') + o.room;
}

Result<RoomCounts> roomCounts(Database &db, const QString &ref)
{
    RoomCounts c;
    auto t = db.exec(QStringLiteral("SELECT count(*), coalesce(max(id), 0) FROM tickets "
                                    "WHERE external_ref = ?"),
                     {ref});
    if (!t)
        return t.error();
    if (t->next()) {
        c.tickets = t->value(0).toLongLong();
        c.maxId = t->value(1).toLongLong();
    }
    t->finish();
    if (c.tickets == 0)
        return c;
    auto m = db.exec(QStringLiteral("SELECT count(*), coalesce(sum(author_kind = 'system'), 0) "
                                    "FROM messages WHERE ticket_id IN "
                                    "(SELECT id FROM tickets WHERE external_ref = ?)"),
                     {ref});
    if (!m)
        return m.error();
    if (m->next()) {
        c.system = m->value(1).toLongLong();
        c.messages = m->value(0).toLongLong() - c.system;
    }
    m->finish();
    return c;
}

/// Adds what an interrupted ChatImporter call committed, read back from the database (the
/// importer reports nothing when cancelled).
Result<void> addInterrupted(Database &db, const Job &j, const RoomCounts &before,
                            ChatImportSummary &total)
{
    const QString ref = roomRef(j.options);
    auto after = roomCounts(db, ref);
    if (!after)
        return after.error();
    total.ticketsCreated += int(after->tickets - before.tickets);
    total.messagesAdded += int(after->messages - before.messages);
    total.systemEvents += int(after->system - before.system);
    total.problems << j.chat.problems;
    total.linesRead += j.chat.totalLines;
    if (j.sum != Job::Sum::Lines)
        total.headerLines += j.chat.headerLines;
    auto ids = db.exec(
        QStringLiteral("SELECT id FROM tickets WHERE external_ref = ? AND id > ? ORDER BY id"),
        {ref, before.maxId});
    if (!ids)
        return ids.error();
    while (ids->next())
        total.ticketIds << ids->value(0).toLongLong();
    return {};
}

} // namespace

Result<FileImportResult> importFile(TicketStore &store, Directory &directory, const Clock &clock,
                                    const FileImportRequest &request,
                                    const ImportProgress &progress, const std::atomic_bool *cancel)
{
    if (request.gapSeconds < 0 || request.maxOpenHours < 0)
        return Error{ErrorCode::InvalidArgument,
                     FileImporter::tr("The pause and the longest open time cannot be negative.")};
    FileImportResult result;
    auto loaded = fileimport::load(request.path, request.kind, request.csvMapping, request.zone,
                                   progress, cancel);
    if (!loaded) {
        if (isCancelled(cancel) && loaded.errorCode() == ErrorCode::Conflict) {
            result.cancelled = true;
            return result;
        }
        return loaded.error();
    }
    result.kind = loaded->kind;
    result.format = loaded->format;
    ChatImportSummary &total = result.summary;
    const QList<Job> jobs = jobsFor(loaded.value(), request, clock, total);
    for (const Job &j : jobs)
        result.conversationsTotal += j.sessions;

    auto report = [&](qint64 done) {
        result.conversationsDone = done;
        if (progress)
            progress(ImportPhase::Importing, done, result.conversationsTotal);
        return !isCancelled(cancel);
    };
    if (!report(0)) {
        result.cancelled = true;
        return result;
    }
    ChatImporter importer(store, directory);
    qint64 offset = 0;
    Database &db = store.database();
    for (const Job &j : jobs) {
        auto before = roomCounts(db, roomRef(j.options));
        if (!before)
            return before.error();
        auto r = importer.import(j.chat, j.options,
                                 [&](qint64 done, qint64) { return report(offset + done); });
        if (!r) {
            if (isCancelled(cancel) && r.errorCode() == ErrorCode::Conflict) {
                result.cancelled = true;
                if (auto added = addInterrupted(db, j, *before, total); !added)
                    return added.error();
                return result;
            }
            return r.error();
        }
        if (j.sum == Job::Sum::Whole) {
            total = *r;
        } else {
            add(total, *r);
            total.linesRead += r->linesRead;
            if (j.sum == Job::Sum::LinesAndHeader)
                total.headerLines += r->headerLines;
        }
        offset += j.sessions;
        if (!report(offset)) {
            result.cancelled = offset < result.conversationsTotal;
            if (result.cancelled)
                return result;
        }
    }
    return result;
}

Result<FilePreview> previewFile(const QString &path, ImportKind kind,
                                const std::optional<CsvMapping> &csvMapping,
                                const ImportProgress &progress, const std::atomic_bool *cancel)
{
    auto loaded = fileimport::load(path, kind, csvMapping, QTimeZone::utc(), progress, cancel);
    if (!loaded)
        return loaded.error();
    FilePreview p;
    p.kind = loaded->kind;
    p.format = loaded->format;
    QHash<QString, int> index;
    auto count = [&](const QString &key, const QString &name, bool business) {
        auto it = index.constFind(key);
        if (it == index.constEnd()) {
            it = index.insert(key, int(p.senders.size()));
            p.senders.append(PreviewSender{key, name.isEmpty() ? key : name, 0, false});
        }
        PreviewSender &s = p.senders[*it];
        ++s.messages;
        s.business = s.business || business;
        ++p.messages;
    };
    const QSet<QString> &me = SessionizerOptions::exportingUserNames();
    if (p.kind == ImportKind::Kakao) {
        const ParsedChat &c = loaded->kakao;
        p.roomTitle = c.roomTitle;
        p.lines = c.totalLines;
        p.problems = int(c.problems.size());
        p.conversations = 1;
        for (const ChatRecord &r : c.records)
            if (r.kind == RecordKind::Message)
                count(r.sender, r.sender, me.contains(r.sender));
    } else if (p.kind == ImportKind::ChannelTalk) {
        const ChannelTalkExport &ct = loaded->channelTalk;
        p.problems = int(ct.problems.size());
        p.conversations = int(ct.chats.size());
        for (const ChannelTalkChat &c : ct.chats) {
            p.lines += int(c.messages.size());
            for (int i = 0; i < c.messages.size(); ++i) {
                const ChatRecord &r = c.messages[i];
                if (r.kind != RecordKind::Message)
                    continue;
                const auto person = ct.people.constFind(r.sender);
                const bool staff = c.senderKinds.value(i) != QLatin1String("user")
                    || (person != ct.people.constEnd()
                        && person->kind != ChannelTalkPerson::Kind::User);
                count(r.sender, person != ct.people.constEnd() ? person->name : QString(), staff);
            }
        }
    } else {
        p.csvMapping = loaded->mapping;
        p.conversations = int(loaded->csv.size());
        for (const CsvConversation &c : loaded->csv) {
            p.lines += c.chat.totalLines + c.chat.headerLines;
            p.problems += int(c.chat.problems.size());
            for (const ChatRecord &r : c.chat.records)
                if (r.kind == RecordKind::Message)
                    count(r.sender, r.sender, c.agents.contains(r.sender));
        }
    }
    std::stable_sort(
        p.senders.begin(), p.senders.end(),
        [](const PreviewSender &a, const PreviewSender &b) { return a.messages > b.messages; });
    return p;
}

} // namespace hd::chat
