// SPDX-License-Identifier: GPL-3.0-or-later
// helpdesk-cli import kakao|channeltalk PATH [--gap MINUTES] [--agent NAME]... [--tz ZONE] [--room
// NAME]
#include "app/cli/commands.h"
#include "app/cli/session.h"
#include "core/channels/channeltalk.h"
#include "core/channels/chatimport.h"
#include "core/channels/csvimport.h"
#include "core/channels/kakaoparser.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

namespace hd::cli {

namespace {

QJsonObject summaryJson(const chat::ChatImportSummary &s, const QString &format)
{
    QJsonArray problems;
    for (const chat::ParseProblem &p : s.problems)
        problems.append(QJsonObject{{QStringLiteral("line"), p.line},
                                    {QStringLiteral("text"), p.text},
                                    {QStringLiteral("reason"), p.reason}});
    return QJsonObject{{QStringLiteral("format"), format},
                       {QStringLiteral("tickets_created"), s.ticketsCreated},
                       {QStringLiteral("tickets_continued"), s.ticketsContinued},
                       {QStringLiteral("messages_added"), s.messagesAdded},
                       {QStringLiteral("messages_skipped"), s.messagesSkipped},
                       {QStringLiteral("system_events"), s.systemEvents},
                       {QStringLiteral("lines"), s.linesRead},
                       {QStringLiteral("header_lines"), s.headerLines},
                       {QStringLiteral("problems"), problems}};
}

void add(chat::ChatImportSummary &total, const chat::ChatImportSummary &s)
{
    total.ticketsCreated += s.ticketsCreated;
    total.ticketsContinued += s.ticketsContinued;
    total.messagesAdded += s.messagesAdded;
    total.messagesSkipped += s.messagesSkipped;
    total.systemEvents += s.systemEvents;
    total.problems << s.problems;
    total.ticketIds << s.ticketIds;
}

} // namespace

int runImport(Context &ctx)
{
    QCommandLineParser p;
    int rc = Ok;
    const QCommandLineOption gap(
        QStringLiteral("gap"),
        HelpdeskCli::tr("A pause longer than MINUTES starts a new ticket (default 30)."),
        QStringLiteral("MINUTES"));
    const QCommandLineOption maxOpen(
        QStringLiteral("max-open"),
        HelpdeskCli::tr("ChannelTalk: split a chat open longer than HOURS (default 24)."),
        QStringLiteral("HOURS"));
    const QCommandLineOption agent(QStringLiteral("agent"),
                                   HelpdeskCli::tr("A sender on the business side (repeatable)."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption tz(
        QStringLiteral("tz"),
        HelpdeskCli::tr("Time zone of the export's times (default: this machine's)."),
        QStringLiteral("ZONE"));
    const QCommandLineOption room(
        QStringLiteral("room"),
        HelpdeskCli::tr("Name of the conversation (default: the export's title or file name)."),
        QStringLiteral("NAME"));
    const QCommandLineOption map(
        QStringLiteral("map"),
        HelpdeskCli::tr("CSV: which columns hold what, e.g. "
                        "time=Date,sender=User,text=Message,conversation=Room,role=Role."),
        QStringLiteral("SPEC"));
    const QCommandLineOption timeFormat(
        QStringLiteral("time-format"),
        HelpdeskCli::tr("CSV: a time format such as 'yyyy-MM-dd HH:mm' (repeatable)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption channel(
        QStringLiteral("channel"),
        HelpdeskCli::tr("CSV: the channel of the conversations (default web)."),
        QStringLiteral("C"));
    if (!parse(ctx, p, {gap, maxOpen, agent, tz, room, map, timeFormat, channel},
               QStringLiteral("kakao|channeltalk|csv PATH"), 2, 2, &rc))
        return rc;
    const QString kind = p.positionalArguments().at(0);
    const QString path = p.positionalArguments().at(1);
    if (kind != QLatin1String("kakao") && kind != QLatin1String("channeltalk")
        && kind != QLatin1String("csv"))
        return fail(
            ctx,
            HelpdeskCli::tr("Unknown import type '%1'; use kakao, channeltalk or csv.").arg(kind));
    bool ok = true;
    chat::ChatImportOptions o;
    o.sessions.gapSeconds = p.isSet(gap) ? qint64(p.value(gap).toDouble(&ok) * 60) : 30 * 60;
    if (!ok || o.sessions.gapSeconds < 0)
        return fail(
            ctx, HelpdeskCli::tr("--gap needs a number of minutes, not '%1'.").arg(p.value(gap)));
    o.agents = p.values(agent);
    QTimeZone zone = QTimeZone::systemTimeZone();
    if (p.isSet(tz)) {
        zone = QTimeZone(p.value(tz).toUtf8());
        if (!zone.isValid())
            return fail(
                ctx,
                HelpdeskCli::tr("Unknown time zone '%1' (use e.g. Asia/Seoul).").arg(p.value(tz)));
    }
    if (!QFileInfo(path).isFile())
        return fail(ctx, HelpdeskCli::tr("'%1' is not a readable file.").arg(path));

    auto s = Session::open(p);
    if (!s)
        return failWith(ctx, s.error());
    chat::ChatImporter importer(*(*s)->store, *(*s)->directory);
    const bool json = wantsJson(p);
    auto progress = [&](qint64 done, qint64 total) {
        if (!json)
            ctx.err << '\r'
                    << HelpdeskCli::tr("importing: %1 / %2 conversations").arg(done).arg(total)
                    << Qt::flush;
        return true;
    };

    chat::ChatImportSummary total;
    QString format;
    if (kind == QLatin1String("csv")) {
        if (!p.isSet(map))
            return fail(
                ctx,
                HelpdeskCli::tr(
                    "--map is required for CSV, e.g. --map time=Date,sender=User,text=Message."));
        auto mapping = chat::CsvMapping::parse(p.value(map));
        if (!mapping)
            return failWith(ctx, mapping.error());
        mapping->timeZone = zone;
        if (p.isSet(timeFormat))
            mapping->timeFormats = p.values(timeFormat);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(ctx, HelpdeskCli::tr("Cannot read '%1': %2").arg(path, file.errorString()));
        auto conversations = chat::CsvChatReader::read(file.readAll(), *mapping);
        if (!conversations)
            return failWith(ctx, conversations.error());
        format = QStringLiteral("csv");
        o.channel = Channel::Web;
        if (p.isSet(channel)) {
            const auto c = parseChannel(p.value(channel));
            if (!c)
                return fail(ctx,
                            HelpdeskCli::tr("Unknown channel '%1'; use one of: %2.")
                                .arg(p.value(channel), channelNames()));
            o.channel = *c;
        }
        const QString base = p.isSet(room) ? p.value(room) : QFileInfo(path).completeBaseName();
        const QStringList agents = o.agents;
        for (const chat::CsvConversation &c : *conversations) {
            o.room = c.key.isEmpty() ? base : QString(base + QLatin1Char(':') + c.key);
            o.agents = agents + c.agents;
            o.savedAt = (*s)->clock.now();
            auto r = importer.import(c.chat, o, progress);
            if (!r)
                return failWith(ctx, r.error());
            add(total, *r);
            total.linesRead += r->linesRead;
            total.headerLines += r->headerLines;
        }
    } else if (kind == QLatin1String("kakao")) {
        chat::KakaoOptions ko;
        ko.timeZone = zone;
        auto parsed = chat::KakaoParser::parseFile(path, ko);
        if (!parsed)
            return failWith(ctx, parsed.error());
        format = parsed->format;
        o.channel = Channel::ChatKakao;
        o.room = p.isSet(room) ? p.value(room)
                               : (parsed->roomTitle.isEmpty() ? QFileInfo(path).completeBaseName()
                                                              : parsed->roomTitle);
        o.savedAt = parsed->savedAt;
        auto r = importer.import(*parsed, o, progress);
        if (!r)
            return failWith(ctx, r.error());
        total = *r;
    } else {
        bool hoursOk = true;
        const double hours = p.isSet(maxOpen) ? p.value(maxOpen).toDouble(&hoursOk) : 24.0;
        if (!hoursOk || hours < 0)
            return fail(ctx,
                        HelpdeskCli::tr("--max-open needs a number of hours, not '%1'.")
                            .arg(p.value(maxOpen)));
        auto parsed = chat::ChannelTalkParser::parseFile(path);
        if (!parsed)
            return failWith(ctx, parsed.error());
        format = QStringLiteral("channeltalk-v5");
        o.channel = Channel::ChatChannelTalk;
        o.sessions.maxSessionSeconds = qint64(hours * 3600);
        for (auto it = parsed->people.cbegin(); it != parsed->people.cend(); ++it) {
            o.senderNames.insert(it.key(), it->name.isEmpty() ? it.key() : it->name);
            if (it->kind != chat::ChannelTalkPerson::Kind::User)
                o.sessions.businessSenders.insert(it.key());
        }
        total.problems = parsed->problems;
        for (const chat::ChannelTalkChat &c : parsed->chats) {
            chat::ParsedChat one;
            one.format = format;
            one.records = c.messages;
            one.totalLines = int(c.messages.size());
            for (int i = 0; i < c.messages.size(); ++i)
                if (c.senderKinds.value(i) != QLatin1String("user"))
                    o.sessions.businessSenders.insert(c.messages[i].sender);
            o.room = c.id;
            o.savedAt = c.closedAt.isValid() ? c.closedAt.addDays(365) : (*s)->clock.now();
            auto r = importer.import(one, o, progress);
            if (!r)
                return failWith(ctx, r.error());
            add(total, *r);
            total.linesRead += r->linesRead;
        }
    }
    if (!json)
        ctx.err << '\n';
    if (json) {
        printJson(ctx, QJsonDocument(summaryJson(total, format)));
        return Ok;
    }
    ctx.out << HelpdeskCli::tr(
                   "%1: %2 tickets created, %3 continued, %4 messages added, %5 already there, "
                   "%6 system lines, %7 problems.")
                   .arg(format)
                   .arg(total.ticketsCreated)
                   .arg(total.ticketsContinued)
                   .arg(total.messagesAdded)
                   .arg(total.messagesSkipped)
                   .arg(total.systemEvents)
                   .arg(total.problems.size())
            << '\n';
    for (const chat::ParseProblem &pr : std::as_const(total.problems))
        ctx.out << HelpdeskCli::tr("  line %1: %2 (%3)").arg(pr.line).arg(pr.reason, pr.text)
                << '\n';
    return Ok;
}

} // namespace hd::cli
